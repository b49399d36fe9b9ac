"""Reads for the API: only what is already public (published, not withdrawn), as plain data
shaped like ``schemas``. Nothing here touches the register, draft plans or loonwaarde."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse

from banenafspraak.explanation import to_decimal
from banenafspraak.publications.exports import publication_export
from banenafspraak.publications.models import Publication, PublicationStatus
from banenafspraak.selectors_explanation import Explained
from regions.geometry import geojson_geometries
from regions.models import Arbeidsmarktregio
from werkkamer.core.exports import FORMATS


def _link(name: str, **kwargs: Any) -> dict[str, str]:
    return {"href": reverse(f"api:{name}", kwargs=kwargs)}


# --- regions ------------------------------------------------------------------------------------


def regions(*, geometry: bool) -> list[dict[str, Any]]:
    shapes = geojson_geometries() if geometry else {}
    result = []
    queryset = Arbeidsmarktregio.objects.select_related("centrumgemeente").prefetch_related(
        "gemeenten"
    )
    for region in queryset.order_by("code"):
        centre = region.centrumgemeente
        result.append(
            {
                "code": region.code,
                "name": region.name,
                "centrumgemeente": {"code": centre.code, "name": centre.name} if centre else None,
                "gemeenten": [
                    {"code": g.code, "name": g.name}
                    for g in sorted(region.gemeenten.all(), key=lambda g: g.code)
                ],
                "geometry": shapes.get(region.code),
                "links": {"self": _link("region", code=region.code)},
            }
        )
    return result


# --- publications and distributions -------------------------------------------------------------


def public_publications() -> QuerySet[Publication]:
    """Ready and not withdrawn, newest first."""
    return Publication.objects.public().order_by("-published_at", "-pk")


class Published(NamedTuple):
    """What a distribution's cache key needs; the snapshot and inputs load only on a miss."""

    pk: int
    run_id: int
    checksum: str
    published_at: datetime


# Asked on every request for a distribution, so plain SQL (no ORM compilation per request);
# the same rule as ``PublicationQuerySet.public`` (ready, not withdrawn), newest first.
_PUBLISHED = (
    "SELECT p.id, p.run_id, r.checksum, p.published_at FROM banenafspraak_publication p"
    " JOIN banenafspraak_distributionrun r ON r.id = p.run_id"
    " WHERE p.status = %s AND p.withdrawn_at IS NULL {where}"
    " ORDER BY p.published_at DESC, p.id DESC LIMIT 1"
)


def _published(where: str = "", params: tuple = ()) -> Published | None:
    with connection.cursor() as cursor:
        cursor.execute(_PUBLISHED.format(where=where), [PublicationStatus.READY, *params])
        row = cursor.fetchone()
    return Published(*row) if row else None


def current_publication() -> Published | None:
    """The current distribution is the latest published one (never an unpublished run)."""
    return _published()


def run_publication(run_id: int) -> Published | None:
    """The newest live publication of run ``run_id``; None when the run is not published."""
    return _published("AND p.run_id = %s", (run_id,))


def publication_files(publication: Publication) -> list[dict[str, Any]]:
    files = [
        {
            "format": "pdf",
            "mediaType": "application/pdf",
            "href": reverse("banenafspraak:publication_pdf", kwargs={"pk": publication.pk}),
            "sha256": publication.pdf_sha256,
            "size": publication.pdf_size or 0,
        }
    ]
    for file_format in ("csv", "xlsx"):
        content = publication_export(publication, file_format)
        files.append(
            {
                "format": file_format,
                "mediaType": FORMATS[file_format].split(";")[0],
                "href": reverse(
                    "banenafspraak:publication_table",
                    kwargs={"pk": publication.pk, "file_format": file_format},
                ),
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
        )
    return files


def publication(publication: Publication) -> dict[str, Any]:
    run = publication.snapshot["run"]
    return {
        "id": publication.pk,
        "title": publication.title,
        "summary": publication.summary,
        "publishedAt": publication.published_at,
        "runId": run["id"],
        "inputsChecksum": run["checksum"],
        "isDemo": bool(run["is_demo"]),
        "files": publication_files(publication),
        "links": {
            "self": _link("publication", publicationId=publication.pk),
            "distribution": _link("distribution", runId=run["id"]),
            "html": {"href": publication.get_absolute_url()},
        },
    }


def distribution_summary(publication: Publication) -> dict[str, Any]:
    return {
        "runId": publication.run_id,
        "publicationId": publication.pk,
        "publishedAt": publication.published_at,
        "inputsChecksum": publication.run.checksum,
        "links": {"self": _link("distribution", runId=publication.run_id)},
    }


def distribution(publication: Publication) -> dict[str, Any]:
    """The published distribution from the publication's frozen snapshot."""
    snapshot = publication.snapshot
    run = snapshot["run"]
    years = snapshot["years"]
    allocations = [
        {"regionCode": region["code"], "year": year, "sector": sector, "jobs": jobs[i]}
        for region in snapshot["regions"]
        for sector, jobs in sorted(region["jobs"].items())
        for i, year in enumerate(years)
    ]
    return {
        "runId": run["id"],
        "publicationId": publication.pk,
        "publishedAt": publication.published_at,
        "inputsChecksum": run["checksum"],
        "algorithmVersion": run["algorithm_version"],
        "methodVersion": run["method_version"],
        "parameters": {"alpha": float(run["alpha"]), "beta": float(run["beta"])},
        "isDemo": bool(run["is_demo"]),
        "years": years,
        "nationalTargets": [
            {
                "year": t["year"],
                "sector": t["sector"],
                "jobs": t["jobs"],
                "source": t.get("source", ""),
                "interpolated": bool(t.get("interpolated")),
            }
            for t in snapshot["targets"]
        ],
        "allocations": allocations,
        "links": {
            "self": _link("distribution", runId=run["id"]),
            "publication": _link("publication", publicationId=publication.pk),
        },
    }


def _number(value, places: int = 12) -> float:
    return float(to_decimal(value, places))


def explanation(explained: Explained) -> dict[str, Any]:
    e, run = explained.explanation, explained.run
    return {
        "runId": run.pk,
        "regionCode": e.code,
        "parameters": {"alpha": float(e.alpha), "beta": float(e.beta)},
        "inputs": {
            "employment": e.employment,
            "employmentMarket": e.employment_market,
            "employmentGovernment": e.employment_government,
            "unemployed": e.unemployed,
            "wajong": e.wajong,
        },
        "nationalUnemployed": e.national_unemployed,
        "nationalWajong": e.national_wajong,
        "sectors": [
            {
                "sector": s.sector,
                "employmentBasis": s.basis,
                "employment": s.employment,
                "nationalEmployment": s.national_employment,
                "wajongIndex": _number(s.wajong_index),
                "unemploymentIndex": _number(s.unemployment_index),
                "weight": _number(s.weight, 6),
                "weightSum": _number(s.weight_sum, 6),
                "share": _number(s.share, 15),
                "steps": [
                    {
                        "year": step.year,
                        "target": step.target,
                        "quota": _number(step.quota, 9),
                        "wholeJobs": step.whole,
                        "remainder": _number(step.remainder, 9),
                        "leftOver": step.left_over,
                        "remainderRank": step.rank,
                        "extraJob": step.got_extra,
                        "jobs": step.final,
                    }
                    for step in s.steps
                ],
            }
            for s in e.sectors
        ],
        "sensitivity": [
            {
                "figure": row.figure,
                "changePercent": row.percent,
                "year": row.year,
                "before": row.before,
                "after": row.after,
            }
            for row in explained.sensitivity
        ],
        "links": {
            "self": _link("region_explanation", runId=run.pk, code=e.code),
            "distribution": _link("distribution", runId=run.pk),
            "region": _link("region", code=e.code),
        },
    }
