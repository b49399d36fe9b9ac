"""axe-core (npm, loaded from node_modules) on every page type: no serious or critical violations."""

import pytest

from tests.browser import log_in
from tests.e2e.helpers import audit, require_axe

pytestmark = pytest.mark.browser

# (persona, path) per page type; apps add theirs to PAGES in tests/<app>/a11y.py
PAGES = [
    ("anonymous", "/"),
    ("anonymous", "/regios/"),
    ("anonymous", "/regios/AM01/"),
    ("anonymous", "/accounts/login/"),
    ("anonymous", "/toegankelijkheid/"),
    ("coordinator_a", "/mijn/"),
    ("coordinator_a", "/accounts/2fa/"),
    ("coordinator_a", "/regios/AM01/werkbedrijf/"),
    ("coordinator_a", "/regios/AM01/werkbedrijf/besluiten/"),
    ("coordinator_a", "/regios/AM01/werkbedrijf/deelnemers/nieuw/"),
    ("coordinator_a", "/regios/AM01/werkbedrijf/realisaties/"),
    ("coordinator_a", "/regios/AM01/plan/"),
    ("employer", "/doelgroepregister/controle/"),
    ("employer", "/doelgroepregister/controle/lijst/"),
    ("employer", "/doelgroepregister/controle/historie/"),
    ("anonymous", "/banenafspraak/"),
    ("anonymous", "/banenafspraak/versies/"),
    ("staff", "/regios/werkbedrijven/"),
    ("staff", "/banenafspraak/wat-als/"),
    ("staff", "/banenafspraak/basisgegevens/"),
    ("staff", "/banenafspraak/basisgegevens/AM01/"),
    ("staff", "/banenafspraak/doelstellingen/"),
    ("staff", "/banenafspraak/methode/"),
    ("staff", "/doelgroepregister/imports/"),
    ("staff", "/doelgroepregister/overzicht/"),
    ("staff", "/doelgroepregister/controlelog/"),
    ("staff", "/doelgroepregister/verwijderen/"),
]


@pytest.fixture
def axe_page(browser, live_server):
    require_axe()
    # The portal's CSP forbids inline scripts; only this audit context may inject axe.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_no_serious_or_critical_violations_on_any_page_type(axe_page, personas):
    from banenafspraak.services import distribution_request
    from tests.banenafspraak.factories import complete_dataset
    from tests.personas import PASSWORD

    complete_dataset()  # pages with a computed distribution (tasks run in-process here)
    distribution_request(reason="toegankelijkheidstest")

    failures = []
    logged_in_as = None
    for persona, path in PAGES:
        if persona != logged_in_as and persona != "anonymous":
            axe_page.context.clear_cookies()
            user = personas.user(persona)
            log_in(axe_page, user.email, PASSWORD, personas.totp_secrets.get(user.email))
            logged_in_as = persona
        axe_page.goto(path)
        for violation in audit(axe_page):
            nodes = [n["target"] for n in violation["nodes"]][:3]
            failures.append(
                f"{path} ({persona}): {violation['id']} [{violation['impact']}] {nodes}"
            )
    assert not failures, "\n".join(failures)
