"""The four personas' main journeys in Debian Chromium, on a phone (375 px) and a desktop (1280 px).

Each journey clicks through the portal as its user would: links and buttons by their names. At
every step the page must not scroll sideways and axe-core must find nothing serious or critical;
the step's screenshot is saved as tests/artifacts/journey-<persona>-<step>-<width>.png, and the
test asserts what the step did (the saved value on the page, the success message).

The staff journey starts with the real login (password and TOTP code) and has a real Celery
worker recompute the distribution and render the publication; the other journeys start with a
session cookie and run their tasks in-process.
"""

from __future__ import annotations

from itertools import islice

import pytest

from regions.models import PlanStatus
from tests.banenafspraak.factories import first_run_through_the_worker, published_after
from tests.browser import log_in, screenshot
from tests.doelgroepregister.factories import csv_bytes, valid_bsns, wajong_and_lid2_registered
from tests.e2e.helpers import DESKTOP, PHONE, audit, log_in_with_cookie, overflow, require_axe
from tests.loonwaarde.factories import CertificationFactory
from tests.personas import PASSWORD
from tests.regions import factories as regions_factories
from tests.worker import wait_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(databases="__all__", transaction=True),
    pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"]),
]

IN_REGISTER, LID2, UNKNOWN = islice(valid_bsns(45_678_901), 3)


class Journey:
    """One persona's browser tab; ``step`` checks the page as it is now and saves it."""

    def __init__(self, page, persona: str) -> None:
        self.page = page
        self.persona = persona
        self.width = page.viewport_size["width"]

    def step(self, name: str) -> None:
        self.page.wait_for_load_state()
        where = f"{self.persona} {name} at {self.width} px ({self.page.url})"
        screenshot(self.page, f"journey-{self.persona}-{name}-{self.width}")
        problem = overflow(self.page, where)
        assert problem is None, problem
        violations = [
            f"{v['id']} [{v['impact']}] {[n['target'] for n in v['nodes']][:3]}"
            for v in audit(self.page)
        ]
        assert not violations, f"{where}:\n" + "\n".join(violations)

    def main(self):
        return self.page.get_by_role("main")

    def message(self, text: str) -> None:
        """The success message the base template shows after a save."""
        from playwright.sync_api import expect

        expect(self.page.locator(".messages .message-success")).to_contain_text(text)


@pytest.fixture
def open_journey(browser, live_server, viewport):
    """``open_journey(persona, user)`` opens the tab, logged in as ``user`` with a session
    cookie (or not logged in). One browser context per test, where axe-core passes the CSP."""
    require_axe()
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=viewport, bypass_csp=True
    )
    context.set_default_timeout(15_000)

    def begin(persona: str, user=None) -> Journey:
        log_in_with_cookie(context, user, live_server.url)
        return Journey(context.new_page(), persona)

    yield begin
    context.close()


def test_the_coordinator_records_a_decision_edits_and_adopts_the_plan(open_journey, personas):
    from playwright.sync_api import expect

    region, coordinator = personas.region_a, personas.coordinator_a
    werkbedrijf = regions_factories.werkbedrijf(region, complete=True)
    plan = regions_factories.draft_plan(werkbedrijf, user=coordinator, filled=True)
    journey = open_journey("coordinator", coordinator)
    page, main = journey.page, journey.main()

    page.goto("/mijn/")
    expect(main.get_by_role("heading", name="Mijn portaal")).to_be_visible()
    expect(main).to_contain_text("Plan van aanpak: er ligt een concept, nog niet vastgesteld.")
    journey.step("dashboard")

    main.get_by_role("link", name=region.name, exact=True).click()
    expect(main.get_by_role("heading", level=1)).to_contain_text(region.name)
    expect(main.get_by_text("U bent coördinator van deze regio.")).to_be_visible()
    journey.step("region")

    main.get_by_role("link", name="Samenstelling van het Werkbedrijf").click()
    expect(main.get_by_role("heading", level=1)).to_have_text(f"Werkbedrijf {region.name}")
    journey.step("werkbedrijf")

    main.get_by_role("link", name="Besluiten", exact=True).click()
    expect(main.get_by_role("heading", level=1)).to_have_text("Besluiten van het Werkbedrijf")
    journey.step("decisions")

    main.get_by_role("link", name="Besluit toevoegen").click()
    main.get_by_label("Onderwerp").fill("Inzet van jobcoaches bij werkgevers in de zorg")
    main.get_by_label("Status").select_option(label="Genomen")
    main.get_by_label("Datum besluit").fill("2026-03-10")
    main.get_by_label("Besluit:", exact=True).fill("Het Werkbedrijf zet twee jobcoaches in.")
    journey.step("decision-form")
    main.get_by_role("button", name="Opslaan").click()
    journey.message("‘Inzet van jobcoaches bij werkgevers in de zorg’ is opgeslagen.")
    row = main.get_by_role("row").filter(has_text="Inzet van jobcoaches bij werkgevers")
    expect(row).to_contain_text("Genomen")
    expect(row).to_contain_text("10 maart 2026")
    journey.step("decision-saved")

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name=region.name).click()
    main.get_by_role("link", name="Plan van aanpak bewerken").click()
    expect(main.locator(".plan-status")).to_contain_text("Concept")
    journey.step("plan")

    # the section turns into a form in place (htmx) and back, the page stays
    section = main.locator("#sectie-vraag_aanbod")
    section.get_by_role("link", name="Bewerken").click()
    section.get_by_label("Tekst").fill("Werkgevers in de zorg zoeken 40 kandidaten per jaar.")
    journey.step("section-form")
    section.get_by_role("button", name="Opslaan").click()
    expect(section.get_by_role("status")).to_have_text("Opgeslagen.")
    expect(section).to_contain_text("Werkgevers in de zorg zoeken 40 kandidaten per jaar.")
    expect(section.locator("textarea")).to_have_count(0)
    journey.step("section-saved")

    main.get_by_role("link", name="Plan vaststellen…").click()
    # what will be fixed and who will see it; nothing adopted yet
    confirm = main.locator("[data-confirm-step]")
    expect(confirm.get_by_role("heading", name="Wat wordt vastgelegd")).to_be_visible()
    expect(confirm).to_contain_text("5 onderdelen van het plan, zoals ze nu zijn;")
    expect(confirm.get_by_role("heading", name="Wie het ziet")).to_be_visible()
    expect(confirm).to_contain_text("Iedereen, zonder in te loggen")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    journey.step("adopt-confirm")

    main.get_by_role("button", name="Ja, plan vaststellen").click()
    journey.message("is vastgesteld. Het is nu openbaar en niet meer te wijzigen.")
    expect(main.locator(".plan-status")).to_contain_text("Vastgesteld")
    expect(section).to_contain_text("Werkgevers in de zorg zoeken 40 kandidaten per jaar.")
    # the way forward is at the top: above the plan's first section
    new_draft = main.get_by_role("button", name="Nieuw concept op basis van dit plan")
    expect(new_draft).to_be_visible()
    first_section = main.locator(".plan-section").first
    assert new_draft.bounding_box()["y"] < first_section.bounding_box()["y"]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED
    journey.step("adopted")


def test_the_employer_checks_bsns_one_by_one_and_as_a_list_then_reads_the_history(
    open_journey, personas
):
    from playwright.sync_api import expect

    wajong_and_lid2_registered(IN_REGISTER, LID2)
    journey = open_journey("employer", personas.employer)
    page, main = journey.page, journey.main()

    def no_bsn_in_the_page() -> None:
        html = page.content()
        assert not [bsn for bsn in (IN_REGISTER, LID2, UNKNOWN) if bsn in html]

    page.goto("/mijn/")
    journey.step("dashboard")
    main.get_by_role("link", name="Doelgroepregister controleren").first.click()
    field = main.get_by_label("BSN van de kandidaat of werknemer")
    expect(field).to_be_visible()
    journey.step("check")

    field.fill(IN_REGISTER)
    main.get_by_role("button", name="Controleren").click()
    facts = main.locator("#controle dl")
    expect(facts.locator('[data-fact="end-date"]')).to_have_text("31 december 2099")
    expect(facts.locator('[data-fact="in-register"]')).to_have_text("Ja")
    expect(facts.locator('[data-fact="counts"]')).to_have_text("Ja")
    expect(main.get_by_role("heading", name="Uitkomst")).to_contain_text(IN_REGISTER[-3:])
    expect(field).to_have_value("")
    no_bsn_in_the_page()
    journey.step("in-register")

    field.fill(UNKNOWN)
    main.get_by_role("button", name="Controleren").click()
    next_step = main.locator("[data-next-step]")
    expect(next_step.get_by_role("heading", name="Wat kunt u nu doen?")).to_be_visible()
    expect(next_step).to_contain_text("Deze persoon staat vandaag niet in het doelgroepregister.")
    expect(main.locator('[data-fact="in-register"]')).to_have_text("Nee")
    no_bsn_in_the_page()
    journey.step("not-in-register")

    field.fill("12345678")  # one digit short: with a leading 0 it fails the 11-proef
    main.get_by_role("button", name="Controleren").click()
    expect(main.locator("#bsn-fout")).to_contain_text("11-proef")
    # the typing stays to be corrected, and a screen reader hears it is invalid and why
    expect(field).to_have_value("12345678")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "bsn-fout" in field.get_attribute("aria-describedby")
    journey.step("invalid")

    main.get_by_role("navigation", name="Doelgroepregister").get_by_role(
        "link", name="Een lijst controleren"
    ).click()
    rows = [(IN_REGISTER, "P-1"), (LID2, "P-2"), (UNKNOWN, "P-3"), ("12345678", "P-4")]
    main.get_by_label("Lijst met BSN's (CSV of XLSX)").set_input_files(
        {
            "name": "personeel.csv",
            "mimeType": "text/csv",
            "buffer": csv_bytes(rows, header=("bsn", "kenmerk")),
        }
    )
    main.get_by_label("Ik verklaar dat deze lijst").check()
    journey.step("bulk-form")
    main.get_by_role("button", name="Lijst controleren").click()
    journey.message("De lijst is gecontroleerd.")
    summary = main.locator("[data-bulk-summary]")
    for fact, value in (("rows", "4"), ("in-register", "2"), ("counts", "1"), ("invalid", "1")):
        expect(summary.locator(f'[data-fact="{fact}"]')).to_have_text(value)
    no_bsn_in_the_page()
    journey.step("bulk-summary")

    main.get_by_role("navigation", name="Doelgroepregister").get_by_role(
        "link", name="Eerdere controles"
    ).click()
    table = main.get_by_role("table", name="Controles, nieuwste eerst")
    for bsn, reference in rows[:3]:
        row = table.get_by_role("row").filter(has_text=reference)
        expect(row.locator("[data-masked-bsn]")).to_have_text(f"••••••{bsn[-3:]}")
    # the three single checks, newest first: no kenmerk, and the invalid one no digits at all
    single = table.get_by_role("row").filter(has_text="enkele controle")
    expect(single.locator("[data-masked-bsn]")).to_have_text(
        ["–", f"••••••{UNKNOWN[-3:]}", f"••••••{IN_REGISTER[-3:]}"]
    )
    no_bsn_in_the_page()
    journey.step("history")


def test_the_assessor_writes_saves_and_finalises_an_assessment(open_journey, personas):
    from playwright.sync_api import expect

    CertificationFactory(assessor=personas.assessor, number="ULM-REIS-001")
    journey = open_journey("assessor", personas.assessor)
    page, main = journey.page, journey.main()

    page.goto("/mijn/")
    main.get_by_role("link", name="Loonwaarde", exact=True).first.click()
    expect(main.get_by_role("heading", level=1)).to_have_text("Loonwaardebeoordelingen")
    journey.step("list")

    main.get_by_role("link", name="Nieuwe beoordeling").click()
    expect(main.get_by_role("heading", level=1)).to_have_text("Nieuwe loonwaardebeoordeling")
    journey.step("new")

    main.get_by_label("Kenmerk kandidaat", exact=True).fill("KAND-REIS")
    main.get_by_label("Werkgever", exact=True).select_option(label=str(personas.organisation_a))
    main.get_by_label("Arbeidsmarktregio", exact=True).select_option(label="Groningen (AM01)")
    main.get_by_label("Functie", exact=True).fill("Medewerker postkamer")
    main.get_by_label("Werkplek", exact=True).fill("Postkamer, hoofdkantoor")
    main.get_by_label("Datum werkplekobservatie").fill("2026-02-01")
    main.get_by_label("Uren per week").fill("36")
    main.get_by_label("Motivering").fill("Twee dagdelen geobserveerd met de teamleider.")
    tasks = [("Post sorteren", "60", "50"), ("Pakketten scannen", "40", "50")]
    for n, (description, share, tempo) in enumerate(tasks, start=1):
        main.get_by_label(f"Taak (taak {n})", exact=True).fill(description)
        main.get_by_label(f"Aandeel werktijd (%) (taak {n})").fill(share)
        main.get_by_label(f"Tempo (%) (taak {n})").fill(tempo)
        main.get_by_label(f"Kwaliteit (%) (taak {n})").fill("100")
        main.get_by_label(f"Inzetbaarheid (%) (taak {n})").fill("100")
    journey.step("tasks-filled")

    main.get_by_role("button", name="Opslaan als concept").click()
    journey.message("is opgeslagen als concept.")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Loonwaardebeoordeling KAND-REIS")
    expect(main.get_by_text("Loonwaarde: 50%")).to_be_visible()
    expect(main.get_by_role("table", name="Taken")).to_contain_text("Pakketten scannen")
    journey.step("saved")

    main.get_by_role("link", name="Definitief maken…").click()
    expect(main.get_by_role("heading", name="Wat wordt vastgelegd")).to_be_visible()
    expect(main.locator(".finalise-facts")).to_contain_text("De loonwaarde van 50%")
    expect(main.locator(".finalise-facts")).to_contain_text("€ 1.530,38 per maand")
    expect(main.get_by_role("heading", name="Wie de beoordeling ziet")).to_be_visible()
    journey.step("finalise-confirm")

    main.get_by_role("button", name="Definitief maken").click()
    journey.message("is definitief gemaakt.")
    expect(main.locator(".readonly-note")).to_contain_text("Definitief sinds")
    expect(main.get_by_text("Loonwaarde: 50%")).to_be_visible()
    subsidy = main.get_by_role("table", name="Loonkostensubsidie op 1 februari 2026")
    expect(subsidy.get_by_role("row").filter(has_text="LKS per maand")).to_contain_text(
        "€ 1.530,38"
    )
    expect(main.get_by_role("link", name="Download pdf")).to_be_visible()
    journey.step("result")


@pytest.mark.worker
@pytest.mark.postgres
def test_staff_change_a_figure_publish_the_new_run_and_the_public_sees_it(
    open_journey, personas, celery_worker_process
):
    from playwright.sync_api import expect

    first = first_run_through_the_worker()
    staff = personas.staff
    journey = open_journey("staff")
    page, main = journey.page, journey.main()

    # the real login: password, then the TOTP code; it lands on the dashboard
    log_in(page, staff.email, PASSWORD, personas.totp_secrets[staff.email])
    expect(main.get_by_role("heading", name="Mijn portaal")).to_be_visible()
    journey.step("dashboard")

    main.get_by_role("link", name="Basisgegevens", exact=True).click()
    expect(main.get_by_role("heading", level=1)).to_have_text("Basisgegevens per regio")
    journey.step("basedata")

    region = personas.region_a
    main.get_by_role("link", name=f"Wijzig {region.name}").click()
    main.get_by_label("Aantal Wajongers").fill("9000")
    journey.step("figures-form")
    main.get_by_role("button", name="Opslaan").click()
    journey.message(
        f"De basisgegevens van {region.name} zijn opgeslagen. De verdeling wordt herberekend."
    )
    new = wait_for(lambda: published_after(first.pk), message="the new run")
    # the page polls the worker's progress and reloads itself with the new version
    expect(page.locator("#herberekening")).to_contain_text(
        f"Versie {new.pk}, berekend", timeout=30_000
    )
    expect(main.locator("table.distribution caption")).to_contain_text(f"versie {new.pk}")
    assert new.inputs != first.inputs
    journey.step("new-run")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Publicaties").click()
    main.get_by_role("link", name="Nieuwe publicatie").click()
    # the newest finished run is offered first
    expect(main.get_by_label("Berekening")).to_have_value(str(new.pk))
    main.get_by_label("Titel").fill("Regionale verdeling Banenafspraak, nieuwe Wajong-cijfers")
    main.get_by_label("Samenvatting").fill("Met de herziene Wajong-cijfers van Groningen.")
    journey.step("publication-form")

    main.get_by_role("button", name="Verder: controleren en publiceren").click()
    confirm = main.locator("[data-confirm-step]")
    expect(confirm.get_by_role("heading", name="Wat wordt vastgelegd")).to_be_visible()
    expect(confirm.get_by_role("heading", name="Wie het ziet")).to_be_visible()
    expect(confirm).to_contain_text("Iedereen, zonder in te loggen")
    journey.step("publication-confirm")

    main.get_by_role("button", name="Ja, publiceren").click()
    journey.message("De PDF wordt nu gemaakt")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "Regionale verdeling Banenafspraak, nieuwe Wajong-cijfers"
    )
    # the worker makes the PDF; the page polls and reloads itself when it is there
    expect(main.get_by_role("link", name="Rapport (PDF)")).to_be_visible(timeout=60_000)
    expect(main.locator("#publicatie-status")).to_contain_text("Gepubliceerd op")
    expect(main).to_contain_text(f"versie {new.pk}")
    journey.step("publication")

    # a visitor who is not logged in reads the new distribution on the public page
    page.context.clear_cookies()
    page.goto("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Banenafspraak"
    ).click()
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "Indicatieve regionale verdeling van de Banenafspraak"
    )
    expect(main.locator("table.distribution caption")).to_contain_text(f"versie {new.pk}")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    expect(main.get_by_role("link", name="Basisgegevens")).to_have_count(0)
    journey.step("visitor-distribution")
