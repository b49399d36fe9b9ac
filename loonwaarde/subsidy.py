"""Loonwaarde and loonkostensubsidie (LKS) arithmetic: standard library only, no Django.

Rules (DOMAIN.md, "Loonwaarde"; Participatiewet art. 10c/10d; Regeling LKS Participatiewet):

Loonwaarde from the job's tasks
    1. Every task has its share of working time BT and the tempo T, quality K and
       employability I of the person, each as a percentage of a normal worker in the job.
    2. The shares must sum to exactly 100%.
    3. loonwaarde = Σ T × K × I × BT over the tasks (percentages as fractions), expressed as a
       percentage and rounded half up to a whole percent.

LKS per month on a date
    1. Wage basis = statutory minimum wage per hour in force on the date × hours per week × 52 / 12
       (pro rata: the hourly figure times the contracted hours, so fewer hours give less).
    2. Add the holiday allowance: basis × (1 + 8%).
    3. Difference = (basis + holiday allowance) × (100% − loonwaarde): the minimum wage with
       holiday allowance minus the loonwaarde with its pro-rata holiday allowance.
    4. Cap the difference at 70% of (basis + holiday allowance).
    5. Add the employer-cost allowance in force on the date (23% from 2015, 23.5% from
       1 January 2018, Stcrt. 2017, 68248).
    6. Round to cents, half up, only at the end (DOMAIN.md's worked examples).
    7. Per year: twelve monthly payments, 12 × the rounded monthly amount.

Minimum wages are data (``loonwaarde/data/wml.csv``, extended by staff), passed in by the caller.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
WEEKS_PER_YEAR = Decimal(52)
MONTHS_PER_YEAR = 12
HOLIDAY_ALLOWANCE = Decimal("0.08")
CAP = Decimal("0.70")

# (valid from, rate, source): law, not data staff edits; a change comes with a law change.
EMPLOYER_COST_ALLOWANCE: tuple[tuple[date, Decimal, str], ...] = (
    (date(2015, 1, 1), Decimal("0.23"), "Participatiewet art. 10d (2015)"),
    (date(2018, 1, 1), Decimal("0.235"), "Stcrt. 2017, 68248"),
)


class SubsidyError(ValueError):
    """Input the rules cannot compute with (shares not 100%, no minimum wage on a date...)."""


@dataclass(frozen=True)
class Task:
    share: Decimal  # % of working time
    tempo: Decimal  # % of a normal worker
    quality: Decimal
    employability: Decimal


@dataclass(frozen=True)
class MinimumWage:
    valid_from: date
    hourly: Decimal  # euro per hour, 21 and older


@dataclass(frozen=True)
class Lks:
    """One LKS computation; amounts in euro, rounded to cents for showing."""

    on: date
    loonwaarde: int
    hours_per_week: Decimal
    minimum_wage_hourly: Decimal
    minimum_wage_from: date  # the start date of the wage used: shown with every LKS
    wage_basis: Decimal
    wage_with_holiday: Decimal
    difference: Decimal
    cap: Decimal
    capped: bool
    before_employer_costs: Decimal
    employer_cost_rate: Decimal
    employer_costs: Decimal
    monthly: Decimal
    yearly: Decimal

    @property
    def employer_cost_percent(self) -> Decimal:
        return self.employer_cost_rate * HUNDRED

    @property
    def wage_period_start(self) -> date:
        return half_year_start(self.on)

    @property
    def wage_outdated(self) -> bool:
        """The wage used is older than the half-year of the date: the table has no wage for
        that half-year yet, so an earlier one was used."""
        return self.minimum_wage_from < self.wage_period_start


def half_year_start(on: date) -> date:
    """1 January or 1 July: minimum wages are indexed twice a year, from these dates."""
    return date(on.year, 1 if on.month < 7 else 7, 1)


def _round(value: Decimal, exponent: Decimal = CENT) -> Decimal:
    return value.quantize(exponent, rounding=ROUND_HALF_UP)


def loonwaarde_from_tasks(tasks: Iterable[Task]) -> int:
    """The loonwaarde as a whole percentage (steps 1-3 of the module docstring)."""
    tasks = list(tasks)
    if not tasks:
        raise SubsidyError("Geef ten minste één taak op.")
    for task in tasks:
        for value in (task.share, task.tempo, task.quality, task.employability):
            if not 0 <= value <= HUNDRED:
                raise SubsidyError("Percentages liggen tussen 0 en 100.")
    total_share = sum((task.share for task in tasks), Decimal(0))
    if total_share != HUNDRED:
        raise SubsidyError(
            f"De aandelen van de taken tellen op tot {total_share}% in plaats van 100%."
        )
    fraction = sum(
        (
            (t.tempo / HUNDRED) * (t.quality / HUNDRED) * (t.employability / HUNDRED) * t.share
            for t in tasks
        ),
        Decimal(0),
    )
    return int(_round(fraction, Decimal(1)))


def minimum_wage_on(rates: Iterable[MinimumWage], on: date) -> MinimumWage:
    """The rate with the latest start on or before ``on``."""
    in_force = [rate for rate in rates if rate.valid_from <= on]
    if not in_force:
        raise SubsidyError(f"Er is geen wettelijk minimumloon bekend op {on:%d-%m-%Y}.")
    return max(in_force, key=lambda rate: rate.valid_from)


def employer_cost_rate_on(on: date) -> Decimal:
    in_force = [rate for start, rate, _source in EMPLOYER_COST_ALLOWANCE if start <= on]
    if not in_force:
        raise SubsidyError("Loonkostensubsidie bestaat pas sinds 1 januari 2015.")
    return in_force[-1]


def lks(*, loonwaarde: int, hours_per_week: Decimal, on: date, rates: Sequence[MinimumWage]) -> Lks:
    """LKS per month and per year (steps 1-7 of the module docstring)."""
    if not 0 <= loonwaarde <= 100:
        raise SubsidyError("De loonwaarde ligt tussen 0% en 100%.")
    if hours_per_week <= 0:
        raise SubsidyError("Het aantal uren per week moet groter zijn dan 0.")
    wage = minimum_wage_on(rates, on)
    basis = wage.hourly * hours_per_week * WEEKS_PER_YEAR / MONTHS_PER_YEAR
    with_holiday = basis * (1 + HOLIDAY_ALLOWANCE)
    difference = with_holiday * (HUNDRED - loonwaarde) / HUNDRED
    cap = with_holiday * CAP
    rate = employer_cost_rate_on(on)
    monthly = _round(min(difference, cap) * (1 + rate))
    before_employer_costs = _round(min(difference, cap))
    return Lks(
        on=on,
        loonwaarde=loonwaarde,
        hours_per_week=hours_per_week,
        minimum_wage_hourly=wage.hourly,
        minimum_wage_from=wage.valid_from,
        wage_basis=_round(basis),
        wage_with_holiday=_round(with_holiday),
        difference=_round(difference),
        cap=_round(cap),
        capped=difference > cap,
        before_employer_costs=before_employer_costs,
        employer_cost_rate=rate,
        # shown so that the two lines add up to the monthly amount
        employer_costs=monthly - before_employer_costs,
        monthly=monthly,
        yearly=monthly * MONTHS_PER_YEAR,
    )


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, clamped to the last day (31 Jan + 1: 28 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
