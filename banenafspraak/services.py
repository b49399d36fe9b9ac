"""Writes for the Banenafspraak distribution: base data, targets, parameters and runs.

Every change of an input asks for a recompute with ``distribution_request`` inside the same
transaction; the run is computed by the worker once the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import tablib
from import_export.resources import ModelResource
from import_export.results import Result

from banenafspraak.distribution import (
    ALGORITHM_VERSION,
    Distribution,
    DistributionError,
    Parameters,
    distribute,
)
from banenafspraak.models import (
    BaseDataSet,
    DistributionRun,
    MethodParameters,
    NationalTarget,
    PendingImport,
    RegionAllocation,
    RegionFigures,
    RunStatus,
)
from banenafspraak.reference import DEFAULT_METHOD, NATIONAL_TARGETS
from banenafspraak.resources import NationalTargetResource, RegionFiguresResource
from banenafspraak.selectors import current_inputs, latest_failed_checksum
from regions.models import Arbeidsmarktregio
from werkkamer.core.tasks import send_or_leave_to_sweep

if TYPE_CHECKING:
    from werkkamer.accounts.models import User

logger = logging.getLogger(__name__)


def reference_data_load(
    *,
    target_model: type[NationalTarget] = NationalTarget,
    method_model: type[MethodParameters] = MethodParameters,
) -> int:
    """Load DOMAIN.md's national targets and the default method (only what is missing).

    The data migration passes its historical models; tests that flush the database use
    ``reference_data_ensure``. Returns the number of targets created.
    """
    created = 0
    with transaction.atomic():
        for row in NATIONAL_TARGETS:
            _, new = target_model.objects.get_or_create(
                year=row.year,
                sector=row.sector,
                defaults={"jobs": row.jobs, "source": row.source, "interpolated": row.interpolated},
            )
            created += new
        if not method_model.objects.exists():
            method_model.objects.create(**DEFAULT_METHOD)
    return created


def reference_data_ensure() -> None:
    if not NationalTarget.objects.exists() or not MethodParameters.objects.exists():
        reference_data_load()


# --- recompute ----------------------------------------------------------------------------------


def distribution_request(*, reason: str) -> DistributionRun:
    """Ask for a recompute of the distribution once the surrounding transaction commits.

    Coalesced: all changes join the one queued run (a partial unique constraint allows only
    one). Joining locks that row, so a worker cannot claim it before this transaction's changes
    are committed; once claimed, the next change queues a new run. Only the transaction that
    created the queued run enqueues it; a lost or unsendable message is picked up by
    ``distribution_sweep``.
    """
    with transaction.atomic():
        for _attempt in range(3):
            run = DistributionRun.objects.select_for_update().filter(status=RunStatus.QUEUED)
            joined: DistributionRun | None = run.first()
            if joined is not None:
                return joined
            try:
                with transaction.atomic():
                    created = DistributionRun.objects.create(status=RunStatus.QUEUED, reason=reason)
            except IntegrityError:
                continue  # another transaction queued one at the same moment: join it
            transaction.on_commit(partial(distribution_enqueue, run_id=created.pk))
            return created
    raise RuntimeError("could not queue a distribution run")


def distribution_enqueue(*, run_id: int) -> bool:
    """Send the compute task; never fail the caller's request when the broker is down."""
    from banenafspraak.tasks import distribution_compute

    return send_or_leave_to_sweep(distribution_compute, run_id, label="distribution run")


def distribution_run_compute(*, run_id: int) -> str:
    """Claim the queued run ``run_id``, compute it from the current inputs and publish it.

    Idempotent: a run that is missing, done, failed or claimed by another worker is skipped.
    Returns what happened: "skipped", "unchanged", "done" or "failed".
    """
    claimed = DistributionRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    run = DistributionRun.objects.get(pk=run_id)
    try:
        return _compute(run)
    except (OperationalError, InterfaceError):
        # transient: give the run back so the task's retry (or the sweep) can claim it again
        DistributionRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            status=RunStatus.QUEUED, started_at=None
        )
        raise
    except Exception as exc:
        # a bug, not a data problem: record it rather than leave the run "running" forever
        DistributionRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED, error=repr(exc)[:2000], finished_at=timezone.now()
        )
        raise


def _compute(run: DistributionRun) -> str:
    inputs = current_inputs()
    checksum = inputs.checksum
    current = DistributionRun.objects.current()
    if current is not None and current.checksum == checksum:
        run.delete()  # nothing changed: the current version stays the published one
        return "unchanged"
    run.inputs = inputs.canonical()
    run.checksum = checksum
    run.algorithm_version = ALGORITHM_VERSION
    run.dataset = inputs.dataset
    run.method = inputs.method
    run.method_version = inputs.method.version if inputs.method else None
    run.alpha, run.beta = inputs.parameters.alpha, inputs.parameters.beta
    run.is_demo = bool(inputs.dataset and inputs.dataset.is_demo)
    try:
        if inputs.dataset is None:
            raise DistributionError(_("Er zijn nog geen basisgegevens."))
        result = distribute(inputs.regions, inputs.targets, inputs.parameters)
    except DistributionError as exc:
        run.status, run.error, run.finished_at = RunStatus.FAILED, str(exc), timezone.now()
        run.save()
        logger.warning("distribution run %s failed: %s", run.pk, exc)
        return "failed"
    regions = dict(Arbeidsmarktregio.objects.values_list("code", "pk"))
    with transaction.atomic():
        RegionAllocation.objects.bulk_create(
            RegionAllocation(
                run=run,
                region_id=regions[code],
                year=year,
                sector=sector,
                jobs=jobs,
                share=round(
                    Decimal(result.shares[sector][code].numerator)
                    / Decimal(result.shares[sector][code].denominator),
                    12,
                ),
            )
            for (code, year, sector), jobs in result.allocations.items()
        )
        run.status, run.finished_at = RunStatus.DONE, timezone.now()
        run.save()
    logger.info("distribution run %s done (%s)", run.pk, checksum[:12])
    return "done"


def distribution_sweep(*, stale_after: timedelta, stuck_after: timedelta) -> list[int]:
    """Catch up on recomputes that did not reach a worker (beat task). Returns enqueued ids.

    1. A run "running" for longer than ``stuck_after`` (its worker died) is queued again, or
       failed when another run is queued already.
    2. A run queued for longer than ``stale_after`` is enqueued again (a lost message, or the
       broker was down at save time); the conditional claim makes duplicates harmless.
    3. When nothing is pending and the inputs differ from the current run's (a change that
       bypassed the services), a recompute is requested, unless these same inputs just failed.
    """
    now = timezone.now()
    for stuck in DistributionRun.objects.filter(
        status=RunStatus.RUNNING, started_at__lt=now - stuck_after
    ):
        if DistributionRun.objects.filter(status=RunStatus.QUEUED).exists():
            stuck.status, stuck.error = RunStatus.FAILED, "afgebroken (worker gestopt)"
            stuck.finished_at = now
            stuck.save()
        else:
            DistributionRun.objects.filter(pk=stuck.pk, status=RunStatus.RUNNING).update(
                status=RunStatus.QUEUED, started_at=None
            )
    queued = list(
        DistributionRun.objects.filter(
            status=RunStatus.QUEUED, created_at__lt=now - stale_after
        ).values_list("pk", flat=True)
    )
    if not queued and not DistributionRun.objects.pending().exists():
        inputs = current_inputs()
        current = DistributionRun.objects.current()
        checksum = inputs.checksum
        changed = inputs.dataset is not None and (current is None or current.checksum != checksum)
        if changed and latest_failed_checksum() != checksum:
            distribution_request(reason="controle: invoer gewijzigd")
            return []
    for run_id in queued:
        distribution_enqueue(run_id=run_id)
    return queued


# --- inputs -------------------------------------------------------------------------------------


def region_figures_save(*, figures: RegionFigures, reason: str = "") -> bool:
    """Validate and save one region's figures, and ask for a recompute.

    Returns False, saving nothing and asking for no recompute, when the figures are the stored
    ones already: a save that changes no input makes no new version of the distribution.
    """
    figures.full_clean()
    with transaction.atomic():
        stored = RegionFigures.objects.select_for_update().filter(pk=figures.pk).first()
        if stored is not None and all(
            getattr(stored, name) == getattr(figures, name) for name in _FIGURE_FIELDS
        ):
            return False
        figures.save()
        distribution_request(
            reason=reason or _("Basisgegevens %(code)s gewijzigd") % {"code": figures.region.code}
        )
    return True


def base_data_set_delete(*, dataset: BaseDataSet) -> None:
    with transaction.atomic():
        dataset.delete()
        distribution_request(reason=_("Basisgegevensset verwijderd"))


def national_targets_save(
    *, targets: list[NationalTarget], deleted: Sequence[NationalTarget] = ()
) -> None:
    """Validate and save (or delete) national targets in one go: one recompute."""
    for target in targets:
        target.full_clean()
    with transaction.atomic():
        for target in deleted:
            target.delete()
        for target in targets:
            target.save()
        distribution_request(reason=_("Landelijke doelstellingen gewijzigd"))


def method_parameters_create(*, alpha: Decimal, beta: Decimal, note: str = "") -> MethodParameters:
    """A new version of the method's parameters, used from now on."""
    with transaction.atomic():
        latest = MethodParameters.objects.select_for_update().order_by("-version").first()
        parameters = MethodParameters(
            version=(latest.version + 1) if latest else 1, alpha=alpha, beta=beta, note=note
        )
        parameters.full_clean()
        parameters.save()
        distribution_request(
            reason=_("Nieuwe methodeparameters (versie %(v)s)") % {"v": parameters.version}
        )
    return parameters


def distribution_preview(*, parameters: Parameters) -> Distribution:
    """What-if: the distribution of the current inputs with other parameters (nothing saved)."""
    inputs = current_inputs()
    if inputs.dataset is None:
        raise DistributionError(_("Er zijn nog geen basisgegevens."))
    return distribute(inputs.regions, inputs.targets, parameters)


# --- import -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureChange:
    """One figure of one region that an import changes (old is None for a new region row)."""

    code: str
    name: str
    field: str
    old: int | None
    new: int | None


@dataclass
class ImportOutcome:
    """A (dry-run) import: import-export's result plus the file-level errors."""

    result: Result
    errors: list[str] = field(default_factory=list)
    saved: bool = False
    changes: list[FigureChange] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        totals = self.result.totals
        return bool(totals.get("new") or totals.get("update") or totals.get("delete"))

    @property
    def ok(self) -> bool:
        return not (self.errors or self.result.has_errors() or self.result.has_validation_errors())


def _run_import(
    resource: ModelResource,
    data: tablib.Dataset,
    *,
    dry_run: bool,
    errors: list[str],
    reason: str,
    after: Callable[[Result], list[FigureChange]] | None = None,
) -> ImportOutcome:
    result = resource.import_data(
        data, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True
    )
    outcome = ImportOutcome(result=result, errors=errors)
    if outcome.ok and after is not None:
        outcome.changes = after(result)
    if dry_run or not outcome.ok:
        transaction.set_rollback(True)  # all or nothing
    else:
        if outcome.changes_anything:  # an import that changes nothing makes no new version
            distribution_request(reason=reason)
        outcome.saved = True
    return outcome


# per region code: its name and its figures by field name
Figures = dict[str, tuple[str, dict[str, int | None]]]

_FIGURE_FIELDS = (
    "employment",
    "employment_market",
    "employment_government",
    "unemployed",
    "wajong",
)


def _figures_by_region(dataset: BaseDataSet | None) -> Figures:
    if dataset is None:
        return {}
    return {
        f.region.code: (f.region.name, {name: getattr(f, name) for name in _FIGURE_FIELDS})
        for f in dataset.figures.select_related("region")
    }


def _imported_figures(result: Result) -> Figures:
    """The figures each imported row holds (import-export keeps the instance per row)."""
    return {
        row.instance.region.code: (
            row.instance.region.name,
            {name: getattr(row.instance, name) for name in _FIGURE_FIELDS},
        )
        for row in result.rows
        if row.instance is not None and row.instance.region_id is not None
    }


def _figure_changes(before: Figures, after: Figures) -> list[FigureChange]:
    """Per region and figure: old → new, for the figures that differ (in region order)."""
    changes: list[FigureChange] = []
    for code in sorted(after):
        name, new = after[code]
        old = before.get(code, (name, {}))[1]
        changes.extend(
            FigureChange(code, name, figure, old.get(figure), new[figure])
            for figure in _FIGURE_FIELDS
            if old.get(figure) != new[figure]
        )
    return changes


def base_data_import(
    *, data: tablib.Dataset, reference_date: date, source: str, note: str = "", dry_run: bool
) -> ImportOutcome:
    """Import region figures into the data set of ``reference_date`` (created when new).

    Every region must occur exactly once; any row error saves nothing. One recompute per import.
    """
    codes = (
        [str(code or "").strip().upper() for code in data["region_code"]]
        if data.headers and ("region_code" in data.headers)
        else []
    )
    errors = []
    if not codes:
        errors.append(_("Het bestand heeft geen kolom region_code of geen rijen."))
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        errors.append(_("Regio's staan er meer dan eens in: %s") % ", ".join(duplicates))
    missing = sorted(set(Arbeidsmarktregio.objects.values_list("code", flat=True)) - set(codes))
    if codes and missing:
        errors.append(_("Deze regio's ontbreken: %s") % ", ".join(missing))
    with transaction.atomic():
        # What the figures are now: those of this reference date, or, for a new data set, those
        # of the data set in use (the one the new set will replace).
        dataset = BaseDataSet.objects.filter(reference_date=reference_date).first()
        before = _figures_by_region(dataset or BaseDataSet.objects.active())
        if dataset is None:
            dataset = BaseDataSet(reference_date=reference_date, source=source, note=note)
            dataset.full_clean()
            dataset.save()
        elif (dataset.source, dataset.note) != (source, note):
            dataset.source, dataset.note = source, note
            dataset.full_clean()
            dataset.save()
        return _run_import(
            RegionFiguresResource(dataset),
            data,
            dry_run=dry_run,
            errors=errors,
            reason=_("Basisgegevens geïmporteerd (peildatum %(d)s)") % {"d": reference_date},
            after=lambda result: _figure_changes(before, _imported_figures(result)),
        )


def national_targets_import(*, data: tablib.Dataset, dry_run: bool) -> ImportOutcome:
    """Import national targets keyed on year and sector; any row error saves nothing."""
    with transaction.atomic():
        return _run_import(
            NationalTargetResource(),
            data,
            dry_run=dry_run,
            errors=[],
            reason=_("Landelijke doelstellingen geïmporteerd"),
        )


# --- pending imports (the upload waits in the database, never in the session) -----------------


def pending_import_create(
    *, kind: str, extension: str, content: bytes, options: dict[str, str], user: User
) -> PendingImport:
    """Keep an uploaded file until staff confirm it; the user's older pending imports go."""
    with transaction.atomic():
        PendingImport.objects.filter(created_by=user).delete()
        return PendingImport.objects.create(
            kind=kind, extension=extension, content=content, options=options, created_by=user
        )


def pending_import_take(*, pending_id: int | None, kind: str, user: User) -> PendingImport | None:
    """Remove and return the user's pending import of ``kind``; None when gone or expired."""
    if not isinstance(pending_id, int):  # none, or a session from before (the file itself)
        return None
    fresh_after = timezone.now() - timedelta(minutes=settings.BANENAFSPRAAK_IMPORT_PENDING_MINUTES)
    with transaction.atomic():
        pending = (
            PendingImport.objects.select_for_update()
            .filter(pk=pending_id, kind=kind, created_by=user, created_at__gte=fresh_after)
            .first()
        )
        PendingImport.objects.filter(pk=pending_id, created_by=user).delete()
    return pending


def pending_import_purge() -> int:
    """Beat: delete uploads that were never confirmed or cancelled. Returns how many."""
    stale_before = timezone.now() - timedelta(minutes=settings.BANENAFSPRAAK_IMPORT_PENDING_MINUTES)
    deleted, _per_model = PendingImport.objects.filter(created_at__lt=stale_before).delete()
    return deleted
