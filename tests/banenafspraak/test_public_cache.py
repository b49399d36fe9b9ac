"""Public pages and the API that scale: ETag, Last-Modified, 304, Cache-Control public for
anonymous visitors only, a server-side cache keyed by checksum, and never a stale answer."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

import pytest

from banenafspraak import services
from banenafspraak.publications import services as services_publications
from tests.banenafspraak.factories_api import published
from tests.banenafspraak.publications.factories import done_run, next_run

pytestmark = pytest.mark.django_db
PAGE = "/banenafspraak/"
CURRENT = "/api/v1/distributions/current"


@pytest.fixture
def run(personas, django_capture_on_commit_callbacks):
    return done_run(django_capture_on_commit_callbacks)


def test_the_anonymous_page_is_public_and_a_repeat_renders_nothing(run):
    client = Client()
    first = client.get(PAGE)
    assert first.status_code == 200 and first.templates, "the first request renders"
    assert first["Cache-Control"].startswith("public, max-age=")
    assert "Cookie" in first["Vary"] and "Accept-Language" in first["Vary"]
    assert first["ETag"] and first["Last-Modified"]
    assert not first.cookies, "a shared page sets no cookie"
    assert b"csrfmiddlewaretoken" not in first.content
    again = client.get(PAGE)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again.templates == [], "served from the cache: no template rendered"


def test_a_conditional_get_is_answered_304_until_a_new_run(run, django_capture_on_commit_callbacks):
    client = Client()
    for url in (PAGE, CURRENT):
        if url == CURRENT:
            published(run)
        first = client.get(url)
        etag, modified = first["ETag"], first["Last-Modified"]
        not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified["ETag"] == etag and "public" in not_modified["Cache-Control"]
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    page_etag = client.get(PAGE)["ETag"]
    api_etag = client.get(CURRENT)["ETag"]

    newer = next_run(django_capture_on_commit_callbacks, code="AM05", unemployed=12_345)
    page = client.get(PAGE, HTTP_IF_NONE_MATCH=page_etag)
    assert page.status_code == 200 and page["ETag"] != page_etag
    assert f"Versie {newer.pk}" in page.content.decode()
    # the API's current distribution is the latest *published* one: unchanged until published
    assert client.get(CURRENT, HTTP_IF_NONE_MATCH=api_etag).status_code == 304
    published(newer, title="Herzien")
    fresh = client.get(CURRENT, HTTP_IF_NONE_MATCH=api_etag)
    assert fresh.status_code == 200 and fresh["ETag"] != api_etag
    assert fresh.json()["runId"] == newer.pk


def test_a_pending_recompute_shows_at_once(run):
    client = Client()
    before = client.get(PAGE)
    services.distribution_request(reason="nieuwe cijfers")  # queued, not computed (no commit)
    during = client.get(PAGE)
    assert during["ETag"] != before["ETag"]
    assert "De verdeling wordt herberekend" in during.content.decode()


def test_a_logged_in_user_gets_a_private_page_of_their_own(run, personas):
    Client().get(PAGE)  # fills the anonymous cache
    client = Client()
    client.force_login(personas.staff)
    response = client.get(PAGE)
    assert "public" not in response.get("Cache-Control", "")
    assert response.templates, "rendered for this user, not taken from the shared cache"
    assert str(personas.staff) in response.content.decode()  # their own name in the header
    api = client.get("/api/v1/regions")
    assert "public" not in api.get("Cache-Control", "")


def test_each_language_has_its_own_cached_page(run):
    dutch = Client().get(PAGE, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    english = Client().get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in dutch and '<html lang="en">' in english


def test_a_visitor_without_cookies_can_switch_the_language_from_a_cached_page(run):
    client = Client(enforce_csrf_checks=True)
    client.get(PAGE)
    response = client.post(reverse("set_language"), {"language": "en", "next": PAGE})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get(PAGE).content.decode()


def test_publication_pages_are_cached_and_a_withdrawal_shows_at_once(run, personas):
    publication = published(run)
    client = Client()
    for url in (reverse("banenafspraak:publication_list"), publication.get_absolute_url()):
        first = client.get(url)
        assert first.status_code == 200 and first["Cache-Control"].startswith("public")
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        assert client.get(url).templates == []
    etag = client.get(publication.get_absolute_url())["ETag"]
    services_publications.publication_withdraw(publication=publication, user=personas.staff)
    after = client.get(publication.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    assert "ingetrokken" in after.content.decode().lower()


def test_a_cached_api_repeat_loads_no_snapshot(run, django_assert_max_num_queries):
    published(run)
    client = Client()
    client.get(CURRENT)
    with django_assert_max_num_queries(2):  # the current publication's key (and nothing else)
        response = client.get(CURRENT)
    assert response.status_code == 200 and len(response.json()["allocations"]) > 0


@pytest.mark.redis
def test_with_redis_a_repeat_costs_no_query_and_any_change_is_seen_at_once(
    run, personas, django_assert_num_queries
):
    """Each process remembers the runs and publications behind the keys until any of them is
    written (a new token in Redis), so a repeat asks the database nothing."""
    from banenafspraak.models import DistributionRun

    publication = published(run)
    client = Client()
    lists = (reverse("banenafspraak:publication_list"), "/api/v1/publications")
    for url in (PAGE, CURRENT, *lists):
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200
    etag = client.get(CURRENT)["ETag"]
    list_etags = [client.get(url)["ETag"] for url in lists]
    services_publications.publication_withdraw(publication=publication, user=personas.staff)
    assert client.get(CURRENT, HTTP_IF_NONE_MATCH=etag).status_code == 404
    for url, list_etag in zip(lists, list_etags, strict=True):
        assert client.get(url, HTTP_IF_NONE_MATCH=list_etag).status_code == 200, url
    assert client.get(lists[1]).json()["items"] == []
    page = client.get(PAGE)["ETag"]
    DistributionRun.objects.create(reason="in de wachtrij")  # another process's write
    assert client.get(PAGE, HTTP_IF_NONE_MATCH=page).status_code == 200


@pytest.mark.parametrize("with_redis", [False, pytest.param(True, marks=pytest.mark.redis)])
def test_a_renamed_region_shows_on_the_cached_page_at_once(run, with_redis, settings):
    """The page shows today's region names (not the run's): a rename is a new key, no new run."""
    from regions.models import Arbeidsmarktregio

    if not with_redis:
        settings.REDIS_URL = ""
    client = Client()
    region = Arbeidsmarktregio.objects.get(code="AM05")
    before = client.get(PAGE)
    assert region.name in before.content.decode()
    region.name = "Hernoemde regio"
    region.save()
    after = client.get(PAGE, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Hernoemde regio" in after.content.decode()


def test_a_query_the_page_does_not_understand_is_answered_but_never_stored(run):
    """Cache busting: ``?x=<random>`` must not leave a stored copy per request (a bounded cache)."""
    from banenafspraak import public_cache

    public_cache._local.clear()  # this process's bounded memory, filled by earlier tests
    client = Client()
    client.get(PAGE)  # the canonical page is stored
    stored = dict(public_cache._local)
    for query in (
        {"x": "1"},
        {"x": "2"},
        {"jaar": "9" * 50},
        {"jaar": "1900"},
        {"jaar": ["2025", "2026"]},
    ):
        response = client.get(PAGE, query)
        assert response.status_code == 200 and response.templates, (
            "answered, rendered for this request"
        )
        assert client.get(PAGE, query).templates, "and rendered again: nothing was kept"
    assert dict(public_cache._local) == stored
    client.get(PAGE, {"jaar": "2025"})
    assert client.get(PAGE, {"jaar": "2025"}).templates == [], "a year the page understands is kept"


def test_an_api_page_past_the_last_is_answered_but_never_stored(run):
    from banenafspraak import public_cache

    published(run)
    public_cache._local.clear()  # this process's bounded memory, filled by earlier tests
    client = Client()
    before = len(public_cache._local)
    for page in (2, 10**6):
        response = client.get("/api/v1/publications", {"page": page})
        assert response.status_code == 200 and response.json()["items"] == []
    assert len(public_cache._local) == before
    client.get("/api/v1/publications", {"page": 1})
    assert len(public_cache._local) == before + 1
