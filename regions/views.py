from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from regions.geometry import region_map
from regions.models import Arbeidsmarktregio
from regions.selectors import region_list
from werkkamer.core.navigation import region_sections


def region_index(request: HttpRequest) -> HttpResponse:
    regions = list(region_list())
    return render(
        request,
        "regions/region_list.html",
        {
            "regions": regions,
            "map": region_map(),
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
            "map": region_map(),
            "can_edit": Arbeidsmarktregio.objects.editable_by(request.user)
            .filter(pk=region.pk)
            .exists(),
            "sections": region_sections(request, region),
        },
    )
