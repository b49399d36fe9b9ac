"""Fictitious register entries for `make run` (idempotent): imported like a real extract.

The demo BSNs are well-known test numbers that pass the 11-proef; they belong to nobody.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from doelgroepregister.models import Grondslag, RegisterImport
from doelgroepregister.services import register_import_create, register_import_process
from werkkamer.accounts.models import User

DEMO_NAME = "fictief (demo) extract.csv"
# Try these in the check: in the register and counted; in the register, lid 2 (not counted).
DEMO_COUNTED = "111222333"
DEMO_LID2 = "123456782"
REGIONS = ("AM01", "AM18", "AM09", "AM21", "AM30")


def _bsns(count: int, seed: int):
    rng = random.Random(seed)
    made = 0
    while made < count:
        digits = f"{rng.randrange(10_000_000, 99_999_999):08d}"
        last = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last < 10:
            made += 1
            yield digits + str(last)


def _extract() -> bytes:
    grounds = [g.value for g in Grondslag]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["bsn", "grondslag", "begindatum", "einddatum", "regio"])
    writer.writerow([DEMO_COUNTED, Grondslag.WAJONG, "2019-03-01", "", "AM18"])
    writer.writerow([DEMO_LID2, Grondslag.LID2, "2021-09-01", "", "AM01"])
    for n, bsn in enumerate(_bsns(2000, seed=2026)):
        end = date(2027 + n % 4, 12, 31).isoformat() if n % 5 == 0 else ""
        region = REGIONS[n % len(REGIONS)] if n % 7 else ""
        writer.writerow([bsn, grounds[n % len(grounds)], f"{2015 + n % 10}-01-01", end, region])
    return out.getvalue().encode("utf-8")


def seed() -> str:
    if RegisterImport.objects.filter(original_name=DEMO_NAME).exists():
        return ""
    staff = User.objects.filter(role="staff").order_by("pk").first()
    register_import = register_import_create(
        user=staff, upload=SimpleUploadedFile(DEMO_NAME, _extract()), commit=True
    )
    register_import_process(import_id=register_import.pk)  # no-op when a worker was faster
    return (
        f"fictieve registraties ingelezen; probeer de controle met {DEMO_COUNTED} (telt mee) "
        f"of {DEMO_LID2} (lid 2, telt niet mee)"
    )
