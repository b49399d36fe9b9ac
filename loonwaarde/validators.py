"""Guards for free text that must never hold a BSN (the candidate reference, the job, the
workplace, the motivation and the task descriptions of an assessment).

A BSN is 9 digits (an old 8-digit one is the same number with a leading zero) that passes the
11-proef. People write it as ``123456782``, ``123 456 782``, ``123.456.782``, ``BSN123456782``
or in full-width digits (``１２３４５６７８２``), so the text is NFKC-normalised first (other
decimal digits, such as Arabic-Indic ones, become ASCII digits too) and digit
groups joined by one space, dot or hyphen are read as one number. The checksum is
django-localflavor's (the doelgroepregister app is not imported here on purpose).
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from localflavor.nl.validators import NLBSNFieldValidator

# Digit groups joined by a single space, dot or hyphen: "123 456 782", "1234.56.782".
_NUMBER = re.compile(r"\d+(?:[ .\-]\d+)*")
_SEPARATORS_AND_LETTERS = re.compile(r"[\s.]|[^\W\d_]")
_checksum = NLBSNFieldValidator()

BSN_MESSAGE = _(
    "Dit veld lijkt een BSN te bevatten (een nummer van 8 of 9 cijfers dat aan de elfproef "
    "voldoet). Laat het nummer weg: een BSN hoort hier niet."
)


def _is_bsn(digits: str) -> bool:
    if not (digits.isascii() and digits.isdigit() and len(digits) in (8, 9)):
        return False
    nine = digits.zfill(9)
    return int(nine) != 0 and _checksum.bsn_checksum_ok(nine)


def _numbers(text: str) -> list[str]:
    return [re.sub(r"\D", "", match) for match in _NUMBER.findall(text)]


def _normalise(text: str) -> str:
    """NFKC (full-width digits become ASCII), then every other decimal digit (Arabic-Indic...)
    as its ASCII digit."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def holds_bsn(text: str) -> bool:
    """True when ``text`` contains a number that may be a BSN (see the module docstring)."""
    normalised = _normalise(text)
    return any(_is_bsn(number) for number in _numbers(normalised))


def validate_no_bsn(value: str) -> None:
    """Free text: refuse any number in it that passes the 11-proef. The message does not
    repeat the number."""
    if holds_bsn(value):
        raise ValidationError(BSN_MESSAGE, code="bsn")


def validate_pseudonym(value: str) -> None:
    """The candidate reference: a pseudonym, never a BSN or another person number. Refused: a
    bare 8 or 9 digit number (checksum or not), any number in it that passes the 11-proef, and
    what is left after stripping spaces, dots and letters when that passes the 11-proef."""
    normalised = _normalise(value)
    stripped = _SEPARATORS_AND_LETTERS.sub("", normalised)
    if re.fullmatch(r"\d{8,9}", normalised.strip()) or _is_bsn(stripped) or holds_bsn(normalised):
        raise ValidationError(
            _("Gebruik een pseudoniem kenmerk, geen BSN of ander persoonsnummer."), code="bsn"
        )
