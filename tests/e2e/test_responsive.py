"""Every page type on a phone (375 px) and a desktop (1280 px), on the NL Design System components.

The pages come from the authorisation matrix (tests/<app>/matrix.py): for each persona, one URL of
every page type that persona may GET (an HTML page with the portal's frame). At 375 px no page may
scroll sideways (wide tables scroll inside their own region); the key pages are saved as
screenshots at both widths in tests/artifacts/, and a sample of them is audited with axe-core.
"""

from __future__ import annotations

from datetime import date

from django.test import Client

import pytest

from doelgroepregister.models import Grondslag, Registration
from doelgroepregister.protection import bsn_hash
from tests.doelgroepregister.factories import valid_bsns
from tests.e2e.helpers import DESKTOP, PHONE, audit, log_in_with_cookie, overflow, require_axe
from tests.matrix import LOGIN
from tests.personas import PERSONA_NAMES
from tests.test_authorisation_matrix import all_expectations, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(databases="__all__", transaction=True)]

IN_REGISTER = next(valid_bsns(56_789_012))
# not pages: files, feeds, the API, health checks, htmx fragments, the Django admin
NOT_PAGES = ("/api/", "/health", "/beheer/", "/admin/", "/static/", "/media/")


def pages_per_persona(world) -> dict[str, dict[str, str]]:
    """persona -> {url name: path} of every page type that persona may GET."""
    result: dict[str, dict[str, str]] = {name: {} for name in PERSONA_NAMES}
    for url_name, expects in sorted(all_expectations(world).items()):
        for expect in expects:
            if expect.method != "get" or expect.path.startswith(NOT_PAGES) or expect.data:
                continue
            for persona, outcome in expect.outcomes.items():
                if outcome == 200 and outcome != LOGIN:
                    result[persona].setdefault(url_name, expect.path)
    return result


def _is_page(client: Client, path: str) -> bool:
    """An HTML page in the portal's frame (not a file, a download or an htmx fragment)."""
    response = client.get(path)
    return (
        response.status_code == 200
        and response["Content-Type"].startswith("text/html")
        and b'<main id="inhoud"' in response.content
    )


def _client(personas, persona: str) -> Client:
    client = Client()
    if personas.user(persona) is not None:
        client.force_login(personas.user(persona))
    return client


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, personas):
    world = build_world(personas)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    failures, walked = [], 0
    try:
        for persona, pages in pages_per_persona(world).items():
            log_in_with_cookie(context, personas.user(persona), live_server.url)
            client = _client(personas, persona)
            for url_name, path in pages.items():
                if not _is_page(client, path):
                    continue
                page.goto(path)
                walked += 1
                failure = overflow(page, f"{url_name} {path} ({persona})")
                if failure:
                    failures.append(failure)
    finally:
        context.close()
    assert walked > 60, f"only {walked} pages walked: the matrix lost its pages?"
    assert not failures, "\n".join(failures)


PRINTED = {"region", "plan", "distribution"}
# on paper: no menu, no buttons or forms, and a wide table shows all its columns
PRINT_CHECK = """() => {
  const shown = el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
  return {
    nav: [...document.querySelectorAll('nav.main-nav, .utrecht-breadcrumb-nav')].some(shown),
    buttons: [...document.querySelectorAll('main button, main form, main .utrecht-button-link')].some(shown),
    clipped: [...document.querySelectorAll('.table-scroll')].filter(
      el => getComputedStyle(el).overflowX !== 'visible').length,
    tables: document.querySelectorAll('main table').length,
  };
}"""


# (persona, name, path) of the key pages: saved at both widths, audited with axe-core
def key_pages(world) -> list[tuple[str, str, str]]:
    p = world.personas
    paths = {
        name: expects[0].path
        for name, expects in all_expectations(world).items()
        if expects and expects[0].method == "get"
    }
    pages = [
        ("anonymous", "home", "/"),
        ("anonymous", "regions", paths["regions:index"]),
        ("anonymous", "region", f"/regios/{p.region_a.code}/"),
        ("anonymous", "distribution", paths["banenafspraak:distribution"]),
        ("anonymous", "publications", paths["banenafspraak:publication_list"]),
        ("anonymous", "login", "/accounts/login/"),
        ("coordinator_b", "dashboard", "/mijn/"),
        ("coordinator_b", "two-step", "/accounts/2fa/"),
        ("coordinator_b", "werkbedrijf", f"/regios/{p.region_b.code}/werkbedrijf/"),
        ("coordinator_b", "plan", f"/regios/{p.region_b.code}/plan/"),
        ("coordinator_b", "decisions", f"/regios/{p.region_b.code}/werkbedrijf/besluiten/"),
        ("employer", "check", "/doelgroepregister/controle/"),
        ("employer", "check-history", "/doelgroepregister/controle/historie/"),
        ("assessor", "loonwaarde", "/loonwaarde/"),
        ("staff", "basedata", "/banenafspraak/basisgegevens/"),
        ("staff", "register-imports", "/doelgroepregister/imports/"),
        ("staff", "overview", "/regios/werkbedrijven/"),
    ]
    for persona, name, url_name in [
        ("assessor", "assessment", "loonwaarde:detail"),
        ("staff", "run", "banenafspraak:run_detail"),
        ("anonymous", "publication", "banenafspraak:publication_detail"),
    ]:
        if url_name in paths:
            pages.append((persona, name, paths[url_name]))
    return pages


def test_key_pages_at_375_and_1280_px_screenshots_and_axe(browser, live_server, personas):
    from tests.browser import ARTIFACTS, screenshot

    require_axe()
    world = build_world(personas)
    Registration.objects.create(
        bsn_hash=bsn_hash(IN_REGISTER),
        grondslag=Grondslag.WAJONG,
        start_date=date(2020, 1, 1),
        end_date=date(2099, 12, 31),
    )
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    failures = []
    try:
        logged_in_as = None
        for persona, name, path in key_pages(world):
            if persona != logged_in_as:
                log_in_with_cookie(context, personas.user(persona), live_server.url)
                logged_in_as = persona
            for label, viewport in (("375", PHONE), ("1280", DESKTOP)):
                page.set_viewport_size(viewport)
                response = page.goto(path)
                assert response.status == 200, f"{path} ({persona}): {response.status}"
                screenshot(page, f"nlds-{name}-{label}")
                failure = overflow(page, f"{path} ({persona}) at {label} px")
                if failure:
                    failures.append(failure)
            if name == "check":  # the answer with its facts list fits too
                page.set_viewport_size(PHONE)
                page.goto(path)
                page.locator("input[name=bsn]").fill(IN_REGISTER)
                page.locator("#controle form [type=submit]").click()
                page.locator("#controle dl").wait_for()
                screenshot(page, "nlds-check-answer-375")
                failure = overflow(page, f"{path} answer ({persona}) at 375 px")
                if failure:
                    failures.append(failure)
            if name in PRINTED:
                page.emulate_media(media="print")
                printed = page.evaluate(PRINT_CHECK)
                screenshot(page, f"nlds-{name}-print")
                page.pdf(
                    path=str(ARTIFACTS / f"nlds-{name}-print.pdf"),
                    print_background=True,
                    prefer_css_page_size=True,
                )
                page.emulate_media(media="screen")
                if printed["nav"] or printed["buttons"] or printed["clipped"]:
                    failures.append(f"{path} printed: {printed}")
            failures += [
                f"{path} ({persona}): {v['id']} [{v['impact']}] {[n['target'] for n in v['nodes']][:3]}"
                for v in audit(page)
            ]
    finally:
        context.close()
    assert not failures, "\n".join(failures)
