"""The chart module is pure: these tests import no Django and touch no database."""

from __future__ import annotations

import pytest

from werkkamer.core.charts import (
    END_LADDER,
    STEP_LADDER,
    grouped_bar_chart,
    nice_number,
    stacked_bar_chart,
    tick_step,
)


@pytest.mark.parametrize(
    ("value", "ladder", "expected"),
    [
        (0, END_LADDER, 1),
        (1, END_LADDER, 1),
        (7, END_LADDER, 8),
        (950, END_LADDER, 1000),
        (1001, END_LADDER, 1500),
        (325, STEP_LADDER, 500),
        (200, STEP_LADDER, 200),
        (201, STEP_LADDER, 500),
        (9999, STEP_LADDER, 10000),
    ],
)
def test_nice_number_rounds_up_to_a_ladder_step_times_a_power_of_ten(value, ladder, expected):
    assert nice_number(value, ladder) == expected


def test_the_stacked_axis_ends_nicely_in_at_most_six_round_steps():
    for maximum in (1, 3, 15, 250, 1500, 6000, 80000):
        step = tick_step(maximum)
        assert (maximum / step).is_integer() and maximum / step <= 6


def test_the_stacked_chart_stacks_government_after_market():
    chart = stacked_bar_chart([("A", 300, 100)], width=500, label_width=100)
    bar = chart.bars[0]
    assert bar.government_x == pytest.approx(bar.market_x + bar.market_width)
    assert chart.ticks[-1].value == 400 and chart.view_box.startswith("0 0 500 ")


def test_the_grouped_chart_skips_missing_values_and_keeps_zeros():
    chart = grouped_bar_chart([(2025, [10, None, 0])], series=("a", "b", "c"))
    assert [(b.series, b.height) for b in chart.bars] == [("a", pytest.approx(110.0)), ("c", 0)]
    assert [t.value for t in chart.ticks] == [0, 5, 10, 15, 20]  # 10 / 4 → 3 → the nice step 5
    assert chart.labels == [(2025, pytest.approx(56 + (640 - 56 - 8) / 2))]


def test_the_grouped_chart_needs_one_value_per_series():
    with pytest.raises(ValueError):
        grouped_bar_chart([(2025, [1, 2])], series=("a", "b", "c"))
