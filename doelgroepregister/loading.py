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

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction

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


def staged_load(
    *,
    chunks: Iterable[str],
    commit: bool,
    has_errors: Callable[[], bool],
    may_have_duplicates: Callable[[], bool] = lambda: True,
) -> LoadResult:
    """Upsert the staged rows; roll back unless ``commit`` and the whole file is clean.

    ``chunks`` are COPY lines, produced while they are sent (the parser runs in this process
    while PostgreSQL stores the rows in another). ``has_errors()`` and
    ``may_have_duplicates()`` are asked once they are all in: with errors only the duplicate
    rows are looked for; when no two rows can share a natural key that search is skipped.
    With ``commit=False`` (a dry run) the upsert still runs, so its counts are exact, and is
    then rolled back.
    """
    load = _load_postgresql if connection.vendor == "postgresql" else _load_portable
    with transaction.atomic():
        result = load(chunks, has_errors, may_have_duplicates)
        if has_errors() or result.duplicates or not commit:
            transaction.set_rollback(True)
    return result


def _load_postgresql(
    chunks: Iterable[str], has_errors: Callable[[], bool], may_have_duplicates: Callable[[], bool]
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
        cursor.execute(_UPDATE)
        result.updated = cursor.rowcount
        cursor.execute(_INSERT)
        result.inserted = cursor.rowcount
    return result


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
    chunks: Iterable[str], has_errors: Callable[[], bool], may_have_duplicates: Callable[[], bool]
) -> LoadResult:
    result = LoadResult()
    first_rows: dict[tuple, int] = {}
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
    return result


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
    result.inserted += len(new)
    result.updated += len(changed)
