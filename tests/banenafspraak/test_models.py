from __future__ import annotations

from django.db import IntegrityError, transaction

import pytest

from banenafspraak.models import (
    DistributionRun,
    ImmutableRunError,
    MethodParameters,
    NationalTarget,
    RegionAllocation,
    RunStatus,
)
from regions.models import Arbeidsmarktregio

pytestmark = pytest.mark.django_db


def test_the_national_targets_are_seeded_from_domain_md_with_interpolations_marked():
    targets = {(t.year, t.sector): t for t in NationalTarget.objects.all()}
    assert len(targets) == 22
    assert targets[(2025, "market")].jobs == 100_000
    assert targets[(2025, "government")].jobs == 25_000
    assert targets[(2018, "market")].source == "Kamerstuk 34352-166"
    assert {k for k, t in targets.items() if t.interpolated} == {
        (year, sector) for year in (2020, 2023, 2024) for sector in ("market", "government")
    }
    assert str(MethodParameters.objects.active()) == "v1: α=0.50, β=0.50"


def test_a_done_run_and_its_allocations_cannot_change():
    run = DistributionRun.objects.create(status=RunStatus.RUNNING)
    region = Arbeidsmarktregio.objects.first()
    allocation = RegionAllocation.objects.create(
        run=run, region=region, year=2025, sector="market", jobs=10, share="0.1"
    )
    run.status = RunStatus.DONE
    run.save()
    run.reason = "rewritten"
    with pytest.raises(ImmutableRunError):
        run.save()
    allocation.jobs = 11
    with pytest.raises(ImmutableRunError):
        allocation.save()
    with pytest.raises(ImmutableRunError):
        run.delete()
    assert DistributionRun.objects.current() == run


def test_the_current_run_is_the_latest_done_one_never_a_failed_one():
    older = DistributionRun.objects.create(status=RunStatus.DONE)
    DistributionRun.objects.create(status=RunStatus.FAILED)
    DistributionRun.objects.create(status=RunStatus.RUNNING)
    assert DistributionRun.objects.current() == older


def test_there_is_at_most_one_queued_run():
    DistributionRun.objects.create(status=RunStatus.QUEUED)
    with pytest.raises(IntegrityError), transaction.atomic():
        DistributionRun.objects.create(status=RunStatus.QUEUED)


@pytest.mark.postgres
def test_the_database_refuses_to_change_a_published_run_even_past_the_orm():
    from django.db import DatabaseError

    from tests.banenafspraak.factories import complete_dataset

    dataset = complete_dataset()
    run = DistributionRun.objects.create(status=RunStatus.RUNNING, dataset=dataset)
    region = Arbeidsmarktregio.objects.first()
    RegionAllocation.objects.create(
        run=run, region=region, year=2025, sector="market", jobs=10, share="0.1"
    )
    DistributionRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE)
    for change in (
        lambda: DistributionRun.objects.filter(pk=run.pk).update(checksum="forged"),
        lambda: RegionAllocation.objects.filter(run=run).update(jobs=11),
        lambda: RegionAllocation.objects.filter(run=run).delete(),
    ):
        with pytest.raises(DatabaseError, match="cannot change"), transaction.atomic():
            change()
    dataset.delete()  # the navigation link may still be cleared
    run.refresh_from_db()
    assert run.dataset is None and run.status == RunStatus.DONE
