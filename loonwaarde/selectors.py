from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet, Sum

from loonwaarde import subsidy
from loonwaarde.models import (
    Assessment,
    Certification,
    Method,
    MinimumWage,
    RegionMethodChoice,
    Reminder,
)
from regions.models import Arbeidsmarktregio
from werkkamer.accounts.models import Role, User


def method_in_force(*, region: Arbeidsmarktregio, on: date) -> Method | None:
    """The method an assessment in ``region`` on ``on`` must use: the national method where one
    is in force (the ULM since 1 July 2021), else the method the region's Werkbedrijf chose for
    that date, provided that method itself is valid then. ``None``: no method is in force."""
    national = Method.objects.valid_on(on).filter(national=True).order_by("-valid_from").first()
    if national is not None:
        return national
    choice = (
        RegionMethodChoice.objects.filter(region=region, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .select_related("method")
        .first()
    )
    if choice is None or not choice.method.is_valid_on(on):
        return None
    return choice.method


def minimum_wage_rates() -> list[subsidy.MinimumWage]:
    return [
        subsidy.MinimumWage(valid_from=row.valid_from, hourly=row.hourly)
        for row in MinimumWage.objects.all()
    ]


def assessment_lks(*, assessment: Assessment) -> subsidy.Lks | None:
    """The LKS for an assessment on its observation date; ``None`` when no wage is known.
    A finalised assessment is computed with the minimum wage stored when it was finalised."""
    if assessment.is_final and assessment.minimum_wage_hourly is not None:
        valid_from = assessment.minimum_wage_from or assessment.observation_date
        rates = [subsidy.MinimumWage(valid_from, assessment.minimum_wage_hourly)]
    else:
        rates = minimum_wage_rates()
    try:
        return subsidy.lks(
            loonwaarde=assessment.loonwaarde,
            hours_per_week=assessment.hours_per_week,
            on=assessment.observation_date,
            rates=rates,
        )
    except subsidy.SubsidyError:
        return None


@dataclass(frozen=True)
class WageGap:
    """No minimum wage is known for the half-year that started on ``period_start``: every LKS
    computed for a date in it uses the wage of ``used_from`` (``None``: no wage at all)."""

    period_start: date
    used_from: date | None
    used_hourly: Decimal | None


def minimum_wage_gap(*, today: date) -> WageGap | None:
    """``None`` when the wage table has a wage for the half-year of ``today``."""
    period_start = subsidy.half_year_start(today)
    latest = MinimumWage.objects.filter(valid_from__lte=today).order_by("-valid_from").first()
    if latest is not None and latest.valid_from >= period_start:
        return None
    return WageGap(
        period_start=period_start,
        used_from=latest.valid_from if latest else None,
        used_hourly=latest.hourly if latest else None,
    )


def minimum_wage_before(*, on: date) -> MinimumWage | None:
    """The wage in force the day before ``on`` (what a new wage from ``on`` replaces)."""
    return MinimumWage.objects.filter(valid_from__lt=on).order_by("-valid_from").first()


def minimum_wages() -> QuerySet[MinimumWage]:
    return MinimumWage.objects.order_by("-valid_from")


LAPSING_DAYS = 60


@dataclass(frozen=True)
class Lapsing:
    """What ends within the window: methods, and certifications without a successor (a newer
    certificate of the same assessor for the same method that starts by the day after)."""

    methods: list[Method]
    certifications: list[Certification]

    def __bool__(self) -> bool:
        return bool(self.methods or self.certifications)


def lapsing(*, today: date, within_days: int = LAPSING_DAYS) -> Lapsing:
    window = Q(valid_until__gte=today, valid_until__lte=today + timedelta(days=within_days))
    methods = list(Method.objects.filter(window).order_by("valid_until", "name"))
    ending = list(
        Certification.objects.filter(window, assessor__is_active=True)
        .select_related("assessor", "method")
        .order_by("valid_until", "pk")
    )
    others = Certification.objects.filter(
        assessor__in={c.assessor_id for c in ending}, method__in={c.method_id for c in ending}
    )

    def renewed(c: Certification) -> bool:
        return any(
            o.pk != c.pk
            and o.assessor_id == c.assessor_id
            and o.method_id == c.method_id
            and o.valid_from <= c.valid_until + timedelta(days=1)
            and (o.valid_until is None or o.valid_until > c.valid_until)
            for o in others
        )

    return Lapsing(methods=methods, certifications=[c for c in ending if not renewed(c)])


def region_coordinators(*, region: Arbeidsmarktregio) -> QuerySet[User]:
    """The active coordinators of a region: they read its assessments."""
    return User.objects.filter(role=Role.COORDINATOR, regions=region, is_active=True).order_by(
        "last_name", "first_name", "email"
    )


def certifications_of(*, assessor: User) -> QuerySet[Certification]:
    return Certification.objects.filter(assessor=assessor).select_related("method")


def assessment_list(*, user: User) -> QuerySet[Assessment]:
    return Assessment.objects.visible_to(user).select_related(
        "employer", "region", "method", "assessor"
    )


def reassessments_due(*, today: date, within_days: int) -> QuerySet[Assessment]:
    """Current finalised assessments whose re-assessment is overdue or due within the window."""
    return (
        Assessment.objects.current()
        .filter(next_reassessment__lte=today + timedelta(days=within_days))
        .select_related("assessor", "region", "employer", "method")
        .order_by("next_reassessment", "pk")
    )


@dataclass(frozen=True)
class DueRow:
    assessment: Assessment
    overdue: bool
    reminded_soon: bool
    reminded_overdue: bool


def reassessment_rows(*, user: User, today: date, within_days: int) -> list[DueRow]:
    """What is due for ``user`` (within their scope), with the reminders already sent."""
    due = list(
        reassessments_due(today=today, within_days=within_days).filter(
            pk__in=Assessment.objects.visible_to(user).values("pk")
        )
    )
    sent = set(Reminder.objects.filter(assessment__in=due).values_list("assessment_id", "kind"))
    return [
        DueRow(
            assessment=a,
            overdue=a.next_reassessment < today,
            reminded_soon=(a.pk, Reminder.Kind.DUE_SOON) in sent,
            reminded_overdue=(a.pk, Reminder.Kind.OVERDUE) in sent,
        )
        for a in due
    ]


@dataclass(frozen=True)
class RegionSummary:
    code: str
    name: str
    concepts: int
    finalised: int
    average_loonwaarde: Decimal | None
    lks_yearly_total: Decimal


def region_overview(*, regions: QuerySet[Arbeidsmarktregio]) -> list[RegionSummary]:
    """Counts and totals per region, without any personal data. Figures use the current version
    of each assessment: a corrected assessment counts once."""
    current = Assessment.objects.current()
    finalised = Q(loonwaarde_assessments__in=current)
    rows = regions.order_by("code").annotate(
        concepts=Count(
            "loonwaarde_assessments",
            filter=Q(loonwaarde_assessments__status=Assessment.Status.CONCEPT),
        ),
        finalised=Count("loonwaarde_assessments", filter=finalised),
        average=Avg("loonwaarde_assessments__loonwaarde", filter=finalised),
        lks_total=Sum("loonwaarde_assessments__lks_yearly", filter=finalised),
    )
    return [
        RegionSummary(
            code=r.code,
            name=r.name,
            concepts=r.concepts,
            finalised=r.finalised,
            average_loonwaarde=None
            if r.average is None
            else Decimal(r.average).quantize(Decimal("0.1")),
            # cents, whatever the backend's SUM returns (SQLite gives extra digits)
            lks_yearly_total=(r.lks_total or Decimal("0")).quantize(Decimal("0.01")),
        )
        for r in rows
    ]


def overview_regions(*, user: User) -> QuerySet[Arbeidsmarktregio]:
    if user.is_werkkamer_staff:
        return Arbeidsmarktregio.objects.all()
    if user.is_coordinator:
        return user.regions.all()
    return Arbeidsmarktregio.objects.none()
