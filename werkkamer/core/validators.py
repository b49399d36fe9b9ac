"""Bounds on free text (every expensive input has a bound).

A model's ``TextField`` has no length limit in the database; ``max_text`` gives it one that the
model's ``full_clean`` (and so every service and model form) enforces, with a Dutch message that
says how long the text is and how long it may be. The form re-renders with the user's input.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from localflavor.nl.validators import NLBSNFieldValidator

# The bounds used across the apps (characters).
NOTE_CHARS = 2_000  # a note, a reason, a summary
DECISION_CHARS = 10_000  # the text of a Werkbedrijf decision
PLAN_SECTION_CHARS = 20_000  # one section of a plan van aanpak (about seven printed pages)


@deconstructible
class MaxTextValidator(MaxLengthValidator):
    message = _(
        "Deze tekst is te lang: %(show_value)d tekens, terwijl er hoogstens %(limit_value)d "
        "mogen. Kort de tekst in; wat u typte staat er nog."
    )


def max_text(limit: int) -> list[MaxTextValidator]:
    """The validators for a free-text model field of at most ``limit`` characters."""
    return [MaxTextValidator(limit)]


# --- Free text that must never hold a BSN -----------------------------------------------------
# Digit groups joined by whitespace or by one dot, hyphen, slash or comma (spaces around it
# allowed): "123 456 782", "1234.56.782", "123 / 456 / 782", "123\t456\n782".
_DIGIT_GROUPS = re.compile(r"\d+(?:(?:\s+|\s?[.\-/,]\s?)\d+)*")
_bsn_checksum = NLBSNFieldValidator()


def text_normalise_digits(text: str) -> str:
    """NFKC (full-width, superscript and mathematical digits become ASCII), then every other
    decimal digit (Arabic-Indic...) as its ASCII digit."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def text_bsn_candidate(digits: str) -> bool:
    """8 or 9 ASCII digits that pass the 11-proef (8: a BSN that lost its leading zero)."""
    if not (digits.isascii() and digits.isdigit() and len(digits) in (8, 9)):
        return False
    nine = digits.zfill(9)
    return int(nine) != 0 and _bsn_checksum.bsn_checksum_ok(nine)


def holds_bsn(text: str) -> bool:
    """True when ``text`` holds a number that may be a BSN: any run of consecutive digit groups
    (see ``_DIGIT_GROUPS``) whose digits make 8 or 9 passing the 11-proef. Every run is tried,
    so a number in front ("kenmerk 12 123456782") does not hide the BSN behind it."""
    for match in _DIGIT_GROUPS.findall(text_normalise_digits(text)):
        groups = re.findall(r"\d+", match)
        for start in range(len(groups)):
            digits = ""
            for group in groups[start:]:
                digits += group
                if len(digits) > 9:
                    break
                if text_bsn_candidate(digits):
                    return True
    return False
