"""The one PDF helper: HTML from a Django template, PDF from WeasyPrint (imported lazily)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string


def render_to_pdf(template: str, context: dict[str, Any]) -> tuple[str, bytes]:
    """Render ``template`` to HTML and to an accessible, tagged PDF (PDF/UA), A4.

    Returns ``(html, pdf_bytes)`` so tests can assert on both. Page size, numbering and fonts
    come from ``templates/pdf/base.html``; fonts are embedded by WeasyPrint.
    """
    import weasyprint  # noqa: TID251 - lazy on purpose: heavy import, only where a PDF is made

    html = render_to_string(template, context)
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR))
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return html, pdf


class StoredFileError(RuntimeError):
    """A stored file is missing or no longer matches its recorded SHA-256."""


def write_file(name: str, content: bytes) -> None:
    """Write ``content`` at ``name`` in MEDIA_ROOT atomically (a reader never sees half a file)."""
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_verified(name: str, sha256: str) -> bytes:
    """The stored file ``name``, after checking it against its recorded ``sha256``."""
    try:
        with default_storage.open(name, "rb") as stored:
            content = stored.read()
    except (FileNotFoundError, ValueError) as exc:
        raise StoredFileError(f"{name}: file missing") from exc
    if hashlib.sha256(content).hexdigest() != sha256:
        raise StoredFileError(f"{name}: checksum mismatch")
    return content
