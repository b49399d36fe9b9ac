from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from regions.goals import bar_chart
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
from werkkamer.core.navigation import NavItem


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
