from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regions.goals import bar_chart
from regions.models import DecisionStatus
from regions.selectors import (
    composition,
    decision_progress,
    members_active,
    plan_draft,
    plan_goal_rows,
    plan_in_force,
    region_allocation,
    region_is_editable,
    werkbedrijf_for,
)
from werkkamer.core.navigation import NavItem, WorkItem, work_list


def items(user) -> list[NavItem]:
    entries = [NavItem(_("Regio's"), reverse("regions:index"), section="/regios/")]
    if user.is_authenticated and user.is_werkkamer_staff:
        entries.append(
            NavItem(
                _("Werkbedrijven"), reverse("regions:overview"), section="/regios/werkbedrijven/"
            )
        )
    return entries


def region_sections(request, region) -> list[str]:
    """The region's Werkbedrijf on its page: composition, plan, goals against the allocation."""
    werkbedrijf = werkbedrijf_for(region=region)
    editable = region_is_editable(region=region, user=request.user)
    context = {"region": region, "werkbedrijf": werkbedrijf, "can_edit": editable}
    if werkbedrijf is not None:
        members = members_active(werkbedrijf=werkbedrijf)
        plan = plan_in_force(werkbedrijf=werkbedrijf)
        rows = plan_goal_rows(
            plan=plan, werkbedrijf=werkbedrijf, allocation=region_allocation(region=region)
        )
        context.update(
            members=members,
            composition=composition(members=members),
            plan=plan,
            goal_rows=rows,
            chart=bar_chart(rows) if rows else None,
            has_allocation=any(row.allocation for row in rows),
            draft=plan_draft(werkbedrijf=werkbedrijf) if editable else None,
            progress=decision_progress(werkbedrijf=werkbedrijf) if editable else None,
        )
    return [render_to_string("regions/snippets/werkbedrijf_section.html", context, request=request)]


def dashboard_sections(request) -> list[str]:
    """A coordinator's regions: where the plan stands, open decision points and decisions
    taken without a date, each linking to where it is done."""
    user = request.user
    if not (user.is_authenticated and user.is_coordinator):
        return []
    return [_region_work(request, region) for region in user.regions.order_by("name")]


def _region_work(request, region) -> str:
    werkbedrijf = werkbedrijf_for(region=region)
    plan_url = reverse("regions:plan", kwargs={"code": region.code})
    decisions_url = reverse("regions:decisions", kwargs={"code": region.code})
    draft = werkbedrijf and plan_draft(werkbedrijf=werkbedrijf)
    adopted = werkbedrijf and plan_in_force(werkbedrijf=werkbedrijf)
    if draft:
        plan_text = _("Plan van aanpak: er ligt een concept, nog niet vastgesteld.")
    elif adopted:
        plan_text = _("Plan van aanpak: vastgesteld op %(date)s.") % {
            "date": date_format(adopted.adopted_on, "j F Y")
        }
    else:
        plan_text = _("Plan van aanpak: nog geen plan. Begin een concept.")
    work = [WorkItem(plan_text, plan_url, urgent=not (draft or adopted))]
    if werkbedrijf is not None:
        decisions = werkbedrijf.decisions
        open_points = decisions.exclude(status=DecisionStatus.TAKEN).count()
        undated = decisions.filter(status=DecisionStatus.TAKEN, decided_on__isnull=True).count()
        if open_points:
            work.append(
                WorkItem(
                    ngettext(
                        "%(n)s beslispunt staat nog open.",
                        "%(n)s beslispunten staan nog open.",
                        open_points,
                    )
                    % {"n": open_points},
                    decisions_url,
                )
            )
        if undated:
            work.append(
                WorkItem(
                    ngettext(
                        "%(n)s genomen besluit heeft geen datum.",
                        "%(n)s genomen besluiten hebben geen datum.",
                        undated,
                    )
                    % {"n": undated},
                    decisions_url,
                    urgent=True,
                )
            )
    heading = _("%(name)s: uw werk") % {"name": region.name}
    return work_list(request, slug=f"regio-{region.code}", heading=heading, work=work)
