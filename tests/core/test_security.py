"""Security headers and production deploy checks."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

import pytest

from werkkamer.core.logging import JsonFormatter, RequestIdFilter, ScrubFilter, scrub

ROOT = Path(__file__).resolve().parents[2]
# Only what an operator must set: everything else (HTTPS redirect, Secure cookies, HSTS, SMTP)
# is the production default without DEBUG.
PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "-Zq8#vL2!pW9@xR4$tY7%uI1^oP3&aS6*dF0",
    "ALLOWED_HOSTS": "werkkamer.example.nl",
    "DOELGROEPREGISTER_BSN_KEY": "b" * 20 + "-Lm3#qW8!zX1@cV5$bN7%",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # A bare environment: no DEBUG, no SECURE_* switches, no database or Redis URL.
    keep = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "VAR_DIR") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "werkkamer.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_gives_zero_warnings_with_only_the_required_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_console_mail_backend_without_debug_is_a_warning_at_startup():
    result = _manage(
        "check",
        env={**PRODUCTION_ENV, "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
    )
    assert "werkkamer.W001" in result.stderr + result.stdout
    assert "password-reset links" in result.stderr + result.stdout


@pytest.mark.django_db
def test_pages_carry_the_security_headers():
    response = Client().get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    assert csp["script-src"] == "'self'"
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["default-src"]
    assert csp["frame-ancestors"] == "'none'"
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_no_page_of_the_frame_has_an_inline_script():
    import re

    for path in ["/", "/regios/", "/regios/AM01/", "/accounts/login/"]:
        html = Client().get(path).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script on {path}: {tag}"
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {path}"


@pytest.mark.django_db
def test_a_request_id_from_the_proxy_is_kept_and_a_bad_one_replaced():
    assert Client().get("/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    replaced = Client().get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert replaced != "<script>" and len(replaced) == 32


@pytest.mark.django_db
def test_staff_sessions_end_after_the_idle_timeout(personas, settings):
    settings.STAFF_SESSION_IDLE_TIMEOUT = 600
    staff, coordinator = Client(), Client()
    staff.force_login(personas.staff)
    coordinator.force_login(personas.coordinator_a)
    staff.get("/mijn/")
    coordinator.get("/mijn/")
    assert staff.session.get_expiry_age() == 600
    assert coordinator.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_log_lines_are_json_with_the_request_id_and_no_bsn():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "checked %s", ("111222333",), None)
    RequestIdFilter().filter(record)
    ScrubFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "-" and line["message"] == "checked *********"
    assert scrub("bsn 111222333 and 1234567890") == "bsn ********* and 1234567890"


@pytest.mark.django_db
def test_a_bsn_written_in_groups_in_a_logged_url_is_masked(client, caplog):
    # before: only nine digits in a row were masked; a 404 for a BSN with dots or spaces in
    # the path was written to the log as typed
    caplog.set_level(logging.WARNING, logger="django.request")
    for path in ("/doelgroepregister/controle/123.456.782/", "/x/123 45 6782/", "/x/123-456-782"):
        assert client.get(path).status_code == 404
    for record in caplog.records:
        ScrubFilter().filter(record)  # what the console handler does to each record
    lines = [record.getMessage() for record in caplog.records]
    assert lines and not [line for line in lines if "782" in line]
    kept = "run 2026-03-28 12:00:00.123, ip 192.168.100.123, tel 06-1234-5678"
    assert scrub(kept) == kept  # not a BSN: left alone
