from __future__ import annotations

from django.db import transaction

from regions.models import Arbeidsmarktregio, Gemeente
from regions.reference import read_gemeenten, read_regions


def reference_data_load(*, region_model=Arbeidsmarktregio, gemeente_model=Gemeente) -> int:
    """Load the committed regions and gemeenten (idempotent upsert on the CBS codes).

    The data migration passes its historical models; everyone else uses the defaults.
    Returns the number of gemeenten loaded.
    """
    gemeenten = read_gemeenten()
    with transaction.atomic():
        regions = {}
        for row in read_regions():
            regions[row.code], _ = region_model.objects.update_or_create(
                code=row.code, defaults={"name": row.name}
            )
        for row in gemeenten:
            gemeente_model.objects.update_or_create(
                code=row.code, defaults={"name": row.name, "region": regions[row.region_code]}
            )
    return len(gemeenten)


def reference_data_ensure() -> None:
    """Load the reference data only when missing (tests that flush the database call this)."""
    if Gemeente.objects.count() != len(read_gemeenten()):
        reference_data_load()
