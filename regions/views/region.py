"""The regions, a region's page (its dashboard) and the staff overview of the Werkbedrijven."""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from regions.geometry import region_map
from regions.models import Arbeidsmarktregio
from regions.selectors import region_is_editable, region_list, staff_overview
from werkkamer.core import access
from werkkamer.core.navigation import region_sections


@lru_cache(maxsize=128)
def _linked_map(language: str, current: str) -> str:
    # The geometry never changes while the process runs: render each variant once.
    return render_to_string(
        "regions/snippets/region_map.html", {"map": region_map(), "current": current, "link": True}
    )


def linked_map_html(current: str = "") -> str:
    return mark_safe(_linked_map(get_language(), current))  # noqa: S308 - our own template


def region_index(request: HttpRequest) -> HttpResponse:
    regions = list(region_list())
    return render(
        request,
        "regions/region_list.html",
        {
            "regions": regions,
            "map_html": linked_map_html(),
            "gemeente_total": sum(r.gemeente_count for r in regions),
        },
    )


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(
        Arbeidsmarktregio.objects.select_related("centrumgemeente"), code=code
    )
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "gemeenten": region.gemeenten.all(),
            "map_html": linked_map_html(region.code),
            "can_edit": region_is_editable(region=region, user=request.user),
            "sections": region_sections(request, region),
        },
    )


@access.staff_required
def werkbedrijf_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "regions/overview.html", {"rows": staff_overview()})
