"""The indicative regional distribution of the national Banenafspraak targets.

Pure module: standard library only, plain values in, plain values out (DOMAIN.md, "Indicative
distribution"). For each sector k (market, government) separately:

1. Take per region r the employment E_r of the sector (the sector's own figure when every region
   in the base data has it, otherwise total employment for all regions), the number unemployed
   U_r and the number of Wajongers W_r. E, U and W are the national sums.
2. Wajong index a_r = (W_r / E_r) / (W / E) and unemployment index b_r = (U_r / E_r) / (U / E),
   both exact fractions.
3. Weight g_r = E_r × a_r^α × b_r^(−β). α and β are the method parameters (default 0.5 each);
   a_r^0 = 1, so α = β = 0 gives the plain employment share exactly. Other exponents make the
   weight irrational: it is computed in decimal arithmetic with ``PRECISION`` significant digits
   and then fixed to an integer number of units of 10^−``WEIGHT_DECIMALS``, so every step after
   this one is exact integer arithmetic and the result does not depend on the platform.
4. Share s_r = g_r / Σ g. For every year y the quota of region r is T(y, k) × s_r; each region
   gets the whole part of its quota, and the jobs that are left (T minus the sum of whole parts,
   fewer than the number of regions) go one each to the regions with the largest remainders
   (largest-remainder method). Equal remainders go to the lower region code. So the regions add
   up exactly to T(y, k), no allocation is negative, and the input order changes nothing.

``inputs_checksum`` gives a SHA-256 of the canonical inputs: the same inputs give the same
checksum, whatever their order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Context, Decimal
from fractions import Fraction
from typing import Any, Final

ALGORITHM_VERSION: Final = "1"
MARKET: Final = "market"
GOVERNMENT: Final = "government"
SECTORS: Final = (MARKET, GOVERNMENT)
DEFAULT_ALPHA: Final = Decimal("0.5")
DEFAULT_BETA: Final = Decimal("0.5")
PRECISION: Final = 50
WEIGHT_DECIMALS: Final = 24

_CONTEXT = Context(prec=PRECISION)
_HALF = Decimal("0.5")


class DistributionError(ValueError):
    """The inputs do not allow a distribution (e.g. no regions, or a zero national sum)."""


@dataclass(frozen=True)
class RegionFigures:
    """The base data of one region: employees' jobs (total, and per sector where known),
    the number unemployed and the number of Wajongers."""

    code: str
    employment: int
    unemployed: int
    wajong: int
    employment_market: int | None = None
    employment_government: int | None = None

    def sector_employment(self, sector: str) -> int | None:
        return self.employment_market if sector == MARKET else self.employment_government


@dataclass(frozen=True)
class Parameters:
    alpha: Decimal = DEFAULT_ALPHA
    beta: Decimal = DEFAULT_BETA


@dataclass(frozen=True)
class Distribution:
    """The result: ``allocations[(code, year, sector)]`` in whole jobs, ``shares[sector][code]``
    exact, and which employment figure each sector used."""

    allocations: dict[tuple[str, int, str], int]
    shares: dict[str, dict[str, Fraction]]
    employment_basis: dict[str, str] = field(default_factory=dict)

    def region_total(self, code: str, year: int) -> int:
        return sum(self.allocations.get((code, year, sector), 0) for sector in SECTORS)


def _validate(regions: list[RegionFigures], parameters: Parameters) -> None:
    if not regions:
        raise DistributionError("no regions")
    codes = [r.code for r in regions]
    if len(set(codes)) != len(codes):
        raise DistributionError("duplicate region codes")
    for region in regions:
        values = (region.employment, region.unemployed, region.wajong)
        sector_values = (region.employment_market, region.employment_government)
        if any(v < 0 for v in values) or any(v is not None and v < 0 for v in sector_values):
            raise DistributionError(f"negative figure for {region.code}")
    if parameters.alpha < 0 or parameters.beta < 0:
        raise DistributionError("the exponents α and β cannot be negative")


def sector_basis(regions: Iterable[RegionFigures], sector: str) -> str:
    """``sector`` when every region has that sector's employment, otherwise ``"total"``."""
    has_all = all(region.sector_employment(sector) is not None for region in regions)
    return sector if has_all else "total"


def _employment(region: RegionFigures, basis: str) -> int:
    value = region.sector_employment(basis) if basis != "total" else region.employment
    assert value is not None
    return value


def _power(base: Fraction, exponent: Decimal) -> Decimal:
    if exponent == 0:
        return Decimal(1)
    value = _CONTEXT.divide(Decimal(base.numerator), Decimal(base.denominator))
    if exponent == _HALF:
        return _CONTEXT.sqrt(value)  # correctly rounded, the default case
    return _CONTEXT.power(value, exponent)


def _weights(regions: list[RegionFigures], basis: str, parameters: Parameters) -> dict[str, int]:
    """Steps 1-3: integer weights in units of 10^-WEIGHT_DECIMALS."""
    employment = {r.code: _employment(r, basis) for r in regions}
    total_e = sum(employment.values())
    total_u = sum(r.unemployed for r in regions)
    total_w = sum(r.wajong for r in regions)
    if total_e == 0:
        raise DistributionError(f"national employment ({basis}) is zero")
    if parameters.alpha and total_w == 0:
        raise DistributionError("the national number of Wajongers is zero")
    if parameters.beta and total_u == 0:
        raise DistributionError("the national number unemployed is zero")
    weights: dict[str, int] = {}
    scale = Decimal(10) ** WEIGHT_DECIMALS
    for region in regions:
        e_r = employment[region.code]
        if e_r == 0:
            weights[region.code] = 0
            continue
        weight = Decimal(e_r)
        if parameters.alpha:
            a_r = Fraction(region.wajong * total_e, e_r * total_w)
            weight = _CONTEXT.multiply(weight, _power(a_r, parameters.alpha))
        if parameters.beta:
            if region.unemployed == 0:
                raise DistributionError(f"{region.code}: unemployment is zero while β > 0")
            b_r = Fraction(region.unemployed * total_e, e_r * total_u)
            weight = _CONTEXT.divide(weight, _power(b_r, parameters.beta))
        weights[region.code] = int(_CONTEXT.multiply(weight, scale).to_integral_value())
    if sum(weights.values()) == 0:
        raise DistributionError(f"all weights are zero for {basis}")
    return weights


def largest_remainder(total: int, weights: Mapping[str, int]) -> dict[str, int]:
    """Step 4: split ``total`` in proportion to integer ``weights``, summing exactly to ``total``.

    Ties in the remainder go to the lower key (region code).
    """
    if total < 0:
        raise DistributionError("a target cannot be negative")
    weight_sum = sum(weights.values())
    whole: dict[str, int] = {}
    remainders: list[tuple[int, str]] = []
    for code, weight in weights.items():
        quotient, remainder = divmod(total * weight, weight_sum)
        whole[code] = quotient
        remainders.append((-remainder, code))
    left = total - sum(whole.values())
    for _, code in sorted(remainders)[:left]:
        whole[code] += 1
    return whole


def distribute(
    regions: Iterable[RegionFigures],
    targets: Mapping[tuple[int, str], int],
    parameters: Parameters | None = None,
) -> Distribution:
    """Allocate every national target ``targets[(year, sector)]`` over ``regions``."""
    regions = sorted(regions, key=lambda r: r.code)
    parameters = parameters or Parameters()
    _validate(regions, parameters)
    allocations: dict[tuple[str, int, str], int] = {}
    shares: dict[str, dict[str, Fraction]] = {}
    bases: dict[str, str] = {}
    for sector in SECTORS:
        bases[sector] = sector_basis(regions, sector)
        weights = _weights(regions, bases[sector], parameters)
        weight_sum = sum(weights.values())
        shares[sector] = {code: Fraction(w, weight_sum) for code, w in weights.items()}
        for (year, target_sector), total in sorted(targets.items()):
            if target_sector != sector:
                continue
            for code, jobs in largest_remainder(total, weights).items():
                allocations[(code, year, sector)] = jobs
    return Distribution(allocations=allocations, shares=shares, employment_basis=bases)


def canonical_inputs(
    regions: Iterable[RegionFigures],
    targets: Mapping[tuple[int, str], int],
    parameters: Parameters,
) -> dict[str, Any]:
    """The inputs as plain JSON-ready data in a fixed order (what a run stores)."""
    return {
        "algorithm_version": ALGORITHM_VERSION,
        "parameters": {"alpha": str(parameters.alpha), "beta": str(parameters.beta)},
        "regions": [
            {
                "code": r.code,
                "employment": r.employment,
                "employment_market": r.employment_market,
                "employment_government": r.employment_government,
                "unemployed": r.unemployed,
                "wajong": r.wajong,
            }
            for r in sorted(regions, key=lambda r: r.code)
        ],
        "targets": [
            {"year": year, "sector": sector, "jobs": jobs}
            for (year, sector), jobs in sorted(targets.items())
        ],
    }


def inputs_checksum(
    regions: Iterable[RegionFigures],
    targets: Mapping[tuple[int, str], int],
    parameters: Parameters,
) -> str:
    """SHA-256 of the canonical inputs (parameters normalised, so 0.50 equals 0.5)."""
    normalised = Parameters(alpha=parameters.alpha.normalize(), beta=parameters.beta.normalize())
    payload = json.dumps(
        canonical_inputs(regions, targets, normalised), sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def regions_from_inputs(inputs: Mapping[str, Any]) -> list[RegionFigures]:
    """Rebuild the region figures from ``canonical_inputs`` output (a stored run's inputs)."""
    return [RegionFigures(**row) for row in inputs["regions"]]


def targets_from_inputs(inputs: Mapping[str, Any]) -> dict[tuple[int, str], int]:
    return {(row["year"], row["sector"]): row["jobs"] for row in inputs["targets"]}


def parameters_from_inputs(inputs: Mapping[str, Any]) -> Parameters:
    return Parameters(
        alpha=Decimal(inputs["parameters"]["alpha"]), beta=Decimal(inputs["parameters"]["beta"])
    )
