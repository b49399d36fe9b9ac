"""The API's operations (django-ninja): thin functions that find the published object, then
answer from the public cache (``banenafspraak.public_cache``) keyed by its checksum."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers

from ninja import NinjaAPI, Query
from ninja.errors import ValidationError
from pydantic import BaseModel, Field

from banenafspraak import public_cache
from banenafspraak.api import schemas
from banenafspraak.api import selectors as api_selectors
from banenafspraak.api.http import API_VERSION, PROBLEM_TYPE, problem
from banenafspraak.api.selectors import Published
from banenafspraak.models import DistributionRun
from banenafspraak.publications.models import Publication
from banenafspraak.selectors_explanation import run_explanation

JSON = "application/json"
NOT_FOUND = {404: schemas.Problem}
BAD_REQUEST = {400: schemas.Problem}
ERRORS = {**BAD_REQUEST, **NOT_FOUND}


class PublicAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Errors are documented as problem+json, every response with its API-Version header."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        header = {
            "API-Version": {
                "description": "The full version of this API",
                "schema": {"type": "string", "example": API_VERSION},
            }
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation["responses"].items():
                    response.setdefault("headers", {}).update(header)
                    if str(status).startswith(("4", "5")) and "content" in response:
                        response["content"] = {PROBLEM_TYPE: response["content"][JSON]}
        return schema


api = PublicAPI(
    title="Werkkamer open data",
    version=API_VERSION,
    description=(
        "The published indicative regional distribution of the Banenafspraak, the 35 "
        "arbeidsmarktregio's and why a region gets its number. Read-only, no authentication. "
        "See docs/api.md."
    ),
    urls_namespace="api",
    docs_url=None,
)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = ", ".join(".".join(map(str, e["loc"][1:])) or str(e["loc"][0]) for e in exc.errors)
    return problem(request, 400, f"Invalid parameter: {fields}")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, 404, str(exc) or "Not found.")


# --- caching ------------------------------------------------------------------------------------


def _json(data: Any) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def _answer(
    request: HttpRequest,
    *,
    key: str,
    build: Callable[[], Any],
    schema: type[BaseModel],
    last_modified: datetime | None,
    max_age: int,
    store: bool = True,
) -> HttpResponse:
    """Validate through ``schema`` once, cache the JSON under ``key``, then serve it."""

    def body() -> public_cache.Body:
        return schema.model_validate(build()).model_dump_json().encode(), JSON

    response = public_cache.cached_response(
        request,
        key=f"api|{API_VERSION}|{key}",
        build=body,
        last_modified=last_modified,
        max_age=max_age,
        vary=("Cookie",),
        store=store,
    )
    if not public_cache.is_anonymous(request):
        del response["Cache-Control"]  # a logged-in user's response stays private
    return response


def _content_addressed(request: HttpRequest, data: Any, schema: type[BaseModel]) -> HttpResponse:
    """For data not derived from a publication (regions): the ETag is the body's own hash."""
    content = schema.model_validate(data).model_dump_json().encode()
    etag = '"' + hashlib.sha256(content).hexdigest()[:40] + '"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        content, content_type=JSON
    )
    response["ETag"] = etag
    if public_cache.is_anonymous(request):
        response["Cache-Control"] = f"public, max-age={public_cache.MAX_AGE_FIXED}"
    patch_vary_headers(response, ("Cookie",))
    return response


class Paging(BaseModel):
    page: int = Field(1, ge=1, description="Page number, from 1")
    pageSize: int = Field(20, ge=1, le=100, description="Items per page (at most 100)")


def _page(request: HttpRequest, paging: Paging, total: int, items: list) -> dict[str, Any]:
    last = max(1, -(-total // paging.pageSize))

    def link(page: int) -> dict[str, str]:
        return {"href": f"{request.path}?page={page}&pageSize={paging.pageSize}"}

    return {
        "items": items,
        "page": paging.page,
        "pageSize": paging.pageSize,
        "totalItems": total,
        "links": {
            "self": link(paging.page),
            "first": link(1),
            "last": link(last),
            "prev": link(paging.page - 1) if paging.page > 1 else None,
            "next": link(paging.page + 1) if paging.page < last else None,
        },
    }


PAGES = {"publications": schemas.PublicationPage, "distributions": schemas.DistributionPage}


def _listing(request: HttpRequest, paging: Paging, name: str, item: Callable) -> HttpResponse:
    """A page of the live publications (``item`` shapes each one), keyed by the list's state."""
    live = api_selectors.public_publications()
    key, modified, total = public_cache.remembered(("publications",), lambda: _state(live))
    start = (paging.page - 1) * paging.pageSize

    def build():
        rows = live.select_related("run")[start : start + paging.pageSize]
        return _page(request, paging, live.count(), [item(p) for p in rows])

    return _answer(
        request,
        key=f"{name}|{key}|{paging.page}|{paging.pageSize}",
        build=build,
        schema=PAGES[name],
        last_modified=modified,
        max_age=public_cache.MAX_AGE_CURRENT,
        # pages past the last are answered (empty) but not kept: ?page=<n> cannot fill the cache
        store=start < max(total, 1),
    )


def _state(publications) -> tuple[str, datetime | None, int]:
    """The key, Last-Modified and size of the list of live publications (changes with each one)."""
    rows = list(publications.values_list("pk", "pdf_sha256", "published_at"))
    key = hashlib.sha256(repr(rows).encode()).hexdigest()
    return key, max((row[2] for row in rows if row[2]), default=None), len(rows)


# --- regions ------------------------------------------------------------------------------------


@api.get(
    "/regions",
    response={200: schemas.RegionList, **BAD_REQUEST},
    url_name="regions",
    operation_id="listRegions",
    summary="The 35 arbeidsmarktregio's with their gemeenten",
)
def regions(request: HttpRequest, geometry: bool = False):
    data = {
        "items": api_selectors.regions(geometry=geometry),
        "links": {"self": {"href": reverse("api:regions")}},
    }
    return _content_addressed(request, data, schemas.RegionList)


@api.get(
    "/regions/{code}",
    response={200: schemas.Region, **ERRORS},
    url_name="region",
    operation_id="getRegion",
    summary="One arbeidsmarktregio",
)
def region(request: HttpRequest, code: str, geometry: bool = False):
    found = [r for r in api_selectors.regions(geometry=geometry) if r["code"] == code]
    if not found:
        raise Http404(f"No region with code {code}.")
    return _content_addressed(request, found[0], schemas.Region)


# --- publications -------------------------------------------------------------------------------


@api.get(
    "/publications",
    response={200: schemas.PublicationPage, **BAD_REQUEST},
    url_name="publications",
    operation_id="listPublications",
    summary="Published reports, newest first (withdrawn ones are not listed)",
)
def publications(request: HttpRequest, paging: Query[Paging]):
    return _listing(request, paging, "publications", api_selectors.publication)


@api.get(
    "/publications/{publicationId}",
    response={200: schemas.Publication, **ERRORS},
    url_name="publication",
    operation_id="getPublication",
    summary="One published report",
)
def publication(request: HttpRequest, publicationId: int):
    found = api_selectors.public_publications().filter(pk=publicationId).first()
    if found is None:
        raise Http404("No published report with this id.")
    return _answer(
        request,
        key=f"publication|{found.pk}|{found.pdf_sha256}",
        build=lambda: api_selectors.publication(found),
        schema=schemas.Publication,
        last_modified=found.published_at,
        max_age=public_cache.MAX_AGE_FIXED,
    )


# --- distributions ------------------------------------------------------------------------------


def _distribution(request: HttpRequest, found: Published | None, max_age: int):
    if found is None:
        raise Http404("No published distribution.")
    return _answer(
        request,
        key=f"distribution|{found.pk}|{found.run_id}|{found.checksum}",
        build=lambda: api_selectors.distribution(Publication.objects.get(pk=found.pk)),
        schema=schemas.Distribution,
        last_modified=found.published_at,
        max_age=max_age,
    )


@api.get(
    "/distributions",
    response={200: schemas.DistributionPage, **BAD_REQUEST},
    url_name="distributions",
    operation_id="listDistributions",
    summary="Published distributions, newest first",
)
def distributions(request: HttpRequest, paging: Query[Paging]):
    return _listing(request, paging, "distributions", api_selectors.distribution_summary)


@api.get(
    "/distributions/current",
    response={200: schemas.Distribution, **NOT_FOUND},
    url_name="current_distribution",
    operation_id="getCurrentDistribution",
    summary="The current distribution: the latest published one",
)
def current_distribution(request: HttpRequest):
    found = public_cache.remembered(("current",), api_selectors.current_publication)
    return _distribution(request, found, public_cache.MAX_AGE_CURRENT)


@api.get(
    "/distributions/{runId}",
    response={200: schemas.Distribution, **ERRORS},
    url_name="distribution",
    operation_id="getDistribution",
    summary="A published distribution, by its run id",
)
def distribution(request: HttpRequest, runId: int):
    found = public_cache.remembered(("run", runId), lambda: api_selectors.run_publication(runId))
    return _distribution(request, found, public_cache.MAX_AGE_FIXED)


@api.get(
    "/distributions/{runId}/regions/{code}/explanation",
    response={200: schemas.Explanation, **ERRORS},
    url_name="region_explanation",
    operation_id="getRegionExplanation",
    summary="Why a region gets its number in a published distribution, with its sensitivity",
)
def region_explanation(request: HttpRequest, runId: int, code: str):
    found = public_cache.remembered(("run", runId), lambda: api_selectors.run_publication(runId))
    if found is None:
        raise Http404("No published distribution with this run id.")

    def build():
        run = DistributionRun.objects.get(pk=found.run_id)
        explained = run_explanation(run=run, code=code)
        if explained is None:
            raise Http404(f"No region with code {code} in this distribution.")
        return api_selectors.explanation(explained)

    return _answer(
        request,
        key=f"explanation|{found.run_id}|{found.checksum}|{code}",
        build=build,
        schema=schemas.Explanation,
        last_modified=found.published_at,
        max_age=public_cache.MAX_AGE_FIXED,
    )
