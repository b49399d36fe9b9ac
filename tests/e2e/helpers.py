"""What the browser tests check on a page: axe-core, sideways scrolling, and a session cookie.

- ``audit(page)``: the serious and critical axe-core violations (the context needs
  ``bypass_csp=True``: the portal's CSP forbids the injected script).
- ``overflow(page, where)``: a description of the page scrolling sideways, or None.
- ``log_in_with_cookie(context, user, base_url)``: a session from ``force_login`` (no login
  pages, no TOTP step: tests/e2e/test_login.py covers the real login).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import Client

import pytest

from tests.services import IN_CI

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const r = el.getBoundingClientRect();
    return r.right > width + 1 && getComputedStyle(el).position !== 'fixed'
      && !el.closest('.table-scroll') && r.width > 0;
  }).slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
      ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''));
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide};
}"""


def require_axe() -> None:
    """Fail in CI (skip elsewhere) when axe-core is not installed."""
    if not AXE.exists():
        reason = f"{AXE} is missing: run `npm ci` (make install and bash .ci/run do)"
        pytest.fail(reason) if IN_CI else pytest.skip(reason)


def audit(page) -> list[dict]:
    # a page changed by htmx still has axe from the previous audit
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
    )
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


def overflow(page, where: str) -> str | None:
    result = page.evaluate(OVERFLOW)
    if result["scrollWidth"] <= result["innerWidth"]:
        return None
    return (
        f"{where}: scrollWidth {result['scrollWidth']} > {result['innerWidth']},"
        f" e.g. {result['wide']}"
    )


def log_in_with_cookie(context, user, base_url: str) -> None:
    """Start ``context`` afresh, logged in as ``user`` (nobody when ``user`` is None)."""
    context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
