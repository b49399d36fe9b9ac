"""Coalescing across concurrent transactions on PostgreSQL, and the admin going through services."""

from __future__ import annotations

import threading
from unittest import mock

from django.db import connection, connections, transaction
from django.urls import reverse

import pytest

from banenafspraak import services
from banenafspraak.models import DistributionRun, NationalTarget
from tests.banenafspraak.factories import complete_dataset
from tests.worker import wait_for


def _waiting_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_transactions_share_one_queued_run():
    services.reference_data_ensure()
    complete_dataset()
    first_queued, second_started = threading.Event(), threading.Event()
    release = threading.Event()
    runs: dict[str, int] = {}
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                runs["first"] = services.distribution_request(reason="first").pk
                first_queued.set()
                release.wait(10)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_queued.wait(10)
            second_started.set()
            with transaction.atomic():
                runs["second"] = services.distribution_request(reason="second").pk
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    # no worker: the run stays queued, so the second transaction can only join or duplicate it
    with mock.patch.object(services, "distribution_enqueue") as enqueue:
        for thread in threads:
            thread.start()
        second_started.wait(10)
        # the second transaction waits on the first one's uncommitted queued run
        wait_for(lambda: _waiting_locks() > 0, timeout=10, message="the second to wait")
        release.set()
        for thread in threads:
            thread.join(20)
    assert not errors, errors
    assert runs["first"] == runs["second"]
    assert DistributionRun.objects.get().status == "queued"
    enqueue.assert_called_once_with(run_id=runs["first"])


@pytest.mark.django_db
def test_a_target_changed_in_the_admin_is_recomputed(
    client_for, django_capture_on_commit_callbacks
):
    complete_dataset()
    target = NationalTarget.objects.get(year=2025, sector="government")
    url = reverse("admin:banenafspraak_nationaltarget_change", args=[target.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("staff").post(
            url,
            {"year": 2025, "sector": "government", "jobs": 26_000, "source": "test"},
        )
    assert response.status_code == 302
    run = DistributionRun.objects.current()
    assert (
        sum(run.allocations.filter(year=2025, sector="government").values_list("jobs", flat=True))
        == 26_000
    )
    for name in ("basedataset", "nationaltarget", "methodparameters", "distributionrun"):
        assert (
            client_for("staff").get(reverse(f"admin:banenafspraak_{name}_changelist")).status_code
            == 200
        )
