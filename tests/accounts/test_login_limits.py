"""Failed logins are limited per account and per client IP; behind the TLS proxy the client IP is
the one the proxy forwarded, so one visitor cannot lock out everyone behind the same proxy.

settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1 is what BEHIND_TLS_PROXY=true sets (see
tests/core/test_settings.py::test_only_behind_the_tls_proxy_is_the_forwarded_client_ip_trusted).
"""

from django.test import Client
from django.urls import reverse

import pytest

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Te veel inlogpogingen"


def _login(email: str, password: str, forwarded_for: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return Client().post(
        reverse("account_login"), {"login": email, "password": password}, **headers
    )


def _fail_from(forwarded_for: str | None, times: int, email: str | None = None) -> None:
    for n in range(times):
        response = _login(email or f"bestaat-niet-{n}@example.nl", "fout", forwarded_for)
        assert response.status_code == 200 and LOCKED not in response.content.decode()


def test_behind_the_proxy_one_visitor_is_locked_out_and_the_next_is_not(personas, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker, colleague = "10.0.0.9, 203.0.113.7", "198.51.100.9"  # the proxy appends the last
    _fail_from(attacker, 10)
    refused = _login(personas.employer.email, PASSWORD, attacker)
    assert refused.status_code == 200 and LOCKED in refused.content.decode()
    assert _login(personas.employer.email, PASSWORD, colleague).status_code == 302


def test_failed_logins_of_one_account_lock_that_account_from_every_ip(personas, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        _fail_from(f"203.0.113.{n + 1}", 1, email=personas.employer.email)
    refused = _login(personas.employer.email, PASSWORD, "203.0.113.99")
    assert refused.status_code == 200 and LOCKED in refused.content.decode()
    # Another account from the same address is not affected.
    assert _login(personas.assessor.email, PASSWORD, "203.0.113.99").status_code == 302


def test_without_the_proxy_setting_a_forged_forwarded_for_header_is_ignored(personas, settings):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0  # no BEHIND_TLS_PROXY in the test settings
    for n in range(10):
        # a new "IP" (and a new account) on every attempt
        _fail_from(f"198.51.100.{n + 1}", 1, email=f"iemand-{n}@example.nl")
    refused = _login(personas.employer.email, PASSWORD, "198.51.100.200")
    assert refused.status_code == 200 and LOCKED in refused.content.decode()
