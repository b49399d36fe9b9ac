"""CSV and XLSX of a publication's table (tablib), the same figures as the PDF."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from django.utils.translation import gettext as _

import tablib

from banenafspraak import report
from banenafspraak.publications.models import Publication
from werkkamer.core.exports import neutral_dataset, table_bytes


def publication_dataset(publication: Publication) -> tablib.Dataset:
    headers = [
        _("regiocode"),
        _("regio"),
        _("jaar"),
        _("marktsector"),
        _("overheid"),
        _("totaal"),
        _("opmerking"),
    ]
    # Demo figures carry their label on every row, so no copy of the table loses it.
    note = _("fictief (demo)") if publication.is_demo else ""
    rows = (
        (code, name or _("Totaal"), year, market, government, total, note)
        for code, name, year, market, government, total in report.flat_rows(publication.snapshot)
    )
    return neutral_dataset(headers, rows, title=_("Verdeling"))


def publication_export(publication: Publication, file_format: str) -> bytes:
    """The table as ``csv`` (UTF-8 with BOM, for Excel) or ``xlsx`` bytes."""
    dataset = publication_dataset(publication)
    if file_format == "csv":
        return table_bytes(dataset, "csv")
    moment = publication.published_at or publication.created_at
    return fixed_xlsx(table_bytes(dataset, "xlsx"), moment)


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def fixed_xlsx(content: bytes, moment: datetime) -> bytes:
    """The same workbook with the moment of publication as its every date (document properties
    and zip entries), so one publication's XLSX has one SHA-256 (the API lists it)."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = moment.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _STAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            entry = zipfile.ZipInfo(item.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()
