"""The national targets from DOMAIN.md with their sources (standard library only).

Values in parentheses in DOMAIN.md were not found in a source: they are interpolated and marked
so. The data migration and ``national_targets_ensure`` load these; staff edit them afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from banenafspraak.distribution import DEFAULT_ALPHA, DEFAULT_BETA, GOVERNMENT, MARKET

INTERPOLATED = "geïnterpoleerd (geen bron gevonden)"


@dataclass(frozen=True)
class TargetRow:
    year: int
    sector: str
    jobs: int
    source: str
    interpolated: bool = False


def _year(year: int, market: int, government: int, source: str, *interpolated: str):
    return [
        TargetRow(
            year,
            MARKET,
            market,
            INTERPOLATED if MARKET in interpolated else source,
            MARKET in interpolated,
        ),
        TargetRow(
            year,
            GOVERNMENT,
            government,
            INTERPOLATED if GOVERNMENT in interpolated else source,
            GOVERNMENT in interpolated,
        ),
    ]


NATIONAL_TARGETS: tuple[TargetRow, ...] = tuple(
    row
    for rows in (
        _year(2015, 6_000, 3_000, "Cedris 2017; Dariuz 23 juni 2015"),
        _year(2016, 14_000, 6_500, "Werkkamer 13 mei 2014; Cedris 2017; Dariuz 23 juni 2015"),
        _year(2017, 23_000, 10_000, "UWV jaarverslag 2017"),
        _year(2018, 31_000, 12_500, "Kamerstuk 34352-166"),
        _year(2019, 40_000, 15_000, "UWV Trendrapportage Q1-2019"),
        _year(2020, 50_000, 17_500, "", MARKET, GOVERNMENT),
        _year(2021, 60_000, 20_000, "Kamerbrief 2021"),
        _year(2022, 70_000, 22_500, "Rijksoverheid 6 juli 2023"),
        _year(
            2023, 80_000, 25_000, "UWV Trendrapportage Q2-2023 (totaal 105.000)", MARKET, GOVERNMENT
        ),
        _year(2024, 90_000, 25_000, "", MARKET, GOVERNMENT),
        _year(2025, 100_000, 25_000, "Raad van State, advies W12.20.0470/III"),
    )
    for row in rows
)

DEFAULT_METHOD = {
    "version": 1,
    "alpha": Decimal(DEFAULT_ALPHA),
    "beta": Decimal(DEFAULT_BETA),
    "note": "Standaardmethode: werkgelegenheid, gecorrigeerd voor Wajong (α = 0,5) "
    "en werkloosheid (β = 0,5).",
}
