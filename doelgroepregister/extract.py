"""Reading extract files (CSV or XLSX) row by row, without holding the file in memory.

1. ``open_table(path, name)`` detects the format: XLSX by its zip signature, otherwise CSV whose
   encoding is UTF-8 (with or without BOM) when the whole file decodes as such, else
   Windows-1252; the delimiter (``;`` or ``,``) is the one the header line uses.
2. The header is matched case-insensitively against the expected columns; a missing column
   is a file error (``FileProblem``) raised before any row is read; other columns are ignored.
3. Rows come out as ``(row_number, [raw values])`` with the file's own row numbers
   (header = row 1), so a row-level error points at the line staff see in their editor.

Problems with the file as a whole (empty, damaged, unreadable) raise ``FileProblem`` with a
Dutch message; they never include cell values, which may be BSNs.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from werkkamer.core.uploads import SpreadsheetRefused, XlsxLimits, xlsx_check

# An extract or a bulk-check list is one sheet of a few columns; the archive is checked against
# these bounds before openpyxl opens it. Rows stream, so only the declared dimension
# is checked here; the callers count rows as they read them.
XLSX_LIMITS = XlsxLimits(
    max_rows=1_048_576,
    max_columns=100,
    max_uncompressed_bytes=1024 * 1024 * 1024,
    scan_rows=False,
)

Row = tuple[int, tuple[object, ...] | None]
# What an upload may be called; an XLSX must keep its extension on disk (openpyxl insists).
UPLOAD_EXTENSIONS = (".csv", ".txt", ".xlsx")


class FileProblem(Exception):
    """The file as a whole cannot be used; ``str(exc)`` is a Dutch message for staff."""


@dataclass(frozen=True)
class Columns:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()  # (alias, column)

    @property
    def order(self) -> tuple[str, ...]:
        return self.required + self.optional

    def match(self, header: list[object]) -> list[str | None]:
        """The column name for each header cell (None: ignored), or FileProblem."""
        aliases = dict(self.aliases)
        known = set(self.required) | set(self.optional)
        names: list[str | None] = []
        for cell in header:  # other columns (a name, a remark) are ignored
            label = str(cell or "").strip().lstrip("\ufeff").lower()
            name = aliases.get(label, label)
            names.append(name if name in known else None)
        missing = [c for c in self.required if c not in names]
        if missing:
            raise FileProblem(
                _("De kopregel mist de kolom(men): %(missing)s. Verwacht: %(expected)s.")
                % {"missing": ", ".join(missing), "expected": ", ".join(self.required)}
            )
        duplicated = {n for n in names if n and names.count(n) > 1}
        if duplicated:
            raise FileProblem(
                _("De kolom(men) %(columns)s staan meer dan eens in de kopregel.")
                % {"columns": ", ".join(sorted(duplicated))}
            )
        return names


class Table:
    """An open extract: ``rows()`` yields data rows; ``progress()`` tells how far it is."""

    def __init__(self, rows: Iterator[list[object]], progress, close) -> None:
        self._rows = rows
        self.progress = progress  # () -> (done, total) in some unit
        self.close = close

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def records(self, columns: Columns) -> Iterator[Row]:
        """``(row number, cells)`` with the cells in the order of ``columns.order`` (None for an
        absent optional column); a row with more filled cells than the header has columns
        comes out as ``(row number, None)``."""
        try:
            first = next(self._rows, None)
            while first is not None and _blank(first[1]):
                first = next(self._rows, None)
            if first is None:
                raise FileProblem(_("Het bestand is leeg: er is geen kopregel gevonden."))
            names = columns.match(first[1])
            width = len(names)
            # an absent optional column reads the None appended after the last cell
            pick = itemgetter(*[names.index(c) if c in names else width for c in columns.order])
            for number, cells in self._rows:
                if len(cells) == width and _filled(cells[0]):  # the common case, fast
                    yield number, pick([*cells, None])
                    continue
                if _blank(cells):
                    continue
                if len(cells) > width and not _blank(cells[width:]):
                    yield number, None
                    continue
                yield number, pick([*cells, *([None] * (width + 1 - len(cells)))])
        except (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError):
            raise FileProblem(
                _("Het bestand is beschadigd of onvolledig en kan niet worden gelezen.")
            ) from None
        except csv.Error:
            raise FileProblem(_("Het bestand is geen geldig CSV-bestand.")) from None


def _filled(cell: object) -> bool:
    return type(cell) is str and cell[:1].isalnum()


def _blank(cells: list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def open_table(path: Path) -> Table:
    size = path.stat().st_size
    if size == 0:
        raise FileProblem(_("Het bestand is leeg."))
    with path.open("rb") as probe:
        signature = probe.read(4)
    if signature == b"PK\x03\x04":
        return _open_xlsx(path)
    return _open_csv(path, size)


def _detect_encoding(path: Path) -> str:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _open_csv(path: Path, size: int) -> Table:
    encoding = _detect_encoding(path)
    raw = path.open("rb")
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    try:
        first_line = text.readline()
    except UnicodeDecodeError:
        raw.close()
        raise FileProblem(_("De tekens in het bestand zijn niet te lezen.")) from None
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(_chain(first_line, text), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[object]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except UnicodeDecodeError:
            raise FileProblem(_("De tekens in het bestand zijn niet te lezen.")) from None

    return Table(rows(), lambda: (raw.tell(), size), text.close)


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


def _open_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        xlsx_check(path, limits=XLSX_LIMITS)
    except SpreadsheetRefused as refused:
        raise FileProblem(str(refused)) from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        total = sheet.max_row or 0
    except Exception:  # openpyxl raises many types for damaged files
        raise FileProblem(
            _("Het bestand is beschadigd of onvolledig en kan niet worden gelezen.")
        ) from None
    position = [0]

    def rows() -> Iterator[tuple[int, list[object]]]:
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                position[0] = number
                yield number, list(values)
        except FileProblem:
            raise
        except Exception:
            raise FileProblem(
                _("Het bestand is beschadigd of onvolledig en kan niet worden gelezen.")
            ) from None

    return Table(rows(), lambda: (position[0], total), workbook.close)
