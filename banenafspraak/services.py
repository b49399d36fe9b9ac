"""Writes for the Banenafspraak distribution: base data, targets, parameters and runs.

Every change of an input asks for a recompute with ``distribution_request`` inside the same
transaction; the run is computed by the worker once the transaction commits.
"""

from __future__ import annotations

from django.db import transaction

from banenafspraak.models import MethodParameters, NationalTarget
from banenafspraak.reference import DEFAULT_METHOD, NATIONAL_TARGETS


def reference_data_load(*, target_model=NationalTarget, method_model=MethodParameters) -> int:
    """Load DOMAIN.md's national targets and the default method (only what is missing).

    The data migration passes its historical models; tests that flush the database use
    ``reference_data_ensure``. Returns the number of targets created.
    """
    created = 0
    with transaction.atomic():
        for row in NATIONAL_TARGETS:
            _, new = target_model.objects.get_or_create(
                year=row.year,
                sector=row.sector,
                defaults={"jobs": row.jobs, "source": row.source, "interpolated": row.interpolated},
            )
            created += new
        if not method_model.objects.exists():
            method_model.objects.create(**DEFAULT_METHOD)
    return created


def reference_data_ensure() -> None:
    if not NationalTarget.objects.exists() or not MethodParameters.objects.exists():
        reference_data_load()
