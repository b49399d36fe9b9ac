from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from doelgroepregister import demo
from doelgroepregister.models import Grondslag, ImportStatus, RegisterImport, Registration
from doelgroepregister.navigation import items
from doelgroepregister.protection import bsn_hash
from tests.doelgroepregister.factories import valid_bsns


@pytest.mark.django_db
def test_the_overview_counts_todays_entries_per_grondslag_and_region(client_for, personas):
    bsns = valid_bsns(11_223_344)
    today = timezone.localdate()
    for grondslag, region, end in [
        (Grondslag.WAJONG, personas.region_a, None),
        (Grondslag.WAJONG, personas.region_b, None),
        (Grondslag.LID2, personas.region_a, None),
        (Grondslag.WSW, None, None),
        (Grondslag.WSW, personas.region_a, today - timedelta(days=1)),  # ended: not counted
    ]:
        Registration.objects.create(
            bsn_hash=bsn_hash(next(bsns)),
            grondslag=grondslag,
            start_date=date(2020, 1, 1),
            end_date=end,
            region=region,
        )
    counts = client_for("staff").get(reverse("doelgroepregister:overview")).context["counts"]
    per_grondslag = {label: n for label, _, n in counts["grondslagen"]}
    assert per_grondslag[Grondslag.WAJONG.label] == 2
    assert per_grondslag[Grondslag.LID2.label] == 1
    assert per_grondslag[Grondslag.WSW.label] == 1
    assert (counts["total"], counts["counted"], counts["unknown_region"]) == (4, 3, 1)
    assert dict(counts["regions"]) == {personas.region_a: 2, personas.region_b: 1}


@pytest.mark.django_db
def test_the_menu_offers_the_check_to_checkers_and_the_register_to_staff(personas):
    assert [i.url for i in items(personas.employer)] == [reverse("doelgroepregister:check")]
    assert [i.url for i in items(personas.coordinator_a)] == [reverse("doelgroepregister:check")]
    assert [i.url for i in items(personas.staff)] == [reverse("doelgroepregister:overview")]
    assert items(personas.assessor) == []


@pytest.mark.django_db(databases="__all__")
def test_the_demo_seed_imports_fictitious_entries_once(personas):
    assert "fictieve registraties" in demo.seed()
    assert demo.seed() == ""
    demo_import = RegisterImport.objects.get(original_name=demo.DEMO_NAME)
    assert demo_import.status == ImportStatus.DONE and demo_import.inserted == 2002
    assert Registration.objects.filter(bsn_hash=bsn_hash(demo.DEMO_LID2)).exists()
