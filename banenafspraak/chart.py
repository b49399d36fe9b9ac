"""Geometry of a horizontal stacked bar chart, for server-rendered SVG (pages and PDF reports).

Pure module (standard library only). Steps:

1. Take rows of (label, market, government) and find the largest row total.
2. Round that maximum up to a "nice" axis end (1, 1.5, 2, ... 8 × a power of ten) and place
   at most six equal, round steps on it.
3. Give each row a band of ``bar_height`` plus ``gap``; scale the market bar from the label
   column and the government bar right after it, to the plot width.

Render with ``templates/banenafspraak/snippets/bar_chart.svg.html`` (``{% include %}`` it with
``chart=...``), which also labels every bar for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
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
class Tick:
    value: int
    x: float


@dataclass(frozen=True)
class BarChart:
    width: float
    height: float
    label_width: float
    plot_top: float
    axis_y: float
    bar_height: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"

    @property
    def label_x(self) -> float:
        return self.label_width - 6

    @property
    def tick_label_y(self) -> float:
        return self.axis_y + 14

    @property
    def legend_y(self) -> float:
        return self.axis_y + 22


def nice_ceiling(value: float) -> int:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is at least ``value``."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * power >= value:
            return max(1, int(step * power))
    return int(10 * power)  # pragma: no cover - the loop ends at 10 × power


def tick_step(maximum: int) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k giving at most six steps that divide ``maximum``."""
    power = 10 ** math.floor(math.log10(maximum)) / 10
    for factor in (1, 2, 2.5, 5, 10, 20, 25, 50):
        step = factor * power
        if maximum / step <= 6 and (maximum / step).is_integer():
            return step
    return maximum


def bar_chart(
    rows: Sequence[tuple[str, int, int]],
    *,
    width: float = 720,
    label_width: float = 210,
    bar_height: float = 14,
    gap: float = 6,
    top: float = 8,
    axis_height: float = 40,
) -> BarChart:
    plot_width = width - label_width - 50
    maximum = nice_ceiling(max((m + g for _, m, g in rows), default=0))
    scale = plot_width / maximum
    bars = []
    for i, (label, market, government) in enumerate(rows):
        y = top + i * (bar_height + gap)
        market_width = market * scale
        bars.append(
            Bar(
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
        Tick(value=round(step * k), x=round(label_width + step * k * scale, 2))
        for k in range(int(maximum / step) + 1)
    )
    return BarChart(
        width=width,
        height=axis_y + axis_height,
        label_width=label_width,
        plot_top=top,
        axis_y=axis_y,
        bar_height=bar_height,
        bars=tuple(bars),
        ticks=ticks,
    )


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
class ShiftChart:
    width: float
    height: float
    label_width: float
    zero_x: float
    plot_top: float
    axis_y: float
    bar_height: float
    bars: tuple[ShiftBar, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"

    @property
    def label_x(self) -> float:
        return self.label_width - 6


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
