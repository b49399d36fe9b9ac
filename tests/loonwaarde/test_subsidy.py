"""The pure LKS arithmetic (no database): DOMAIN.md's worked examples and properties."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loonwaarde.reference import read_minimum_wages
from loonwaarde.subsidy import (
    MinimumWage,
    SubsidyError,
    Task,
    add_months,
    employer_cost_rate_on,
    lks,
    loonwaarde_from_tasks,
    minimum_wage_on,
)

RATES = [MinimumWage(row.valid_from, row.hourly) for row in read_minimum_wages()]
FEB_2026 = date(2026, 2, 1)


def test_worked_example_at_loonwaarde_50_gives_1530_38_a_month():
    result = lks(loonwaarde=50, hours_per_week=Decimal(36), on=FEB_2026, rates=RATES)
    assert result.minimum_wage_hourly == Decimal("14.71")
    assert result.wage_basis == Decimal("2294.76")
    assert result.wage_with_holiday == Decimal("2478.34")
    assert result.difference == Decimal("1239.17")
    assert result.cap == Decimal("1734.84")
    assert not result.capped
    assert result.employer_cost_rate == Decimal("0.235")
    assert (result.before_employer_costs, result.employer_costs) == (
        Decimal("1239.17"),
        Decimal("291.21"),
    )
    assert result.monthly == Decimal("1530.38")
    assert result.yearly == Decimal("18364.56")


def test_worked_example_at_loonwaarde_20_is_capped_at_70_percent_giving_2142_53():
    result = lks(loonwaarde=20, hours_per_week=Decimal(36), on=FEB_2026, rates=RATES)
    assert result.difference == Decimal("1982.67")
    assert result.capped
    assert result.monthly == Decimal("2142.53")


def test_the_minimum_wage_in_force_is_the_latest_on_or_before_the_date():
    assert minimum_wage_on(RATES, date(2025, 6, 30)).hourly == Decimal("14.06")
    assert minimum_wage_on(RATES, date(2025, 7, 1)).hourly == Decimal("14.40")
    with pytest.raises(SubsidyError, match="geen wettelijk minimumloon bekend op 31-12-2023"):
        minimum_wage_on(RATES, date(2023, 12, 31))


def test_the_employer_cost_allowance_is_23_percent_until_2018_and_23_5_after():
    assert employer_cost_rate_on(date(2017, 12, 31)) == Decimal("0.23")
    assert employer_cost_rate_on(date(2018, 1, 1)) == Decimal("0.235")


def test_fewer_hours_give_a_pro_rata_subsidy():
    full = lks(loonwaarde=50, hours_per_week=Decimal(36), on=FEB_2026, rates=RATES)
    half = lks(loonwaarde=50, hours_per_week=Decimal(18), on=FEB_2026, rates=RATES)
    assert abs(half.monthly * 2 - full.monthly) <= Decimal("0.01")


def test_loonwaarde_is_the_sum_of_tempo_quality_employability_and_share_rounded():
    tasks = [
        Task(Decimal(50), Decimal(70), Decimal(90), Decimal(100)),  # 31.5
        Task(Decimal(30), Decimal(60), Decimal(80), Decimal(90)),  # 12.96
        Task(Decimal(20), Decimal(80), Decimal(100), Decimal(100)),  # 16
    ]
    assert loonwaarde_from_tasks(tasks) == 60  # 60.46


def test_loonwaarde_rounds_half_up():
    tasks = [
        Task(Decimal(50), Decimal(91), Decimal(100), Decimal(100)),
        Task(Decimal(50), Decimal(0), Decimal(0), Decimal(0)),
    ]
    assert loonwaarde_from_tasks(tasks) == 46  # 45.5


def test_shares_must_sum_to_100_percent():
    with pytest.raises(SubsidyError, match=r"tellen op tot 90% in plaats van 100%"):
        loonwaarde_from_tasks([Task(Decimal(90), Decimal(100), Decimal(100), Decimal(100))])
    with pytest.raises(SubsidyError, match="ten minste één taak"):
        loonwaarde_from_tasks([])


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 2, 1), 12) == date(2027, 2, 1)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


loonwaarden = st.integers(min_value=0, max_value=100)
hours = st.decimals(min_value=1, max_value=60, places=1)
dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@given(loonwaarde=loonwaarden, hours_per_week=hours, on=dates)
def test_the_subsidy_is_never_negative_nor_above_the_cap(loonwaarde, hours_per_week, on):
    result = lks(loonwaarde=loonwaarde, hours_per_week=hours_per_week, on=on, rates=RATES)
    assert result.monthly >= 0
    ceiling = result.wage_with_holiday * Decimal("0.70") * (1 + result.employer_cost_rate)
    assert result.monthly <= ceiling.quantize(Decimal("0.01")) + Decimal("0.01")


@given(a=loonwaarden, b=loonwaarden, hours_per_week=hours, on=dates)
def test_the_subsidy_falls_as_the_loonwaarde_rises(a, b, hours_per_week, on):
    low, high = sorted((a, b))
    at_low = lks(loonwaarde=low, hours_per_week=hours_per_week, on=on, rates=RATES)
    at_high = lks(loonwaarde=high, hours_per_week=hours_per_week, on=on, rates=RATES)
    assert at_high.monthly <= at_low.monthly


@given(loonwaarde=st.integers(min_value=30, max_value=100), hours_per_week=hours, on=dates)
def test_above_30_percent_loonwaarde_the_cap_is_never_reached(loonwaarde, hours_per_week, on):
    result = lks(loonwaarde=loonwaarde, hours_per_week=hours_per_week, on=on, rates=RATES)
    assert not result.capped


def test_full_loonwaarde_gives_no_subsidy():
    assert lks(loonwaarde=100, hours_per_week=Decimal(36), on=FEB_2026, rates=RATES).monthly == 0
