from __future__ import annotations

import csv
import io

from django.urls import reverse

import openpyxl
import pytest
from pypdf import PdfReader

from tests.regions import factories
from werkkamer.core.exports import neutralise


@pytest.mark.parametrize("text", ["=SUM(A1)", "+31 50", "-1", "@cmd", "\t=1"])
def test_cells_that_a_spreadsheet_would_run_are_neutralised(text):
    assert neutralise(text) == "'" + text


def test_ordinary_cells_stay_as_they_are():
    assert neutralise("Gemeente Groningen") == "Gemeente Groningen"
    assert neutralise(12) == 12


@pytest.fixture
def werkbedrijf(personas):
    werkbedrijf = factories.werkbedrijf(personas.region_a, complete=True)
    factories.MemberFactory(werkbedrijf=werkbedrijf, name='=HYPERLINK("http://x")', kind="other")
    return werkbedrijf


@pytest.mark.django_db
def test_members_export_as_csv_neutralises_formulas(werkbedrijf, client_for):
    url = reverse("regions:members_export", kwargs={"code": "AM01"})
    response = client_for("coordinator_a").get(url, {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Organisatie", "Soort"]
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names
    assert len(rows) == 1 + 5  # four members with one representative each, one without


@pytest.mark.django_db
def test_decisions_export_as_xlsx(werkbedrijf, client_for):
    url = reverse("regions:decisions_export", kwargs={"code": "AM01"})
    response = client_for("staff").get(url, {"formaat": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Beslispunt", "Onderwerp", "Status"]
    assert [row[0] for row in values[1:]] == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_the_adopted_plan_downloads_as_a_pdf_with_its_text(personas, client_for):
    plan = factories.adopted_plan(factories.werkbedrijf(personas.region_a))
    response = client_for("anonymous").get(
        reverse("regions:plan_pdf", kwargs={"code": "AM01", "pk": plan.pk})
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Tekst over werkgeversdienstverlening." in text
    assert "Vastgesteld op" in text
