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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from doelgroepregister.extract import Columns
from doelgroepregister.models import Grondslag
from doelgroepregister.protection import bsn_checksum_ok, bsn_clean, bsn_hash, bsn_hasher

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
    """Checks rows and turns good ones into COPY lines; caches repeated dates and codes, and
    notices when two good rows may share the natural key (BSN, grondslag, begindatum)."""

    region_ids: dict[str, int]
    grondslagen: dict[str, str] = field(
        default_factory=lambda: {g.value: g.value for g in Grondslag}
    )
    _dates: dict[object, date | None | DateProblem] = field(default_factory=dict)
    # raw cell -> the date as ISO text (NULL for an empty end date), for cells already read
    _iso: dict[object, str] = field(default_factory=dict)
    _digest: Callable[[str], str] = field(default_factory=bsn_hasher)
    # Python's hash of each good row's natural key: two rows with the same key have the same
    # hash, so when no hash repeats the file has no duplicate rows and the load need not look
    # for them. A repeat (rarely a mere collision) sets ``possible_duplicates``; the load then
    # names the duplicates exactly. 1,000,000 rows take about 60 MB.
    _keys: set[int] = field(default_factory=set)
    possible_duplicates: bool = False

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

    def check(self, number: int, cells) -> tuple[str | None, list[tuple]]:
        """(COPY line or None, [(row, field, reason), ...]) for the cells of REGISTER_COLUMNS."""
        if cells is None:
            return None, [(number, _("rij"), _("meer cellen dan kolommen in de kopregel"))]
        raw_bsn, raw_grondslag, raw_start, raw_end, raw_region = cells
        # The common case inline (an import runs this a million times): 9 plain digits, a code
        # as written in Grondslag, dates seen before (cached as ISO text, which also compares
        # like the dates do), no region or a known one. Anything else takes ``_problems``.
        if type(raw_bsn) is str and len(raw_bsn) == 9 and raw_bsn.isdigit() and raw_bsn.isascii():
            digest = (
                self._digest(raw_bsn)
                if raw_bsn != "000000000" and bsn_checksum_ok(raw_bsn)
                else None
            )
        else:
            digest = _hashed(raw_bsn)
        grondslag = self.grondslagen.get(raw_grondslag)
        iso = self._iso
        start = iso.get(raw_start)
        end = iso.get(raw_end)
        region_id = self.region_ids.get(raw_region.strip().upper()) if raw_region else None
        if (
            digest is None
            or grondslag is None
            or start is None
            or start is NULL
            or end is None
            or (end is not NULL and end < start)
            or (raw_region and region_id is None)
        ):
            return self._problems(number, digest, cells)
        key = hash((digest, grondslag, start))
        if key in self._keys:
            self.possible_duplicates = True
        else:
            self._keys.add(key)
        region_text = str(region_id) if region_id else NULL
        return f"{number}\t{digest}\t{grondslag}\t{start}\t{end}\t{region_text}\n", []

    def _problems(self, number: int, digest: str | None, cells) -> tuple[str | None, list]:
        """The slow path: reads the grondslag and dates in full (caching the dates' ISO text),
        then either finds nothing wrong or names every problem of the row."""
        raw_grondslag, raw_start, raw_end, raw_region = cells[1:]
        errors: list[tuple] = []
        if digest is None:
            errors.append((number, "bsn", _("geen geldig BSN (9 cijfers en de 11-proef)")))
        grondslag = self.grondslagen.get(
            raw_grondslag.strip().lower() if type(raw_grondslag) is str else ""
        )
        if grondslag is None:
            errors.append((number, "grondslag", _("onbekende of lege grondslag")))
        start = end = None
        try:
            start = self._date(raw_start)
            if start is None:
                errors.append((number, "begindatum", _("de begindatum ontbreekt")))
            else:
                self._iso[raw_start] = start.isoformat()
        except DateProblem as problem:
            errors.append((number, "begindatum", str(problem)))
        try:
            end = self._date(raw_end)
            self._iso[raw_end] = end.isoformat() if end else NULL
        except DateProblem as problem:
            errors.append((number, "einddatum", str(problem)))
        if start and end and end < start:
            errors.append((number, "einddatum", _("de einddatum ligt voor de begindatum")))
        region = str(raw_region).strip().upper() if raw_region else ""
        region_id = self.region_ids.get(region) if region else None
        if region and region_id is None:
            errors.append((number, "regio", _("onbekende regiocode")))
        if errors:
            return None, [self._explained(error, cells) for error in errors]
        key = hash((digest, grondslag, start.isoformat()))
        if key in self._keys:
            self.possible_duplicates = True
        self._keys.add(key)
        end_text = end.isoformat() if end else NULL
        region_text = str(region_id) if region_id else NULL
        return f"{number}\t{digest}\t{grondslag}\t{start}\t{end_text}\t{region_text}\n", []

    def _explained(self, error: tuple, cells) -> tuple:
        """(row, field, reason, the value as written, what was expected): the value masked
        wherever it could be a BSN."""
        number, name, reason = error
        columns = dict(zip(REGISTER_FIELDS, cells, strict=True))
        expected = {
            "bsn": _("9 cijfers die de 11-proef halen"),
            "grondslag": ", ".join(code.value for code in Grondslag),
            "begindatum": _("JJJJ-MM-DD of DD-MM-JJJJ"),
            "einddatum": _("JJJJ-MM-DD of DD-MM-JJJJ, of leeg"),
            "regio": ", ".join(sorted(self.region_ids)),
        }
        raw = columns.get(name)
        shown = _mask_digits(str(raw or "")[:40], always=name == "bsn")
        return number, name, reason, shown or _("(leeg)"), expected.get(name, "")


REGISTER_FIELDS = ("bsn", "grondslag", "begindatum", "einddatum", "regio")
_DIGIT_RUN = re.compile(r"\d[\d\s.\-]{5,}\d")


def _mask_digits(text: str, *, always: bool = False) -> str:
    """Only the last 3 digits of anything that could be a BSN (7 or more digits in a run)."""

    def mask(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return "••••••" + digits[-3:] if len(digits) >= 7 else match.group(0)

    if always and text:
        digits = re.sub(r"\D", "", text)
        return "••••••" + digits[-3:] if digits else "•••"
    return _DIGIT_RUN.sub(mask, text)


def _hashed(raw: object) -> str | None:
    """The keyed hash of a valid BSN in any other form (a number cell, separators, a lost
    leading zero), or None; 9 plain digits are handled inline in ``RowChecker.check``."""
    try:
        return bsn_hash(bsn_clean(raw))
    except ValidationError:
        return None
