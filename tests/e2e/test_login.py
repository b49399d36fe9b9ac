"""A coordinator logs in with a TOTP code in Debian Chromium and sees their region."""

import pytest

from tests.browser import log_in, screenshot
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser


def test_a_coordinator_logs_in_with_totp_and_sees_their_region(page, personas):
    user = personas.coordinator_a
    log_in(page, user.email, PASSWORD, personas.totp_secrets[user.email])
    page.get_by_role("heading", name="Mijn portaal").wait_for()
    page.get_by_role("link", name=personas.region_a.name).first.click()
    page.get_by_role("heading", name=personas.region_a.name).wait_for()
    assert page.get_by_text("U bent coördinator van deze regio.").is_visible()
    assert page.get_by_text("Eemsdelta").is_visible()  # a gemeente of AM01 Groningen
    path = screenshot(page, "coordinator-region-page")
    assert path.stat().st_size > 10_000
