from __future__ import annotations

import datetime

import factory

from banenafspraak import services
from banenafspraak.models import BaseDataSet, RegionFigures
from regions.models import Arbeidsmarktregio
from regions.services import reference_data_ensure


class BaseDataSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BaseDataSet

    reference_date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(n))
    source = "CBS StatLine 70072NED (test)"


def complete_dataset(**kwargs) -> BaseDataSet:
    """A base data set with plausible, distinct figures for every region (no recompute asked).

    Makes sure the reference data are there: a transactional test before may have flushed them.
    """
    reference_data_ensure()
    services.reference_data_ensure()
    dataset = BaseDataSetFactory(**kwargs)
    RegionFigures.objects.bulk_create(
        RegionFigures(
            dataset=dataset,
            region=region,
            employment=100_000 + 7_742 * i,
            employment_market=85_000 + 6_733 * i,
            employment_government=15_000 + 1_009 * i,
            unemployed=4_000 + 211 * (i % 7),
            wajong=2_000 + 97 * (i % 5),
        )
        for i, region in enumerate(Arbeidsmarktregio.objects.order_by("code"))
    )
    return dataset


def published_after(pk: int):
    """The current run if it is newer than run ``pk`` (for ``wait_for``), else None."""
    from banenafspraak.models import DistributionRun

    run = DistributionRun.objects.current()
    return run if run and run.pk > pk else None


def first_run_through_the_worker():
    """A complete data set and its first run, computed by the running worker."""
    from tests.worker import wait_for

    complete_dataset()
    services.distribution_request(reason="start")
    return wait_for(lambda: published_after(0), message="the first run")


def enqueued(callbacks: list) -> list:
    """The on-commit callbacks that send work to the worker (not the public cache's token)."""
    from banenafspraak.public_cache import state_changed

    return [c for c in callbacks if c is not state_changed]


def targets_formset_data(new_rows: list[dict[str, str]]) -> dict[str, object]:
    """The national targets form as posted: every saved target unchanged, plus ``new_rows``
    (each with year, sector, jobs and source)."""
    from banenafspraak.models import NationalTarget

    saved = list(NationalTarget.objects.order_by("year", "sector"))
    data: dict[str, object] = {
        "form-TOTAL_FORMS": str(len(saved) + len(new_rows)),
        "form-INITIAL_FORMS": str(len(saved)),
    }
    for n, target in enumerate(saved):
        data |= {
            f"form-{n}-id": target.pk,
            f"form-{n}-year": target.year,
            f"form-{n}-sector": target.sector,
            f"form-{n}-jobs": target.jobs,
            f"form-{n}-source": target.source,
            f"form-{n}-interpolated": "on" if target.interpolated else "",
        }
    for n, row in enumerate(new_rows, len(saved)):
        data |= {f"form-{n}-{field}": value for field, value in row.items()}
    return data
