from __future__ import annotations

from django.db.models import Count, QuerySet

from regions.models import Arbeidsmarktregio


def region_list() -> QuerySet[Arbeidsmarktregio]:
    return Arbeidsmarktregio.objects.select_related("centrumgemeente").annotate(
        gemeente_count=Count("gemeenten")
    )
