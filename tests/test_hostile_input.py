"""Hostile input at every form of the project (issue 8).

The test walks the pages of the authorisation matrix, finds each POST form a persona can open, fills
every field with hostile values (script tags, formula prefixes, impossible dates and numbers, a file
whose name tries to climb directories and whose content is HTML behind a .pdf name) and submits it.
No answer may be a 500, and afterwards no page of the matrix, for any persona, may contain the
payload unescaped.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from tests.test_authorisation_matrix import all_expectations, build_world

PAYLOAD = '<script>alert("xss")</script>=HYPERLINK("http://x")'
RAW = '<script>alert("xss")</script>'
SKIP_ACTIONS = ("/i18n/", "/accounts/")  # language switch, logout and allauth's own forms


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {
                "action": a.get("action") or "",
                "fields": {},
                "files": [],
                "enctype": a.get("enctype"),
            }
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                self._form["files"].append(name)
            elif kind in {"checkbox", "radio"}:
                self._form["fields"].setdefault(name, a.get("value", "on"))
            elif kind in {"hidden", "submit"}:
                self._form["fields"].setdefault(name, a.get("value", ""))
            elif kind == "number":
                self._form["fields"][name] = "-1e99"
            elif kind == "date":
                self._form["fields"][name] = "2025-02-31"
            else:
                self._form["fields"][name] = PAYLOAD
        elif tag == "textarea" and name:
            self._form["fields"][name] = PAYLOAD
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and self._select not in self._form["fields"]:
            self._form["fields"][self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _client(personas, persona: str) -> Client:
    client = Client()
    user = personas.user(persona)
    if user is not None:
        client.force_login(user)
    return client


def _pages(world):
    for expects in all_expectations(world).values():
        for expect in expects:
            if expect.method != "get":
                continue
            for persona, outcome in expect.outcomes.items():
                if outcome == 200:
                    yield expect.path, persona


@pytest.mark.django_db
def test_hostile_input_in_every_form_gives_no_500_and_is_escaped_everywhere(personas):
    world = build_world(personas)
    pages = sorted(set(_pages(world)))
    failures, submitted = [], 0
    for path, persona in pages:
        client = _client(personas, persona)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urljoin(path, form["action"]) if form["action"] else path
            if action.startswith(SKIP_ACTIONS):
                continue
            data = dict(form["fields"])
            for name in form["files"]:
                data[name] = SimpleUploadedFile(
                    "../../etc/passwd.pdf",
                    b"<html><script>alert(1)</script></html>",
                    "application/pdf",
                )
            answer = client.post(action, data)
            submitted += 1
            if answer.status_code >= 500:
                failures.append(f"POST {action} as {persona}: {answer.status_code}")
            elif RAW in _body(answer):
                failures.append(f"POST {action} as {persona}: payload unescaped in the answer")
    print(f"hostile input: {submitted} form submissions over {len(pages)} pages")
    assert submitted >= 10, f"only {submitted} forms found: is the walk broken?"
    for path, persona in pages:
        if RAW in _body(_client(personas, persona).get(path)):
            failures.append(f"GET {path} as {persona}: payload unescaped")
    assert not failures, "\n".join(failures)
