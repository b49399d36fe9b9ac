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


def spreadsheet_tool_xlsx(rows: Iterable[Iterable[object]], header: Iterable[str]) -> bytes:
    """An XLSX as desktop spreadsheet programs save one, built by hand (not by openpyxl): the
    header in the shared-strings table, text cells as inline strings, numbers as numbers (a
    BSN typed into a cell), a second sheet, document properties and no dimension element."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(ref: str, value: object) -> str:
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'

    header = list(header)
    shared = "".join(f"<si><t>{escape(h)}</t></si>" for h in header)
    lines = [
        '<row r="1">'
        + "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(len(header)))
        + "</row>"
    ]
    for n, row in enumerate(rows, start=2):
        cells = "".join(cell(f"{chr(65 + i)}{n}", v) for i, v in enumerate(row))
        lines.append(f'<row r="{n}">{cells}</row>')
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
            '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.extended-properties+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/extended-properties" '
            'Target="docProps/app.xml"/></Relationships>'
        ),
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.'
            'openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>LibreOffice/24.2</Application></Properties>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {main} xmlns:r="{rel}"><sheets>'
            '<sheet name="Personeel" sheetId="1" r:id="rId1"/>'
            '<sheet name="Toelichting" sheetId="2" r:id="rId2"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/worksheet" Target="worksheets/sheet2.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst {main} count="{len(header)}" '
            f'uniqueCount="{len(header)}">{shared}</sst>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {main}><sheetData>'
            + "".join(lines)
            + "</sheetData></worksheet>"
        ),
        "xl/worksheets/sheet2.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {main}><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>bsn</t></is></c></row>'
            "</sheetData></worksheet>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def wajong_and_lid2_registered(wajong_bsn: str, lid2_bsn: str) -> None:
    """Two candidates in the register: Wajong until 2099 (counts), LID2 open-ended (does not)."""
    from doelgroepregister.models import Grondslag, Registration
    from doelgroepregister.protection import bsn_hash

    for bsn, grondslag in ((wajong_bsn, Grondslag.WAJONG), (lid2_bsn, Grondslag.LID2)):
        Registration.objects.create(
            bsn_hash=bsn_hash(bsn),
            grondslag=grondslag,
            start_date=date(2020, 1, 1),
            end_date=date(2099, 12, 31) if grondslag == Grondslag.WAJONG else None,
        )
