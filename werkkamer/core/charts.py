"""Server-rendered SVG bar charts (pages and PDF reports): their geometry, and one way of
rounding an axis.

Pure module: standard library only, tested without Django (``tests/core/test_charts.py``).

- ``nice_number`` rounds a value up to a "nice" number: a step of a ladder (e.g. 1, 2, 5)
  times a power of ten. Both charts round their axis with it.
- ``stacked_bar_chart``: horizontal bars of (label, market, government) per region, stacked by
  sector; rendered by ``templates/banenafspraak/snippets/bar_chart.svg.html``, which labels every
  bar for screen readers.
- ``grouped_bar_chart``: vertical bars per group (a year) and series (allocation, goal,
  realised); rendered by ``templates/regions/snippets/goal_chart.html``.
- ``shift_chart``: diverging horizontal bars of (label, shift) around a zero line, gains right,
  losses left; rendered by ``templates/banenafspraak/snippets/shift_chart.svg.html``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Where the axis of the stacked chart may end, and the steps of the grouped chart's axis.
END_LADDER = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
STEP_LADDER = (1, 2, 5)


def nice_number(value: float, ladder: Sequence[float] = END_LADDER) -> int:
    """The smallest ``step × 10^k`` (``step`` in ``ladder``, k ≥ 0) that is at least ``value``;
    1 for a value of at most 1."""
    if value <= 1:
        return 1
    power = 10 ** (len(str(int(value))) - 1)  # 10^floor(log10(value)), exact for integers
    for step in (*ladder, 10):
        if step * power >= value:
            return max(1, int(step * power))
    return int(10 * power)  # pragma: no cover - the ladder ends at 10 × power


def nice_ceiling(value: float) -> int:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is at least ``value``."""
    return nice_number(value, END_LADDER)


def tick_step(maximum: int) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k giving at most six steps that divide ``maximum``."""
    power: float = 10 ** (len(str(int(maximum))) - 1) / 10
    for factor in (1, 2, 2.5, 5, 10, 20, 25, 50):
        step = factor * power
        if maximum / step <= 6 and (maximum / step).is_integer():
            return step
    return maximum


class _HorizontalFrame:
    """What the horizontal bar charts share: the SVG's view box and where row labels end."""

    width: float
    height: float
    label_width: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"

    @property
    def label_x(self) -> float:
        return self.label_width - 6


# --- horizontal stacked bars (the distribution per region) -------------------------------------


@dataclass(frozen=True)
class StackedBar:
    label: str
    market: int
    government: int
    y: float
    market_x: float
    market_width: float
    government_x: float
    government_width: float
    text_y: float
    total_x: float

    @property
    def total(self) -> int:
        return self.market + self.government


@dataclass(frozen=True)
class StackedTick:
    value: int
    x: float


@dataclass(frozen=True)
class StackedBarChart(_HorizontalFrame):
    width: float
    height: float
    label_width: float
    plot_top: float
    axis_y: float
    bar_height: float
    bars: tuple[StackedBar, ...]
    ticks: tuple[StackedTick, ...]

    @property
    def tick_label_y(self) -> float:
        return self.axis_y + 14

    @property
    def legend_y(self) -> float:
        return self.axis_y + 22


def stacked_bar_chart(
    rows: Sequence[tuple[str, int, int]],
    *,
    width: float = 720,
    label_width: float = 210,
    bar_height: float = 14,
    gap: float = 6,
    top: float = 8,
    axis_height: float = 40,
) -> StackedBarChart:
    """Horizontal bars of (label, market, government), the government part stacked after the
    market part, on an axis from 0 to ``nice_ceiling`` of the largest total with at most six
    round steps (``tick_step``). Each row gets a band of ``bar_height`` plus ``gap``."""
    plot_width = width - label_width - 50
    maximum = nice_ceiling(max((m + g for _, m, g in rows), default=0))
    scale = plot_width / maximum
    bars = []
    for i, (label, market, government) in enumerate(rows):
        y = top + i * (bar_height + gap)
        market_width = market * scale
        bars.append(
            StackedBar(
                label=label,
                market=market,
                government=government,
                y=round(y, 2),
                market_x=label_width,
                market_width=round(market_width, 2),
                government_x=round(label_width + market_width, 2),
                government_width=round(government * scale, 2),
                text_y=round(y + bar_height * 0.8, 2),
                total_x=round(label_width + (market + government) * scale + 4, 2),
            )
        )
    axis_y = top + len(rows) * (bar_height + gap)
    step = tick_step(maximum)
    ticks = tuple(
        StackedTick(value=round(step * k), x=round(label_width + step * k * scale, 2))
        for k in range(int(maximum / step) + 1)
    )
    return StackedBarChart(
        width=width,
        height=axis_y + axis_height,
        label_width=label_width,
        plot_top=top,
        axis_y=axis_y,
        bar_height=bar_height,
        bars=tuple(bars),
        ticks=ticks,
    )


# --- vertical grouped bars (a region's allocation, goal and realisation per year) --------------


@dataclass(frozen=True)
class GroupedBar:
    series: str
    year: int
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class GroupedTick:
    value: int
    y: float


@dataclass(frozen=True)
class GroupedBarChart:
    width: int
    height: int
    left: int
    bottom: float
    bars: list[GroupedBar]
    ticks: list[GroupedTick]
    labels: list[tuple[int, float]]  # (year, x of the group's centre)


def grouped_bar_chart(
    groups: Sequence[tuple[int, Sequence[int | None]]],
    *,
    series: Sequence[str],
    width: int = 640,
    height: int = 260,
    steps: int = 4,
) -> GroupedBarChart:
    """Grouped vertical bars: ``groups`` are (year, one value or None per ``series``).

    1. The y axis runs from 0 in ``steps`` equal steps; a step is the ``nice_number`` (1, 2 or
       5 times a power of ten) at or above the largest value divided by ``steps``.
    2. Each group gets an equal slot on the x axis; its bars share 80% of the slot.
    3. A missing value (None) draws no bar; a zero draws a bar of height 0.
    """
    left, top, bottom_margin = 56, 12, 28
    plot_height = height - top - bottom_margin
    bottom = top + plot_height
    values = [value for _, row in groups for value in row if value is not None]
    largest = max(values, default=0) or 1
    step = nice_number(max(1, -(-largest // steps)), STEP_LADDER)
    top_value = step * steps
    slot = (width - left - 8) / max(len(groups), 1)
    bar_width = slot * 0.8 / len(series)
    bars, labels = [], []
    for index, (year, row) in enumerate(groups):
        slot_x = left + index * slot + slot * 0.1
        labels.append((year, left + index * slot + slot / 2))
        for offset, (name, value) in enumerate(zip(series, row, strict=True)):
            if value is None:
                continue
            bar_height = plot_height * value / top_value
            bars.append(
                GroupedBar(
                    series=name,
                    year=year,
                    value=value,
                    x=round(slot_x + offset * bar_width, 1),
                    y=round(bottom - bar_height, 1),
                    width=round(bar_width, 1),
                    height=round(bar_height, 1),
                )
            )
    ticks = [
        GroupedTick(value=step * i, y=round(bottom - plot_height * i / steps, 1))
        for i in range(steps + 1)
    ]
    return GroupedBarChart(width, height, left, bottom, bars, ticks, labels)


@dataclass(frozen=True)
class ShiftBar:
    label: str
    value: int
    x: float
    width: float
    y: float
    text_y: float
    value_x: float
    anchor: str  # where the value's text hangs: "start" right of a gain, "end" left of a loss


@dataclass(frozen=True)
class ShiftChart(_HorizontalFrame):
    width: float
    height: float
    label_width: float
    zero_x: float
    plot_top: float
    axis_y: float
    bar_height: float
    bars: tuple[ShiftBar, ...]


def shift_chart(
    rows: Sequence[tuple[str, int]],
    *,
    width: float = 720,
    label_width: float = 210,
    bar_height: float = 14,
    gap: float = 6,
    top: float = 8,
) -> ShiftChart:
    """A diverging bar chart of (label, shift): gains right of the zero line, losses left.

    1. The largest absolute shift (at least 1) spans half the plot on either side.
    2. The zero line sits in the middle of the plot; each row gets ``bar_height`` + ``gap``.
    """
    plot_width = width - label_width - 60
    zero_x = label_width + plot_width / 2 + 20
    largest = max((abs(value) for _, value in rows), default=0) or 1
    scale = (plot_width / 2) / largest
    bars = []
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar_height + gap)
        length = abs(value) * scale
        x = zero_x if value >= 0 else zero_x - length
        bars.append(
            ShiftBar(
                label=label,
                value=value,
                x=round(x, 2),
                width=round(length, 2),
                y=round(y, 2),
                text_y=round(y + bar_height * 0.8, 2),
                value_x=round(zero_x + length + 4 if value >= 0 else zero_x - length - 4, 2),
                anchor="start" if value >= 0 else "end",
            )
        )
    axis_y = top + len(rows) * (bar_height + gap)
    return ShiftChart(
        width=width,
        height=axis_y + 8,
        label_width=label_width,
        zero_x=round(zero_x, 2),
        plot_top=top,
        axis_y=axis_y,
        bar_height=bar_height,
        bars=tuple(bars),
    )
