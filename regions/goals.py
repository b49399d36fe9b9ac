"""Goals beside the garantiebanen allocation and the realisations, and their bar chart.

Pure: standard library only. The allocation comes from the distribution (``banenafspraak``) as
``{year: {"market": m, "government": g, "total": t}}``; goals and realisations come from the
region's plan as ``{year: (market, government)}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Bar:
    series: str
    year: int
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    bottom: float
    bars: list[Bar]
    ticks: list[Tick]
    labels: list[tuple[int, float]]  # (year, x of the group's centre)


def _nice_step(maximum: int, steps: int = 4) -> int:
    raw = max(1, -(-maximum // steps))
    magnitude: int = 10 ** (len(str(raw)) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def bar_chart(rows: list[GoalRow], *, width: int = 640, height: int = 260) -> Chart:
    """Grouped bars (allocation, goal, realised; total jobs) per year, in SVG coordinates.

    1. The y axis runs from 0 to the first "nice" value (1, 2 or 5 times a power of ten, times
       four steps) at or above the largest figure.
    2. Each year gets an equal slot on the x axis; its three bars share 80% of the slot.
    3. A missing figure draws no bar; a zero draws a bar of height 0.
    """
    left, top, bottom_margin = 56, 12, 28
    plot_height = height - top - bottom_margin
    bottom = top + plot_height
    values = [
        figures.total
        for row in rows
        for figures in (row.allocation, row.goal, row.realised)
        if figures is not None
    ]
    step = _nice_step(max(values, default=0) or 1)
    top_value = step * 4
    slot = (width - left - 8) / max(len(rows), 1)
    bar_width = slot * 0.8 / len(SERIES)
    bars, labels = [], []
    for index, row in enumerate(rows):
        slot_x = left + index * slot + slot * 0.1
        labels.append((row.year, left + index * slot + slot / 2))
        for offset, series in enumerate(SERIES):
            figures = getattr(row, series)
            if figures is None:
                continue
            bar_height = plot_height * figures.total / top_value
            bars.append(
                Bar(
                    series=series,
                    year=row.year,
                    value=figures.total,
                    x=round(slot_x + offset * bar_width, 1),
                    y=round(bottom - bar_height, 1),
                    width=round(bar_width, 1),
                    height=round(bar_height, 1),
                )
            )
    ticks = [Tick(value=step * i, y=round(bottom - plot_height * i / 4, 1)) for i in range(5)]
    return Chart(width, height, left, bottom, bars, ticks, labels)
