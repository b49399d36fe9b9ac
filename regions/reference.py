"""Read the committed reference CSV files (pure: standard library only)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    gemeente_count: int


@dataclass(frozen=True)
class GemeenteRow:
    code: str
    name: str
    region_code: str


def read_regions(data_dir: Path = DATA_DIR) -> list[RegionRow]:
    with (data_dir / "arbeidsmarktregios_2025.csv").open(encoding="utf-8", newline="") as f:
        return [
            RegionRow(r["regio_code"], r["regio_naam"], int(r["aantal_gemeenten"]))
            for r in csv.DictReader(f)
        ]


def read_gemeenten(data_dir: Path = DATA_DIR) -> list[GemeenteRow]:
    with (data_dir / "gemeenten_arbeidsmarktregio_2025.csv").open(
        encoding="utf-8", newline=""
    ) as f:
        return [
            GemeenteRow(r["gemeente_code"], r["gemeente_naam"], r["regio_code"])
            for r in csv.DictReader(f)
        ]


@dataclass(frozen=True)
class CentrumgemeenteRow:
    region_code: str
    gemeente_code: str
    gemeente_name: str


def read_centrumgemeenten(data_dir: Path = DATA_DIR) -> list[CentrumgemeenteRow]:
    """The centrumgemeente of each region whose designation is recorded (see data/README.md)."""
    with (data_dir / "centrumgemeenten.csv").open(encoding="utf-8", newline="") as f:
        return [
            CentrumgemeenteRow(r["regio_code"], r["gemeente_code"], r["gemeente_naam"])
            for r in csv.DictReader(f)
        ]
