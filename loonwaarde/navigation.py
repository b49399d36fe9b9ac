from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loonwaarde.selectors import (
    LAPSING_DAYS,
    lapsing,
    method_in_force,
    minimum_wage_gap,
    reassessment_rows,
    region_overview,
)
from werkkamer.core.navigation import NavItem, WorkItem, work_list


def items(user) -> list[NavItem]:
    if not user.is_authenticated or not user.role:
        return []
    return [NavItem(_("Loonwaarde"), reverse("loonwaarde:index"), section="/loonwaarde/")]


def region_sections(request, region) -> list[str]:
    """The region's method in force for everyone; its figures for its coordinators and staff."""
    user = request.user
    may_see_figures = user.is_authenticated and (
        user.is_werkkamer_staff
        or (user.is_coordinator and user.regions.filter(pk=region.pk).exists())
    )
    summary = None
    if may_see_figures:
        summary = region_overview(regions=type(region).objects.filter(pk=region.pk))[0]
    today = timezone.localdate()
    context = {
        "region": region,
        "method": method_in_force(region=region, on=today),
        "today": today,
        "summary": summary,
    }
    return [render_to_string("loonwaarde/snippets/region_section.html", context, request=request)]


def dashboard_sections(request) -> list[str]:
    """Staff: a missing minimum wage for this half-year, and methods and certifications that
    lapse within 60 days, each with a link to where it is fixed. Nothing when all is well.
    Coordinators: re-assessments due in their regions."""
    if request.user.is_authenticated and request.user.is_coordinator:
        return _coordinator_sections(request)
    if not (request.user.is_authenticated and request.user.is_werkkamer_staff):
        return []
    today = timezone.localdate()
    context = {
        "wage_gap": minimum_wage_gap(today=today),
        "lapsing": lapsing(today=today),
        "days": LAPSING_DAYS,
    }
    if not (context["wage_gap"] or context["lapsing"]):
        return []
    return [render_to_string("loonwaarde/snippets/dashboard.html", context, request=request)]


def _coordinator_sections(request) -> list[str]:
    today = timezone.localdate()
    days = settings.LOONWAARDE_REMINDER_DAYS
    rows = reassessment_rows(user=request.user, today=today, within_days=days)
    if not rows:
        return []
    overdue = sum(row.overdue for row in rows)
    text = ngettext(
        "%(n)s herbeoordeling in uw regio is binnen %(days)s dagen nodig",
        "%(n)s herbeoordelingen in uw regio zijn binnen %(days)s dagen nodig",
        len(rows),
    ) % {"n": len(rows), "days": days}
    if overdue:
        text += " " + _("(%(n)s te laat)") % {"n": overdue}
    work = [WorkItem(text, reverse("loonwaarde:due"), urgent=bool(overdue))]
    heading = _("Loonwaarde: herbeoordelingen")
    return [work_list(request, slug="herbeoordelingen", heading=heading, work=work)]
