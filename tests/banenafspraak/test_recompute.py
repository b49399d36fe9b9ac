"""Recompute on change: coalescing, idempotent claims, failures, the broker down, the sweep."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

from django.db import OperationalError, transaction
from django.urls import reverse

import pytest
from kombu.exceptions import OperationalError as BrokerDown

from banenafspraak import services
from banenafspraak.distribution import distribute, inputs_checksum
from banenafspraak.models import DistributionRun, NationalTarget, RegionFigures, RunStatus
from banenafspraak.selectors import current_inputs, region_allocation, run_allocations
from tests.banenafspraak.factories import complete_dataset, enqueued

pytestmark = pytest.mark.django_db
SWEEP_NOW = {"stale_after": timedelta(0), "stuck_after": timedelta(seconds=300)}


@pytest.fixture
def dataset():
    return complete_dataset()


def _edit(code: str, **changes) -> None:
    figures = RegionFigures.objects.get(region__code=code)
    for name, value in changes.items():
        setattr(figures, name, value)
    services.region_figures_save(figures=figures)


def _publish(django_capture_on_commit_callbacks) -> DistributionRun:
    with django_capture_on_commit_callbacks(execute=True):
        services.distribution_request(reason="test")
    return DistributionRun.objects.current()


def test_many_changes_in_one_transaction_give_one_run_that_the_worker_publishes(
    dataset, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for code in ("AM01", "AM02", "AM03"):
            _edit(code, wajong=3_000)
    assert len(enqueued(callbacks)) == 1
    run = DistributionRun.objects.get()
    assert run.status == RunStatus.DONE
    inputs = current_inputs()
    assert run.checksum == inputs.checksum
    expected = distribute(inputs.regions, inputs.targets, inputs.parameters).allocations
    assert run_allocations(run) == expected
    assert run.inputs["regions"][0]["wajong"] == 3_000
    for target in NationalTarget.objects.all():
        total = sum(a.jobs for a in run.allocations.filter(year=target.year, sector=target.sector))
        assert total == target.jobs


def test_the_same_inputs_give_the_same_checksum_and_no_new_version(
    dataset, django_capture_on_commit_callbacks
):
    first = _publish(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        _edit("AM01")  # saved without a change
    assert list(DistributionRun.objects.all()) == [first]
    assert first.checksum == inputs_checksum(*_inputs_tuple())


def _inputs_tuple():
    inputs = current_inputs()
    return inputs.regions, inputs.targets, inputs.parameters


def test_a_change_moves_only_the_changed_regions_share_direction(
    dataset, django_capture_on_commit_callbacks
):
    before = _publish(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        _edit("AM05", unemployed=20_000)
    after = DistributionRun.objects.current()
    assert after.pk > before.pk
    old, new = run_allocations(before), run_allocations(after)
    assert new[("AM05", 2025, "market")] < old[("AM05", 2025, "market")]
    others = [k for k in old if k[0] != "AM05" and k[1] == 2025]
    assert all(new[k] >= old[k] for k in others)


def test_a_failed_run_never_replaces_the_current_one(
    dataset, django_capture_on_commit_callbacks, client_for
):
    good = _publish(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        RegionFigures.objects.update(unemployed=0)  # β > 0 cannot divide by no unemployment
        services.distribution_request(reason="test")
    failed = DistributionRun.objects.order_by("-pk").first()
    assert failed.status == RunStatus.FAILED
    assert "unemployed is zero" in failed.error
    assert DistributionRun.objects.current() == good
    page = client_for("staff").get(reverse("banenafspraak:distribution")).content.decode()
    assert f"Herberekening {failed.pk} is mislukt" in page
    assert (
        "mislukt"
        not in client_for("anonymous").get(reverse("banenafspraak:distribution")).content.decode()
    )
    # the sweep does not keep retrying inputs that just failed
    assert services.distribution_sweep(**SWEEP_NOW) == []
    assert not DistributionRun.objects.pending().exists()


def test_the_task_is_idempotent_and_skips_runs_it_cannot_claim(
    dataset, django_capture_on_commit_callbacks
):
    run = _publish(django_capture_on_commit_callbacks)
    assert services.distribution_run_compute(run_id=run.pk) == "skipped"
    assert services.distribution_run_compute(run_id=999_999) == "skipped"
    assert run.allocations.count() == 35 * NationalTarget.objects.count()


def test_a_transient_database_error_gives_the_run_back_for_a_retry(dataset):
    run = services.distribution_request(reason="test")
    with (
        mock.patch.object(services, "distribute", side_effect=OperationalError("gone")),
        pytest.raises(OperationalError),
    ):
        services.distribution_run_compute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert services.distribution_run_compute(run_id=run.pk) == "done"


def test_a_bug_marks_the_run_failed_instead_of_leaving_it_running(dataset):
    run = services.distribution_request(reason="test")
    with (
        mock.patch.object(services, "distribute", side_effect=ZeroDivisionError),
        pytest.raises(ZeroDivisionError),
    ):
        services.distribution_run_compute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED


def test_when_the_broker_is_down_the_save_succeeds_and_the_sweep_catches_up(
    dataset, django_capture_on_commit_callbacks
):
    from banenafspraak.tasks import distribution_compute

    with (
        mock.patch.object(distribution_compute, "delay", side_effect=BrokerDown("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _edit("AM01", wajong=9_999)
    assert RegionFigures.objects.get(region__code="AM01").wajong == 9_999
    run = DistributionRun.objects.get()
    assert run.status == RunStatus.QUEUED
    assert services.distribution_sweep(**SWEEP_NOW) == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_the_sweep_requeues_a_run_whose_worker_died(dataset):
    run = services.distribution_request(reason="test")
    DistributionRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=run.created_at - timedelta(hours=1)
    )
    assert services.distribution_sweep(**SWEEP_NOW) == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_the_sweep_notices_a_change_that_bypassed_the_services(
    dataset, django_capture_on_commit_callbacks
):
    first = _publish(django_capture_on_commit_callbacks)
    NationalTarget.objects.filter(year=2025, sector="market").update(jobs=100_001)
    with django_capture_on_commit_callbacks(execute=True):
        services.distribution_sweep(**SWEEP_NOW)
    current = DistributionRun.objects.current()
    assert current.pk > first.pk
    assert sum(v for k, v in run_allocations(current).items() if k[1:] == (2025, "market")) == (
        100_001
    )


def test_region_allocation_gives_the_current_runs_numbers_per_year(
    dataset, django_capture_on_commit_callbacks, personas
):
    assert region_allocation(region=personas.region_a) == {}
    run = _publish(django_capture_on_commit_callbacks)
    numbers = region_allocation(region=personas.region_a)
    allocations = run_allocations(run)
    assert numbers[2025] == {
        "market": allocations[("AM01", 2025, "market")],
        "government": allocations[("AM01", 2025, "government")],
        "total": allocations[("AM01", 2025, "market")] + allocations[("AM01", 2025, "government")],
    }
    assert sorted(numbers) == sorted({t.year for t in NationalTarget.objects.all()})


def test_a_new_parameter_version_recomputes_and_is_recorded_on_the_run(
    dataset, django_capture_on_commit_callbacks
):
    from decimal import Decimal

    with django_capture_on_commit_callbacks(execute=True):
        services.method_parameters_create(alpha=Decimal("0"), beta=Decimal("0"), note="plain")
    run = DistributionRun.objects.current()
    assert (run.method_version, run.alpha, run.beta) == (2, Decimal("0"), Decimal("0"))
    assert run.inputs["parameters"] == {"alpha": "0.00", "beta": "0.00"}
