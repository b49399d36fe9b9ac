"""One form of address ("u") and one name for two-step verification, also on allauth's pages."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
OTHER_NAMES = re.compile(r"twee-factor|tweefactor|two-factor|2FA\b", re.IGNORECASE)
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("anonymous", "/accounts/login/"),
        ("anonymous", "/accounts/password/reset/"),
        ("coordinator_a", "/accounts/logout/"),
        ("coordinator_a", "/accounts/2fa/"),
        ("coordinator_a", "/accounts/password/change/"),
        ("coordinator_a", "/mijn/"),
    ],
)
def test_allauth_pages_say_u_and_tweestapsverificatie(client_for, persona, url):
    text = visible_text(client_for(persona).get(url, follow=True).content.decode())
    assert not INFORMAL.search(text), INFORMAL.search(text)
    assert not OTHER_NAMES.search(text), OTHER_NAMES.search(text)


def test_allauth_messages_say_u(client_for):
    client = client_for("coordinator_a")
    response = client.post(reverse("account_logout"), follow=True)
    assert "U bent afgemeld." in response.content.decode()


def test_no_template_shows_an_internal_file_name():
    shown = re.compile(r"\b[\w-]+\.(md|py)\b")
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in shown.finditer(visible_text(path.read_text()))
    ]
    assert not found, found
