"""A readable word-level diff of two texts (pure: standard library only)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    op: str  # "same", "added" or "removed"
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """Split both texts into words and whitespace and mark what was removed and added.

    1. Tokenise into runs of whitespace and runs of other characters (so layout survives).
    2. Match the token lists with ``difflib.SequenceMatcher`` (no junk heuristic).
    3. Emit equal runs as "same", deletions as "removed", insertions as "added"; a replacement
       is a removal followed by an addition.
    """
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return pieces
