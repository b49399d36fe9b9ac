from __future__ import annotations

import csv
import hashlib
import io

from django.conf import settings
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
def test_the_adopted_plan_downloads_as_a_pdf_with_its_text(
    personas, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = factories.adopted_plan(factories.werkbedrijf(personas.region_a))
    plan.refresh_from_db()
    assert plan.pdf_status == "ready"
    stored = (settings.MEDIA_ROOT / plan.pdf.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == plan.pdf_sha256
    assert plan.pdf_size == len(stored)

    def no_rendering(*args, **kwargs):
        raise AssertionError("a request rendered the adopted plan's PDF")

    monkeypatch.setattr("regions.views.plan.render_to_pdf", no_rendering)
    monkeypatch.setattr("regions.services.render_to_pdf", no_rendering)
    response = client_for("anonymous").get(
        reverse("regions:plan_pdf", kwargs={"code": "AM01", "pk": plan.pk})
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content == stored
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Tekst over werkgeversdienstverlening." in text
    assert "Vastgesteld op" in text


@pytest.mark.django_db
def test_no_anonymous_request_renders_a_plan_pdf_before_the_worker_stored_it(
    personas, client_for, monkeypatch
):
    """Issue 12 §3: three anonymous PDF requests of a 4 MB plan made the site time out."""
    plan = factories.adopted_plan(factories.werkbedrijf(personas.region_a))  # not rendered yet

    def no_rendering(*args, **kwargs):
        raise AssertionError("a request rendered the adopted plan's PDF")

    monkeypatch.setattr("regions.views.plan.render_to_pdf", no_rendering)
    monkeypatch.setattr("regions.services.render_to_pdf", no_rendering)
    response = client_for("anonymous").get(
        reverse("regions:plan_pdf", kwargs={"code": "AM01", "pk": plan.pk})
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "De PDF wordt gemaakt" in response.content.decode()


@pytest.mark.django_db
def test_the_sweep_renders_plans_adopted_before_and_retries_a_failed_render(personas, monkeypatch):
    from regions import services
    from regions.models import ActionPlan

    plan = factories.adopted_plan(factories.werkbedrijf(personas.region_a))
    # as the migration leaves a plan adopted before PDFs were stored
    ActionPlan.objects.filter(pk=plan.pk).update(pdf_status="queued", pdf_queued_at=None)
    real = services.render_to_pdf

    def broken(*args, **kwargs):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr("regions.services.render_to_pdf", broken)
    assert services.plan_pdf_sweep() == [plan.pk]  # eager: rendered, and failed
    plan.refresh_from_db()
    assert (plan.pdf_status, plan.pdf_attempts) == ("failed", 1)
    assert "fonts missing" in plan.pdf_error
    monkeypatch.setattr("regions.services.render_to_pdf", real)
    assert services.plan_pdf_sweep() == [plan.pk]
    plan.refresh_from_db()
    assert plan.pdf_status == "ready"
    assert services.plan_pdf_sweep() == []


@pytest.mark.django_db
def test_a_stored_pdf_that_changed_is_not_served_and_is_queued_again(
    personas, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = factories.adopted_plan(factories.werkbedrijf(personas.region_a))
    plan.refresh_from_db()
    (settings.MEDIA_ROOT / plan.pdf.name).write_bytes(b"%PDF-1.7 tampered")
    response = client_for("anonymous").get(
        reverse("regions:plan_pdf", kwargs={"code": "AM01", "pk": plan.pk})
    )
    assert response.status_code == 503
    plan.refresh_from_db()
    assert plan.pdf_status == "queued"
