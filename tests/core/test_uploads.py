"""XLSX files are checked before any parser opens them (issue 12 §3): the zip-bomb corpus.

Each file is generated here. Every one is refused with a Dutch message, and the check itself
stays within a small memory bound (tracemalloc), so nothing was inflated or parsed.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import openpyxl
import pytest

from werkkamer.core.uploads import SpreadsheetRefused, XlsxLimits, xlsx_check

LIMITS = XlsxLimits(max_rows=1_000, max_columns=30, max_uncompressed_bytes=5 * 1024 * 1024)
MEMORY_BOUND = 2 * 1024 * 1024  # bytes of Python allocations during one check
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _package(sheet_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal XLSX package around ``sheet_xml``, as openpyxl would accept it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
            '.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _sheet(body: str, dimension: str | None = None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{dim}<sheetData>{body}</sheetData></worksheet>'.encode()


def high_ratio() -> bytes:
    # 4 MB of one repeated character inflates about a thousand times
    return _package(_sheet(""), extra={"xl/sharedStrings.xml": b" " * (4 * 1024 * 1024)})


def too_large_uncompressed() -> bytes:
    return _package(_sheet(""), extra={"xl/media/filler.bin": b"x" * (6 * 1024 * 1024)})


def many_entries() -> bytes:
    return _package(_sheet(""), extra={f"xl/parts/{n}.xml": b"<a/>" for n in range(5_000)})


def huge_declared_dimension() -> bytes:
    return _package(_sheet('<row r="1"><c r="A1"><v>1</v></c></row>', "A1:XFD1048576"))


def empty_rows_200000() -> bytes:
    # one value in row 200,000 and a dimension that says so: openpyxl would make 200,000 rows
    return _package(_sheet('<row r="200000"><c r="A200000"><v>1</v></c></row>', "A1:A200000"))


def lying_dimension() -> bytes:
    # the dimension claims one cell, the data reach row 200,000
    return _package(_sheet('<row r="200000"><c r="A200000"><v>1</v></c></row>', "A1:A1"))


def wide_row() -> bytes:
    return _package(_sheet('<row r="1"><c r="ZZ1"><v>1</v></c></row>'))


CORPUS = {
    "high_ratio": (high_ratio, "verdacht sterk gecomprimeerd"),
    "too_large_uncompressed": (too_large_uncompressed, "uitgepakt te groot"),
    "many_entries": (many_entries, "te veel onderdelen"),
    "huge_declared_dimension": (huge_declared_dimension, "te veel rijen: 1.048.576"),
    "empty_rows_200000": (empty_rows_200000, "te veel rijen: 200.000"),
    "lying_dimension": (lying_dimension, "te veel rijen: 200.000"),
    "wide_row": (wide_row, "te veel kolommen: 702"),
}


@pytest.mark.parametrize("name", CORPUS)
def test_each_bomb_is_refused_with_a_dutch_message_in_bounded_memory(name):
    make, message = CORPUS[name]
    content = make()
    tracemalloc.start()
    try:
        with pytest.raises(SpreadsheetRefused) as refused:
            xlsx_check(content, limits=LIMITS)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message in str(refused.value)
    assert peak < MEMORY_BOUND, f"{name}: {peak} bytes"


def test_the_200000_empty_rows_file_is_about_one_kilobyte():
    assert len(empty_rows_200000()) < 1_500


def test_openpyxl_alone_would_build_the_200000_rows():
    """The attack is real: without the check, openpyxl produces every padded row."""
    workbook = openpyxl.load_workbook(io.BytesIO(empty_rows_200000()), read_only=True)
    assert workbook.worksheets[0].max_row == 200_000


def test_a_real_workbook_within_the_limits_passes_and_is_rewound():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["region_code", "employment"])
    for n in range(35):
        sheet.append([f"AM{n:02d}", 1000 + n])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    xlsx_check(buffer, limits=LIMITS)
    assert buffer.tell() == 0
    assert openpyxl.load_workbook(buffer, read_only=True).worksheets[0].max_row == 36


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not a zip", b"region_code;employment\n"])
def test_something_that_is_no_xlsx_is_refused_clearly(content):
    with pytest.raises(SpreadsheetRefused, match="beschadigd of onvolledig"):
        xlsx_check(content, limits=LIMITS)


def test_a_damaged_sheet_is_refused_clearly():
    with pytest.raises(SpreadsheetRefused, match="beschadigd"):
        xlsx_check(_package(b"<worksheet><sheetData><row"), limits=LIMITS)


def test_the_register_extract_reader_checks_the_archive_first(tmp_path):
    """The doelgroepregister's XLSX opening (import and bulk check) uses the same check."""
    from doelgroepregister.extract import FileProblem, open_table

    path = tmp_path / "extract.xlsx"
    path.write_bytes(huge_declared_dimension())
    with pytest.raises(FileProblem, match="te veel kolommen: 16384"):
        open_table(path)
