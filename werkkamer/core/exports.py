"""Every CSV and XLSX download of the portal goes through here.

- ``FORMATS``: the two table formats and their MIME types (``csv`` is UTF-8).
- ``neutralise``: a text cell that a spreadsheet would run as a formula gets a leading apostrophe
  (CSV/formula injection); ``neutral_dataset`` and ``CsvWriter`` apply it to every cell.
- ``table_bytes``: a tablib dataset (ours or django-import-export's) as file bytes; a CSV starts
  with a BOM so Excel reads it as UTF-8 (our own imports read it back with ``utf-8-sig``).
- ``attachment``: the download response (``Content-Disposition: attachment``).

Core imports no app: callers bring their rows, this module brings the format.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header

import tablib

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutral_dataset(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None
) -> tablib.Dataset:
    """A dataset of ``rows`` with every cell neutralised (an XLSX sheet title has 31 characters
    at most)."""
    data = tablib.Dataset(headers=list(headers), title=title[:31] if title else None)
    for row in rows:
        data.append([neutralise(value) for value in row])
    return data


def neutralised(data: tablib.Dataset) -> tablib.Dataset:
    """A copy of ``data`` (e.g. django-import-export's) with every cell neutralised."""
    return neutral_dataset(data.headers or [], data, title=data.title)


def table_bytes(data: tablib.Dataset, file_format: str) -> bytes:
    """``data`` as ``csv`` (UTF-8 with a BOM, for Excel) or ``xlsx`` bytes."""
    if file_format == "csv":
        return (BOM + data.export("csv")).encode("utf-8")
    if file_format == "xlsx":
        return data.export("xlsx")
    raise ValueError(f"unknown table format {file_format!r}")


class CsvWriter:
    """A CSV in Dutch spreadsheet convention (``;`` between cells), every cell neutralised,
    that becomes UTF-8 bytes with a BOM (``content()``)."""

    def __init__(self, *, delimiter: str = ";") -> None:
        self._out = io.StringIO()
        self._writer = csv.writer(self._out, delimiter=delimiter)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(value) for value in row])

    def content(self) -> bytes:
        return (BOM + self._out.getvalue()).encode("utf-8")


def attachment(
    content: bytes, *, filename: str, content_type: str, cache_control: str | None = None
) -> HttpResponse:
    """A download of ``content`` named ``filename``; ``content_type`` may be a key of
    ``FORMATS`` (``"csv"``, ``"xlsx"``) or a MIME type."""
    response = HttpResponse(content, content_type=FORMATS.get(content_type, content_type))
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if cache_control:
        response["Cache-Control"] = cache_control
    return response
