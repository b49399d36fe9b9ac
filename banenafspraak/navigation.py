from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from banenafspraak import navigation_explanation
from banenafspraak.models import DistributionRun
from banenafspraak.selectors import region_allocation
from werkkamer.core.navigation import NavItem


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
