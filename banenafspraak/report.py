"""The figures of a published distribution report, computed from a publication's snapshot.

Pure module (standard library only): the snapshot is plain JSON data (see
``banenafspraak.publications.selectors.publication_snapshot``), and everything the PDF, the web
page and the CSV/XLSX exports show is derived here, so they always agree. Steps:

1. Per sector, a table of regions × years with the national total per year (the totals are
   summed from the rows, so a reader can check them; they equal the national targets).
2. For one year (the last one by default), the rows of the bar chart (market and government per
   region) and the map's values (total jobs per region).
3. The shift against the previously published report: per region the total jobs of the latest
   year both reports have, before and after, absolute and in percent, largest shift first
   (then region code).
4. The flat table for the exports: one row per region and year with market, government and
   total, then one total row per year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

MARKET = "market"
GOVERNMENT = "government"
SECTORS = (MARKET, GOVERNMENT)

Snapshot = Mapping[str, Any]


@dataclass(frozen=True)
class SectorRow:
    code: str
    name: str
    jobs: tuple[int, ...]  # one per year


@dataclass(frozen=True)
class SectorTable:
    sector: str
    years: tuple[int, ...]
    rows: tuple[SectorRow, ...]
    totals: tuple[int, ...]


class Shift(NamedTuple):
    """A region's jobs before and after, and the difference (absolute and in percent)."""

    code: str
    name: str
    before: int
    after: int

    @property
    def absolute(self) -> int:
        return self.after - self.before

    @property
    def percent(self) -> Decimal | None:
        if self.before == 0:
            return None
        return Decimal(self.absolute * 100) / Decimal(self.before)


def region_shifts(
    before: Mapping[str, int], after: Mapping[str, int], names: Mapping[str, str]
) -> list[Shift]:
    """The shift between two runs: per region code in either (missing counts as 0), largest
    shift first, then region code. The one computation behind the compare and what-if pages
    and a report's shift table."""
    rows = [
        Shift(code, names.get(code, code), before.get(code, 0), after.get(code, 0))
        for code in set(before) | set(after)
    ]
    return sorted(rows, key=lambda row: (-abs(row.absolute), row.code))


@dataclass(frozen=True)
class Shifts:
    year: int
    rows: tuple[Shift, ...]


def years(snapshot: Snapshot) -> tuple[int, ...]:
    return tuple(snapshot["years"])


def sector_table(snapshot: Snapshot, sector: str) -> SectorTable:
    """Step 1: regions × years of one sector, with the column totals."""
    rows = tuple(
        SectorRow(region["code"], region["name"], tuple(region["jobs"][sector]))
        for region in snapshot["regions"]
    )
    count = len(snapshot["years"])
    totals = tuple(sum(row.jobs[i] for row in rows) for i in range(count))
    return SectorTable(sector, years(snapshot), rows, totals)


def _index(snapshot: Snapshot, year: int | None) -> int:
    all_years = list(snapshot["years"])
    return len(all_years) - 1 if year is None else all_years.index(year)


@dataclass(frozen=True)
class YearRow:
    code: str
    name: str
    market: int
    government: int

    @property
    def total(self) -> int:
        return self.market + self.government


def year_rows(snapshot: Snapshot, year: int | None = None) -> list[YearRow]:
    """Step 2: per region the market and government jobs of ``year`` (default: the last)."""
    i = _index(snapshot, year)
    return [
        YearRow(r["code"], r["name"], r["jobs"][MARKET][i], r["jobs"][GOVERNMENT][i])
        for r in snapshot["regions"]
    ]


def chart_rows(snapshot: Snapshot, year: int | None = None) -> list[tuple[str, int, int]]:
    """Step 2: (region name, market, government) for ``year`` (default: the last year)."""
    return [(row.name, row.market, row.government) for row in year_rows(snapshot, year)]


def region_totals(snapshot: Snapshot, year: int | None = None) -> dict[str, int]:
    """Step 2: total jobs (both sectors) per region code for ``year`` (default: the last)."""
    return {row.code: row.total for row in year_rows(snapshot, year)}


def _totals_of(regions: Sequence[Mapping[str, Any]], index: int) -> dict[str, int]:
    return {r["code"]: r["jobs"][MARKET][index] + r["jobs"][GOVERNMENT][index] for r in regions}


def shifts(snapshot: Snapshot) -> Shifts | None:
    """Step 3: the shift per region against the previous publication (None without one)."""
    previous = snapshot.get("previous")
    if not previous:
        return None
    common = sorted(set(snapshot["years"]) & set(previous["years"]))
    if not common:
        return None
    year = common[-1]
    after = _totals_of(snapshot["regions"], list(snapshot["years"]).index(year))
    before = _totals_of(previous["regions"], list(previous["years"]).index(year))
    names = {r["code"]: r["name"] for r in (*previous["regions"], *snapshot["regions"])}
    return Shifts(year, tuple(region_shifts(before, after, names)))


def flat_rows(snapshot: Snapshot) -> list[tuple[str, str, int, int, int, int]]:
    """Step 4: (code, name, year, market, government, total) per region and year, then totals.

    The total rows have an empty code and name.
    """
    rows = []
    count = len(snapshot["years"])
    market_totals, government_totals = [0] * count, [0] * count
    for region in snapshot["regions"]:
        for i, year in enumerate(snapshot["years"]):
            market, government = region["jobs"][MARKET][i], region["jobs"][GOVERNMENT][i]
            market_totals[i] += market
            government_totals[i] += government
            rows.append(
                (region["code"], region["name"], year, market, government, market + government)
            )
    for i, year in enumerate(snapshot["years"]):
        market, government = market_totals[i], government_totals[i]
        rows.append(("", "", year, market, government, market + government))
    return rows


def region_entry(snapshot: Snapshot, code: str) -> Mapping[str, Any] | None:
    return next((r for r in snapshot["regions"] if r["code"] == code), None)
