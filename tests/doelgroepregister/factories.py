"""Test data for the doelgroepregister: valid BSNs and extract files in every accepted format."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

HEADER = ("bsn", "grondslag", "begindatum", "einddatum", "regio")


def valid_bsns(start: int = 12_345_678) -> Iterator[str]:
    """Numbers passing the 11-proef, from ``start`` (8 leading digits) upwards."""
    stem = start
    while True:
        digits = f"{stem:08d}"
        total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11  # 9·d1 + ... + 2·d8 − d9 ≡ 0 (mod 11)
        if last < 10:
            yield digits + str(last)
        stem += 1


def invalid_bsn(bsn: str) -> str:
    """The same number with its last digit changed: fails the 11-proef."""
    return bsn[:-1] + str((int(bsn[-1]) + 1) % 10)


def csv_bytes(
    rows: Iterable[Iterable[object]],
    *,
    header: Iterable[str] = HEADER,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(list(header))
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: Iterable[Iterable[object]], *, header: Iterable[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "extract.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def entry(bsn: str, grondslag: str = "wajong", start="2020-01-01", end="", regio="") -> tuple:
    return (bsn, grondslag, start, end, regio)


def today_iso() -> str:
    return date.today().isoformat()
