"""Helpers to inspect generated PDFs: text, embedded fonts, tagging."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """The PDF's text, table rows kept on one line, whitespace collapsed.

    pypdf's layout mode keeps a table row on one line, as poppler's ``pdftotext -layout`` did, without
    needing a system binary: ``make test`` on a fresh machine has only Python.
    """
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)
    return " ".join(text.split())


def _fonts(reader: PdfReader):
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get("/Font") or {}
        for font in fonts.values():
            yield font.get_object()


def font_files(pdf: bytes) -> dict[str, bool]:
    """Per font name: whether the font program is embedded (/FontFile, /FontFile2, /FontFile3)."""
    result = {}
    for font in _fonts(PdfReader(io.BytesIO(pdf))):
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        result[str(font.get("/BaseFont"))] = any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
    return result


def is_tagged(pdf: bytes) -> bool:
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    mark_info = root.get("/MarkInfo")
    return "/StructTreeRoot" in root and bool(mark_info and mark_info.get("/Marked"))


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def first_page_png(pdf: Path, target: Path) -> Path | None:
    """Page 1 of ``pdf`` as PNG at ``target`` (poppler's pdftoppm), or None without poppler-utils.

    Only the screenshot needs the binary; the caller's assertions on the PDF itself still run.
    """
    if shutil.which("pdftoppm") is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return target
