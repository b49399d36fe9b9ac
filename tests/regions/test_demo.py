from __future__ import annotations

import pytest

from regions import demo
from regions.models import ActionPlan, Member, PlanStatus


@pytest.mark.django_db
def test_the_demo_seed_is_labelled_fictional_and_idempotent(personas):
    assert "AM01" in demo.seed()
    assert demo.seed() == ""
    assert Member.objects.filter(werkbedrijf__region__code="AM01").count() == 5
    assert all("fictief" in m.name for m in Member.objects.all())
    plan = ActionPlan.objects.get(werkbedrijf__region__code="AM18")
    assert plan.status == PlanStatus.ADOPTED and plan.goals.count() == 10
