"""axe-core on the loonwaarde pages, including an assessment's own pages and a form with errors."""

import pytest

from tests.browser import log_in
from tests.e2e.helpers import audit
from tests.e2e.test_accessibility import axe_page  # noqa: F401 - the fixture
from tests.loonwaarde.a11y import PAGES
from tests.loonwaarde.factories import make_assessment
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser


def test_the_loonwaarde_pages_have_no_serious_or_critical_violations(axe_page, personas, own):  # noqa: F811
    concept = make_assessment(**own, candidate_reference="KAND-A11Y")
    final = make_assessment(**own, candidate_reference="KAND-A11Y-DEF", finalise=True)
    pages = [
        *PAGES,
        ("assessor", concept.get_absolute_url()),
        ("assessor", f"/loonwaarde/{concept.pk}/wijzigen/"),
        ("assessor", f"/loonwaarde/{concept.pk}/definitief/"),
        ("assessor", final.get_absolute_url()),
    ]
    failures = []
    logged_in_as = None
    for persona, path in sorted(pages, key=lambda p: p[0]):
        if persona != logged_in_as:
            axe_page.context.clear_cookies()
            user = personas.user(persona)
            log_in(axe_page, user.email, PASSWORD, personas.totp_secrets.get(user.email))
            logged_in_as = persona
        axe_page.goto(path)
        if path.endswith("/nieuw/"):
            # submitted empty: every error is shown next to its field
            axe_page.get_by_role("button", name="Opslaan als concept").click()
            axe_page.get_by_text("De beoordeling is niet opgeslagen.").wait_for()
        failures += [
            f"{path} ({persona}): {v['id']} [{v['impact']}] {[n['target'] for n in v['nodes']][:3]}"
            for v in audit(axe_page)
        ]
    assert not failures, "\n".join(failures)
