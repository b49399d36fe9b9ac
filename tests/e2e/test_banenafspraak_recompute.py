"""Edit a region's figure in Chromium with a real worker: "recomputing", then the new version."""

from __future__ import annotations

from django.db import connection, transaction
from django.urls import reverse

import pytest

from banenafspraak.selectors import run_allocations
from tests.banenafspraak.factories import first_run_through_the_worker, published_after
from tests.browser import log_in, screenshot
from tests.personas import PASSWORD
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.postgres]


@pytest.fixture
def first_run(celery_worker_process, personas):
    return first_run_through_the_worker()


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
    new = wait_for(lambda: published_after(first_run.pk), message="the new run")
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
