"""One run of an import: parse the extract, stream its rows into the load, write the report.

1. A fresh upload is parsed row by row (``rows.RowChecker``); good rows go as COPY lines
   straight into ``loading.staged_load`` while parsing continues, bad rows into the report.
   A dry run also keeps the (hashed) lines in the staged file for a later commit.
2. A commit after a clean dry run streams the staged file instead of parsing again.
3. The outcome (counters, status, report) is saved and the upload, the only copy with plaintext
   BSNs, deleted, only while this run still holds its claim (``attempts`` unchanged). Until
   then the upload stays, so a run whose worker died can be run again (the import sweep).
Progress is written on the ``audit`` connection (``models.outside_transaction``), outside the
load's transaction, so the page polling it sees it while the load runs.
"""

from __future__ import annotations

import csv
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from doelgroepregister.extract import FileProblem, open_table
from doelgroepregister.loading import LoadResult, Refresh, staged_load
from doelgroepregister.models import ImportStatus, RegisterImport, outside_transaction
from doelgroepregister.rows import REGISTER_COLUMNS, RowChecker
from regions.models import Arbeidsmarktregio

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 25_000
CHUNK_ROWS = 5_000
REPORT_HEADER = ("rij", "veld", "fout", "waarde", "verwacht")


class ImportRun:
    def __init__(self, register_import: RegisterImport, workdir: Path) -> None:
        self.register_import = register_import
        self.workdir = workdir
        self.rows = 0
        self.errors = 0
        self.checker: RowChecker | None = None

    def run(self) -> None:
        register_import = self.register_import
        staged_path = self.workdir / "staged.tsv"
        report_path = self.workdir / "report.csv"
        try:
            if register_import.upload:
                with _ReportWriter(report_path) as report:
                    chunks = self._parsed(report)
                    # kept for a later commit: a dry run's, and a full refresh's (it may need
                    # staff to confirm the entries it ends)
                    if not register_import.commit or register_import.full_refresh:
                        chunks = _tee(chunks, staged_path)
                    result = self._load(chunks)
                if self.rows == 0:
                    raise FileProblem(_("Het bestand bevat een kopregel maar geen gegevensrijen."))
            else:
                self.rows, self.errors = register_import.row_count, 0
                result = self._load(
                    _file_chunks(_local_copy(register_import.staged_file, self.workdir))
                )
                report_path = _local_copy(register_import.report_file, self.workdir)
        except FileProblem as problem:
            self._finish_with_file_problem(str(problem))
            return
        self._finish(result, report_path, staged_path)

    def _load(self, chunks) -> LoadResult:
        register_import = self.register_import
        refresh = None
        if register_import.full_refresh:
            refresh = Refresh(
                day=timezone.localdate(),
                max_end_percent=settings.DOELGROEPREGISTER_REFRESH_MAX_END_PERCENT,
                confirmed=register_import.confirmed_ended,
            )
        return staged_load(
            chunks=chunks,
            commit=register_import.commit,
            refresh=refresh,
            has_errors=lambda: self.errors > 0,
            # a staged file (no checker) passed the duplicate search in its clean dry run
            may_have_duplicates=lambda: (
                self.checker is not None and self.checker.possible_duplicates
            ),
        )

    def _parsed(self, report) -> Iterator[str]:
        # Everything that needs the database happens here, before the COPY has the connection.
        self.checker = RowChecker(
            region_ids=dict(Arbeidsmarktregio.objects.values_list("code", "pk"))
        )
        table = open_table(_local_copy(self.register_import.upload, self.workdir))
        return self._parse(table, self.checker, report)

    def _parse(self, table, checker: RowChecker, report) -> Iterator[str]:
        lines: list[str] = []
        with table:
            for number, cells in table.records(REGISTER_COLUMNS):
                line, problems = checker.check(number, cells)
                self.rows += 1
                if problems:
                    self.errors += 1
                    report.writerows(problems)
                else:
                    lines.append(line)
                if len(lines) == CHUNK_ROWS:
                    yield "".join(lines)
                    lines = []
                if self.rows % PROGRESS_EVERY == 0:
                    self._progress(*table.progress())
            if lines:
                yield "".join(lines)
            self._progress(*table.progress(), status=ImportStatus.LOADING)

    def _progress(self, done: int, total: int, **extra: object) -> None:
        RegisterImport.objects.using(outside_transaction()).filter(
            pk=self.register_import.pk
        ).update(
            processed_bytes=done,
            total_bytes=total,
            row_count=self.rows,
            error_count=self.errors,
            heartbeat_at=timezone.now(),
            **extra,
        )

    def _still_mine(self) -> bool:
        """Lock the import and tell whether this run still holds its claim (the sweep may have
        given a run without heartbeat to another worker)."""
        mine = (
            RegisterImport.objects.select_for_update()
            .filter(
                pk=self.register_import.pk,
                attempts=self.register_import.attempts,
                status__in=RegisterImport.CLAIMED,
            )
            .exists()
        )
        if not mine:
            logger.warning("register import %s: claim taken over, result dropped", self.pk)
        return mine

    @property
    def pk(self) -> int:
        return self.register_import.pk

    @transaction.atomic
    def _finish(self, result: LoadResult, report_path: Path, staged_path: Path) -> None:
        register_import = self.register_import
        if not self._still_mine():
            return
        register_import.upload.delete(save=False)  # the only copy with plaintext BSNs
        if result.duplicates:
            _append_duplicates(report_path, result.duplicates)
        register_import.row_count = self.rows
        register_import.error_count = self.errors + len(result.duplicates)
        register_import.inserted, register_import.updated = result.inserted, result.updated
        register_import.ended, register_import.active_before = result.ended, result.active_before
        register_import.per_grondslag = result.per_grondslag
        if register_import.error_count:
            register_import.status = ImportStatus.INVALID
            register_import.unchanged = 0
            register_import.per_grondslag = {}
        else:
            loaded = register_import.commit and not result.needs_confirmation
            register_import.status = ImportStatus.DONE if loaded else ImportStatus.CHECKED
            register_import.unchanged = self.rows - result.inserted - result.updated
            refused = register_import.commit and result.needs_confirmation
            register_import.message = str(_refused_message(result)) if refused else ""
        register_import.report_file.delete(save=False)
        _attach(register_import.report_file, report_path, "rapport.csv")
        if register_import.status != ImportStatus.CHECKED:
            register_import.staged_file.delete(save=False)
        elif staged_path.exists():  # (a load of a staged file that is refused again keeps it)
            register_import.staged_file.delete(save=False)
            _attach(register_import.staged_file, staged_path, "staged.tsv")
        register_import.finished_at = timezone.now()
        register_import.heartbeat_at = None
        register_import.save()
        logger.info(
            "register import %s: %s, %s rows, %s errors, %s new, %s changed",
            register_import.pk,
            register_import.status,
            register_import.row_count,
            register_import.error_count,
            register_import.inserted,
            register_import.updated,
        )

    @transaction.atomic
    def _finish_with_file_problem(self, message: str) -> None:
        register_import = self.register_import
        if not self._still_mine():
            return
        path = self.workdir / "problem.csv"
        with _ReportWriter(path) as report:
            report.writerow(("", _("bestand"), message))
        for field in (
            register_import.upload,
            register_import.staged_file,
            register_import.report_file,
        ):
            field.delete(save=False)
        _attach(register_import.report_file, path, "rapport.csv")
        register_import.status = ImportStatus.INVALID
        register_import.row_count = self.rows
        register_import.error_count = max(self.errors, 1)
        register_import.message = message
        register_import.finished_at = timezone.now()
        register_import.heartbeat_at = None
        register_import.save()


def _refused_message(result: LoadResult) -> str:
    percent = settings.DOELGROEPREGISTER_REFRESH_MAX_END_PERCENT
    return _(
        "Niet ingelezen: deze volledige verversing zou %(ended)s van de %(active)s geldige "
        "inschrijvingen beëindigen, meer dan %(percent)s%%. Controleer of het bestand echt het "
        "hele register is; typ hieronder het aantal om te bevestigen."
    ) % {"ended": result.ended, "active": result.active_before, "percent": percent}


def _tee(chunks: Iterator[str], path: Path) -> Iterator[str]:
    with path.open("w", encoding="utf-8") as out:
        for chunk in chunks:
            out.write(chunk)
            yield chunk


def _file_chunks(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as staged:
        while chunk := staged.read(1 << 20):
            yield chunk if chunk.endswith("\n") else chunk + staged.readline()  # whole lines


def _local_copy(field: FieldFile, workdir: Path) -> Path:
    target = workdir / f"{uuid4().hex}{Path(field.name).suffix}"
    with field.open("rb") as source, target.open("wb") as out:
        shutil.copyfileobj(source, out, 1 << 20)
    return target


def _append_duplicates(path: Path, duplicates: list[tuple[int, int]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        for number, first in duplicates:
            reason = _("dubbele rij: zelfde BSN, grondslag en begindatum als rij %(first)s")
            writer.writerow((number, "bsn", reason % {"first": first}))


class _ReportWriter:
    def __init__(self, path: Path) -> None:
        self.file = path.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.file, delimiter=";")
        self.writer.writerow(REPORT_HEADER)

    def __enter__(self):
        return self.writer

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def _attach(field: FieldFile, path: Path, name: str) -> None:
    with path.open("rb") as f:
        field.save(f"{uuid4().hex}-{name}", File(f), save=False)
