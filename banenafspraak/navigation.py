from __future__ import annotations

from datetime import timedelta

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from banenafspraak import navigation_explanation
from banenafspraak.models import DistributionRun, NationalTarget, RunStatus
from banenafspraak.selectors import region_allocation
from werkkamer.core.navigation import NavItem, WorkItem, work_list


def items(user) -> list[NavItem]:
    entries = [
        NavItem(
            _("Banenafspraak"), reverse("banenafspraak:distribution"), section="/banenafspraak/"
        )
    ]
    if user.is_authenticated and user.is_werkkamer_staff:
        entries.append(NavItem(_("Basisgegevens"), reverse("banenafspraak:basedata")))
    return entries


def region_sections(request, region) -> list[str]:
    """The region's share of the current indicative distribution, per year."""
    context = {
        "region": region,
        "numbers": region_allocation(region=region),
        "run": DistributionRun.objects.current(),
    }
    return [
        render_to_string("banenafspraak/snippets/region_section.html", context, request),
        *navigation_explanation.region_sections(request, region),
    ]


def dashboard_sections(request) -> list[str]:
    """Staff: calculations that failed this week and a national target missing for next year;
    each links to where it is fixed (publications not yet out: ``publications.navigation``)."""
    if not (request.user.is_authenticated and request.user.is_werkkamer_staff):
        return []
    week = timezone.now() - timedelta(days=7)
    work = [
        WorkItem(
            _("Berekening versie %(pk)s is mislukt%(reason)s")
            % {"pk": run.pk, "reason": f" ({run.reason})" if run.reason else ""},
            reverse("banenafspraak:run_detail", args=[run.pk]),
            urgent=True,
        )
        for run in DistributionRun.objects.filter(
            status=RunStatus.FAILED, created_at__gte=week
        ).order_by("-pk")[:5]
    ]
    next_year = timezone.localdate().year + 1
    if not NationalTarget.objects.filter(year=next_year).exists():
        work.append(
            WorkItem(
                _("Er is nog geen landelijke doelstelling voor %(year)s.") % {"year": next_year},
                reverse("banenafspraak:targets"),
            )
        )
    if not work:
        return []
    heading = _("Banenafspraak: aandacht nodig")
    return [work_list(request, slug="banenafspraak", heading=heading, work=work)]
