"""An adopted plan's PDF through a real Celery worker on PostgreSQL and Redis (issue 12 §3)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.test import Client
from django.urls import reverse

import pytest

from regions.models import ActionPlan
from tests.regions import factories
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.redis]


def test_adopting_through_the_page_has_the_worker_store_the_pdf_once(
    celery_worker_process, personas
):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    plan = factories.draft_plan(werkbedrijf, user=personas.coordinator_a, filled=True)
    coordinator = Client()
    coordinator.force_login(personas.coordinator_a)
    url = reverse("regions:plan_adopt", kwargs={"code": "AM01", "pk": plan.pk})
    assert coordinator.post(url).status_code == 302

    ready = wait_for(
        lambda: ActionPlan.objects.filter(pk=plan.pk, pdf_status="ready").first(),
        timeout=60,
        message="the plan's PDF",
    )
    stored = (settings.MEDIA_ROOT / ready.pdf.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == ready.pdf_sha256
    assert ready.pdf_attempts == 1
    pdf_url = reverse("regions:plan_pdf", kwargs={"code": "AM01", "pk": plan.pk})
    for _ in range(3):  # three anonymous requests: each gets the same stored bytes
        response = Client().get(pdf_url)
        assert response.status_code == 200
        assert response.content == stored
    ready.refresh_from_db()
    assert ready.pdf_attempts == 1  # never rendered again
