"""Writes of the loonwaarde app: assessments, finalising, versions, reference data, reminders."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from loonwaarde import subsidy
from loonwaarde.models import (
    Assessment,
    AssessmentTask,
    Certification,
    Method,
    MinimumWage,
    Reminder,
)
from loonwaarde.reference import read_methods, read_minimum_wages
from loonwaarde.selectors import (
    assessment_lks,
    method_in_force,
    minimum_wage_before,
    reassessments_due,
    region_coordinators,
)
from werkkamer.accounts.models import User

if TYPE_CHECKING:
    from regions.models import Arbeidsmarktregio
    from werkkamer.accounts.models import Organisation


@dataclass(frozen=True)
class AssessmentInput:
    candidate_reference: str
    employer: Organisation
    region: Arbeidsmarktregio
    method: Method
    job_title: str
    workplace: str
    observation_date: date
    hours_per_week: Decimal
    reassessment_months: int
    motivation: str


@dataclass(frozen=True)
class TaskInput:
    description: str
    share: Decimal
    tempo: Decimal
    quality: Decimal
    employability: Decimal


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _euro(value: Decimal) -> str:
    return number_format(value, 2, use_l10n=True, force_grouping=True)


# --- Reference data -------------------------------------------------------------------------


def reference_data_load(
    *, method_model: type[Method] = Method, wage_model: type[MinimumWage] = MinimumWage
) -> None:
    """Upsert the committed methods and minimum wages (the data migration passes its models)."""
    with transaction.atomic():
        for row in read_methods():
            method_model.objects.update_or_create(
                code=row.code,
                defaults={
                    "name": row.name,
                    "valid_from": row.valid_from,
                    "valid_until": row.valid_until,
                    "national": row.national,
                    "source": row.source,
                },
            )
        for wage in read_minimum_wages():
            wage_model.objects.update_or_create(
                valid_from=wage.valid_from, defaults={"hourly": wage.hourly, "source": wage.source}
            )


# A new wage more than this much higher than the one before needs a confirmation too: a typing
# mistake (147,10 for 14,71) would otherwise set every LKS of the half-year.
WAGE_RISE_CONFIRM = Decimal("0.25")


def minimum_wage_add(
    *, by: User, valid_from: date, hourly: Decimal, source: str, confirm: bool = False
) -> MinimumWage:
    """Staff add the statutory minimum wage per hour from 1 January or 1 July, with its source.
    An amount lower than the wage before it, or more than 25% higher, needs ``confirm``."""
    if not (by.is_authenticated and by.is_werkkamer_staff):
        raise ValidationError(_("Alleen de Werkkamer legt minimumlonen vast."), code="staff")
    wage = MinimumWage(valid_from=valid_from, hourly=hourly, source=source.strip())
    wage.full_clean(validate_unique=False)  # 1 January or 1 July, above € 0, a source
    before = minimum_wage_before(on=valid_from)
    if before is not None and not confirm and (message := _wage_to_confirm(hourly, before)):
        raise ValidationError({"hourly": message}, code="confirm")
    existing = MinimumWage.objects.filter(valid_from=valid_from).first()
    try:
        if existing is not None:
            raise IntegrityError
        with transaction.atomic():
            wage._history_user = by  # type: ignore[attr-defined]  # simple-history's author
            wage.save()
    except IntegrityError:  # also when another member of staff saved the same date just now
        existing = existing or MinimumWage.objects.get(valid_from=valid_from)
        raise ValidationError(
            {
                "valid_from": _(
                    "Vanaf %(date)s is al een minimumloon vastgelegd (€ %(hourly)s per uur)."
                )
                % {"date": _day(valid_from), "hourly": _euro(existing.hourly)}
            },
            code="exists",
        ) from None
    return wage


def _wage_to_confirm(hourly: Decimal, before: MinimumWage) -> str:
    """Why ``hourly`` needs a confirmation after ``before`` ('' when it does not)."""
    if hourly < before.hourly:
        message = _(
            "€ %(hourly)s is lager dan het minimumloon vanaf %(date)s (€ %(before)s). Klopt "
            "dit, vink dan de bevestiging aan."
        )
    elif hourly > before.hourly * (1 + WAGE_RISE_CONFIRM):
        message = _(
            "€ %(hourly)s is meer dan 25%% hoger dan het minimumloon vanaf %(date)s "
            "(€ %(before)s). Klopt dit, vink dan de bevestiging aan."
        )
    else:
        return ""
    return message % {
        "hourly": _euro(hourly),
        "date": _day(before.valid_from),
        "before": _euro(before.hourly),
    }


def reference_data_ensure() -> None:
    """Load the reference data when missing (tests that flush the database call this)."""
    if not Method.objects.exists() or not MinimumWage.objects.exists():
        reference_data_load()


# --- Assessments ----------------------------------------------------------------------------


def _check_method(assessment: Assessment) -> None:
    """The method must be the one in force for the region on the observation date."""
    on, region = assessment.observation_date, assessment.region
    in_force = method_in_force(region=region, on=on)
    if in_force is None:
        raise ValidationError(
            {
                "method": _(
                    "Voor %(region)s is op %(date)s geen loonwaardemethode vastgelegd. Vraag de "
                    "Werkkamer de methodekeuze van het Werkbedrijf vast te leggen."
                )
                % {"region": region.name, "date": _day(on)}
            },
            code="no_method",
        )
    if assessment.method_id != in_force.pk:
        raise ValidationError(
            {
                "method": _(
                    "De methode %(method)s geldt niet in %(region)s op %(date)s. Daar geldt "
                    "%(in_force)s."
                )
                % {
                    "method": assessment.method.name,
                    "region": region.name,
                    "date": _day(on),
                    "in_force": in_force.name,
                }
            },
            code="wrong_method",
        )


def _loonwaarde(tasks: list[TaskInput]) -> int:
    try:
        return subsidy.loonwaarde_from_tasks(
            subsidy.Task(t.share, t.tempo, t.quality, t.employability) for t in tasks
        )
    except subsidy.SubsidyError as error:
        raise ValidationError({"tasks": str(error)}, code="tasks") from error


def _fill(assessment: Assessment, data: AssessmentInput, tasks: list[TaskInput]) -> None:
    for field in fields(data):
        setattr(assessment, field.name, getattr(data, field.name))
    if data.observation_date > timezone.localdate():
        raise ValidationError(
            {"observation_date": _("De werkplekobservatie kan niet in de toekomst liggen.")}
        )
    assessment.loonwaarde = _loonwaarde(tasks)
    assessment.next_reassessment = subsidy.add_months(
        data.observation_date, data.reassessment_months
    )
    _check_method(assessment)
    assessment.full_clean()


def _save_tasks(assessment: Assessment, tasks: list[TaskInput]) -> None:
    rows = [
        AssessmentTask(assessment=assessment, position=i, **asdict(task))
        for i, task in enumerate(tasks)
    ]
    for row in rows:
        row.full_clean(exclude=["assessment"])
    assessment.tasks.all().delete()
    AssessmentTask.objects.bulk_create(rows)


def assessment_create(
    *, assessor: User, data: AssessmentInput, tasks: list[TaskInput]
) -> Assessment:
    if not assessor.is_assessor:
        raise ValidationError(_("Alleen loonwaardedeskundigen maken beoordelingen."))
    assessment = Assessment(assessor=assessor)
    _fill(assessment, data, tasks)
    with transaction.atomic():
        assessment.save()
        _save_tasks(assessment, tasks)
    return assessment


def _locked_own(assessment: Assessment, by: User) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.assessor_id != by.pk:
        raise ValidationError(_("Alleen de eigen loonwaardedeskundige kan dit doen."))
    return locked


def _read_only_error() -> ValidationError:
    return ValidationError(
        _(
            "Deze beoordeling is definitief en kan niet meer worden gewijzigd. Maak een nieuwe "
            "versie om haar te corrigeren."
        ),
        code="final",
    )


def assessment_update(
    *, assessment: Assessment, by: User, data: AssessmentInput, tasks: list[TaskInput]
) -> Assessment:
    with transaction.atomic():
        locked = _locked_own(assessment, by)
        if locked.is_final:
            raise _read_only_error()
        _fill(locked, data, tasks)
        locked.save()
        _save_tasks(locked, tasks)
    return locked


def _current_certification(by: User, method: Method, today: date) -> Certification:
    certifications = Certification.objects.filter(assessor=by, method=method)
    valid = [c for c in certifications if c.is_valid_on(today)]
    if valid:
        return max(valid, key=lambda c: c.valid_until or date.max)
    if not certifications:
        raise ValidationError(
            _(
                "U bent niet gecertificeerd voor de methode %(method)s. Alleen een "
                "loonwaardedeskundige met een geldige certificering voor de methode van de regio "
                "kan een beoordeling definitief maken."
            )
            % {"method": method.name},
            code="not_certified",
        )
    latest = max(certifications, key=lambda c: c.valid_until or date.max)
    if latest.valid_from > today:
        message = _("Uw certificering %(number)s voor %(method)s gaat pas in op %(date)s.")
        when = latest.valid_from
    else:
        message = _(
            "Uw certificering %(number)s voor %(method)s is verlopen op %(date)s. Laat haar "
            "verlengen voordat u deze beoordeling definitief maakt."
        )
        when = cast(date, latest.valid_until)  # the latest one has lapsed: it has an end
    raise ValidationError(
        message % {"number": latest.number, "method": method.name, "date": _day(when)},
        code="certification_lapsed",
    )


def assessment_finalise_check(
    *, assessment: Assessment, by: User, today: date | None = None
) -> tuple[Certification, subsidy.Lks]:
    """What finalising would fix (the certificate and the LKS), or the ValidationError that
    would refuse it. Writes nothing: the confirmation page shows it before the assessor confirms."""
    today = today or timezone.localdate()
    if assessment.assessor_id != by.pk:
        raise ValidationError(_("Alleen de eigen loonwaardedeskundige kan dit doen."))
    if assessment.is_final:
        raise ValidationError(_("Deze beoordeling is al definitief."), code="final")
    _check_method(assessment)
    certification = _current_certification(by, assessment.method, today)
    lks = assessment_lks(assessment=assessment)
    if lks is None:
        raise ValidationError(
            _(
                "Er is geen wettelijk minimumloon bekend op %(date)s. Vraag de Werkkamer het "
                "bedrag met de bron toe te voegen."
            )
            % {"date": _day(assessment.observation_date)},
            code="no_minimum_wage",
        )
    return certification, lks


def assessment_finalise(
    *, assessment: Assessment, by: User, today: date | None = None
) -> Assessment:
    """Make a concept definitief: only its own, currently certified assessor can, and only with
    the region's method in force; the LKS, the wage it used and the certificate are stored."""
    with transaction.atomic():
        locked = _locked_own(assessment, by)
        certification, lks = assessment_finalise_check(assessment=locked, by=by, today=today)
        locked.status = Assessment.Status.FINAL
        locked.finalised_at = timezone.now()
        locked.certification = certification
        locked.minimum_wage_hourly = lks.minimum_wage_hourly
        locked.minimum_wage_from = lks.minimum_wage_from
        locked.lks_monthly, locked.lks_yearly = lks.monthly, lks.yearly
        locked.full_clean()
        locked.save()
    return locked


def assessment_new_version(*, previous: Assessment, by: User) -> Assessment:
    """A concept copy of a finalised assessment, linked to it, to correct or re-assess."""
    with transaction.atomic():
        locked = _locked_own(previous, by)
        if not locked.is_final:
            raise ValidationError(
                _("Alleen van een definitieve beoordeling kunt u een nieuwe versie maken."),
                code="concept",
            )
        if Assessment.objects.filter(previous=locked).exists():
            raise ValidationError(
                _("Van deze versie bestaat al een nieuwere versie."), code="has_version"
            )
        tasks = list(locked.tasks.all())
        new = Assessment.objects.get(pk=locked.pk)
        new.pk = None
        new.status, new.version, new.previous = (
            Assessment.Status.CONCEPT,
            locked.version + 1,
            locked,
        )
        new.finalised_at = new.certification = None
        new.minimum_wage_hourly = new.lks_monthly = new.lks_yearly = None
        new.minimum_wage_from = None
        new.save()
        for task in tasks:
            task.pk, task.assessment = None, new
        AssessmentTask.objects.bulk_create(tasks)
    return new


# --- Reminders ------------------------------------------------------------------------------


def _reminder_kind(assessment: Assessment, today: date) -> str:
    if assessment.next_reassessment < today:
        return Reminder.Kind.OVERDUE
    return Reminder.Kind.DUE_SOON


def reminders_enqueue(*, today: date) -> int:
    """Enqueue one send task per reminder not yet sent; returns how many were enqueued."""
    from loonwaarde.tasks import reminder_send

    due = list(reassessments_due(today=today, within_days=settings.LOONWAARDE_REMINDER_DAYS))
    sent = set(Reminder.objects.filter(assessment__in=due).values_list("assessment_id", "kind"))
    pending = [(a.pk, kind) for a in due if (a.pk, kind := _reminder_kind(a, today)) not in sent]
    for assessment_id, kind in pending:
        transaction.on_commit(partial(reminder_send.delay, assessment_id, kind))
    return len(pending)


def _recipients(assessment: Assessment) -> list[str]:
    coordinators = region_coordinators(region=assessment.region).values_list("email", flat=True)
    assessor = [assessment.assessor.email] if assessment.assessor.is_active else []
    return sorted(set(assessor) | set(coordinators))


def reminder_send(*, assessment_id: int, kind: str) -> bool:
    """Send one reminder once: the Reminder row is the claim, its unique constraint keeps a
    second run (or a second worker) from sending again. A mail error rolls the claim back so a
    retry sends it. Returns whether a mail went out."""
    with transaction.atomic():
        assessment = (
            Assessment.objects.current()
            .select_related("assessor", "region", "employer")
            .filter(pk=assessment_id)
            .first()
        )
        if assessment is None:
            return False
        recipients = _recipients(assessment)
        _reminder, created = Reminder.objects.get_or_create(
            assessment=assessment, kind=kind, defaults={"recipients": ", ".join(recipients)}
        )
        if not created or not recipients:
            return False
        context = {
            "assessment": assessment,
            "overdue": kind == Reminder.Kind.OVERDUE,
            "url": settings.SITE_URL.rstrip("/") + assessment.get_absolute_url(),
        }
        send_mail(
            render_to_string("loonwaarde/email/reminder_subject.txt", context).strip(),
            render_to_string("loonwaarde/email/reminder_body.txt", context),
            None,
            recipients,
        )
    return True
