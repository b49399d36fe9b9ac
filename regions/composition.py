"""Is a Werkbedrijf's minimum composition met? (pure: standard library only)

The Werkbedrijf is formed by at least the municipalities, UWV, employers' organisations and
employees' organisations, and it has a chair (DOMAIN.md, "Werkbedrijf"). SW-bedrijf, education
and others are optional.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

REQUIRED_KINDS: tuple[str, ...] = ("gemeente", "uwv", "werkgevers", "werknemers")


@dataclass(frozen=True)
class Composition:
    missing_kinds: tuple[str, ...]
    has_chair: bool

    @property
    def is_met(self) -> bool:
        return not self.missing_kinds and self.has_chair


def composition_check(
    *, member_kinds: Iterable[str], representative_roles: Iterable[str]
) -> Composition:
    """Check the minimum composition from the active members and representatives.

    1. Collect the kinds of the members active today.
    2. Every required kind not among them is missing, in the order of ``REQUIRED_KINDS``.
    3. The chair is present when an active representative has the role ``chair``.
    """
    present = set(member_kinds)
    missing = tuple(kind for kind in REQUIRED_KINDS if kind not in present)
    return Composition(missing_kinds=missing, has_chair="chair" in set(representative_roles))
