"""The one PDF helper: tagged PDF/UA, A4, page numbers, embedded fonts, WeasyPrint imported lazily."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from django.conf import settings

from pypdf import PdfReader

from tests.banenafspraak.pdf_checks import font_files, is_tagged, pdf_text
from werkkamer.core.pdf import render_to_pdf


def test_render_to_pdf_gives_the_html_and_a_tagged_a4_pdf_with_embedded_fonts():
    html, pdf = render_to_pdf("pdf/base.html", {})
    assert html.startswith("<!DOCTYPE html>") and 'lang="nl"' in html
    reader = PdfReader(io.BytesIO(pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert is_tagged(pdf)
    fonts = font_files(pdf)
    assert fonts and all(fonts.values()), fonts
    assert "Pagina 1 van 1" in pdf_text(pdf)


def test_importing_the_helper_does_not_import_weasyprint():
    code = "import django; django.setup(); import werkkamer.core.pdf, sys; print('weasyprint' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "werkkamer.settings", "DEBUG": "true"},
    )
    assert result.stdout.strip() == "False"
