"""A proxy in front (the hostile review of issues 12 and 13): a forged Host or X-Forwarded-Host
never ends up in a link that logs a person in, and a Host the portal does not serve is
refused."""

from __future__ import annotations

from django.core import mail
from django.test import Client

import pytest

RESET = "/accounts/password/reset/"


@pytest.mark.django_db
def test_a_host_not_in_allowed_hosts_is_refused(personas, settings):
    settings.ALLOWED_HOSTS = ["werkkamer.example.nl"]
    assert Client(HTTP_HOST="evil.example").get("/").status_code == 400
    assert Client(HTTP_HOST="werkkamer.example.nl").get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("behind_proxy", [False, True])
def test_a_forged_forwarded_host_never_reaches_the_reset_link(personas, settings, behind_proxy):
    settings.ALLOWED_HOSTS = ["werkkamer.example.nl"]
    if behind_proxy:
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client(
        HTTP_HOST="werkkamer.example.nl",
        HTTP_X_FORWARDED_HOST="evil.example, werkkamer.example.nl",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
    )
    client.post(RESET, {"email": personas.employer.email})
    (message,) = mail.outbox
    assert "evil.example" not in message.body
    scheme = "https" if behind_proxy else "http"
    assert f"{scheme}://werkkamer.example.nl/accounts/password/reset/key/" in message.body
