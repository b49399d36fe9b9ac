from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from loonwaarde.selectors import method_in_force, region_overview
from werkkamer.core.navigation import NavItem


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
