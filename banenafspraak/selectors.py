"""Reads for the Banenafspraak distribution: current inputs, runs, tables and comparisons."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from banenafspraak import distribution as method
from banenafspraak import report
from banenafspraak.models import (
    BaseDataSet,
    DistributionRun,
    MethodParameters,
    NationalTarget,
    RegionAllocation,
    RunStatus,
)
from regions.models import Arbeidsmarktregio
from werkkamer.core.charts import StackedBarChart, stacked_bar_chart

Allocations = dict[tuple[str, int, str], int]


@dataclass(frozen=True)
class CurrentInputs:
    """What a run computed now would use."""

    dataset: BaseDataSet | None
    method: MethodParameters | None
    regions: list[method.RegionFigures]
    targets: dict[tuple[int, str], int]
    parameters: method.Parameters

    @property
    def checksum(self) -> str:
        return method.inputs_checksum(self.regions, self.targets, self.parameters)

    def canonical(self) -> dict:
        return method.canonical_inputs(self.regions, self.targets, self.parameters)


def current_inputs() -> CurrentInputs:
    dataset = BaseDataSet.objects.active()
    parameters_row = MethodParameters.objects.active()
    regions = []
    if dataset is not None:
        regions = [
            method.RegionFigures(
                code=f.region.code,
                employment=f.employment,
                employment_market=f.employment_market,
                employment_government=f.employment_government,
                unemployed=f.unemployed,
                wajong=f.wajong,
            )
            for f in dataset.figures.select_related("region")
        ]
    parameters = (
        method.Parameters(alpha=parameters_row.alpha, beta=parameters_row.beta)
        if parameters_row
        else method.Parameters()
    )
    targets = {(t.year, t.sector): t.jobs for t in NationalTarget.objects.all()}
    return CurrentInputs(dataset, parameters_row, regions, targets, parameters)


def last_target_year() -> int | None:
    """The last year with a national target for both sectors: the distribution ends there."""
    years: dict[int, set[str]] = defaultdict(set)
    for year, sector in NationalTarget.objects.values_list("year", "sector"):
        years[year].add(sector)
    complete = [
        year for year, sectors in years.items() if sectors >= {method.MARKET, method.GOVERNMENT}
    ]
    return max(complete, default=None)


def pending_run() -> DistributionRun | None:
    """The queued or running recompute, if any (the newest)."""
    return DistributionRun.objects.pending().order_by("-pk").first()


def run_allocations(run: DistributionRun) -> Allocations:
    rows = RegionAllocation.objects.filter(run=run).values_list(
        "region__code", "year", "sector", "jobs"
    )
    return {(code, year, sector): jobs for code, year, sector, jobs in rows}


def region_allocation(*, region: Arbeidsmarktregio) -> dict[int, dict[str, int]]:
    """The current run's allocation of ``region``: year -> market, government and total jobs.

    ``{}`` when no distribution has been computed yet.
    """
    run = DistributionRun.objects.current()
    if run is None:
        return {}
    result: dict[int, dict[str, int]] = {}
    for year, sector, jobs in (
        RegionAllocation.objects.filter(run=run, region=region)
        .order_by("year", "sector")
        .values_list("year", "sector", "jobs")
    ):
        entry = result.setdefault(year, {method.MARKET: 0, method.GOVERNMENT: 0, "total": 0})
        entry[sector] = jobs
        entry["total"] += jobs
    return result


@dataclass(frozen=True)
class TableRow:
    code: str
    name: str
    url: str
    cells: list[tuple[int, int]]  # per year: (market, government)

    @property
    def last(self) -> tuple[int, int]:
        return self.cells[-1] if self.cells else (0, 0)


@dataclass(frozen=True)
class DistributionTable:
    years: list[int]
    rows: list[TableRow]
    totals: list[tuple[int, int]]


def distribution_table(allocations: Allocations) -> DistributionTable:
    """Regions × years with market and government jobs, and the national totals row."""
    years = sorted({year for _, year, _ in allocations})
    regions = Arbeidsmarktregio.objects.order_by("code")
    rows = [
        TableRow(
            code=region.code,
            name=region.name,
            url=region.get_absolute_url(),
            cells=[
                (
                    allocations.get((region.code, year, method.MARKET), 0),
                    allocations.get((region.code, year, method.GOVERNMENT), 0),
                )
                for year in years
            ],
        )
        for region in regions
        if any(code == region.code for code, _, _ in allocations)
    ]
    totals = [
        (sum(row.cells[i][0] for row in rows), sum(row.cells[i][1] for row in rows))
        for i in range(len(years))
    ]
    return DistributionTable(years=years, rows=rows, totals=totals)


def shifts(
    before: Allocations, after: Allocations, *, year: int, sector: str = ""
) -> list[report.Shift]:
    """Per region the jobs of ``year`` (one sector, or both when empty) before and after,
    sorted by the size of the shift (largest first, then region code)."""
    names = dict(Arbeidsmarktregio.objects.values_list("code", "name"))
    sectors = [sector] if sector else list(method.SECTORS)

    def totals(allocations: Allocations) -> dict[str, int]:
        jobs_per_region: dict[str, int] = defaultdict(int)
        for (code, y, s), jobs in allocations.items():
            if y == year and s in sectors:
                jobs_per_region[code] += jobs
        return jobs_per_region

    return report.region_shifts(totals(before), totals(after), names)


def table_chart(table: DistributionTable, year: int | None) -> StackedBarChart | None:
    """The bar chart of one year of ``table`` (for pages and PDF reports alike); render it with
    ``{% include "banenafspraak/snippets/bar_chart.svg.html" with chart=... title=... %}``."""
    if year is None or year not in table.years:
        return None
    index = table.years.index(year)
    return stacked_bar_chart([(row.name, *row.cells[index]) for row in table.rows])


def years_of(allocations: Allocations) -> list[int]:
    return sorted({year for _, year, _ in allocations})


def latest_failed_run() -> DistributionRun | None:
    """The newest failed run newer than the current one: its inputs could not be published."""
    current = DistributionRun.objects.current()
    failed = DistributionRun.objects.filter(status=RunStatus.FAILED)
    if current is not None:
        failed = failed.filter(pk__gt=current.pk)
    return failed.order_by("-pk").first()


def latest_failed_checksum() -> str:
    run = latest_failed_run()
    return run.checksum if run else ""
