"""End to end with a real Celery worker on PostgreSQL and Redis.

The browser half (edit a figure in Chromium) is tests/e2e/test_banenafspraak_recompute.py: browser
tests live there so the session's Playwright event loop starts after the other apps' tests.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest
import tablib

from banenafspraak.models import DistributionRun
from banenafspraak.resources import RegionFiguresResource
from tests.banenafspraak.factories import first_run_through_the_worker, published_after
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.postgres]


@pytest.fixture
def first_run(celery_worker_process, personas):
    return first_run_through_the_worker()


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
    new = wait_for(lambda: published_after(first_run.pk), message="the import's run")
    assert DistributionRun.objects.filter(pk__gt=first_run.pk).count() == 1
    assert not DistributionRun.objects.pending().exists()
    assert all(
        after["wajong"] == before["wajong"] + 50
        for before, after in zip(first_run.inputs["regions"], new.inputs["regions"], strict=True)
    )
