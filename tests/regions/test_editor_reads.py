"""An editor's page is a read: opening it writes nothing (no get_or_create on every request)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from regions.models import Decision, Werkbedrijf
from regions.services import werkbedrijf_ensure

# a write, or a transaction opened for one (get_or_create runs in a savepoint)
WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN")


@pytest.mark.django_db
def test_opening_an_editor_page_writes_nothing(personas, client_for):
    werkbedrijf_ensure(region=personas.region_a)
    client = client_for("coordinator_a")
    base = f"/regios/{personas.region_a.code}/werkbedrijf"
    client.get(f"{base}/besluiten/")  # the session settles on the first request
    with CaptureQueriesContext(connection) as queries:
        for path in (f"{base}/besluiten/", f"{base}/deelnemers/nieuw/", f"{base}/besluiten/nieuw/"):
            assert client.get(path).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []


@pytest.mark.django_db
def test_the_first_visit_to_a_region_without_a_werkbedrijf_still_creates_it(personas, client_for):
    client = client_for("coordinator_a")
    response = client.get(f"/regios/{personas.region_a.code}/werkbedrijf/besluiten/")
    assert response.status_code == 200
    werkbedrijf = Werkbedrijf.objects.get(region=personas.region_a)
    assert (
        Decision.objects.filter(werkbedrijf=werkbedrijf, standard_point__isnull=False).count() == 5
    )
