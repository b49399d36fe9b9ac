"""Guards for free text that must never hold a BSN (the candidate reference, the job, the
workplace, the motivation and the task descriptions of an assessment).

A BSN is 9 digits (an old 8-digit one is the same number with a leading zero) that passes the
11-proef. People write it as ``123456782``, ``123 456 782``, ``123.456.782``, ``BSN123456782``
or in full-width digits (``１２３４５６７８２``); ``werkkamer.core.validators.holds_bsn`` finds
them (shared with the register's removal reason). The checksum is django-localflavor's (the
doelgroepregister app is not imported here on purpose).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from werkkamer.core.validators import holds_bsn, text_bsn_candidate, text_normalise_digits

__all__ = ["holds_bsn", "validate_no_bsn", "validate_pseudonym"]

_SEPARATORS_AND_LETTERS = re.compile(r"[\s.]|[^\W\d_]")

BSN_MESSAGE = _(
    "Dit veld lijkt een BSN te bevatten (een nummer van 8 of 9 cijfers dat aan de elfproef "
    "voldoet). Laat het nummer weg: een BSN hoort hier niet."
)


def validate_no_bsn(value: str) -> None:
    """Free text: refuse any number in it that passes the 11-proef. The message does not
    repeat the number."""
    if holds_bsn(value):
        raise ValidationError(BSN_MESSAGE, code="bsn")


def validate_pseudonym(value: str) -> None:
    """The candidate reference: a pseudonym, never a BSN or another person number. Refused: a
    bare 8 or 9 digit number (checksum or not), any number in it that passes the 11-proef, and
    what is left after stripping spaces, dots and letters when that passes the 11-proef."""
    normalised = text_normalise_digits(value)
    stripped = _SEPARATORS_AND_LETTERS.sub("", normalised)
    if (
        re.fullmatch(r"\d{8,9}", normalised.strip())
        or text_bsn_candidate(stripped)
        or holds_bsn(normalised)
    ):
        raise ValidationError(
            _("Gebruik een pseudoniem kenmerk, geen BSN of ander persoonsnummer."), code="bsn"
        )
