from __future__ import annotations

from django.urls import reverse

import pytest

from regions.models import DecisionStatus
from tests.regions import factories


@pytest.mark.django_db
def test_staff_see_all_35_regions_with_plan_status_and_decision_progress(personas, client_for):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    factories.adopted_plan(werkbedrijf)
    factories.draft_plan(werkbedrijf)
    werkbedrijf.decisions.filter(standard_point__in=[1, 2]).update(
        status=DecisionStatus.TAKEN, decided_on="2015-01-01"
    )
    response = client_for("staff").get(reverse("regions:overview"))
    rows = {row.region.code: row for row in response.context["rows"]}
    assert len(rows) == 35
    assert rows["AM01"].plan_status == "adopted_draft"
    assert rows["AM01"].standard_taken == 2 and rows["AM01"].decisions_total == 5
    assert rows["AM18"].plan_status == "none" and rows["AM18"].werkbedrijf is None
