"""The doelgroepregister's public API: importing extracts and checking BSNs."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doelgroepregister.extract import UPLOAD_EXTENSIONS, Columns, FileProblem, open_table
from doelgroepregister.importing import ImportRun
from doelgroepregister.limits import Spent, budget_consume, limit_consume
from doelgroepregister.models import (
    NOT_COUNTED,
    CheckKind,
    CheckLog,
    CheckOutcome,
    ImportStatus,
    RegisterImport,
    RegisterRemoval,
    Registration,
    RemovalKind,
    outside_transaction,
)
from doelgroepregister.protection import bsn_clean, bsn_hash, bsn_mask
from doelgroepregister.selectors import registration_statuses
from doelgroepregister.workspace import (
    bulk_workdir,
    import_workdir,
    import_workdir_discard,
    work_files_purge,
)
from werkkamer.accounts.models import User
from werkkamer.core.exports import CsvWriter

logger = logging.getLogger(__name__)
BULK_COLUMNS = Columns(required=("bsn",), optional=("kenmerk",))


# --- Import of extracts ----------------------------------------------------------------------


def register_import_create(
    *, user: User, upload: UploadedFile[bytes], commit: bool, full_refresh: bool = False
) -> RegisterImport:
    """Store the upload under a random name and queue its processing (after commit).

    ``full_refresh``: the file is the whole register; entries missing from it are ended.
    """
    suffix = Path(upload.name or "").suffix.lower()[:5]
    register_import = RegisterImport(
        original_name=(upload.name or "")[:255],
        uploaded_by=user,
        commit=commit,
        full_refresh=full_refresh,
        total_bytes=upload.size or 0,
    )
    register_import.upload.save(f"{uuid4().hex}{suffix}", upload, save=False)
    register_import.full_clean()
    with transaction.atomic():
        register_import.save()
        _enqueue(register_import.pk)
    return register_import


def register_import_commit(
    *, register_import: RegisterImport, confirmed_ended: int | None = None
) -> bool:
    """Import a file whose dry run was clean; False when it is not (or no longer) in that state.

    ``confirmed_ended``: for a full refresh over the safety threshold, the number of entries to
    end as staff typed it; the load goes ahead only when it is still exactly that number.
    """
    with transaction.atomic():
        claimed = RegisterImport.objects.filter(
            pk=register_import.pk, status=ImportStatus.CHECKED
        ).update(
            status=ImportStatus.QUEUED,
            commit=True,
            finished_at=None,
            attempts=0,
            confirmed_ended=confirmed_ended,
        )
        if claimed:
            _enqueue(register_import.pk)
    return bool(claimed)


def _enqueue(import_id: int) -> None:
    transaction.on_commit(partial(_send, import_id))


def _send(import_id: int) -> None:
    """Send the task; a broker outage never fails the request (the sweep sends it later)."""
    from doelgroepregister.tasks import register_import_run

    try:
        register_import_run.delay(import_id)
    except Exception:  # the broker may be down: the beat sweep enqueues it later
        logger.warning("register import %s: could not reach the broker; sweep retries", import_id)


def register_import_process(*, import_id: int) -> str:
    """Check and (when asked and clean) load one import: "skipped" unless it is queued.

    The claim is a conditional UPDATE (queued → validating, one attempt more, a heartbeat),
    so a message delivered twice, or a retry racing the sweep, runs it once. A transient
    database error gives the claim back and propagates (the task retries it); an import out
    of attempts is failed instead of claimed.
    """
    now = timezone.now()
    claimed = RegisterImport.objects.filter(
        pk=import_id,
        status=ImportStatus.QUEUED,
        attempts__lt=settings.DOELGROEPREGISTER_IMPORT_MAX_ATTEMPTS,
    ).update(status=ImportStatus.VALIDATING, attempts=F("attempts") + 1, heartbeat_at=now)
    if not claimed:
        register_import_fail(
            import_id=import_id,
            message=_OUT_OF_ATTEMPTS,
            only=Q(
                status=ImportStatus.QUEUED,
                attempts__gte=settings.DOELGROEPREGISTER_IMPORT_MAX_ATTEMPTS,
            ),
        )
        return "skipped"
    register_import = RegisterImport.objects.get(pk=import_id)
    try:
        with import_workdir(import_id=import_id) as workdir:
            ImportRun(register_import, workdir).run()
    except (OperationalError, InterfaceError):
        register_import_requeue(import_id=import_id, attempt=register_import.attempts)
        raise
    return "done"


_OUT_OF_ATTEMPTS = gettext_lazy(
    "Het verwerken is te vaak afgebroken (de verwerking stopte steeds voor het klaar was). "
    "Het bestand is verwijderd; upload het opnieuw of neem contact op met de beheerder."
)


def register_import_requeue(*, import_id: int, attempt: int | None = None) -> bool:
    """Give a claimed import back to the queue (its worker hit a transient error or died)."""
    claimed = RegisterImport.objects.filter(pk=import_id, status__in=RegisterImport.CLAIMED)
    if attempt is not None:
        claimed = claimed.filter(attempts=attempt)
    return bool(claimed.update(status=ImportStatus.QUEUED, heartbeat_at=None))


def register_import_fail(*, import_id: int, message: object, only: Q | None = None) -> bool:
    """Mark an import failed (a terminal state): its extract and staged rows are deleted."""
    return _end_import(import_id, ImportStatus.FAILED, message, only or Q(status__in=_OPEN))


def register_import_cancel(*, register_import: RegisterImport) -> bool:
    """Staff stop an import that is waiting (queued, stalled, or a dry run not loaded)."""
    stalled = Q(status__in=RegisterImport.CLAIMED, heartbeat_at__lt=_stuck_before())
    waiting = Q(status__in=(ImportStatus.QUEUED, ImportStatus.CHECKED, ImportStatus.FAILED))
    return _end_import(register_import.pk, ImportStatus.CANCELLED, "", stalled | waiting)


# States an import can still leave for a terminal one (FAILED may be cancelled: it drops the
# staged rows kept for a retry).
_OPEN = (*RegisterImport.RUNNING, ImportStatus.CHECKED)


def _end_import(import_id: int, status: str, message: object, only: Q) -> bool:
    with transaction.atomic():
        register_import = (
            RegisterImport.objects.select_for_update().filter(only, pk=import_id).first()
        )
        if register_import is None:
            return False
        # A failed commit of a clean dry run keeps its staged rows (hashed, no plaintext) so
        # staff may retry it; the extract itself (plaintext) never outlives a terminal state.
        keep_staged = (
            status == ImportStatus.FAILED
            and register_import.commit
            and not (register_import.upload)
        )
        register_import.upload.delete(save=False)
        if not keep_staged:
            register_import.staged_file.delete(save=False)
        register_import.status = status
        register_import.message = str(message)
        register_import.finished_at = timezone.now()
        register_import.heartbeat_at = None
        register_import.save()
    import_workdir_discard(import_id=import_id)
    return True


def register_import_retry(*, register_import: RegisterImport) -> bool:
    """Staff queue again an import whose worker stalled, or a failed load of a clean dry run
    (its staged rows are kept); False when there is nothing to retry."""
    stalled = Q(status__in=RegisterImport.CLAIMED, heartbeat_at__lt=_stuck_before())
    failed_commit = Q(status=ImportStatus.FAILED, commit=True, upload="") & ~Q(staged_file="")
    with transaction.atomic():
        queued = RegisterImport.objects.filter(
            stalled | failed_commit, pk=register_import.pk
        ).update(status=ImportStatus.QUEUED, attempts=0, heartbeat_at=None, message="")
        if queued:
            _enqueue(register_import.pk)
    return bool(queued)


def _stuck_before() -> datetime:
    return timezone.now() - timedelta(seconds=settings.DOELGROEPREGISTER_IMPORT_STUCK_AFTER)


def register_import_sweep() -> list[int]:
    """Beat: take over imports whose worker died, resend lost messages, clear the work folder.

    1. A claimed import without a heartbeat for ``DOELGROEPREGISTER_IMPORT_STUCK_AFTER``
       seconds lost its worker: it is queued again (the earlier run's work folder, with its
       plaintext copy, is removed first), or failed with a clear reason once it used
       ``DOELGROEPREGISTER_IMPORT_MAX_ATTEMPTS``.
    2. A queued import older than that is sent again (a lost message, or the broker was down);
       the conditional claim makes a duplicate harmless.
    3. Files in the work folder older than ``DOELGROEPREGISTER_WORK_MAX_AGE`` are removed.
    Returns the ids sent.
    """
    stuck_before = _stuck_before()
    for import_id, attempts, heartbeat in RegisterImport.objects.filter(
        status__in=RegisterImport.CLAIMED, heartbeat_at__lt=stuck_before
    ).values_list("pk", "attempts", "heartbeat_at"):
        if attempts >= settings.DOELGROEPREGISTER_IMPORT_MAX_ATTEMPTS:
            register_import_fail(
                import_id=import_id,
                message=_OUT_OF_ATTEMPTS,
                only=Q(status__in=RegisterImport.CLAIMED, heartbeat_at=heartbeat),
            )
            logger.warning("register import %s: worker lost %s times, failed", import_id, attempts)
        elif RegisterImport.objects.filter(
            pk=import_id, status__in=RegisterImport.CLAIMED, heartbeat_at=heartbeat
        ).update(status=ImportStatus.QUEUED, heartbeat_at=None):
            import_workdir_discard(import_id=import_id)
            logger.warning("register import %s: worker lost, queued again", import_id)
    # lost messages, and the imports just taken over (a duplicate message is harmless)
    queued = list(
        RegisterImport.objects.filter(status=ImportStatus.QUEUED)
        .filter(Q(created_at__lt=stuck_before) | Q(attempts__gt=0))
        .values_list("pk", flat=True)
    )
    for import_id in queued:
        _send(import_id)
    work_files_purge(older_than_seconds=settings.DOELGROEPREGISTER_WORK_MAX_AGE)
    return queued


# --- Lifecycle: removal on request, retention ------------------------------------------------


@dataclass(frozen=True)
class Removal:
    entries: int  # entries ended or removed (0: the BSN has no entry that could be)
    log: RegisterRemoval | None  # None only when refused
    over_budget: bool = False


def registration_remove(*, user: User, bsn: str, kind: str, reason: str) -> Removal:
    """End (from today) or delete one person's entries on request, audit-logged with the keyed
    hash and the reason, never the BSN. ``bsn`` is the canonical form (``bsn_clean``).

    End: entries valid today or later get yesterday as their end date (those not started yet
    are removed: an end before the start cannot be); entries that already ended are left. The
    employer's check says "not in the register" from now on. Delete: every entry of the person
    goes at once (retention no longer applies to them).

    The answer ("no entry for this BSN") tells whether a person is in the register, so each
    attempt spends one from the user's daily check budget and is logged, also when nothing was
    found: the page is no side door for looking people up without a trace.
    """
    if not _spend(user, 1).granted:
        logger.warning("register removal: daily budget used up (user %s)", user.pk)
        return Removal(0, None, over_budget=True)
    digest = bsn_hash(bsn)
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    entries = Registration.objects.filter(bsn_hash=digest)
    with transaction.atomic():
        if kind == RemovalKind.DELETE:
            count, _ = entries.delete()
        else:
            valid = entries.filter(Q(end_date=None) | Q(end_date__gte=today))
            count = valid.filter(start_date__lte=yesterday).update(end_date=yesterday)
            count += valid.filter(start_date__gt=yesterday).delete()[0]
        log = RegisterRemoval.objects.create(
            user_id=user.pk,
            user_email=user.email,
            bsn_hash=digest,
            kind=kind,
            reason=reason[:500],
            entries=count,
        )
    logger.info("register removal %s: %s entries (%s)", log.pk, count, kind)
    return Removal(count, log)


@dataclass(frozen=True)
class Retention:
    entries: int
    imports: int
    removals: int


def register_retention(
    *, ended_older_than_days: int, imports_older_than_days: int, removals_older_than_days: int
) -> Retention:
    """Delete entries that ended longer ago than their period, and imports (with their report
    and staged files) and removal log entries older than theirs. Idempotent."""
    today = timezone.localdate()
    entries, _ = Registration.objects.filter(
        end_date__lt=today - timedelta(days=ended_older_than_days)
    ).delete()
    cutoff = timezone.now() - timedelta(days=imports_older_than_days)
    imports = 0
    for register_import in RegisterImport.objects.exclude(status__in=RegisterImport.RUNNING).filter(
        Q(finished_at__lt=cutoff) | Q(finished_at=None, created_at__lt=cutoff)
    ):
        for stored in (
            register_import.upload,
            register_import.staged_file,
            register_import.report_file,
        ):
            stored.delete(save=False)
        register_import.delete()
        imports += 1
    removals, _ = RegisterRemoval.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=removals_older_than_days)
    ).delete()
    return Retention(entries, imports, removals)


# --- Checks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckAnswer:
    """What an employer or municipality may learn about one BSN, and nothing more."""

    outcome: str
    end_date: date | None = None
    retry_after_minutes: int | None = None
    masked: str = ""

    @property
    def in_register(self) -> bool:
        return self.outcome in (CheckOutcome.COUNTS, CheckOutcome.NOT_COUNTED)

    @property
    def counts(self) -> bool:
        return self.outcome == CheckOutcome.COUNTS


def check_budgets(user: User) -> list[tuple[str, int]]:
    """The daily budgets a check by ``user`` spends from: their own, and their organisation's
    (an employer's organisation; for a coordinator without one, each region they work for)."""
    per_user = settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER
    per_organisation = settings.DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION
    budgets = [(f"user:{user.pk}", per_user)]
    if user.organisation_id:
        budgets.append((f"org:{user.organisation_id}", per_organisation))
    elif user.is_coordinator:
        regions = user.regions.order_by("pk").values_list("pk", flat=True)
        budgets += [(f"region:{pk}", per_organisation) for pk in regions]
    return budgets


def _spend(user: User, amount: int) -> Spent:
    return budget_consume(
        budgets=check_budgets(user), amount=amount, period=timezone.localdate().isoformat()
    )


def register_check(*, user: User, raw_bsn: str) -> CheckAnswer:
    """Check one BSN for ``user``: rate-limited, within the daily budgets, audit-logged
    whatever the outcome."""
    limits = [(f"user:{user.pk}", settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_USER)]
    if user.organisation_id:
        limits.append(
            (f"org:{user.organisation_id}", settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_ORGANISATION)
        )
    retry_after = limit_consume(limits=limits)
    try:
        bsn = bsn_clean(raw_bsn)
    except ValidationError:
        _log_check(user, "", "", CheckOutcome.INVALID)
        return CheckAnswer(CheckOutcome.INVALID)
    digest, masked = bsn_hash(bsn), bsn_mask(bsn)
    if retry_after is not None:
        _log_check(user, digest, masked, CheckOutcome.RATE_LIMITED)
        return CheckAnswer(CheckOutcome.RATE_LIMITED, retry_after_minutes=-(-retry_after // 60))
    if not _spend(user, 1).granted:
        _log_check(user, digest, masked, CheckOutcome.OVER_BUDGET)
        logger.warning("register check: daily budget used up (user %s)", user.pk)
        return CheckAnswer(CheckOutcome.OVER_BUDGET)
    outcome, end_date = _check_logged(user, digest, masked, timezone.localdate())
    return CheckAnswer(outcome, end_date, masked=masked)


# The single check is the register's busiest request, so it is one statement, on the
# connection outside the request's transaction (``outside_transaction``): it finds the
# person's entries valid on the day, derives the answer exactly as
# ``selectors.registration_statuses`` does (counts when any entry counts; the last end date,
# none when an entry is open), and writes the log entry (with the organisation's name as it is
# now), returning the answer. Building the same through the ORM (three queries and a save)
# took longer than everything else in the request. Plain SQL that PostgreSQL and SQLite both
# run; tests hold it to the ORM's answers and log entries.
_CHECK_AND_LOG = """
WITH entries AS (
    SELECT grondslag, end_date FROM doelgroepregister_registration
    WHERE bsn_hash = %(digest)s AND start_date <= %(day)s
      AND (end_date IS NULL OR end_date >= %(day)s)
), answer AS (
    SELECT CASE
               WHEN count(*) = 0 THEN %(not_found)s
               WHEN sum(CASE WHEN grondslag IN ({not_counted}) THEN 0 ELSE 1 END) > 0
                   THEN %(counts)s
               ELSE %(not_counted)s
           END AS outcome,
           CASE WHEN count(*) = count(end_date) THEN max(end_date) END AS end_date
    FROM entries
)
INSERT INTO doelgroepregister_checklog (created_at, user_id, user_email, role, organisation_id,
    organisation_name, kind, bsn_hash, bsn_masked, reference, outcome, end_date)
SELECT %(now)s, %(user_id)s, %(email)s, %(role)s, %(organisation_id)s,
    COALESCE((SELECT name FROM accounts_organisation WHERE id = %(organisation_id)s), ''),
    %(kind)s, %(digest)s, %(masked)s, '', {outcome}, {end_date}
FROM answer
RETURNING outcome, end_date
"""
_NOT_COUNTED = sorted(NOT_COUNTED)
_NOT_COUNTED_PARAMS = ", ".join(f"%(not_counted_{n})s" for n in range(len(_NOT_COUNTED)))
_CHECK_SQL = _CHECK_AND_LOG.format(
    not_counted=_NOT_COUNTED_PARAMS,
    outcome="outcome",
    end_date="end_date",
)
# A refused check (invalid BSN, over the limit) is logged by the same statement, with its
# outcome given instead of derived.
_LOG_SQL = _CHECK_AND_LOG.format(
    not_counted=_NOT_COUNTED_PARAMS,
    outcome="%(outcome)s",
    end_date="NULL",
)


def _check_logged(user: User, digest: str, masked: str, day: date) -> tuple[str, date | None]:
    return _run_check_sql(_CHECK_SQL, user, (digest, masked), day, outcome="")


def _log_check(user: User, digest: str, masked: str, outcome: str) -> None:
    _run_check_sql(_LOG_SQL, user, (digest, masked), timezone.localdate(), outcome=outcome)


def _run_check_sql(
    sql: str, user: User, bsn: tuple[str, str], day: date, *, outcome: str
) -> tuple[str, date | None]:
    """``bsn`` is (keyed hash, masked form): the log never holds the number itself."""
    audit = connections[outside_transaction()]
    params = {
        "digest": bsn[0],
        "masked": bsn[1],
        "day": audit.ops.adapt_datefield_value(day),
        "not_found": CheckOutcome.NOT_FOUND.value,
        "counts": CheckOutcome.COUNTS.value,
        "not_counted": CheckOutcome.NOT_COUNTED.value,
        **{f"not_counted_{n}": str(code) for n, code in enumerate(_NOT_COUNTED)},
        "now": audit.ops.adapt_datetimefield_value(timezone.now()),
        "user_id": user.pk,
        "email": user.email,
        "role": user.role,
        "organisation_id": user.organisation_id,
        "kind": CheckKind.SINGLE.value,
        "outcome": outcome,
    }
    with audit.cursor() as cursor:
        cursor.execute(sql, params)
        answer, end = cursor.fetchone()
    return answer, date.fromisoformat(end) if isinstance(end, str) else end  # SQLite: text


def _log_checks(user: User, kind: str, checks: Iterable[LoggedCheck]) -> None:
    """Write the check log on its own connection: it stays when the request rolls back."""
    now = timezone.now()
    organisation = user.organisation if user.organisation_id else None
    common = {
        "created_at": now,
        "user_id": user.pk,
        "user_email": user.email,
        "role": user.role,
        "organisation_id": user.organisation_id,
        "organisation_name": organisation.name if organisation else "",
        "kind": kind,
    }
    CheckLog.objects.using(outside_transaction()).bulk_create(
        CheckLog(
            bsn_hash=check.digest,
            bsn_masked=check.masked,
            reference=check.reference,
            outcome=check.outcome,
            end_date=check.end,
            **common,
        )
        for check in checks
    )


BULK_HEADER = (
    "rij",
    "bsn (laatste cijfers)",
    "kenmerk",
    "in het register",
    "telt mee voor de Banenafspraak",
    "einddatum registratie",
    "toelichting",
)


@dataclass(frozen=True)
class LoggedCheck:
    digest: str
    masked: str
    reference: str
    outcome: str
    end: date | None = None


@dataclass(frozen=True)
class BulkCheckResult:
    """The answer file, and what it says in four numbers for the page."""

    content: bytes
    rows: int
    in_register: int
    counts: int
    invalid: int


def register_bulk_check(*, user: User, upload: UploadedFile[bytes]) -> BulkCheckResult:
    """Check every BSN of an employer's list; a CSV with the same three facts per row.

    FileProblem for an unusable file, when the hourly limit of files is reached, or when the
    list has more valid BSNs than the daily budgets have left (then nothing is answered).
    """
    if limit_consume(limits=[(f"bulk:{user.pk}", settings.DOELGROEPREGISTER_BULK_FILES_PER_HOUR)]):
        raise FileProblem(
            _("U heeft het maximum aantal lijsten per uur bereikt. Probeer het later opnieuw.")
        )
    rows = _bulk_rows(upload)
    answered = sum(1 for row in rows if row[3])
    spent = _spend(user, answered)
    if not spent.granted:
        # refused whole: nothing answered, one log entry for the refusal
        _log_checks(user, CheckKind.BULK, [LoggedCheck("", "", "", CheckOutcome.OVER_BUDGET)])
        logger.warning("register bulk check: daily budget too small (user %s)", user.pk)
        raise FileProblem(
            _(
                "Deze lijst heeft %(count)s geldige BSN's, maar u kunt vandaag nog %(left)s "
                "BSN's controleren (dagbudget van u en uw organisatie). Er is niets "
                "gecontroleerd; controleer een kleinere lijst of probeer het morgen opnieuw."
            )
            % {"count": answered, "left": spent.left}
        )
    statuses = registration_statuses(
        hashes=[digest for _, _, _, digest in rows if digest], on=timezone.localdate()
    )
    # The employer's ``kenmerk`` is theirs: ``=1+2`` there must not run in a spreadsheet.
    writer = CsvWriter()
    writer.writerow(BULK_HEADER)
    logged: list[LoggedCheck] = []
    for number, masked, reference, digest in rows:
        if not digest:
            writer.writerow((number, "", reference, "", "", "", _("geen geldig BSN")))
            logged.append(LoggedCheck("", "", reference, CheckOutcome.INVALID))
            continue
        outcome, end = statuses[digest]
        answer = CheckAnswer(outcome, end)
        writer.writerow(
            (
                number,
                masked,
                reference,
                _("ja") if answer.in_register else _("nee"),
                _("ja") if answer.counts else _("nee"),
                end.strftime("%d-%m-%Y") if end else "",
                "",
            )
        )
        logged.append(LoggedCheck(digest, masked, reference, outcome, end))
    _log_checks(user, CheckKind.BULK, logged)
    answers = [CheckAnswer(check.outcome) for check in logged]
    return BulkCheckResult(
        content=writer.content(),
        rows=len(rows),
        in_register=sum(answer.in_register for answer in answers),
        counts=sum(answer.counts for answer in answers),
        invalid=sum(answer.outcome == CheckOutcome.INVALID for answer in answers),
    )


def _bulk_rows(upload: UploadedFile[bytes]) -> list[tuple[int, str, str, str]]:
    """(row, masked BSN, the employer's own reference, hash or '') for each row."""
    maximum = settings.DOELGROEPREGISTER_BULK_MAX_ROWS
    rows: list[tuple[int, str, str, str]] = []
    # openpyxl opens only a file whose name ends in .xlsx: keep the (form-checked) extension
    suffix = Path(upload.name or "").suffix.lower()
    with bulk_workdir() as workdir:
        path = workdir / f"lijst{suffix if suffix in UPLOAD_EXTENSIONS else ''}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        with open_table(path) as table:
            for number, cells in table.records(BULK_COLUMNS):
                if len(rows) == maximum:
                    raise FileProblem(
                        _("De lijst heeft meer dan %(max)s rijen; splits het bestand.")
                        % {"max": maximum}
                    )
                raw_bsn, raw_reference = cells or (None, None)
                reference = str(raw_reference or "").strip()[:100]
                try:
                    bsn = bsn_clean(raw_bsn)
                    rows.append((number, bsn_mask(bsn), reference, bsn_hash(bsn)))
                except ValidationError:
                    rows.append((number, "", reference, ""))
    if not rows:
        raise FileProblem(_("De lijst bevat geen rijen met een BSN."))
    return rows


def check_log_purge(*, older_than_days: int) -> int:
    """Delete check-log entries older than the retention period; the number deleted."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = (
        CheckLog.objects.using(outside_transaction()).filter(created_at__lt=cutoff).delete()
    )
    return deleted
