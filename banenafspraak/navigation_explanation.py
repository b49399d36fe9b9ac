"""The region page's "why this number?" section (used by ``banenafspraak.navigation``)."""

from __future__ import annotations

from django.template.loader import render_to_string

from banenafspraak.models import DistributionRun
from banenafspraak.selectors_explanation import run_explanation


def region_sections(request, region) -> list[str]:
    explained = run_explanation(run=DistributionRun.objects.current(), code=region.code)
    if explained is None:
        return []
    context = {"region": region, "explained": explained}
    return [render_to_string("banenafspraak/snippets/explanation.html", context, request)]
