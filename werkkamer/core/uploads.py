"""Check an uploaded XLSX file before anything parses it (standard library only, no Django models).

An XLSX file is a ZIP archive of XML parts. A small upload can declare gigabytes of content
(a "zip bomb"), thousands of parts, or a worksheet of a million empty rows; a parser such as
openpyxl would read all of it. ``xlsx_check`` looks at the archive's directory and the
worksheets' XML with fixed limits and raises ``SpreadsheetRefused`` (a Dutch message) before
openpyxl or tablib ever sees the file:

1. the archive opens, and has at most ``max_entries`` parts;
2. the declared uncompressed size of all parts together is at most ``max_uncompressed_bytes``
   (``zipfile``, which openpyxl also uses, never inflates a part beyond its declared size);
3. no part larger than ``RATIO_FLOOR`` bytes inflates more than ``max_ratio`` times;
4. each worksheet's declared dimension (``<dimension ref="A1:C35"/>``) stays within
   ``max_rows`` × ``max_columns``;
5. with ``scan_rows`` (small imports): the worksheets' row and cell references are streamed
   and the check stops at the first row or column beyond the limits, so a 1 KB file that
   puts a value in row 200,000 is refused without ever building 200,000 rows.

Callers pick the limits that fit their files (``XlsxLimits``); a file that passes may be
loaded with openpyxl (read-only) or tablib.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO
from xml.etree.ElementTree import ParseError, XMLPullParser

from django.utils.translation import gettext as _

# A part smaller than this (inflated) is never refused for its ratio: tiny, repetitive XML
# parts (styles, an empty sheet) legitimately compress very well.
RATIO_FLOOR = 1024 * 1024
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_CELL = re.compile(r"^\$?([A-Z]{1,3})?\$?(\d+)?$")
_CHUNK = 64 * 1024
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class SpreadsheetRefused(ValueError):
    """The file is refused before parsing; ``str(error)`` is a Dutch message for the user."""


@dataclass(frozen=True)
class XlsxLimits:
    max_rows: int
    max_columns: int = 50
    max_uncompressed_bytes: int = 20 * 1024 * 1024
    max_ratio: int = 100
    max_entries: int = 200
    scan_rows: bool = True


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def _reference(text: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as ``C35``; 0 for a part that is missing."""
    match = _CELL.match(text.strip().upper())
    if match is None:
        raise SpreadsheetRefused(
            _("Het bestand is beschadigd of onvolledig en kan niet worden gelezen.")
        )
    letters, digits = match.groups()
    return (int(digits) if digits else 0), (_column_number(letters) if letters else 0)


def _dutch(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _too_large(rows: int, columns: int, limits: XlsxLimits) -> None:
    if rows > limits.max_rows:
        raise SpreadsheetRefused(
            _(
                "Het werkblad heeft te veel rijen: %(rows)s, terwijl er hoogstens %(max)s "
                "mogen zijn. Verwijder lege of overbodige rijen en probeer het opnieuw."
            )
            % {"rows": _dutch(rows), "max": _dutch(limits.max_rows)}
        )
    if columns > limits.max_columns:
        raise SpreadsheetRefused(
            _(
                "Het werkblad heeft te veel kolommen: %(columns)s, terwijl er hoogstens %(max)s "
                "mogen zijn."
            )
            % {"columns": columns, "max": limits.max_columns}
        )


def _scan_sheet(stream: BinaryIO, limits: XlsxLimits) -> None:
    """Stream one worksheet's XML; refuse at the first dimension, row or cell beyond the limits.

    Finished rows are dropped as soon as they are read, so memory stays at about one chunk.
    Rows and cells without a reference count on from the previous one, as spreadsheet
    programs read them.
    """
    parser = XMLPullParser(events=("start", "end"))
    sheet_data = None
    row_number = column = 0
    while chunk := stream.read(_CHUNK):
        parser.feed(chunk)
        for event, element in parser.read_events():
            tag = element.tag.removeprefix(_MAIN_NS)
            if event == "end":
                if tag == "row" and sheet_data is not None:
                    sheet_data.clear()  # the finished row and its cells
                continue
            if tag == "dimension":
                rows, columns = _reference(element.get("ref", "").split(":")[-1])
                _too_large(rows, columns, limits)
            elif tag == "sheetData":
                if not limits.scan_rows:
                    return  # the dimension comes before the data: nothing more to learn
                sheet_data = element
            elif tag == "row":
                reference = element.get("r")
                row_number = int(reference) if reference and reference.isdigit() else row_number + 1
                column = 0
                _too_large(row_number, 0, limits)
            elif tag == "c":
                reference = element.get("r")
                column = _reference(reference)[1] if reference else column + 1
                _too_large(row_number, column, limits)
    parser.close()


def xlsx_check(source: str | Path | bytes | BinaryIO, *, limits: XlsxLimits) -> None:
    """Refuse ``source`` (a path, the bytes, or a binary file) unless it is a bounded XLSX.

    Raises ``SpreadsheetRefused`` with a Dutch message; returns ``None`` when the file may be
    parsed. A file object is rewound to where it was.
    """
    if isinstance(source, (str, Path)):
        with open(source, "rb") as stream:
            _check_stream(stream, limits)
        return
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    start = stream.tell()
    try:
        _check_stream(stream, limits)
    finally:
        stream.seek(start)


def _check_stream(stream: BinaryIO, limits: XlsxLimits) -> None:
    _check_directory(stream, limits)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SpreadsheetRefused(
            _("Het bestand is beschadigd of onvolledig en kan niet worden gelezen.")
        ) from None
    with archive:
        _check_archive(archive, limits)


def zip_entry_count(stream: IO[bytes]) -> int | None:
    """The number of entries a ZIP archive declares, read from its end record; None if none.

    A ZIP ends with a 22-byte record (plus a comment of at most 64 kB) that holds the number of
    entries, so an archive of a million tiny entries is recognised without ``zipfile`` making a
    million objects. 0xFFFF means "see the ZIP64 record": far beyond any limit here. The stream
    is rewound to its start.
    """
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(max(0, size - (22 + 65_535)))
    tail = stream.read()
    stream.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    return int.from_bytes(tail[at + 10 : at + 12], "little")


def _check_directory(stream: BinaryIO, limits: XlsxLimits) -> None:
    count = zip_entry_count(stream)
    if count is None:
        raise SpreadsheetRefused(
            _("Het bestand is beschadigd of onvolledig en kan niet worden gelezen.")
        )
    if count > limits.max_entries:
        raise SpreadsheetRefused(
            _("Het bestand bevat te veel onderdelen (%(count)s; hoogstens %(max)s).")
            % {"count": count, "max": limits.max_entries}
        )


def _check_archive(archive: zipfile.ZipFile, limits: XlsxLimits) -> None:
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise SpreadsheetRefused(
            _("Het bestand bevat te veel onderdelen (%(count)s; hoogstens %(max)s).")
            % {"count": len(entries), "max": limits.max_entries}
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_uncompressed_bytes:
        raise SpreadsheetRefused(
            _(
                "Het bestand is uitgepakt te groot: %(size)s MB, terwijl hoogstens %(max)s MB "
                "is toegestaan."
            )
            % {
                "size": total // (1024 * 1024),
                "max": limits.max_uncompressed_bytes // (1024 * 1024),
            }
        )
    for entry in entries:
        if entry.file_size > RATIO_FLOOR and (
            entry.file_size > limits.max_ratio * max(entry.compress_size, 1)
        ):
            raise SpreadsheetRefused(
                _(
                    "Het bestand is verdacht sterk gecomprimeerd en wordt niet geopend. "
                    "Sla het opnieuw op als gewoon Excel-bestand."
                )
            )
    sheets = [entry for entry in entries if _SHEET.match(entry.filename)]
    if "xl/workbook.xml" not in archive.namelist() or not sheets:
        raise SpreadsheetRefused(
            _("Het bestand is beschadigd of onvolledig en kan niet worden gelezen.")
        )
    for entry in sheets:
        try:
            with archive.open(entry) as stream:
                _scan_sheet(stream, limits)
        except SpreadsheetRefused:
            raise
        except (ParseError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
            raise SpreadsheetRefused(
                _("Het bestand is beschadigd of onvolledig en kan niet worden gelezen.")
            ) from None
