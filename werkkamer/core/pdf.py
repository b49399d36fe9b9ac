"""The one PDF helper: HTML from a Django template, PDF from WeasyPrint (imported lazily)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
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
