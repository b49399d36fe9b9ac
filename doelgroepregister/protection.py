"""BSN handling: normalise, validate (11-proef, django-localflavor) and the keyed hash.

A BSN is never stored, logged or shown; what is kept is HMAC-SHA256(key, bsn) in hex, with the
key from ``DOELGROEPREGISTER_BSN_KEY``. Without the key a hash cannot be turned back into a BSN
by trying all 10^9 numbers, which a plain SHA-256 would allow.
"""

from __future__ import annotations

import hmac
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from localflavor.nl.validators import NLBSNFieldValidator

_validator = NLBSNFieldValidator()
bsn_checksum_ok = _validator.bsn_checksum_ok  # the 11-proef on 9 ASCII digits
_SEPARATORS = str.maketrans("", "", " .-\u00a0")

INVALID_MESSAGE = _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en de 11-proef halen.")


def bsn_normalise(raw: object) -> str:
    """Digits only; a BSN of 8 digits (a lost leading zero, as spreadsheets do) gets it back."""
    if isinstance(raw, int):
        text = str(raw)
    elif isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    else:
        text = str(raw or "").translate(_SEPARATORS)
    if len(text) == 8 and text.isdigit():
        text = "0" + text
    return text


def bsn_clean(raw: object) -> str:
    """The normalised BSN, or ValidationError (code ``invalid``) without echoing the input."""
    bsn = bsn_normalise(raw)
    try:
        _validator(bsn)
    except ValidationError:
        raise ValidationError(INVALID_MESSAGE, code="invalid") from None
    return bsn


@cache
def _key(secret: str) -> bytes:
    return secret.encode()


def bsn_key() -> bytes:
    return _key(settings.DOELGROEPREGISTER_BSN_KEY)


def bsn_hash(bsn: str) -> str:
    """HMAC-SHA256 of a cleaned BSN with the register key, as 64 hex characters."""
    return hmac.digest(bsn_key(), bsn.encode(), "sha256").hex()


def bsn_mask(bsn: str) -> str:
    """What a person may be shown to recognise the number they entered: the last 3 digits."""
    return "••••••" + bsn[-3:]
