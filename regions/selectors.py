from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from regions.composition import Composition, composition_check
from regions.goals import GoalRow, goal_rows
from regions.models import (
    ActionPlan,
    Arbeidsmarktregio,
    Decision,
    DecisionAttachment,
    DecisionStatus,
    Member,
    MemberKind,
    PlanAction,
    PlanGoal,
    PlanSection,
    PlanStatus,
    Realisation,
    Representative,
    Werkbedrijf,
)
from regions.textdiff import Piece, word_diff
from werkkamer.core import providers

if TYPE_CHECKING:
    from werkkamer.accounts.models import User


def region_list() -> QuerySet[Arbeidsmarktregio]:
    return Arbeidsmarktregio.objects.select_related("centrumgemeente").annotate(
        gemeente_count=Count("gemeenten")
    )


def region_allocation(*, region: Arbeidsmarktregio) -> dict[int, dict[str, int]]:
    """The region's current garantiebanen allocation: ``{year: {"market", "government", "total"}}``
    from the current distribution run; ``{}`` when none has been computed yet."""
    provide = providers.provider("region_allocation")
    return provide(region=region) if provide else {}


def allocation_version() -> int | None:
    """The id of the distribution run ``region_allocation`` reads (None before the first)."""
    provide = providers.provider("allocation_version")
    return provide() if provide else None


@dataclass(frozen=True)
class AllocationChange:
    year: int
    adopted: int | None  # total jobs in the allocation the plan was adopted against
    current: int | None  # total jobs in today's distribution


def plan_allocation(
    *, plan: ActionPlan
) -> tuple[dict[int, dict[str, int]], list[AllocationChange]]:
    """The allocation a plan is read against, and how today's distribution differs from it.

    A draft (and a plan adopted before allocations were kept) uses today's allocation; an
    adopted plan uses the allocation stored when it was adopted, and the changes list each
    year whose total differs today.
    """
    current = region_allocation(region=plan.werkbedrijf.region)
    if plan.is_draft or plan.adopted_allocation is None:
        return current, []
    adopted = {int(year): figures for year, figures in plan.adopted_allocation.items()}
    changes = []
    for year in sorted(set(adopted) | set(current)):
        then = adopted.get(year, {}).get("total")
        now = current.get(year, {}).get("total")
        if then != now:
            changes.append(AllocationChange(year, then, now))
    return adopted, changes


def plan_document(*, plan: ActionPlan) -> dict[str, Any]:
    """What a plan's page and PDF show, for any reader (no request, so the worker can use it)."""
    from regions.goals import bar_chart

    werkbedrijf = plan.werkbedrijf
    allocation, changes = plan_allocation(plan=plan)
    rows = plan_goal_rows(plan=plan, werkbedrijf=werkbedrijf, allocation=allocation)
    return {
        "region": werkbedrijf.region,
        "werkbedrijf": werkbedrijf,
        "plan": plan,
        "sections": plan.sections.all(),
        "actions": plan.actions.all(),
        "goal_rows": rows,
        "chart": bar_chart(rows),
        "has_allocation": any(row.allocation for row in rows),
        "allocation_changes": changes,
        "years_beyond_allocation": _beyond(rows, allocation),
    }


def _beyond(rows: list[GoalRow], allocation: dict[int, dict[str, int]]) -> dict | None:
    """Goal years after the allocation's last year (no national target yet), and that year."""
    if not allocation:
        return None
    last = max(allocation)
    years = [row.year for row in rows if row.goal is not None and row.year > last]
    return {"years": years, "last": last} if years else None


def loonwaarde_method_in_force(*, region: Arbeidsmarktregio, on: date | None = None):
    """The loonwaarde method in force in ``region`` today (beslispunt 5 links to it)."""
    provide = providers.provider("loonwaarde_method")
    return provide(region=region, on=on or timezone.localdate()) if provide else None


def region_is_editable(*, region: Arbeidsmarktregio, user: User) -> bool:
    return Arbeidsmarktregio.objects.editable_by(user).filter(pk=region.pk).exists()


def werkbedrijf_for(*, region: Arbeidsmarktregio) -> Werkbedrijf | None:
    return Werkbedrijf.objects.filter(region=region).select_related("region").first()


def members_active(*, werkbedrijf: Werkbedrijf, on: date | None = None) -> list[Member]:
    """Members active on ``on`` (today), each with its representatives active then."""
    on = on or timezone.localdate()
    return list(
        werkbedrijf.members.active_on(on).prefetch_related(
            Prefetch(
                "representatives",
                queryset=Representative.objects.active_on(on),
                to_attr="active_representatives",
            )
        )
    )


def members_all(*, werkbedrijf: Werkbedrijf) -> QuerySet[Member]:
    return werkbedrijf.members.prefetch_related("representatives")


@dataclass(frozen=True)
class CompositionStatus:
    check: Composition
    missing_labels: list[str]

    @property
    def is_met(self) -> bool:
        return self.check.is_met

    @property
    def has_chair(self) -> bool:
        return self.check.has_chair


def composition(*, members: list[Member]) -> CompositionStatus:
    """Whether ``members`` (from ``members_active``) meet the minimum composition, and the gaps."""
    check = composition_check(
        member_kinds=[m.kind for m in members],
        representative_roles=[r.role for m in members for r in m.active_representatives],
    )
    return CompositionStatus(check, [str(MemberKind(kind).label) for kind in check.missing_kinds])


def plan_in_force(*, werkbedrijf: Werkbedrijf) -> ActionPlan | None:
    return werkbedrijf.plans.adopted().order_by("-adopted_on", "-pk").first()


def plan_draft(*, werkbedrijf: Werkbedrijf) -> ActionPlan | None:
    return werkbedrijf.plans.filter(status=PlanStatus.DRAFT).first()


def plan_goal_rows(
    *, plan: ActionPlan | None, werkbedrijf: Werkbedrijf, allocation: dict[int, dict[str, int]]
) -> list[GoalRow]:
    goals = {g.year: (g.market, g.government) for g in plan.goals.all()} if plan else {}
    realisations = {r.year: (r.market, r.government) for r in werkbedrijf.realisations.all()}
    return goal_rows(goals=goals, allocation=allocation, realisations=realisations)


def decision_progress(*, werkbedrijf: Werkbedrijf) -> dict[str, int]:
    return werkbedrijf.decisions.aggregate(
        total=Count("pk"),
        taken=Count("pk", filter=Q(status=DecisionStatus.TAKEN)),
        standard=Count("pk", filter=Q(standard_point__isnull=False)),
        standard_taken=Count(
            "pk", filter=Q(standard_point__isnull=False, status=DecisionStatus.TAKEN)
        ),
    )


@dataclass(frozen=True)
class OverviewRow:
    region: Arbeidsmarktregio
    werkbedrijf: Werkbedrijf | None
    plan_status: str  # "none", "draft", "adopted", "adopted_draft"
    adopted_on: date | None
    standard_taken: int
    decisions_taken: int
    decisions_total: int


def staff_overview() -> list[OverviewRow]:
    """The 35 regions with the state of their plan and decisions (three queries)."""
    werkbedrijven = {
        w.region_id: w
        for w in Werkbedrijf.objects.annotate(
            total=Count("decisions", distinct=True),
            taken=Count(
                "decisions", filter=Q(decisions__status=DecisionStatus.TAKEN), distinct=True
            ),
            standard_taken=Count(
                "decisions",
                filter=Q(
                    decisions__status=DecisionStatus.TAKEN, decisions__standard_point__isnull=False
                ),
                distinct=True,
            ),
        )
    }
    plans: dict[int, list[ActionPlan]] = {}
    for plan in ActionPlan.objects.order_by("adopted_on", "pk"):
        plans.setdefault(plan.werkbedrijf_id, []).append(plan)
    rows = []
    for region in Arbeidsmarktregio.objects.all():
        werkbedrijf = werkbedrijven.get(region.pk)
        own = plans.get(werkbedrijf.pk, []) if werkbedrijf else []
        adopted = [p for p in own if p.status == PlanStatus.ADOPTED]
        draft = any(p.status == PlanStatus.DRAFT for p in own)
        status = (
            ("adopted_draft" if draft else "adopted") if adopted else ("draft" if draft else "none")
        )
        rows.append(
            OverviewRow(
                region=region,
                werkbedrijf=werkbedrijf,
                plan_status=status,
                adopted_on=adopted[-1].adopted_on if adopted else None,
                standard_taken=werkbedrijf.standard_taken if werkbedrijf else 0,
                decisions_taken=werkbedrijf.taken if werkbedrijf else 0,
                decisions_total=werkbedrijf.total if werkbedrijf else 0,
            )
        )
    return rows


# --- History ----------------------------------------------------------------------------------

_HIDDEN_FIELDS = {
    "version",
    "position",
    "plan",
    "werkbedrijf",
    "member",
    "decision",
    "file",
    "adopted_allocation",  # figures, shown with the adopted plan itself
    "adopted_allocation_run",
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any
    diff: list[Piece] | None  # word diff for text fields


@dataclass(frozen=True)
class HistoryEntry:
    when: Any
    who: Any
    kind: str  # "+" created, "~" changed, "-" deleted
    subject: str
    changes: list[FieldChange]


def _entry(record) -> HistoryEntry:
    model = record.instance_type
    changes: list[FieldChange] = []
    previous = record.prev_record
    if previous is not None and record.history_type == "~":
        for change in record.diff_against(previous).changes:
            if change.field in _HIDDEN_FIELDS:
                continue
            text = isinstance(change.new, str) and isinstance(change.old, str)
            changes.append(
                FieldChange(
                    field=str(model._meta.get_field(change.field).verbose_name),
                    old=change.old,
                    new=change.new,
                    diff=word_diff(change.old, change.new) if text else None,
                )
            )
    return HistoryEntry(
        when=record.history_date,
        who=record.history_user,
        kind=record.history_type,
        subject=f"{model._meta.verbose_name}: {record.instance}",
        changes=changes,
    )


def _entries(*querysets) -> list[HistoryEntry]:
    records = chain(*(qs.select_related("history_user") for qs in querysets))
    entries = [e for e in map(_entry, records) if e.kind != "~" or e.changes]
    return sorted(entries, key=lambda e: e.when, reverse=True)


def plan_history(*, plan: ActionPlan) -> list[HistoryEntry]:
    """Every recorded change to the plan, its sections, goals and actions, newest first."""
    return _entries(
        ActionPlan.history.filter(id=plan.pk),
        PlanSection.history.filter(plan_id=plan.pk),
        PlanGoal.history.filter(plan_id=plan.pk),
        PlanAction.history.filter(plan_id=plan.pk),
    )


def werkbedrijf_history(*, werkbedrijf: Werkbedrijf) -> list[HistoryEntry]:
    """Every recorded change to the members, representatives, decisions and realisations."""
    return _entries(
        Member.history.filter(werkbedrijf_id=werkbedrijf.pk),
        Representative.history.filter(member__werkbedrijf_id=werkbedrijf.pk),
        Decision.history.filter(werkbedrijf_id=werkbedrijf.pk),
        DecisionAttachment.history.filter(decision__werkbedrijf_id=werkbedrijf.pk),
        Realisation.history.filter(werkbedrijf_id=werkbedrijf.pk),
    )
