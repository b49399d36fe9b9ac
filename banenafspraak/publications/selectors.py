"""Reads for publications: the snapshot a publication freezes, and the report's context."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from banenafspraak import report
from banenafspraak.models import (
    DistributionRun,
    NationalTarget,
    RegionAllocation,
)
from banenafspraak.publications.models import Publication
from banenafspraak.selectors_explanation import run_explanation
from regions.geometry import region_map, shaded_map
from regions.models import Arbeidsmarktregio
from werkkamer.core.charts import stacked_bar_chart

SNAPSHOT_VERSION = 1


def previous_publication(*, before: Publication | None = None) -> Publication | None:
    """The newest published (ready, not withdrawn) report, older than ``before`` if given."""
    published = Publication.objects.public()
    if before is not None and before.pk:
        published = published.filter(pk__lt=before.pk)
    return published.order_by("-pk").first()


def _jobs(run: DistributionRun, years: list[int]) -> dict[str, dict[str, list[int]]]:
    table: dict[str, dict[str, list[int]]] = {}
    index = {year: i for i, year in enumerate(years)}
    rows = RegionAllocation.objects.filter(run=run).values_list(
        "region__code", "year", "sector", "jobs"
    )
    for code, year, sector, jobs in rows:
        entry = table.setdefault(code, {s: [0] * len(years) for s in report.SECTORS})
        entry[sector][index[year]] = jobs
    return table


def _run_facts(run: DistributionRun) -> dict[str, Any]:
    parameters = (run.inputs or {}).get("parameters", {})
    return {
        "id": run.pk,
        "checksum": run.checksum,
        "algorithm_version": run.algorithm_version,
        "method_version": run.method_version,
        "alpha": str(run.alpha if run.alpha is not None else parameters.get("alpha", "")),
        "beta": str(run.beta if run.beta is not None else parameters.get("beta", "")),
        "is_demo": run.is_demo,
        "reason": run.reason,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
    }


def publication_snapshot(*, run: DistributionRun, previous: Publication | None) -> dict[str, Any]:
    """Everything the report shows, frozen as JSON when staff publish.

    Region names and municipalities are taken as they are now; the numbers come from the (done,
    immutable) run; the previous publication's numbers are copied for the shift section.
    """
    years = sorted(set(RegionAllocation.objects.filter(run=run).values_list("year", flat=True)))
    jobs = _jobs(run, years)
    inputs = run.inputs or {}
    figures = {row["code"]: row for row in inputs.get("regions", [])}
    regions = []
    for region in Arbeidsmarktregio.objects.filter(code__in=jobs).prefetch_related("gemeenten"):
        regions.append(
            {
                "code": region.code,
                "name": region.name,
                "gemeenten": sorted(g.name for g in region.gemeenten.all()),
                "figures": {k: v for k, v in figures.get(region.code, {}).items() if k != "code"},
                "jobs": jobs[region.code],
            }
        )
    regions.sort(key=lambda r: r["code"])
    target_notes = {
        (t.year, t.sector): (t.source, t.interpolated) for t in NationalTarget.objects.all()
    }
    targets = [
        {
            **row,
            "source": target_notes.get((row["year"], row["sector"]), ("", False))[0],
            "interpolated": target_notes.get((row["year"], row["sector"]), ("", False))[1],
        }
        for row in inputs.get("targets", [])
    ]
    dataset = run.dataset
    return {
        "version": SNAPSHOT_VERSION,
        "taken_at": timezone.now().isoformat(),
        "run": _run_facts(run),
        "dataset": {
            "reference_date": dataset.reference_date.isoformat(),
            "source": dataset.source,
            "note": dataset.note,
        }
        if dataset
        else None,
        "years": years,
        "targets": targets,
        "regions": regions,
        "previous": _previous_facts(previous),
    }


def _previous_facts(previous: Publication | None) -> dict[str, Any] | None:
    if previous is None:
        return None
    return {
        "publication_id": previous.pk,
        "title": previous.title,
        "published_at": previous.published_at.isoformat() if previous.published_at else None,
        "run_id": previous.snapshot["run"]["id"],
        "checksum": previous.snapshot["run"]["checksum"],
        "years": previous.snapshot["years"],
        "regions": [
            {"code": r["code"], "name": r["name"], "jobs": r["jobs"]}
            for r in previous.snapshot["regions"]
        ],
    }


def report_context(publication: Publication) -> dict[str, Any]:
    """The context of the national report (PDF) and of the publication's web page."""
    snapshot = publication.snapshot
    last_year = snapshot["years"][-1] if snapshot["years"] else None
    dataset = snapshot["dataset"]
    return {
        "publication": publication,
        "taken_at": datetime.fromisoformat(snapshot["taken_at"]),
        "reference_date": date.fromisoformat(dataset["reference_date"]) if dataset else None,
        "snapshot": snapshot,
        "run": snapshot["run"],
        "dataset": dataset,
        "demo": snapshot["run"]["is_demo"],
        "plain_share": _is_zero(snapshot["run"]["alpha"]) and _is_zero(snapshot["run"]["beta"]),
        "year": last_year,
        "tables": [report.sector_table(snapshot, sector) for sector in report.SECTORS],
        "year_rows": report.year_rows(snapshot) if last_year else [],
        "chart": stacked_bar_chart(report.chart_rows(snapshot)) if last_year else None,
        "map": shaded_map(report.region_totals(snapshot)) if last_year else None,
        "shifts": report.shifts(snapshot),
        "previous": snapshot["previous"],
        "targets": snapshot["targets"],
        "regions": snapshot["regions"],
    }


def _is_zero(value: str) -> bool:
    try:
        return Decimal(value) == 0
    except (InvalidOperation, TypeError):
        return False


def region_report_context(publication: Publication, code: str) -> dict[str, Any] | None:
    """The context of a region's one-pager, or None when the report has no such region."""
    snapshot = publication.snapshot
    entry = report.region_entry(snapshot, code)
    if entry is None:
        return None
    totals = report.flat_rows(snapshot)
    national = {year: total for c, _, year, _, _, total in totals if c == ""}
    rows = [
        {
            "year": year,
            "market": entry["jobs"][report.MARKET][i],
            "government": entry["jobs"][report.GOVERNMENT][i],
            "total": entry["jobs"][report.MARKET][i] + entry["jobs"][report.GOVERNMENT][i],
            "national": national[year],
        }
        for i, year in enumerate(snapshot["years"])
    ]
    last = snapshot["years"][-1] if snapshot["years"] else None
    return {
        "publication": publication,
        "taken_at": datetime.fromisoformat(snapshot["taken_at"]),
        "snapshot": snapshot,
        "run": snapshot["run"],
        "demo": snapshot["run"]["is_demo"],
        "region": entry,
        "rows": rows,
        "year": last,
        "map": shaded_map({s.code: int(s.code == code) for s in region_map(420).shapes}),
        "werkbedrijf": werkbedrijf_facts(code),
        "explained": run_explanation(run=publication.run, code=code),
    }


def werkbedrijf_facts(code: str) -> dict[str, Any] | None:
    """The region's Werkbedrijf today for its one-pager: name, members and chair(s), or None.

    Unlike the numbers this is not frozen in the snapshot: the one-pager shows the Werkbedrijf
    as it is on the day it is printed (and says so).
    """
    from regions.models import RepresentativeRole
    from regions.selectors import members_active, werkbedrijf_for

    region = Arbeidsmarktregio.objects.filter(code=code).first()
    werkbedrijf = werkbedrijf_for(region=region) if region else None
    if werkbedrijf is None:
        return None
    members = members_active(werkbedrijf=werkbedrijf)
    return {
        "name": str(werkbedrijf),
        "on": timezone.localdate(),
        "members": [(m.name, m.get_kind_display()) for m in members],
        "chairs": [
            f"{r.name} ({m.name})"
            for m in members
            for r in m.active_representatives
            if r.role == RepresentativeRole.CHAIR
        ],
    }


def latest_publication() -> Publication | None:
    """The newest published report, for the one-pager link on a region's page.

    Every run allocates all regions, so the newest report covers the region; the snapshot is
    not loaded here (the one-pager view answers 404 for a region a report does not have).
    """
    return Publication.objects.public().defer("snapshot").order_by("-pk").first()
