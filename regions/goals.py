"""Goals beside the garantiebanen allocation and the realisations, and their bar chart.

Pure: standard library only. The allocation comes from the distribution (``banenafspraak``) as
``{year: {"market": m, "government": g, "total": t}}``; goals and realisations come from the
region's plan as ``{year: (market, government)}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from werkkamer.core.charts import GroupedBarChart, grouped_bar_chart

Pair = tuple[int, int]
SERIES = ("allocation", "goal", "realised")


@dataclass(frozen=True)
class Figures:
    market: int
    government: int

    @property
    def total(self) -> int:
        return self.market + self.government


@dataclass(frozen=True)
class GoalRow:
    year: int
    allocation: Figures | None
    goal: Figures | None
    realised: Figures | None

    @property
    def gap(self) -> int | None:
        """Goal minus allocation (total jobs): negative when the goal stays below the allocation."""
        if self.allocation is None or self.goal is None:
            return None
        return self.goal.total - self.allocation.total


def goal_rows(
    *,
    goals: Mapping[int, Pair],
    allocation: Mapping[int, Mapping[str, int]],
    realisations: Mapping[int, Pair],
) -> list[GoalRow]:
    """One row per year that has a goal, an allocation or a realisation, in year order.

    1. Take the union of the years of the three inputs.
    2. Per year, read each input as ``Figures`` (missing: ``None``); the allocation's total is
       recomputed from its sectors so that a row always adds up.
    """
    years = sorted(set(goals) | set(allocation) | set(realisations))

    def pair(source: Mapping[int, Pair], year: int) -> Figures | None:
        return Figures(*source[year]) if year in source else None

    return [
        GoalRow(
            year=year,
            allocation=(
                Figures(allocation[year]["market"], allocation[year]["government"])
                if year in allocation
                else None
            ),
            goal=pair(goals, year),
            realised=pair(realisations, year),
        )
        for year in years
    ]


def bar_chart(rows: list[GoalRow], *, width: int = 640, height: int = 260) -> GroupedBarChart:
    """Grouped bars (allocation, goal, realised; total jobs) per year, in SVG coordinates
    (``werkkamer.core.charts.grouped_bar_chart``: four nice steps, a missing figure no bar)."""
    groups = [
        (
            row.year,
            [None if (f := getattr(row, name)) is None else f.total for name in SERIES],
        )
        for row in rows
    ]
    return grouped_bar_chart(groups, series=SERIES, width=width, height=height)
