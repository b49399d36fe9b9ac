"""The public API (/api/v1): every response valid against the published OpenAPI document, the
Dutch API Design Rules, and nothing that is not public."""

from __future__ import annotations

import json
import re

from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from banenafspraak.api.http import API_VERSION
from banenafspraak.models import DistributionRun
from banenafspraak.publications import services as services_publications
from tests.banenafspraak.factories_api import published
from tests.banenafspraak.publications.factories import done_run, next_run

pytestmark = pytest.mark.django_db
BASE = "/api/v1"
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")


@pytest.fixture
def world(personas, django_capture_on_commit_callbacks):
    """Run 1 published, run 2 published then withdrawn, run 3 done but never published."""
    first = published(done_run(django_capture_on_commit_callbacks), title="Eerste")
    second_run = next_run(django_capture_on_commit_callbacks, code="AM05", unemployed=9_000)
    second = published(second_run, title="Tweede")
    services_publications.publication_withdraw(publication=second, user=personas.staff)
    unpublished = next_run(django_capture_on_commit_callbacks, code="AM07", wajong=9_000)
    assert DistributionRun.objects.current() == unpublished
    return {"first": first, "withdrawn": second, "unpublished": unpublished}


@pytest.fixture
def openapi(client) -> dict:
    response = client.get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == API_VERSION
    return response.json()


def _validate(document: dict, path: str, method: str, response) -> None:
    operation = document["paths"][path][method]
    documented = operation["responses"]
    status = str(response.status_code)
    assert status in documented, f"{path}: {status} is not documented"
    content_type = response["Content-Type"].split(";")[0]
    content = documented[status]["content"]
    assert content_type in content, f"{path} {status}: {content_type} not in {list(content)}"
    schema = {**content[content_type]["schema"], "components": document["components"]}
    Draft202012Validator(schema).validate(response.json())
    assert response["API-Version"] == document["info"]["version"]


def _template(path: str, values: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


def test_every_operation_answers_valid_documents_for_any_parameters(world, openapi):
    runs = [world["first"].run_id, world["withdrawn"].run_id, world["unpublished"].pk, 0, 10**9]
    values = {
        "runId": st.sampled_from(runs),
        "publicationId": st.sampled_from([world["first"].pk, world["withdrawn"].pk, 0, 10**6]),
        "code": st.sampled_from(["AM01", "AM18", "AM99", "am01"]),
    }
    query = {
        "page": st.one_of(st.integers(-1, 4), st.just("x")),
        "pageSize": st.one_of(st.integers(0, 120), st.just("")),
        "geometry": st.sampled_from(["true", "false", "maybe"]),
    }
    client = Client()

    def checker(path: str, in_path: list[str], in_query: list[str]):
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        @given(
            st.fixed_dictionaries({name: values[name] for name in in_path}),
            st.fixed_dictionaries({}, optional={name: query[name] for name in in_query}),
        )
        def check(path_values, query_values):
            response = client.get(_template(path, path_values), query_values)
            _validate(openapi, path, "get", response)

        return check

    for path, operations in openapi["paths"].items():
        parameters = operations["get"].get("parameters", [])
        in_path = [p["name"] for p in parameters if p["in"] == "path"]
        in_query = [p["name"] for p in parameters if p["in"] == "query"]
        checker(path, in_path, in_query)()


def test_the_design_rules_hold(world, openapi, client):
    assert openapi["openapi"].startswith("3.")
    assert openapi["info"]["version"] == API_VERSION
    for path in openapi["paths"]:
        assert path.startswith(f"{BASE}/") and not path.endswith("/")
        for segment in path.removeprefix(f"{BASE}/").split("/"):
            assert CAMEL.match(segment.strip("{}")), segment  # nouns and camelCase parameters
        assert set(openapi["paths"][path]) == {"get"}, "read-only"
    response = client.get(f"{BASE}/regions/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404 and response["API-Version"] == API_VERSION
    for method in (client.post, client.put, client.delete, client.head):
        other = method(f"{BASE}/regions")
        assert other.status_code == 405 and other["Content-Type"] == "application/problem+json"
        assert other["Allow"] == "GET, OPTIONS" and other["API-Version"] == API_VERSION
    bad = client.get(f"{BASE}/publications", {"pageSize": "500"})
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"


def test_cors_is_open_for_reads_without_credentials(world, client):
    response = client.get(f"{BASE}/distributions/current", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        f"{BASE}/distributions/current",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert preflight["Access-Control-Allow-Origin"] == "*"


def _keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def test_field_names_are_camel_case_everywhere(world, client):
    run = world["first"].run_id
    for path in (
        "/regions?geometry=true", "/publications", "/distributions", "/distributions/current",
        f"/distributions/{run}/regions/AM01/explanation", f"/publications/{world['first'].pk}",
    ):  # fmt: skip
        body = client.get(BASE + path).json()
        assert all(CAMEL.match(key) for key in _keys(body)), path


def test_the_current_distribution_is_the_latest_published_not_a_newer_run(world, client):
    body = client.get(f"{BASE}/distributions/current").json()
    first = world["first"]
    assert body["runId"] == first.run_id != world["unpublished"].pk
    assert body["publicationId"] == first.pk
    assert body["inputsChecksum"] == first.run.checksum
    assert body["parameters"] == {"alpha": 0.5, "beta": 0.5}
    assert len(body["allocations"]) == 35 * len(body["years"]) * 2
    for target in body["nationalTargets"]:
        jobs = sum(
            a["jobs"]
            for a in body["allocations"]
            if (a["year"], a["sector"]) == (target["year"], target["sector"])
        )
        assert jobs == target["jobs"]


def test_nothing_unpublished_or_withdrawn_is_reachable(world, client):
    unpublished, withdrawn = world["unpublished"], world["withdrawn"]
    for path in (
        f"/distributions/{unpublished.pk}",
        f"/distributions/{unpublished.pk}/regions/AM01/explanation",
        f"/distributions/{withdrawn.run_id}",
        f"/distributions/{withdrawn.run_id}/regions/AM01/explanation",
        f"/publications/{withdrawn.pk}",
    ):
        response = client.get(BASE + path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"
    listed = client.get(f"{BASE}/publications").json()
    assert [p["id"] for p in listed["items"]] == [world["first"].pk]
    runs = client.get(f"{BASE}/distributions").json()
    assert [d["runId"] for d in runs["items"]] == [world["first"].run_id]
    everything = json.dumps([listed, runs, client.get(f"{BASE}/distributions/current").json()])
    assert withdrawn.run.checksum not in everything and unpublished.checksum not in everything
    for word in ("bsn", "grondslag", "loonwaarde", "plan", "werkbedrijf"):
        assert word not in everything.lower()


def test_publications_link_their_files_with_their_sha256(world, client):
    import hashlib

    item = client.get(f"{BASE}/publications").json()["items"][0]
    assert {f["format"] for f in item["files"]} == {"pdf", "csv", "xlsx"}
    for file in item["files"]:
        download = client.get(file["href"])
        assert download.status_code == 200
        assert hashlib.sha256(download.content).hexdigest() == file["sha256"], file["format"]
        assert len(download.content) == file["size"]


def test_lists_are_paginated_with_links(world, client, django_capture_on_commit_callbacks):
    published(next_run(django_capture_on_commit_callbacks, code="AM09", wajong=8_000))
    page = client.get(f"{BASE}/publications", {"pageSize": 1}).json()
    assert page["totalItems"] == 2 and len(page["items"]) == 1
    assert page["links"]["next"]["href"].endswith("page=2&pageSize=1")
    assert page["links"]["prev"] is None
    second = client.get(page["links"]["next"]["href"]).json()
    assert second["items"][0]["id"] != page["items"][0]["id"]
    assert second["links"]["next"] is None


def test_regions_carry_gemeenten_with_cbs_codes_and_geometry_on_request(world, client):
    plain = client.get(f"{BASE}/regions").json()["items"]
    assert len(plain) == 35 and all(r["geometry"] is None for r in plain)
    groningen = client.get(f"{BASE}/regions/AM01", {"geometry": "true"}).json()
    assert all(re.match(r"^GM\d{4}$", g["code"]) for g in groningen["gemeenten"])
    geometry = groningen["geometry"]
    assert geometry["type"] == "MultiPolygon"
    lon, lat = geometry["coordinates"][0][0][0]
    assert 6 < lon < 7.5 and 52.8 < lat < 53.6  # Groningen


def test_the_explanation_matches_the_published_numbers(world, client):
    first = world["first"]
    body = client.get(f"{BASE}/distributions/{first.run_id}/regions/AM01/explanation").json()
    current = client.get(f"{BASE}/distributions/{first.run_id}").json()
    for sector in body["sectors"]:
        for step in sector["steps"]:
            jobs = next(
                a["jobs"]
                for a in current["allocations"]
                if (a["regionCode"], a["year"], a["sector"])
                == ("AM01", step["year"], sector["sector"])
            )
            assert step["jobs"] == jobs == step["wholeJobs"] + int(step["extraJob"])
    assert len(body["sensitivity"]) == 4
