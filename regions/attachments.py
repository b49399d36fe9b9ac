"""Recognise an uploaded file's type by its content, not its name (pure: standard library only).

Only PDF, DOCX and XLSX are accepted as attachments to decisions. A renamed executable or an
HTML page with a ``.pdf`` name is refused.
"""

from __future__ import annotations

import zipfile
from typing import IO

PDF, DOCX, XLSX = "pdf", "docx", "xlsx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The part that makes an Office Open XML package a document or a workbook.
_OOXML_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


def sniff_kind(stream: IO[bytes]) -> str | None:
    """Return ``"pdf"``, ``"docx"`` or ``"xlsx"`` for a file of that type, else ``None``.

    1. A PDF starts with ``%PDF-``.
    2. DOCX and XLSX are ZIP packages (``PK\\x03\\x04``) holding ``[Content_Types].xml`` and
       their main part (``word/document.xml`` or ``xl/workbook.xml``).
    3. Anything else, including a damaged ZIP, is ``None``. The stream is rewound afterwards.
    """
    stream.seek(0)
    head = stream.read(8)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if not head.startswith(b"PK\x03\x04"):
            return None
        stream.seek(0)
        try:
            names = set(zipfile.ZipFile(stream).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        for kind, part in _OOXML_MAIN_PART.items():
            if part in names:
                return kind
        return None
    finally:
        stream.seek(0)
