"""The two journeys in Debian Chromium: an employer checks a BSN and a list; staff import a
file with errors, read the report, fix the file and import it."""

from __future__ import annotations

from itertools import islice

import pytest

from doelgroepregister.models import Registration
from tests.browser import log_in, screenshot
from tests.doelgroepregister.factories import (
    csv_bytes,
    entry,
    valid_bsns,
    wajong_and_lid2_registered,
)
from tests.personas import PASSWORD

IN_REGISTER, LID2, UNKNOWN = islice(valid_bsns(67_890_123), 3)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(databases="__all__", transaction=True),
]


def csv_file(name: str, content: bytes) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": content}


def test_an_employer_checks_one_bsn_and_then_a_list(page, personas):
    wajong_and_lid2_registered(IN_REGISTER, LID2)
    log_in(page, personas.employer.email, PASSWORD)
    page.get_by_role("link", name="Doelgroepregister controleren").first.click()
    field = page.get_by_label("BSN van de kandidaat of werknemer")
    field.fill("12345678")  # one digit short (8 digits get a leading 0, and fail the 11-proef)
    page.get_by_role("button", name="Controleren").click()
    page.locator("#bsn-fout").wait_for()
    # the typing stays to be corrected, and a screen reader hears it is invalid and why
    assert field.get_attribute("aria-invalid") == "true"
    assert "bsn-fout" in field.get_attribute("aria-describedby")
    assert field.input_value() == "12345678"
    assert "11-proef" in page.locator("#bsn-fout").inner_text()
    screenshot(page, "doelgroepregister-check-invalid")
    field.fill(UNKNOWN)
    page.get_by_role("button", name="Controleren").click()
    page.get_by_role("heading", name="Wat kunt u nu doen?").wait_for()
    assert (
        page.get_by_label("BSN van de kandidaat of werknemer").get_attribute("aria-invalid") is None
    )
    page.get_by_label("BSN van de kandidaat of werknemer").fill(IN_REGISTER)
    page.get_by_role("button", name="Controleren").click()
    page.locator('[data-fact="end-date"]').wait_for()
    assert page.locator('[data-fact="in-register"]').inner_text() == "Ja"
    assert page.locator('[data-fact="counts"]').inner_text() == "Ja"
    assert "2099" in page.locator('[data-fact="end-date"]').inner_text()
    assert page.get_by_label("BSN van de kandidaat of werknemer").input_value() == ""
    assert "Wajong" not in page.content()
    screenshot(page, "doelgroepregister-check")

    page.get_by_role("link", name="Een lijst controleren").click()
    rows = [(IN_REGISTER, "P-1"), (LID2, "P-2"), (UNKNOWN, "P-3")]
    page.get_by_label("Lijst met BSN's (CSV of XLSX)").set_input_files(
        csv_file("personeel.csv", csv_bytes(rows, header=("bsn", "kenmerk")))
    )
    page.get_by_label("Ik verklaar dat deze lijst").check()
    page.get_by_role("button", name="Lijst controleren").click()
    summary = page.locator("[data-bulk-summary]")
    assert summary.locator('[data-fact="rows"]').inner_text() == "3"
    assert summary.locator('[data-fact="in-register"]').inner_text() == "2"
    assert summary.locator('[data-fact="counts"]').inner_text() == "1"
    assert summary.locator('[data-fact="invalid"]').inner_text() == "0"
    screenshot(page, "doelgroepregister-bulk-summary")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Resultaat per rij downloaden (CSV)").click()
    lines = download_info.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(";")[2:5] for line in lines[1:]] == [
        ["P-1", "ja", "ja"],
        ["P-2", "ja", "nee"],
        ["P-3", "nee", "nee"],
    ]


def test_staff_import_a_file_with_errors_read_the_report_fix_it_and_import_again(page, personas):
    bsns = list(islice(valid_bsns(78_901_234), 3))
    bad = [entry(bsns[0]), entry(bsns[1], start="31-02-2021"), entry(bsns[2], grondslag="beschut")]
    log_in(page, personas.staff.email, PASSWORD, personas.totp_secrets[personas.staff.email])
    page.goto("/doelgroepregister/imports/")
    extract = page.get_by_label("Extract van het doelgroepregister (CSV of XLSX)")
    extract.set_input_files(csv_file("extract.csv", csv_bytes(bad)))
    page.get_by_label("Controleren en inlezen als het hele bestand foutloos is").check()
    page.get_by_role("button", name="Uploaden").click()
    report = page.get_by_role("table", name="2 foute rijen; het register is niet gewijzigd")
    report.wait_for()
    assert "deze datum bestaat niet" in report.inner_text()
    assert "onbekende of lege grondslag" in report.inner_text()
    assert Registration.objects.count() == 0
    screenshot(page, "doelgroepregister-import-report")

    page.goto("/doelgroepregister/imports/")
    fixed = [entry(bsns[0]), entry(bsns[1], start="28-02-2021"), entry(bsns[2], grondslag="wsw")]
    extract = page.get_by_label("Extract van het doelgroepregister (CSV of XLSX)")
    extract.set_input_files(csv_file("extract-hersteld.csv", csv_bytes(fixed)))
    page.get_by_label("Controleren en inlezen als het hele bestand foutloos is").check()
    page.get_by_role("button", name="Uploaden").click()
    page.locator('[data-status="done"]').wait_for()
    assert "Geen fouten gevonden." in page.content()
    assert Registration.objects.count() == 3


def test_a_full_refresh_with_one_removal_then_the_employer_hears_not_in_the_register(
    page, personas, browser, live_server
):
    people = list(islice(valid_bsns(79_012_345), 3))
    gone = people[2]
    log_in(page, personas.staff.email, PASSWORD, personas.totp_secrets[personas.staff.email])
    for name, rows, commit in (
        ("register-januari.csv", [entry(bsn) for bsn in people], True),
        ("register-februari.csv", [entry(bsn) for bsn in people[:2]], False),
    ):
        page.goto("/doelgroepregister/imports/")
        extract = page.get_by_label("Extract van het doelgroepregister (CSV of XLSX)")
        extract.set_input_files(csv_file(name, csv_bytes(rows)))
        page.get_by_label("Dit bestand is het volledige register").check()
        if commit:
            page.get_by_label("Controleren en inlezen als het hele bestand foutloos is").check()
        page.get_by_role("button", name="Uploaden").click()
        page.locator(f'[data-status="{"done" if commit else "checked"}"]').wait_for()
    # the dry run shows the difference per grondslag: one entry no longer in the extract
    difference = page.get_by_role("table", name="Verschil met het register als dit bestand")
    assert difference.locator("[data-ended]").first.inner_text() == "1"
    screenshot(page, "doelgroepregister-full-refresh")
    # one of three is more than the safety threshold: staff type the number to confirm
    page.get_by_label("Aantal te beëindigen inschrijvingen").fill("1")
    page.get_by_role("button", name="Nu inlezen in het register").click()
    page.locator('[data-status="done"]').wait_for()
    assert Registration.objects.filter(end_date=None).count() == 2

    employer = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    log_in(employer, personas.employer.email, PASSWORD)
    employer.goto("/doelgroepregister/controle/")
    for bsn, expected in ((gone, "Nee"), (people[0], "Ja")):
        employer.get_by_label("BSN van de kandidaat of werknemer").fill(bsn)
        employer.get_by_role("button", name="Controleren").click()
        employer.locator('[data-fact="in-register"]').wait_for()
        assert employer.locator('[data-fact="in-register"]').inner_text() == expected
        employer.locator("#uitkomst-kop").evaluate("node => node.closest('section').remove()")
