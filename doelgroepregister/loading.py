"""Loading checked rows into the register: all or nothing, an upsert on the natural key.

PostgreSQL: the staged file (already hashed, one COPY line per row) goes with ``COPY`` into a
temporary table; then, with the register locked against other imports (not against reading),
one ``UPDATE ... FROM`` changes the entries whose end date or region differ and one
``INSERT ... SELECT ... WHERE NOT EXISTS`` adds the new ones, in index order. Both are plain
set-based statements, faster than ``INSERT ... ON CONFLICT`` (no speculative insertion per
row), and their row counts are the new and changed counts. The parser tells whether two rows
may share a natural key; only then, or when rows were rejected, is the slower query run that
names the duplicate rows.
Other databases (SQLite in development) use a batched ORM path with the same outcome.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Q

from doelgroepregister.models import Registration

_CREATE_STAGING = """
CREATE TEMPORARY TABLE dgr_staging (
    row_no integer NOT NULL, bsn_hash varchar(64) NOT NULL, grondslag varchar(16) NOT NULL,
    start_date date NOT NULL, end_date date, region_id bigint
) ON COMMIT DROP
"""
_UPDATE = """
UPDATE doelgroepregister_registration AS r
SET end_date = s.end_date, region_id = COALESCE(s.region_id, r.region_id)
FROM dgr_staging AS s
WHERE (r.bsn_hash, r.grondslag, r.start_date) = (s.bsn_hash, s.grondslag, s.start_date)
  AND (r.end_date IS DISTINCT FROM s.end_date
       OR r.region_id IS DISTINCT FROM COALESCE(s.region_id, r.region_id))
"""
_INSERT = """
INSERT INTO doelgroepregister_registration (bsn_hash, grondslag, start_date, end_date, region_id)
SELECT bsn_hash, grondslag, start_date, end_date, region_id FROM dgr_staging AS s
WHERE NOT EXISTS (
    SELECT FROM doelgroepregister_registration AS r
    WHERE (r.bsn_hash, r.grondslag, r.start_date) = (s.bsn_hash, s.grondslag, s.start_date)
)
ORDER BY bsn_hash COLLATE "C", grondslag, start_date  -- fill the index in order
"""


def _per_grondslag(statement: str, name: str, returning: str) -> str:
    """The statement as a data-modifying CTE that returns its row count per grondslag. Only a
    full refresh (whose difference is shown per grondslag) pays for it; a plain import keeps
    the bare statements and their row counts."""
    return (
        f"WITH {name} AS ({statement}RETURNING {returning} AS grondslag)\n"
        f"SELECT grondslag, count(*) FROM {name} GROUP BY grondslag"
    )


_UPDATE_COUNTED = _per_grondslag(_UPDATE, "changed", "r.grondslag")
_INSERT_COUNTED = _per_grondslag(_INSERT, "added", "grondslag")
_STAGED = "SELECT grondslag, count(*) FROM dgr_staging GROUP BY grondslag"
# A full refresh: entries still valid on the day (no end, or an end on or after it) that are
# not in the extract are ended the day before; those that had not started yet are removed
# (an end before the start cannot be). Entries that already ended stay as they are, so running
# the same refresh again changes nothing.
_ACTIVE = """
SELECT count(*) FROM doelgroepregister_registration
WHERE end_date IS NULL OR end_date >= %(day)s
"""
_END_MISSING = """
WITH gone AS (
    SELECT r.id, r.grondslag, r.start_date FROM doelgroepregister_registration AS r
    WHERE (r.end_date IS NULL OR r.end_date >= %(day)s)
      AND NOT EXISTS (
        SELECT FROM dgr_staging AS s
        WHERE (r.bsn_hash, r.grondslag, r.start_date) = (s.bsn_hash, s.grondslag, s.start_date)
      )
), ended AS (
    UPDATE doelgroepregister_registration AS r SET end_date = %(before)s
    FROM gone WHERE r.id = gone.id AND gone.start_date <= %(before)s
    RETURNING gone.grondslag
), removed AS (
    DELETE FROM doelgroepregister_registration AS r
    USING gone WHERE r.id = gone.id AND gone.start_date > %(before)s
    RETURNING gone.grondslag
)
SELECT grondslag, count(*) FROM (
    SELECT grondslag FROM ended UNION ALL SELECT grondslag FROM removed
) AS missing GROUP BY grondslag
"""
_DUPLICATES = """
SELECT row_no, first_row FROM (
    SELECT row_no, min(row_no) OVER (PARTITION BY bsn_hash, grondslag, start_date) AS first_row
    FROM dgr_staging
) numbered WHERE row_no <> first_row ORDER BY row_no
"""


@dataclass
class LoadResult:
    inserted: int = 0
    updated: int = 0
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (row, first row)
    ended: int = 0  # a full refresh: entries no longer in the extract, ended (or removed)
    active_before: int = 0  # a full refresh: entries valid on the day before it
    needs_confirmation: bool = False  # ends more than the threshold, not confirmed: not loaded
    # {grondslag: {"new", "changed", "unchanged", "ended"}}
    per_grondslag: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, kind: str, counts: Iterable[tuple[str, int]]) -> int:
        total = 0
        for grondslag, n in counts:
            row = self.per_grondslag.setdefault(
                grondslag, {"new": 0, "changed": 0, "unchanged": 0, "ended": 0}
            )
            row[kind] += n
            total += n
        return total


@dataclass(frozen=True)
class Refresh:
    """How a full refresh is loaded: on which day, how much it may end without confirmation,
    and the number staff typed (None: not confirmed)."""

    day: date
    max_end_percent: int
    confirmed: int | None = None

    def allows(self, ended: int, active_before: int) -> bool:
        return ended * 100 <= self.max_end_percent * active_before or self.confirmed == ended


def staged_load(
    *,
    chunks: Iterable[str],
    commit: bool,
    has_errors: Callable[[], bool],
    may_have_duplicates: Callable[[], bool] = lambda: True,
    refresh: Refresh | None = None,
) -> LoadResult:
    """Upsert the staged rows; roll back unless ``commit`` and the whole file is clean.

    ``chunks`` are COPY lines, produced while they are sent (the parser runs in this process
    while PostgreSQL stores the rows in another). ``has_errors()`` and
    ``may_have_duplicates()`` are asked once they are all in: with errors only the duplicate
    rows are looked for; when no two rows can share a natural key that search is skipped.
    With ``commit=False`` (a dry run) the upsert still runs, so its counts are exact, and is
    then rolled back. With ``refresh`` (the file is the whole register) the entries missing
    from it are ended in the same transaction, and the load is rolled back when that ends
    more than ``refresh`` allows (``needs_confirmation``).
    """
    load = _load_postgresql if connection.vendor == "postgresql" else _load_portable
    with transaction.atomic():
        result = load(chunks, has_errors, may_have_duplicates, refresh)
        if refresh is not None and not (has_errors() or result.duplicates):
            result.needs_confirmation = not refresh.allows(result.ended, result.active_before)
        if has_errors() or result.duplicates or result.needs_confirmation or not commit:
            transaction.set_rollback(True)
    return result


def _load_postgresql(
    chunks: Iterable[str],
    has_errors: Callable[[], bool],
    may_have_duplicates: Callable[[], bool],
    refresh: Refresh | None,
) -> LoadResult:
    result = LoadResult()
    with connection.cursor() as cursor:
        # normally dropped at commit; inside an outer transaction it may still be there
        cursor.execute("DROP TABLE IF EXISTS dgr_staging")
        cursor.execute(_CREATE_STAGING)
        with cursor.copy("COPY dgr_staging FROM STDIN") as copy:
            for chunk in chunks:
                copy.write(chunk)
        if has_errors() or may_have_duplicates():
            cursor.execute(_DUPLICATES)
            result.duplicates = [tuple(row) for row in cursor.fetchall()]
            if has_errors() or result.duplicates:
                return result
        # One import at a time (the NOT EXISTS below relies on it); checks still read.
        cursor.execute("LOCK TABLE doelgroepregister_registration IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute("ANALYZE dgr_staging")  # a temporary table has no statistics
        cursor.execute("SET LOCAL work_mem = '256MB'")  # sort and join in memory
        if refresh is not None:
            day = {"day": refresh.day, "before": refresh.day - timedelta(days=1)}
            cursor.execute(_ACTIVE, day)
            result.active_before = cursor.fetchone()[0]
            cursor.execute(_END_MISSING, day)
            result.ended = result.count("ended", cursor.fetchall())
        if refresh is None:
            cursor.execute(_UPDATE)
            result.updated = cursor.rowcount
            cursor.execute(_INSERT)
            result.inserted = cursor.rowcount
            return result
        cursor.execute(_UPDATE_COUNTED)
        result.updated = result.count("changed", cursor.fetchall())
        cursor.execute(_INSERT_COUNTED)
        result.inserted = result.count("new", cursor.fetchall())
        cursor.execute(_STAGED)
        _count_unchanged(result, cursor.fetchall())
    return result


def _count_unchanged(result: LoadResult, staged: Iterable[tuple[str, int]]) -> None:
    for grondslag, n in staged:
        row = result.per_grondslag.get(grondslag) or {}
        result.count("unchanged", [(grondslag, n - row.get("new", 0) - row.get("changed", 0))])


def _staged_rows(chunks: Iterable[str]) -> Iterator[tuple]:
    for chunk in chunks:
        for line in chunk.splitlines():
            number, digest, grondslag, start, end, region = line.split("\t")
            yield (
                int(number),
                digest,
                grondslag,
                date.fromisoformat(start),
                None if end == "\\N" else date.fromisoformat(end),
                None if region == "\\N" else int(region),
            )


def _batches(chunks: Iterable[str], size: int = 2000) -> Iterator[list]:
    batch: list = []
    for row in _staged_rows(chunks):
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _load_portable(
    chunks: Iterable[str],
    has_errors: Callable[[], bool],
    may_have_duplicates: Callable[[], bool],
    refresh: Refresh | None,
) -> LoadResult:
    result = LoadResult()
    first_rows: dict[tuple, int] = {}
    if refresh is not None:
        active = Registration.objects.filter(Q(end_date=None) | Q(end_date__gte=refresh.day))
        result.active_before = active.count()
    for batch in _batches(chunks):
        fresh = []
        for number, digest, grondslag, start, end, region in batch:
            key = (digest, grondslag, start)
            if key in first_rows:
                result.duplicates.append((number, first_rows[key]))
            else:
                first_rows[key] = number
                fresh.append((key, end, region))
        if not has_errors() and not result.duplicates:
            _upsert_batch(fresh, result)
    staged = Counter(grondslag for _, grondslag, _ in first_rows)
    if refresh is not None and not has_errors() and not result.duplicates:
        _end_missing(active, set(first_rows), refresh.day, result)
    _count_unchanged(result, staged.items())
    return result


def _end_missing(active, staged: set[tuple], day: date, result: LoadResult) -> None:
    """The portable ``_END_MISSING``: end (or remove) valid entries not in the extract."""
    before = day - timedelta(days=1)
    gone = [
        (pk, grondslag, start)
        for pk, digest, grondslag, start in active.values_list(
            "pk", "bsn_hash", "grondslag", "start_date"
        ).iterator()
        if (digest, grondslag, start) not in staged
    ]
    ended = [pk for pk, _, start in gone if start <= before]
    for begin in range(0, len(ended), 500):
        Registration.objects.filter(pk__in=ended[begin : begin + 500]).update(end_date=before)
    removed = [pk for pk, _, start in gone if start > before]
    for begin in range(0, len(removed), 500):
        Registration.objects.filter(pk__in=removed[begin : begin + 500]).delete()
    result.ended = result.count("ended", Counter(g for _, g, _ in gone).items())


def _upsert_batch(batch: list, result: LoadResult) -> None:
    existing = {
        (r.bsn_hash, r.grondslag, r.start_date): r
        for r in Registration.objects.filter(bsn_hash__in={key[0] for key, _, _ in batch})
    }
    new, changed = [], []
    for (digest, grondslag, start), end, region in batch:
        current = existing.get((digest, grondslag, start))
        if current is None:
            new.append(
                Registration(
                    bsn_hash=digest,
                    grondslag=grondslag,
                    start_date=start,
                    end_date=end,
                    region_id=region,
                )
            )
        elif current.end_date != end or (region and current.region_id != region):
            current.end_date = end
            current.region_id = region or current.region_id
            changed.append(current)
    Registration.objects.bulk_create(new)
    Registration.objects.bulk_update(changed, ["end_date", "region_id"])
    result.inserted += result.count("new", Counter(r.grondslag for r in new).items())
    result.updated += result.count("changed", Counter(r.grondslag for r in changed).items())
