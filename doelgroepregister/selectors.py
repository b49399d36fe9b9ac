from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from doelgroepregister.models import (
    ANSWERED_OUTCOMES,
    FAILED_OUTCOMES,
    NOT_COUNTED,
    CheckLog,
    CheckOutcome,
    Grondslag,
    ImportStatus,
    RegisterImport,
    Registration,
)
from regions.models import Arbeidsmarktregio

Status = tuple[str, date | None]  # (CheckOutcome, end date of the registration)


def registration_statuses(*, hashes: list[str], on: date) -> dict[str, Status]:
    """For each BSN hash: in the register on ``on`` and counted or not, and the end date.

    A person can have several entries (grounds); they count when any entry on that day counts,
    and the registration ends when the last of those entries ends (open when one has no end).
    """
    found: dict[str, list[tuple[str, date | None]]] = defaultdict(list)
    for start in range(0, len(hashes), 1000):
        entries = (
            Registration.objects.active_on(on)
            .filter(bsn_hash__in=hashes[start : start + 1000])
            .values_list("bsn_hash", "grondslag", "end_date")
        )
        for digest, grondslag, end in entries:
            found[digest].append((grondslag, end))
    return {digest: _status(found.get(digest, ())) for digest in hashes}


def _status(entries: Iterable[tuple[str, date | None]]) -> Status:
    entries = list(entries)
    if not entries:
        return (CheckOutcome.NOT_FOUND, None)
    counts = any(grondslag not in NOT_COUNTED for grondslag, _ in entries)
    ends = [end for _, end in entries]
    return (
        CheckOutcome.COUNTS if counts else CheckOutcome.NOT_COUNTED,
        None if None in ends else max(ends),
    )


def register_counts(*, on: date) -> dict:
    """Entries in the register on ``on``: per grondslag and per region (where known)."""
    active = Registration.objects.active_on(on)
    per_grondslag = dict(
        active.values_list("grondslag").annotate(n=Count("pk")).values_list("grondslag", "n")
    )
    per_region = dict(
        active.exclude(region=None)
        .values_list("region")
        .annotate(n=Count("pk"))
        .values_list("region", "n")
    )
    regions = Arbeidsmarktregio.objects.filter(pk__in=per_region)
    return {
        "grondslagen": [
            (g.label, g not in NOT_COUNTED, per_grondslag.get(g.value, 0)) for g in Grondslag
        ],
        "regions": [(region, per_region[region.pk]) for region in regions],
        "total": sum(per_grondslag.values()),
        "counted": sum(n for g, n in per_grondslag.items() if g not in NOT_COUNTED),
        "unknown_region": active.filter(region=None).count(),
    }


_LOG_FILTERS = {
    "date_from": "created_at__date__gte",
    "date_to": "created_at__date__lte",
    "user": "user_email__icontains",
    "organisation": "organisation_name__icontains",
    "outcome": "outcome",
    "kind": "kind",
}


def check_log_filtered(*, user, filters: dict) -> QuerySet[CheckLog]:
    """The check log ``user`` may see, narrowed by the filter form's cleaned values."""
    lookups = {lookup: filters[name] for name, lookup in _LOG_FILTERS.items() if filters.get(name)}
    return CheckLog.objects.visible_to(user).filter(**lookups)


def repeated_failures(*, hours: int = 24) -> QuerySet:
    """Users to look at (last ``hours``): at least the threshold of failed checks (invalid BSN,
    over a limit), refused for their daily budget or as many answers as it holds, or at least
    the threshold of BSNs not in the register (someone trying numbers)."""
    return (
        _alert_counts(hours)
        .values("user_id", "user_email", "organisation_name")
        .annotate(**_ALERT_COUNTS)
        .filter(
            Q(failures__gte=settings.DOELGROEPREGISTER_FAILURE_THRESHOLD)
            | Q(over_budget__gt=0)
            | Q(answered__gte=settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER)
            | Q(not_found__gte=settings.DOELGROEPREGISTER_NOT_FOUND_THRESHOLD)
        )
        .order_by("-over_budget", "-failures", "-not_found", "user_email")
    )


def organisation_alerts(*, hours: int = 24) -> QuerySet:
    """Organisations refused for their daily budget or reaching it, or with at least the
    threshold of BSNs not in the register, in the last ``hours``."""
    return (
        _alert_counts(hours)
        .exclude(organisation_id=None)
        .values("organisation_id", "organisation_name")
        .annotate(**_ALERT_COUNTS, users=Count("user_id", distinct=True))
        .filter(
            Q(over_budget__gt=0)
            | Q(answered__gte=settings.DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION)
            | Q(not_found__gte=settings.DOELGROEPREGISTER_NOT_FOUND_THRESHOLD)
        )
        .order_by("-over_budget", "-not_found", "organisation_name")
    )


_ALERT_COUNTS = {
    "failures": Count("pk", filter=Q(outcome__in=FAILED_OUTCOMES)),
    "limited": Count("pk", filter=Q(outcome=CheckOutcome.RATE_LIMITED)),
    "over_budget": Count("pk", filter=Q(outcome=CheckOutcome.OVER_BUDGET)),
    "answered": Count("pk", filter=Q(outcome__in=ANSWERED_OUTCOMES)),
    "not_found": Count("pk", filter=Q(outcome=CheckOutcome.NOT_FOUND)),
}


def _alert_counts(hours: int) -> QuerySet[CheckLog]:
    return CheckLog.objects.filter(created_at__gte=timezone.now() - timedelta(hours=hours))


def check_budget_left(*, user) -> int:
    """How many BSNs ``user`` may still check today (their own and their organisation's budget)."""
    from doelgroepregister.limits import budget_left
    from doelgroepregister.services import check_budgets

    return budget_left(budgets=check_budgets(user), period=timezone.localdate().isoformat())


def organisations_at_budget(*, on: date) -> list[dict]:
    """Organisations whose answered checks of ``on`` reached their daily budget (from the log,
    which counts what the budgets spent): name, id and number of checks."""
    start = timezone.make_aware(datetime.combine(on, time.min))
    return list(
        CheckLog.objects.filter(
            created_at__gte=start,
            created_at__lt=start + timedelta(days=1),
            organisation_id__isnull=False,
            outcome__in=ANSWERED_OUTCOMES,
        )
        .values("organisation_id", "organisation_name")
        .annotate(checks=Count("pk"))
        .filter(checks__gte=settings.DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION)
        .order_by("organisation_name")
    )


def imports_needing_attention() -> list[RegisterImport]:
    """Failed register imports of the last week, and running ones whose worker went quiet."""
    week = timezone.now() - timedelta(days=7)
    recent = RegisterImport.objects.filter(created_at__gte=week).order_by("-pk")
    failed = list(recent.filter(status=ImportStatus.FAILED)[:10])
    stalled = [i for i in recent.filter(status__in=RegisterImport.CLAIMED)[:50] if i.is_stalled]
    return stalled + failed
