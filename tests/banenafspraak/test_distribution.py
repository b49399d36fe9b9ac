"""The pure distribution module: no database, exact arithmetic, hypothesis properties."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from math import sqrt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banenafspraak.distribution import (
    GOVERNMENT,
    MARKET,
    SECTORS,
    DistributionError,
    Parameters,
    RegionFigures,
    distribute,
    inputs_checksum,
    largest_remainder,
)

PLAIN = Parameters(alpha=Decimal(0), beta=Decimal(0))

# Hand-computed example (α = β = 0.5). National sums E = 400, U = 40, W = 10.
#   A: a = (4/100)/(10/400) = 1.6, b = (10/100)/(40/400) = 1   g = 100·√1.6        = 40√10
#   B: a = 0.4,                    b = 0.5                      g = 200·√0.4/√0.5   = 80√5
#   C: a = 1.6,                    b = 2                        g = 100·√1.6/√2     = 40√5
# Dividing by 40√5: shares √2 : 2 : 1 over (3 + √2), i.e. 0.32038, 0.45308, 0.22654.
#   T = 1000: quotas 320.38, 453.08, 226.54 → whole 320 + 453 + 226 = 999; the one left goes
#             to the largest remainder (C, .54) → 320, 453, 227.
#   T = 10:   quotas 3.204, 4.531, 2.265 → 3 + 4 + 2 = 9; the one left goes to B → 3, 5, 2.
HAND = [
    RegionFigures("AM01", employment=100, unemployed=10, wajong=4),
    RegionFigures("AM02", employment=200, unemployed=10, wajong=2),
    RegionFigures("AM03", employment=100, unemployed=20, wajong=4),
]


def test_the_hand_computed_three_region_example():
    result = distribute(HAND, {(2025, MARKET): 1000, (2025, GOVERNMENT): 10})
    allocated = {(code, sector): n for (code, _, sector), n in result.allocations.items()}
    assert allocated == {
        ("AM01", MARKET): 320,
        ("AM02", MARKET): 453,
        ("AM03", MARKET): 227,
        ("AM01", GOVERNMENT): 3,
        ("AM02", GOVERNMENT): 5,
        ("AM03", GOVERNMENT): 2,
    }
    root2 = sqrt(2)
    expected = {"AM01": root2 / (3 + root2), "AM02": 2 / (3 + root2), "AM03": 1 / (3 + root2)}
    for code, share in result.shares[MARKET].items():
        assert float(share) == pytest.approx(expected[code], rel=1e-15)


def test_without_corrections_ties_go_to_the_lower_region_code():
    # Shares 1/4, 1/2, 1/4 of 10: quotas 2.5, 5, 2.5; the one job left goes to AM01, not AM03.
    result = distribute(HAND, {(2025, MARKET): 10}, PLAIN)
    assert [result.allocations[(c, 2025, MARKET)] for c in ("AM01", "AM02", "AM03")] == [3, 5, 2]


def test_the_government_sector_uses_government_employment_when_every_region_has_it():
    regions = [
        replace(HAND[0], employment_government=10),
        replace(HAND[1], employment_government=30),
        replace(HAND[2], employment_government=60),
    ]
    result = distribute(regions, {(2025, GOVERNMENT): 100, (2025, MARKET): 100}, PLAIN)
    assert result.employment_basis == {MARKET: "total", GOVERNMENT: GOVERNMENT}
    assert [result.allocations[(r.code, 2025, GOVERNMENT)] for r in regions] == [10, 30, 60]
    assert [result.allocations[(r.code, 2025, MARKET)] for r in regions] == [25, 50, 25]


def test_a_missing_sector_figure_falls_back_to_total_employment_for_all_regions():
    regions = [replace(HAND[0], employment_government=90), HAND[1], HAND[2]]
    result = distribute(regions, {(2025, GOVERNMENT): 100}, PLAIN)
    assert result.employment_basis[GOVERNMENT] == "total"
    assert result.allocations[("AM01", 2025, GOVERNMENT)] == 25


def test_largest_remainder_hands_out_exactly_the_total():
    assert largest_remainder(7, {"a": 1, "b": 1, "c": 1}) == {"a": 3, "b": 2, "c": 2}
    assert largest_remainder(0, {"a": 5, "b": 1}) == {"a": 0, "b": 0}


@pytest.mark.parametrize(
    ("regions", "message"),
    [
        ([], "no regions"),
        ([HAND[0], HAND[0]], "duplicate"),
        ([replace(HAND[0], unemployed=-1)], "negative"),
        ([replace(HAND[0], unemployed=0), HAND[1]], "unemployment is zero"),
        ([replace(r, employment=0) for r in HAND], "employment"),
    ],
)
def test_it_rejects_inputs_that_allow_no_distribution(regions, message):
    with pytest.raises(DistributionError, match=message):
        distribute(regions, {(2025, MARKET): 10})


def test_the_checksum_depends_on_the_inputs_not_their_order():
    targets = {(2025, MARKET): 1000, (2024, MARKET): 900}
    one = inputs_checksum(HAND, targets, Parameters())
    assert one == inputs_checksum(
        list(reversed(HAND)), dict(reversed(targets.items())), Parameters()
    )
    assert one == inputs_checksum(HAND, targets, Parameters(Decimal("0.50"), Decimal("0.500")))
    assert one != inputs_checksum(HAND, {**targets, (2025, MARKET): 1001}, Parameters())
    assert one != inputs_checksum(HAND, targets, Parameters(beta=Decimal("0.6")))
    assert one != inputs_checksum([replace(HAND[0], wajong=5), *HAND[1:]], targets, Parameters())


# --- properties ---------------------------------------------------------------------------------

figure = st.integers(min_value=1, max_value=2_000_000)


@st.composite
def region_sets(draw, min_size=1, max_size=40):
    n = draw(st.integers(min_value=min_size, max_value=max_size))
    codes = [f"AM{i:02d}" for i in range(1, n + 1)]
    with_government = draw(st.booleans())
    return [
        RegionFigures(
            code,
            employment=draw(figure),
            unemployed=draw(figure),
            wajong=draw(figure),
            employment_government=draw(figure) if with_government else None,
        )
        for code in codes
    ]


target_sets = st.dictionaries(
    st.tuples(st.integers(2015, 2026), st.sampled_from(SECTORS)),
    st.integers(0, 200_000),
    min_size=1,
    max_size=8,
)
parameter_sets = st.builds(
    Parameters,
    alpha=st.decimals(min_value=0, max_value=2, places=2),
    beta=st.decimals(min_value=0, max_value=2, places=2),
)


@settings(max_examples=150, deadline=None)
@given(region_sets(), target_sets, parameter_sets)
def test_regions_sum_exactly_to_every_target_and_nobody_gets_a_negative_number(
    regions, targets, parameters
):
    result = distribute(regions, targets, parameters)
    for (year, sector), total in targets.items():
        jobs = [result.allocations[(r.code, year, sector)] for r in regions]
        assert sum(jobs) == total
        assert min(jobs) >= 0
    for sector in SECTORS:
        assert sum(result.shares[sector].values()) == 1


@settings(max_examples=100, deadline=None)
@given(region_sets(), target_sets, parameter_sets, st.randoms(use_true_random=False))
def test_permuting_the_input_order_changes_nothing(regions, targets, parameters, rnd):
    shuffled = regions[:]
    rnd.shuffle(shuffled)
    assert distribute(shuffled, targets, parameters) == distribute(regions, targets, parameters)


@settings(max_examples=100, deadline=None)
@given(region_sets(), target_sets)
def test_without_corrections_the_share_is_the_plain_employment_share(regions, targets):
    result = distribute(regions, targets, PLAIN)
    total = sum(r.employment for r in regions)
    assert result.shares[MARKET] == {r.code: Fraction(r.employment, total) for r in regions}
    for (year, sector), target in targets.items():
        basis = result.employment_basis[sector]
        weights = {
            r.code: r.employment if basis == "total" else r.sector_employment(basis)
            for r in regions
        }
        expected = largest_remainder(target, weights)
        assert {r.code: result.allocations[(r.code, year, sector)] for r in regions} == expected


def _share(regions, code):
    return distribute(regions, {(2025, MARKET): 1}).shares[MARKET][code]


@settings(max_examples=100, deadline=None)
@given(
    region_sets(min_size=2),
    st.sampled_from(["employment", "wajong", "unemployed"]),
    st.integers(1, 500_000),
    st.data(),
)
def test_a_regions_share_follows_its_own_figures(regions, field_name, increase, data):
    index = data.draw(st.integers(0, len(regions) - 1))
    region = regions[index]
    changed = replace(region, **{field_name: getattr(region, field_name) + increase})
    after = regions[:index] + [changed] + regions[index + 1 :]
    before_share, after_share = _share(regions, region.code), _share(after, region.code)
    if field_name == "unemployed":
        assert after_share < before_share
    else:
        assert after_share > before_share
