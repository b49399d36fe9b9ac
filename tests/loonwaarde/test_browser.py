"""An assessor creates, finalises and downloads the PDF of an assessment in Debian Chromium."""

import pytest
from pypdf import PdfReader

from tests.browser import log_in, screenshot
from tests.loonwaarde.factories import CertificationFactory
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser

TASKS = [
    ("Post sorteren", "60", "50", "100", "100"),
    ("Pakketten scannen", "40", "50", "100", "100"),
]


def test_an_assessor_creates_finalises_and_downloads_the_pdf(page, personas, tmp_path):
    user = personas.assessor
    CertificationFactory(assessor=user, number="ULM-E2E-001")
    log_in(page, user.email, PASSWORD)
    page.get_by_role("link", name="Loonwaarde", exact=True).first.click()
    page.get_by_role("link", name="Nieuwe beoordeling").click()

    page.get_by_label("Kenmerk kandidaat", exact=True).fill("KAND-E2E")
    page.get_by_label("Werkgever", exact=True).select_option(label=str(personas.organisation_a))
    page.get_by_label("Arbeidsmarktregio", exact=True).select_option(label="Groningen (AM01)")
    page.get_by_label("Functie", exact=True).fill("Medewerker postkamer")
    page.get_by_label("Werkplek", exact=True).fill("Postkamer, hoofdkantoor")
    page.get_by_label("Datum werkplekobservatie").fill("2026-02-01")
    page.get_by_label("Uren per week").fill("36")
    page.get_by_label("Motivering").fill("Twee dagdelen geobserveerd met de teamleider.")
    for n, (description, share, tempo, quality, employability) in enumerate(TASKS, start=1):
        page.get_by_label(f"Taak (taak {n})", exact=True).fill(description)
        page.get_by_label(f"Aandeel werktijd (%) (taak {n})").fill(share)
        page.get_by_label(f"Tempo (%) (taak {n})").fill(tempo)
        page.get_by_label(f"Kwaliteit (%) (taak {n})").fill(quality)
        page.get_by_label(f"Inzetbaarheid (%) (taak {n})").fill(employability)
    screenshot(page, "loonwaarde-assessment-form")
    page.get_by_role("button", name="Opslaan als concept").click()

    page.get_by_role("heading", name="Loonwaardebeoordeling KAND-E2E").wait_for()
    assert page.get_by_text("Loonwaarde: 50%").is_visible()
    page.get_by_role("link", name="Definitief maken").click()
    page.get_by_role("button", name="Definitief maken").click()
    page.get_by_text("De beoordeling ‘KAND-E2E’ is definitief gemaakt.").wait_for()
    assert page.get_by_text("€ 1.530,38").first.is_visible()
    screenshot(page, "loonwaarde-assessment-finalised")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download pdf").click()
    pdf = tmp_path / "beoordeling.pdf"
    download.value.save_as(pdf)
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "KAND-E2E" in text and "ULM-E2E-001" in text and "1.530,38" in text
