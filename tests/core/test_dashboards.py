"""The start page shows each role the work waiting for it, each item a link to where it is done."""

from __future__ import annotations

from django.urls import reverse

import pytest

from banenafspraak.models import DistributionRun, RunStatus
from doelgroepregister import services
from doelgroepregister.models import CheckLog, ImportStatus, RegisterImport, outside_transaction
from regions.models import Decision, DecisionStatus
from tests.doelgroepregister.factories import valid_bsns
from tests.regions import factories

AUDIT = pytest.mark.django_db(databases="__all__", transaction=True)


def dashboard(client_for, persona: str) -> str:
    return client_for(persona).get(reverse("core:dashboard")).content.decode()


@pytest.fixture(autouse=True)
def _fresh_budgets():
    from django.core.cache import cache

    cache.clear()


@AUDIT
def test_staff_see_failed_runs_failed_imports_missing_targets_and_organisations_at_budget(
    client_for, personas, settings
):
    run = DistributionRun.objects.create(status=RunStatus.FAILED, reason="nieuwe CBS-cijfers")
    failed = RegisterImport.objects.create(original_name="uwv.csv", status=ImportStatus.FAILED)
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION = 2
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER = 2
    for bsn in list(zip(range(2), valid_bsns(11_111_111), strict=False)):
        services.register_check(user=personas.employer, raw_bsn=bsn[1])
    body = dashboard(client_for, "staff")
    assert reverse("banenafspraak:run_detail", args=[run.pk]) in body
    assert "nieuwe CBS-cijfers" in body
    assert failed.get_absolute_url() in body and "uwv.csv" in body
    assert reverse("banenafspraak:targets") in body and "landelijke doelstelling" in body
    assert f"{personas.organisation_a.name} heeft het dagbudget" in body
    # others do not see the staff's work
    assert "dagbudget van controles bereikt" not in dashboard(client_for, "employer")


@AUDIT
def test_an_employer_sees_recent_checks_masked_and_the_budget_left_today(
    client_for, personas, settings
):
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER = 10
    bsn = next(valid_bsns(22_222_222))
    services.register_check(user=personas.employer, raw_bsn=bsn)
    assert CheckLog.objects.using(outside_transaction()).count() == 1
    body = dashboard(client_for, "employer")
    assert "U kunt vandaag nog 9 BSN" in body
    assert f"••••••{bsn[-3:]}" in body and bsn not in body
    assert reverse("doelgroepregister:check_history") in body


@pytest.mark.django_db
def test_a_coordinator_sees_plan_status_open_points_and_undated_decisions(client_for, personas):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    factories.draft_plan(werkbedrijf)
    Decision.objects.create(werkbedrijf=werkbedrijf, title="Open punt", status=DecisionStatus.OPEN)
    Decision.objects.create(werkbedrijf=werkbedrijf, title="Genomen", status=DecisionStatus.TAKEN)
    body = dashboard(client_for, "coordinator_a")
    assert "er ligt een concept, nog niet vastgesteld" in body
    still_open = werkbedrijf.decisions.exclude(status=DecisionStatus.TAKEN).count()
    assert still_open > 1 and f"{still_open} beslispunten staan nog open." in body
    assert "1 genomen besluit heeft geen datum." in body
    assert reverse("regions:decisions", kwargs={"code": personas.region_a.code}) in body
    assert "beslispunt" not in dashboard(client_for, "coordinator_b")
