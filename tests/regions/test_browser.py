"""A coordinator edits, extends and adopts the region's plan in a real browser."""

from __future__ import annotations

from django.urls import reverse

import pytest

from regions import services
from regions.models import PlanStatus
from tests.browser import log_in, screenshot
from tests.personas import PASSWORD
from tests.regions import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_edits_a_section_adds_an_action_and_adopts_the_plan(page, personas):
    from playwright.sync_api import expect

    coordinator = personas.coordinator_a
    werkbedrijf = factories.werkbedrijf(personas.region_a, complete=True)
    plan = factories.draft_plan(werkbedrijf, user=coordinator, filled=True)
    services.realisation_save(
        werkbedrijf=werkbedrijf,
        user=coordinator,
        year=2025,
        market=60,
        government=15,
        source="fictief (demo)",
    )
    log_in(page, coordinator.email, PASSWORD, personas.totp_secrets[coordinator.email])
    page.goto(plan.get_absolute_url())
    plan_url = page.url

    # edit a section in place (htmx): the page stays, the section turns into a form and back
    section = page.locator("#sectie-vraag_aanbod")
    section.get_by_role("link", name="Bewerken").click()
    section.get_by_label("Tekst").fill("Werkgevers in de zorg zoeken 40 kandidaten per jaar.")
    section.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#sectie-vraag_aanbod")).to_contain_text("40 kandidaten per jaar")
    expect(page.locator("#sectie-vraag_aanbod textarea")).to_have_count(0)
    assert page.url == plan_url

    # add an action in place
    actions = page.locator("#acties")
    actions.get_by_label("Actie:", exact=True).fill("Regionale banenmarkt organiseren")
    actions.get_by_role("textbox", name="Eigenaar").fill("Werkgeversservicepunt")
    actions.get_by_role("textbox", name="Deadline").fill("2026-10-01")
    actions.get_by_role("button", name="Actie toevoegen").click()
    expect(page.locator("#acties tbody")).to_contain_text("Regionale banenmarkt organiseren")

    page.get_by_role("link", name="Plan vaststellen…").click()
    # the confirmation step: what is fixed, who will see it; nothing adopted yet
    expect(page.get_by_role("heading", name="Wie het ziet")).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    screenshot(page, "plan-vaststellen-bevestigen")
    page.get_by_role("button", name="Ja, plan vaststellen").click()
    expect(page.locator(".plan-status")).to_contain_text("Vastgesteld")
    # the way forward is at the top of the adopted plan
    expect(page.locator("[data-new-draft]").get_by_role("button")).to_have_text(
        "Nieuw concept op basis van dit plan"
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED
    assert plan.sections.get(key="vraag_aanbod").body.startswith("Werkgevers in de zorg")
    assert plan.actions.filter(title="Regionale banenmarkt organiseren").exists()

    page.goto(reverse("regions:detail", kwargs={"code": personas.region_a.code}))
    expect(page.locator(".werkbedrijf-dashboard svg")).to_be_visible()
    screenshot(page, "regions-dashboard")
