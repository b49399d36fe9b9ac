from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import InterfaceError, OperationalError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regions.attachments import sniff_kind
from regions.models import (
    ActionPlan,
    ActionStatus,
    Arbeidsmarktregio,
    Decision,
    DecisionAttachment,
    Gemeente,
    Member,
    PlanAction,
    PlanGoal,
    PlanPdfStatus,
    PlanSection,
    PlanStatus,
    Realisation,
    Representative,
    SectionKey,
    Werkbedrijf,
)
from regions.reference import read_centrumgemeenten, read_gemeenten, read_regions
from regions.selectors import allocation_version, plan_document, region_allocation
from werkkamer.core.pdf import StoredFileError, read_verified, render_to_pdf, write_file
from werkkamer.core.tasks import send_or_leave_to_sweep
from werkkamer.core.uploads import zip_entry_count

if TYPE_CHECKING:
    from werkkamer.accounts.models import User

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=models.Model)


def reference_data_load(
    *,
    region_model: type[Arbeidsmarktregio] = Arbeidsmarktregio,
    gemeente_model: type[Gemeente] = Gemeente,
) -> int:
    """Load the committed regions and gemeenten (idempotent upsert on the CBS codes).

    The data migration passes its historical models; everyone else uses the defaults.
    Returns the number of gemeenten loaded.
    """
    gemeenten = read_gemeenten()
    with transaction.atomic():
        regions = {}
        for row in read_regions():
            regions[row.code], _ = region_model.objects.update_or_create(
                code=row.code, defaults={"name": row.name}
            )
        for gemeente in gemeenten:
            gemeente_model.objects.update_or_create(
                code=gemeente.code,
                defaults={"name": gemeente.name, "region": regions[gemeente.region_code]},
            )
        centrumgemeenten_load(region_model=region_model, gemeente_model=gemeente_model)
    return len(gemeenten)


def centrumgemeenten_load(
    *,
    region_model: type[Arbeidsmarktregio] = Arbeidsmarktregio,
    gemeente_model: type[Gemeente] = Gemeente,
) -> int:
    """Fill in the recorded centrumgemeenten where none is set (a staff entry is kept).

    Each one must lie in its region; a row that does not is a data error and stops the load.
    Returns the number of regions filled in.
    """
    filled = 0
    with transaction.atomic():
        for row in read_centrumgemeenten():
            gemeente = gemeente_model.objects.select_related("region").get(code=row.gemeente_code)
            if gemeente.region.code != row.region_code:
                raise ValueError(f"{row.gemeente_name} does not lie in {row.region_code}")
            filled += region_model.objects.filter(
                code=row.region_code, centrumgemeente__isnull=True
            ).update(centrumgemeente=gemeente)
    return filled


def reference_data_ensure() -> None:
    """Load the reference data only when missing (tests that flush the database call this)."""
    if Gemeente.objects.count() != len(read_gemeenten()) or not (
        Arbeidsmarktregio.objects.filter(centrumgemeente__isnull=False).exists()
    ):
        reference_data_load()


# --- Werkbedrijf ------------------------------------------------------------------------------


class EditConflict(Exception):
    """Someone else saved the object after this editor loaded it (optimistic locking)."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(f"stale version of {current!r}")
        self.current = current


class PlanReadOnly(Exception):
    """The plan is adopted (vastgesteld): nothing in it changes any more."""


# The five beslispunten at the start of a Werkbedrijf (sources/werkbedrijven-programmaraad.txt).
STANDARD_DECISIONS = {
    1: "Samenwerkingsvorm, taken en verantwoordelijkheden, voorzitterschap, financiering, "
    "aansluiting bij bestaande samenwerking en evaluatie",
    2: "Opdracht van de deelnemers aan de uitvoerders",
    3: "Arbeidsaanbod transparant maken en passende kandidaten aanbieden aan werkgevers",
    4: "Marktbewerkingsplan in relatie tot overige regionale activiteiten",
    5: "Geharmoniseerd basispakket met instrumenten, waaronder één loonwaardemethodiek",
}


def werkbedrijf_ensure(*, region: Arbeidsmarktregio) -> Werkbedrijf:
    """The region's Werkbedrijf, created with the five standard beslispunten when missing."""
    with transaction.atomic():
        werkbedrijf, _created = Werkbedrijf.objects.get_or_create(region=region)
        existing = set(
            werkbedrijf.decisions.filter(standard_point__isnull=False).values_list(
                "standard_point", flat=True
            )
        )
        for point, title in STANDARD_DECISIONS.items():
            if point not in existing:
                Decision.objects.create(werkbedrijf=werkbedrijf, standard_point=point, title=title)
    return werkbedrijf


def _save(instance: M, *, user: User) -> M:
    instance.full_clean()
    instance._history_user = user  # type: ignore[attr-defined]  # simple-history's author
    instance.save()
    return instance


def _update_versioned(instance: M, *, user: User, version: int, changes: Mapping[str, Any]) -> M:
    """Apply ``changes`` when ``version`` is still the stored one, else raise ``EditConflict``.

    The row is locked for the comparison, so of two simultaneous saves of the same version
    exactly one wins and the other gets the conflict.
    """
    with transaction.atomic():
        current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != version:  # type: ignore[attr-defined]
            raise EditConflict(current)
        for field, value in changes.items():
            setattr(current, field, value)
        current.version += 1  # type: ignore[attr-defined]
        return _save(current, user=user)


def member_create(*, werkbedrijf: Werkbedrijf, user: User, changes: Mapping[str, Any]) -> Member:
    with transaction.atomic():
        return _save(Member(werkbedrijf=werkbedrijf, **changes), user=user)


def member_update(
    *, member: Member, user: User, version: int, changes: Mapping[str, Any]
) -> Member:
    return _update_versioned(member, user=user, version=version, changes=changes)


def representative_create(
    *, member: Member, user: User, changes: Mapping[str, Any]
) -> Representative:
    with transaction.atomic():
        return _save(Representative(member=member, **changes), user=user)


def representative_update(
    *, representative: Representative, user: User, version: int, changes: Mapping[str, Any]
) -> Representative:
    return _update_versioned(representative, user=user, version=version, changes=changes)


def decision_create(
    *, werkbedrijf: Werkbedrijf, user: User, changes: Mapping[str, Any]
) -> Decision:
    with transaction.atomic():
        return _save(Decision(werkbedrijf=werkbedrijf, **changes), user=user)


def decision_update(
    *, decision: Decision, user: User, version: int, changes: Mapping[str, Any]
) -> Decision:
    return _update_versioned(decision, user=user, version=version, changes=changes)


ATTACHMENT_MAX_ZIP_ENTRIES = 1_000


def attachment_add(
    *, decision: Decision, user: User, upload: UploadedFile[bytes]
) -> DecisionAttachment:
    """Store a PDF, DOCX or XLSX file with a decision, recognised by its content."""
    limit = settings.REGIONS_ATTACHMENT_MAX_BYTES
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("Het bestand is te groot: maximaal %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
            code="too_large",
        )
    entries = zip_entry_count(upload)
    if entries is not None and entries > ATTACHMENT_MAX_ZIP_ENTRIES:
        # a DOCX or XLSX has dozens of parts; listing a million would take the memory
        raise ValidationError(
            _("Het bestand bevat te veel onderdelen (%(count)s; hoogstens %(max)s).")
            % {"count": entries, "max": ATTACHMENT_MAX_ZIP_ENTRIES},
            code="file_type",
        )
    kind = sniff_kind(upload)
    if kind is None:
        raise ValidationError(
            _("Alleen PDF-, Word- (DOCX) en Excel-bestanden (XLSX) zijn toegestaan."),
            code="file_type",
        )
    with transaction.atomic():
        attachment = DecisionAttachment(
            decision=decision,
            original_name=(upload.name or "")[:200],
            kind=kind,
            size=upload.size or 0,
            uploaded_by=user,
        )
        attachment.file.save(upload.name or "", upload, save=False)
        return _save(attachment, user=user)


def realisation_save(
    *, werkbedrijf: Werkbedrijf, user: User, year: int, market: int, government: int, source: str
) -> Realisation:
    """Enter or correct the realised garantiebanen of one year."""
    with transaction.atomic():
        realisation = Realisation.objects.select_for_update().filter(
            werkbedrijf=werkbedrijf, year=year
        ).first() or Realisation(werkbedrijf=werkbedrijf, year=year)
        realisation.market, realisation.government, realisation.source = market, government, source
        return _save(realisation, user=user)


# --- Action plan ------------------------------------------------------------------------------


def _lock_draft(plan: ActionPlan) -> ActionPlan:
    """Lock the plan row and refuse when it is adopted (call inside ``transaction.atomic``)."""
    locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.DRAFT:
        raise PlanReadOnly(locked)
    return locked


def plan_start(*, werkbedrijf: Werkbedrijf, user: User) -> ActionPlan:
    """The Werkbedrijf's draft plan: the existing one, or a new copy of the latest adopted plan.

    A first plan starts with the empty standard sections. Goals are copied; of the actions only
    those still planned or ongoing move to the new draft.
    """
    with transaction.atomic():
        Werkbedrijf.objects.select_for_update().get(pk=werkbedrijf.pk)
        draft = werkbedrijf.plans.filter(status=PlanStatus.DRAFT).first()
        if draft is not None:
            return draft
        previous = werkbedrijf.plans.adopted().order_by("-adopted_on", "-pk").first()
        plan = _save(
            ActionPlan(
                werkbedrijf=werkbedrijf,
                based_on=previous,
                title=_("Plan van aanpak %(region)s") % {"region": werkbedrijf.region.name},
            ),
            user=user,
        )
        bodies = dict(previous.sections.values_list("key", "body")) if previous else {}
        for position, key in enumerate(SectionKey.values, start=1):
            _save(
                PlanSection(plan=plan, key=key, position=position, body=bodies.get(key, "")),
                user=user,
            )
        if previous is not None:
            for goal in previous.goals.all():
                _save(
                    PlanGoal(
                        plan=plan, year=goal.year, market=goal.market, government=goal.government
                    ),
                    user=user,
                )
            for action in previous.actions.filter(
                status__in=[ActionStatus.PLANNED, ActionStatus.ONGOING]
            ):
                _save(
                    PlanAction(
                        plan=plan,
                        title=action.title,
                        owner=action.owner,
                        deadline=action.deadline,
                        status=action.status,
                    ),
                    user=user,
                )
        return plan


def plan_section_update(
    *, section: PlanSection, user: User, version: int, body: str
) -> PlanSection:
    with transaction.atomic():
        _lock_draft(section.plan)
        return _update_versioned(section, user=user, version=version, changes={"body": body})


def plan_action_create(*, plan: ActionPlan, user: User, changes: Mapping[str, Any]) -> PlanAction:
    with transaction.atomic():
        _lock_draft(plan)
        return _save(PlanAction(plan=plan, **changes), user=user)


def plan_action_update(
    *, action: PlanAction, user: User, version: int, changes: Mapping[str, Any]
) -> PlanAction:
    with transaction.atomic():
        _lock_draft(action.plan)
        return _update_versioned(action, user=user, version=version, changes=changes)


def plan_goals_save(
    *, plan: ActionPlan, user: User, goals: Mapping[int, tuple[int, int]]
) -> list[PlanGoal]:
    """Replace the plan's goals by ``{year: (market, government)}`` (unchanged years untouched)."""
    with transaction.atomic():
        _lock_draft(plan)
        existing = {goal.year: goal for goal in plan.goals.select_for_update()}
        for year, goal in existing.items():
            if year not in goals:
                goal._history_user = user  # type: ignore[attr-defined]
                goal.delete()
        saved = []
        for year, (market, government) in sorted(goals.items()):
            goal = existing.get(year) or PlanGoal(plan=plan, year=year)
            if goal.pk and (goal.market, goal.government) == (market, government):
                saved.append(goal)
                continue
            goal.market, goal.government = market, government
            saved.append(_save(goal, user=user))
        return saved


def plan_adopt(*, plan: ActionPlan, user: User) -> ActionPlan:
    """Adopt (vaststellen) a draft plan: from now on it is read-only.

    Every standard section must have text and the plan must have at least one goal.
    """
    with transaction.atomic():
        plan = _lock_draft(plan)
        empty = [s.get_key_display() for s in plan.sections.all() if not s.body.strip()]
        errors = []
        if empty:
            errors.append(_("Vul eerst deze onderdelen in: %(list)s.") % {"list": ", ".join(empty)})
        if not plan.goals.exists():
            errors.append(_("Leg eerst ten minste één doel per jaar vast."))
        if errors:
            raise ValidationError(errors)
        plan.status = PlanStatus.ADOPTED
        plan.adopted_on = timezone.localdate()
        plan.adopted_by = user
        # the allocation it is adopted against, kept as data: a later distribution never
        # changes what this plan was measured against
        allocation = region_allocation(region=plan.werkbedrijf.region)
        plan.adopted_allocation = {str(year): figures for year, figures in allocation.items()}
        plan.adopted_allocation_run = allocation_version() if allocation else None
        plan.pdf_status = PlanPdfStatus.QUEUED
        plan.pdf_queued_at = timezone.now()
        _save(plan, user=user)
        transaction.on_commit(partial(plan_pdf_enqueue, plan_id=plan.pk))
        return plan


# --- the adopted plan's PDF: rendered once by the worker, stored with its SHA-256 --------------


def plan_pdf_file_name(plan_id: int) -> str:
    return f"plannen/{plan_id}/plan-van-aanpak-{plan_id}.pdf"


def plan_pdf_enqueue(*, plan_id: int) -> bool:
    """Send the render task; a broker outage never fails the request (the sweep resends)."""
    from regions.tasks import plan_pdf_render

    return send_or_leave_to_sweep(plan_pdf_render, plan_id, label="plan")


def _stale_before() -> datetime:
    return timezone.now() - timedelta(seconds=settings.REGIONS_PLAN_PDF_STALE_AFTER)


def plan_pdf_render(*, plan_id: int) -> str:
    """Render and store an adopted plan's PDF once. "skipped", "ready" or "failed".

    Claimed by a conditional UPDATE (queued, or rendering by a worker that died), written
    under a name fixed by the plan's id, and marked ready with its SHA-256 only while this
    attempt still holds the claim. A ready plan is never claimed again.
    """
    claimed = (
        ActionPlan.objects.filter(pk=plan_id, status=PlanStatus.ADOPTED)
        .filter(
            models.Q(pdf_status=PlanPdfStatus.QUEUED)
            | models.Q(pdf_status=PlanPdfStatus.RENDERING, pdf_started_at__lt=_stale_before())
        )
        .update(
            pdf_status=PlanPdfStatus.RENDERING,
            pdf_started_at=timezone.now(),
            pdf_attempts=models.F("pdf_attempts") + 1,
            pdf_error="",
        )
    )
    if not claimed:
        return "skipped"
    plan = ActionPlan.objects.select_related("werkbedrijf__region").get(pk=plan_id)
    try:
        with translation.override("nl"):
            _html, pdf = render_to_pdf("regions/pdf/action_plan.html", plan_document(plan=plan))
        with transaction.atomic():
            mine = (
                ActionPlan.objects.select_for_update()
                .filter(
                    pk=plan_id,
                    pdf_status=PlanPdfStatus.RENDERING,
                    pdf_attempts=plan.pdf_attempts,
                )
                .exists()
            )
            if not mine:
                return "skipped"
            name = plan_pdf_file_name(plan_id)
            write_file(name, pdf)
            ActionPlan.objects.filter(pk=plan_id).update(
                pdf_status=PlanPdfStatus.READY,
                pdf=name,
                pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                pdf_size=len(pdf),
            )
    except (OperationalError, InterfaceError):
        ActionPlan.objects.filter(pk=plan_id, pdf_status=PlanPdfStatus.RENDERING).update(
            pdf_status=PlanPdfStatus.QUEUED
        )
        raise
    except Exception as exc:
        logger.exception("plan %s: PDF failed", plan_id)
        ActionPlan.objects.filter(
            pk=plan_id, pdf_status=PlanPdfStatus.RENDERING, pdf_attempts=plan.pdf_attempts
        ).update(pdf_status=PlanPdfStatus.FAILED, pdf_error=f"{type(exc).__name__}: {exc}"[:2000])
        return "failed"
    logger.info("plan %s: PDF ready", plan_id)
    return "ready"


PLAN_PDF_MAX_ATTEMPTS = 3


def plan_pdf_sweep() -> list[int]:
    """Beat: (re)send adopted plans whose PDF is missing, stalled or failed (a few attempts).

    Also picks up the plans adopted before PDFs were stored (queued by the migration).
    """
    stale = _stale_before()
    due = list(
        ActionPlan.objects.filter(status=PlanStatus.ADOPTED)
        .filter(
            models.Q(pdf_status=PlanPdfStatus.QUEUED, pdf_queued_at__isnull=True)
            | models.Q(pdf_status=PlanPdfStatus.QUEUED, pdf_queued_at__lt=stale)
            | models.Q(pdf_status=PlanPdfStatus.RENDERING, pdf_started_at__lt=stale)
            | models.Q(pdf_status=PlanPdfStatus.FAILED, pdf_attempts__lt=PLAN_PDF_MAX_ATTEMPTS)
            | models.Q(pdf_status="")
        )
        .values_list("pk", flat=True)
    )
    for plan_id in due:
        ActionPlan.objects.filter(pk=plan_id, pdf_status__in=[PlanPdfStatus.FAILED, ""]).update(
            pdf_status=PlanPdfStatus.QUEUED
        )
        ActionPlan.objects.filter(pk=plan_id, pdf_status=PlanPdfStatus.QUEUED).update(
            pdf_queued_at=timezone.now()
        )
        plan_pdf_enqueue(plan_id=plan_id)
    return due


def plan_pdf_bytes(*, plan: ActionPlan) -> bytes | None:
    """The adopted plan's stored PDF (checked against its SHA-256); None until it is ready.

    A file that is missing or changed is queued again for the worker, never rendered here.
    """
    if not plan.pdf_is_ready:
        return None
    try:
        return read_verified(plan.pdf.name or "", plan.pdf_sha256)
    except StoredFileError:
        logger.error("plan %s: stored PDF missing or changed; queued again", plan.pk)
        ActionPlan.objects.filter(pk=plan.pk, pdf_status=PlanPdfStatus.READY).update(
            pdf_status=PlanPdfStatus.QUEUED, pdf_queued_at=timezone.now(), pdf_attempts=0
        )
        transaction.on_commit(partial(plan_pdf_enqueue, plan_id=plan.pk))
        return None
