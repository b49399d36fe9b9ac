"""Checking one row of a register extract: every problem as (field, Dutch reason), never the value.

1. BSN: normalised and validated with the 11-proef (``protection.bsn_clean``), then hashed.
2. Grondslag: one of the codes of ``Grondslag`` (case-insensitive).
3. Begindatum required, einddatum optional; ISO (2024-01-31), Dutch (31-01-2024, 31/01/2024),
   compact (20240131) or a spreadsheet date; a date that does not exist (30 February) is an
   error, and so is an end before the start.
4. Regio optional: a CBS code AM01..AM38 known in the portal.
The result is one tab-separated line for PostgreSQL COPY (``\\N`` for empty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from doelgroepregister.extract import Columns
from doelgroepregister.models import Grondslag
from doelgroepregister.protection import bsn_clean, bsn_hash

REGISTER_COLUMNS = Columns(
    required=("bsn", "grondslag", "begindatum", "einddatum"),
    optional=("regio",),
    aliases=(("startdatum", "begindatum"), ("arbeidsmarktregio", "regio")),
)
_DUTCH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
NULL = "\\N"  # COPY's empty value
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class DateProblem(ValueError):
    pass


def parse_date(raw: object) -> date | None:
    """A date from a cell; None for an empty cell; DateProblem with a Dutch reason otherwise."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0]  # "2024-01-31 00:00:00" from some exports
    match = _ISO.match(text) or _COMPACT.match(text)
    if match:
        y, m, d = (int(g) for g in match.groups())
    elif match := _DUTCH.match(text):
        d, m, y = (int(g) for g in match.groups())
    else:
        raise DateProblem(_("geen datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ"))
    if not 1900 <= y <= 2199:
        raise DateProblem(_("jaartal buiten 1900–2199"))
    try:
        return date(y, m, d)
    except ValueError:
        raise DateProblem(_("deze datum bestaat niet")) from None


@dataclass
class RowChecker:
    """Checks rows and turns good ones into COPY lines; caches repeated dates and codes."""

    region_ids: dict[str, int]
    grondslagen: dict[str, str] = field(
        default_factory=lambda: {g.value: g.value for g in Grondslag}
    )
    _dates: dict[object, date | None | DateProblem] = field(default_factory=dict)

    def _date(self, raw: object) -> date | None:
        key = raw if isinstance(raw, str | date) or raw is None else repr(raw)
        try:
            value = self._dates[key]
        except KeyError:
            try:
                value = parse_date(raw)
            except DateProblem as problem:
                value = problem
            self._dates[key] = value
        if isinstance(value, DateProblem):
            raise value
        return value

    def check(self, number: int, cells: dict[str, object]) -> tuple[str | None, list[tuple]]:
        """(COPY line or None, [(row, field, reason), ...])."""
        if "__width__" in cells:
            return None, [(number, _("rij"), _("meer cellen dan kolommen in de kopregel"))]
        errors: list[tuple] = []
        digest = grondslag = start = end = None
        try:
            digest = bsn_hash(bsn_clean(cells.get("bsn")))
        except ValidationError:
            errors.append((number, "bsn", _("geen geldig BSN (9 cijfers en de 11-proef)")))
        raw_grondslag = str(cells.get("grondslag") or "").strip().lower()
        grondslag = self.grondslagen.get(raw_grondslag)
        if grondslag is None:
            errors.append((number, "grondslag", _("onbekende of lege grondslag")))
        try:
            start = self._date(cells.get("begindatum"))
            if start is None:
                errors.append((number, "begindatum", _("de begindatum ontbreekt")))
        except DateProblem as problem:
            errors.append((number, "begindatum", str(problem)))
        try:
            end = self._date(cells.get("einddatum"))
        except DateProblem as problem:
            errors.append((number, "einddatum", str(problem)))
        if start and end and end < start:
            errors.append((number, "einddatum", _("de einddatum ligt voor de begindatum")))
        region = str(cells.get("regio") or "").strip().upper()
        region_id = self.region_ids.get(region) if region else None
        if region and region_id is None:
            errors.append((number, "regio", _("onbekende regiocode; gebruik AM01 tot AM38")))
        if errors:
            return None, errors
        end_text = end.isoformat() if end else NULL
        region_text = str(region_id) if region_id else NULL
        return f"{number}\t{digest}\t{grondslag}\t{start}\t{end_text}\t{region_text}\n", []
