"""End to end with a real Celery worker on PostgreSQL and Redis (and Chromium for the edit)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

import pytest
import tablib

from banenafspraak import services
from banenafspraak.models import DistributionRun
from banenafspraak.resources import RegionFiguresResource
from banenafspraak.selectors import run_allocations
from tests.banenafspraak.factories import complete_dataset
from tests.browser import log_in, screenshot
from tests.personas import PASSWORD
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.postgres]


def _published_after(pk: int) -> DistributionRun | None:
    run = DistributionRun.objects.current()
    return run if run and run.pk > pk else None


@pytest.fixture
def first_run(celery_worker_process, personas):
    services.reference_data_ensure()  # the transactional test database starts empty
    complete_dataset()
    services.distribution_request(reason="start")
    return wait_for(lambda: _published_after(0), message="the first run")


@pytest.mark.browser
def test_editing_a_figure_in_the_browser_shows_recomputing_then_the_new_run(
    first_run, personas, page
):
    log_in(page, personas.staff.email, PASSWORD, personas.totp_secrets[personas.staff.email])
    page.goto(reverse("banenafspraak:figures_edit", kwargs={"code": "AM05"}))
    with transaction.atomic():
        # Hold the worker at its last step (writing the allocations) so "recomputing" is
        # visible for certain; reads of the page are not blocked by this lock.
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE banenafspraak_regionallocation IN EXCLUSIVE MODE")
        page.get_by_label("Aantal Wajongers").fill("9000")
        page.get_by_role("button", name="Opslaan").click()
        status = page.locator("#herberekening")
        status.get_by_text("De verdeling wordt herberekend").wait_for()
        screenshot(page, "banenafspraak-herberekenen")
    new = wait_for(lambda: _published_after(first_run.pk), message="the new run")
    # the page polls, sees the new version and reloads itself
    status.get_by_text(f"Versie {new.pk}, berekend").wait_for()
    assert f"versie {new.pk}" in page.locator("table.distribution caption").inner_text()
    assert "De verdeling wordt herberekend" not in page.content()
    screenshot(page, "banenafspraak-nieuwe-versie")
    # Only AM05's Wajong count rose: its share rises, every other region's falls or stays.
    old, changed = run_allocations(first_run), run_allocations(new)
    assert changed[("AM05", 2025, "market")] > old[("AM05", 2025, "market")]
    assert all(changed[k] <= old[k] for k in old if k[0] != "AM05")
    assert sum(changed.values()) == sum(old.values())
    assert new.inputs["regions"][3] == {**first_run.inputs["regions"][3], "wajong": 9000}


def test_importing_a_file_that_changes_all_regions_creates_exactly_one_run(first_run, personas):
    staff = Client()
    staff.force_login(personas.staff)
    dataset = first_run.dataset
    data = RegionFiguresResource(dataset).export()
    data = tablib.Dataset(*[(*row[:6], int(row[6]) + 50) for row in data], headers=data.headers)
    upload = SimpleUploadedFile("basis.csv", data.export("csv").encode())
    url = reverse("banenafspraak:basedata_import")
    preview = staff.post(
        url,
        {"file": upload, "reference_date": dataset.reference_date.isoformat(), "source": "CBS"},
    )
    assert "gewijzigd: 35" in preview.content.decode()
    assert staff.post(url, {"confirm": "1"}).status_code == 302
    new = wait_for(lambda: _published_after(first_run.pk), message="the import's run")
    assert DistributionRun.objects.filter(pk__gt=first_run.pk).count() == 1
    assert not DistributionRun.objects.pending().exists()
    assert all(
        after["wajong"] == before["wajong"] + 50
        for before, after in zip(first_run.inputs["regions"], new.inputs["regions"], strict=True)
    )
