"""Why a region gets its number: the method's arithmetic for one region, and its sensitivity.

Pure module (standard library only) beside ``distribution.py``, whose result it explains; it
calls the same engine, so the figures it shows are the ones the run computed. For one region r
and each sector k:

1. The inputs: E_r (the sector's employment, or total employment when the base data lack it for
   some region), U_r and W_r, and the national sums E, U and W.
2. The factors a_r = (W_r / E_r) / (W / E) and b_r = (U_r / E_r) / (U / E), exact fractions.
3. The weight g_r = E_r × a_r^α × b_r^(−β) and the share s_r = g_r / Σ g, as the engine
   computed them (``Distribution.shares`` holds the exact share of the fixed-point weights).
4. Per year: the quota T × s_r before rounding, its whole part and remainder; the jobs left
   over nationally after every region's whole part; the place of this region's remainder among
   all regions (largest first, ties to the lower region code); one extra job when that place is
   within the jobs left over. Whole part + extra job = the final number.

``sensitivity`` recomputes the whole distribution with the pure engine (nothing is saved) with
this region's unemployment or employment 10 % higher or lower, and gives the change in its jobs
for the last year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Context, Decimal
from fractions import Fraction
from typing import Final, overload

from banenafspraak.distribution import (
    SECTORS,
    Distribution,
    DistributionError,
    Parameters,
    RegionFigures,
    distribute,
    sector_basis,
)

_CONTEXT: Final = Context(prec=30)
SENSITIVITY_STEP: Final = Fraction(1, 10)


@dataclass(frozen=True)
class RoundingStep:
    """Step 4 for one year of one sector."""

    year: int
    target: int  # T(y, k)
    quota: Fraction  # T × s_r, before rounding
    whole: int
    remainder: Fraction
    left_over: int  # jobs left nationally after every region's whole part
    rank: int  # place of this region's remainder among all regions (1 = largest)
    extra: int  # 1 when rank <= left_over, else 0
    final: int

    @property
    def got_extra(self) -> bool:
        return self.extra == 1


@dataclass(frozen=True)
class SectorExplanation:
    sector: str
    basis: str  # the employment figure used: the sector's own, or "total"
    employment: int  # E_r
    national_employment: int  # E
    wajong_index: Fraction  # a_r
    unemployment_index: Fraction  # b_r
    weight: Decimal  # g_r, in jobs (rounded for display to 30 significant digits)
    weight_sum: Decimal  # Σ g
    share: Fraction  # s_r, exact
    steps: tuple[RoundingStep, ...]


@dataclass(frozen=True)
class RegionExplanation:
    code: str
    employment: int
    employment_market: int | None
    employment_government: int | None
    unemployed: int
    wajong: int
    national_unemployed: int
    national_wajong: int
    alpha: Decimal
    beta: Decimal
    sectors: tuple[SectorExplanation, ...]

    def sector(self, sector: str) -> SectorExplanation:
        return next(s for s in self.sectors if s.sector == sector)


@dataclass(frozen=True)
class SensitivityRow:
    """The region's jobs in ``year`` with one input changed by ``factor`` (e.g. 11/10)."""

    figure: str  # "unemployed" or "employment"
    factor: Fraction
    year: int
    before: dict[str, int]  # sector -> jobs, plus "total"
    after: dict[str, int]

    @property
    def percent(self) -> int:
        return round((self.factor - 1) * 100)

    def change(self, key: str = "total") -> int:
        return self.after[key] - self.before[key]


def to_decimal(value: Fraction | Decimal, places: int) -> Decimal:
    """``value`` rounded half-even to ``places`` decimals, for display."""
    if isinstance(value, Fraction):
        value = _CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))
    return value.quantize(Decimal(1).scaleb(-places), context=_CONTEXT)


def _employment(region: RegionFigures, basis: str) -> int:
    value = region.employment if basis == "total" else region.sector_employment(basis)
    return value or 0


def _ratio(part: int, whole_part: int, national_part: int, national_whole: int) -> Fraction:
    if whole_part == 0 or national_part == 0:
        return Fraction(0)
    return Fraction(part * national_whole, whole_part * national_part)


def _weight(e_r: int, a_r: Fraction, b_r: Fraction, parameters: Parameters) -> Decimal:
    weight = Decimal(e_r)
    if parameters.alpha:
        a = _CONTEXT.divide(Decimal(a_r.numerator), Decimal(a_r.denominator))
        weight = _CONTEXT.multiply(weight, _CONTEXT.power(a, parameters.alpha))
    if parameters.beta and b_r:
        b = _CONTEXT.divide(Decimal(b_r.numerator), Decimal(b_r.denominator))
        weight = _CONTEXT.divide(weight, _CONTEXT.power(b, parameters.beta))
    return weight


def _steps(
    code: str, sector: str, result: Distribution, targets: Mapping[tuple[int, str], int]
) -> tuple[RoundingStep, ...]:
    shares = result.shares[sector]
    steps = []
    for (year, target_sector), total in sorted(targets.items()):
        if target_sector != sector:
            continue
        quotas = {c: total * s for c, s in shares.items()}
        wholes = {c: q.numerator // q.denominator for c, q in quotas.items()}
        left_over = total - sum(wholes.values())
        order = sorted(shares, key=lambda c: (-(quotas[c] - wholes[c]), c))
        rank = order.index(code) + 1
        extra = 1 if rank <= left_over else 0
        steps.append(
            RoundingStep(
                year=year,
                target=total,
                quota=quotas[code],
                whole=wholes[code],
                remainder=quotas[code] - wholes[code],
                left_over=left_over,
                rank=rank,
                extra=extra,
                final=wholes[code] + extra,
            )
        )
    return tuple(steps)


def explain(
    regions: Iterable[RegionFigures],
    targets: Mapping[tuple[int, str], int],
    parameters: Parameters,
    code: str,
) -> RegionExplanation:
    """The arithmetic of the distribution for region ``code`` (steps 1-4 of the module)."""
    regions = sorted(regions, key=lambda r: r.code)
    region = next((r for r in regions if r.code == code), None)
    if region is None:
        raise DistributionError(f"no figures for {code}")
    result = distribute(regions, targets, parameters)
    total_u = sum(r.unemployed for r in regions)
    total_w = sum(r.wajong for r in regions)
    sectors = []
    for sector in SECTORS:
        basis = sector_basis(regions, sector)
        total_e = sum(_employment(r, basis) for r in regions)
        e_r = _employment(region, basis)
        a_r = _ratio(region.wajong, e_r, total_w, total_e)
        b_r = _ratio(region.unemployed, e_r, total_u, total_e)
        weights = {
            r.code: _weight(
                _employment(r, basis),
                _ratio(r.wajong, _employment(r, basis), total_w, total_e),
                _ratio(r.unemployed, _employment(r, basis), total_u, total_e),
                parameters,
            )
            for r in regions
            if _employment(r, basis)
        }
        sectors.append(
            SectorExplanation(
                sector=sector,
                basis=basis,
                employment=e_r,
                national_employment=total_e,
                wajong_index=a_r,
                unemployment_index=b_r,
                weight=weights.get(code, Decimal(0)),
                weight_sum=_CONTEXT.create_decimal(sum(weights.values())),
                share=result.shares[sector][code],
                steps=_steps(code, sector, result, targets),
            )
        )
    return RegionExplanation(
        code=code,
        employment=region.employment,
        employment_market=region.employment_market,
        employment_government=region.employment_government,
        unemployed=region.unemployed,
        wajong=region.wajong,
        national_unemployed=total_u,
        national_wajong=total_w,
        alpha=parameters.alpha,
        beta=parameters.beta,
        sectors=tuple(sectors),
    )


@overload
def _scaled(value: int, factor: Fraction) -> int: ...
@overload
def _scaled(value: int | None, factor: Fraction) -> int | None: ...
def _scaled(value: int | None, factor: Fraction) -> int | None:
    if value is None:
        return None
    scaled = value * factor
    return int(scaled + Fraction(1, 2))  # half up: whole people and jobs


def _changed(region: RegionFigures, figure: str, factor: Fraction) -> RegionFigures:
    if figure == "unemployed":
        return replace(region, unemployed=_scaled(region.unemployed, factor))
    return replace(
        region,
        employment=_scaled(region.employment, factor),
        employment_market=_scaled(region.employment_market, factor),
        employment_government=_scaled(region.employment_government, factor),
    )


def _jobs(result: Distribution, code: str, year: int) -> dict[str, int]:
    jobs = {sector: result.allocations.get((code, year, sector), 0) for sector in SECTORS}
    return {**jobs, "total": sum(jobs.values())}


def sensitivity(
    regions: Iterable[RegionFigures],
    targets: Mapping[tuple[int, str], int],
    parameters: Parameters,
    code: str,
    step: Fraction = SENSITIVITY_STEP,
) -> list[SensitivityRow]:
    """The region's jobs in the last year with its unemployment, then its employment, changed
    by −``step`` and +``step`` (default 10 %); every other input stays as it is."""
    regions = sorted(regions, key=lambda r: r.code)
    if not targets or all(r.code != code for r in regions):
        return []
    year = max(y for y, _ in targets)
    before = _jobs(distribute(regions, targets, parameters), code, year)
    rows = []
    for figure in ("unemployed", "employment"):
        for factor in (1 - step, 1 + step):
            changed = [_changed(r, figure, factor) if r.code == code else r for r in regions]
            after = _jobs(distribute(changed, targets, parameters), code, year)
            rows.append(SensitivityRow(figure, factor, year, before, after))
    return rows
