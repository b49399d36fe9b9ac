"""Read the committed reference data (pure: standard library only); see data/README.md."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class WageRow:
    valid_from: date
    hourly: Decimal
    source: str


@dataclass(frozen=True)
class MethodRow:
    code: str
    name: str
    valid_from: date
    valid_until: date | None
    national: bool
    source: str


def _rows(name: str, data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_minimum_wages(data_dir: Path = DATA_DIR) -> list[WageRow]:
    return [
        WageRow(date.fromisoformat(r["valid_from"]), Decimal(r["hourly"]), r["source"])
        for r in _rows("wml.csv", data_dir)
    ]


def read_methods(data_dir: Path = DATA_DIR) -> list[MethodRow]:
    return [
        MethodRow(
            code=r["code"],
            name=r["name"],
            valid_from=date.fromisoformat(r["valid_from"]),
            valid_until=date.fromisoformat(r["valid_until"]) if r["valid_until"] else None,
            national=r["national"] == "true",
            source=r["source"],
        )
        for r in _rows("methods.csv", data_dir)
    ]
