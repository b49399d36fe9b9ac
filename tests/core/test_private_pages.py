"""Pages and downloads with personal or non-public data are never stored by a cache.

``Cache-Control: private, no-store`` is the default for every response to a logged-in user (and
every response that sets a session cookie), unless a view marks itself public. The walk covers
every URL of the authorisation matrix that some logged-in persona may read, downloads included.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.decorators.cache import cache_control

import pytest

from tests.personas import PASSWORD
from tests.test_authorisation_matrix import all_expectations, build_world
from werkkamer.core.middleware import PrivateByDefaultMiddleware

pytestmark = pytest.mark.django_db

# Pages and downloads the issue names: the walk must have fetched them (the downloads with 200).
MUST_BE_COVERED = {
    "doelgroepregister:check",
    "doelgroepregister:check_log",
    "doelgroepregister:import_report",
    "doelgroepregister:import_detail",
}
DOWNLOADS = {
    "loonwaarde:pdf",
    "loonwaarde:overview_csv",
    "regions:plan_pdf",
    "banenafspraak:basedata_export",
}


def directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


def test_every_page_and_download_for_a_logged_in_user_is_private_and_not_stored(
    personas, client_for
):
    world = build_world(personas)
    covered, downloaded, wrong = set(), set(), []
    clients: dict[str, Client] = {}
    for name, expects in sorted(all_expectations(world).items()):
        for expect in expects:
            if expect.method != "get":
                continue
            # a persona that may read it, or else staff (a 403 or 404 is private too)
            persona = next(
                (
                    p
                    for p, outcome in expect.outcomes.items()
                    if p != "anonymous" and outcome == 200
                ),
                "staff",
            )
            client = clients.setdefault(persona, client_for(persona))
            response = client.get(expect.path)
            covered.add(name)
            if response.status_code == 200:
                downloaded.add(name)
            if not {"private", "no-store"} <= directives(response) or "public" in directives(
                response
            ):
                wrong.append(f"{expect.path} as {persona}: {response.get('Cache-Control')!r}")
    assert not wrong, "\n".join(wrong)
    assert MUST_BE_COVERED - covered == set(), sorted(MUST_BE_COVERED - covered)
    assert DOWNLOADS - downloaded == set(), sorted(DOWNLOADS - downloaded)


def test_logging_in_answers_with_a_response_no_cache_keeps(personas):
    response = Client().post(
        reverse("account_login"), {"login": personas.employer.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and "sessionid" in response.cookies
    assert {"private", "no-store"} <= directives(response)


def test_an_anonymous_public_page_may_be_cached():
    response = Client().get(reverse("regions:index"))
    assert "no-store" not in directives(response)


def _middleware(view, user):
    request = RequestFactory().get("/")
    request.COOKIES["sessionid"] = "x"
    request.user = user
    return PrivateByDefaultMiddleware(view)(request)


def test_a_view_marked_public_stays_public_and_an_unmarked_one_turns_private(personas):
    public = cache_control(public=True, max_age=300)(lambda request: HttpResponse("ok"))
    unmarked = cache_control(max_age=300)(lambda request: HttpResponse("ok"))
    assert directives(_middleware(public, personas.employer)) == {"public", "max-age"}
    assert directives(_middleware(unmarked, personas.employer)) == {"private", "no-store"}


def test_seed_demo_refuses_to_run_without_debug(settings):
    from django.core.management import CommandError, call_command

    from werkkamer.accounts.models import User

    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen met DEBUG=true"):
        call_command("seed_demo")
    assert not User.objects.exists()
