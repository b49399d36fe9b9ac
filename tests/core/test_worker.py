"""End to end through a real Celery worker process on PostgreSQL and Redis."""

import uuid

from django.db import transaction

import pytest

from tests.worker import wait_for
from werkkamer.core.models import WorkerProbe
from werkkamer.core.services import worker_probe_enqueue

pytestmark = [pytest.mark.worker]


def test_a_task_enqueued_on_commit_runs_in_the_worker(celery_worker_process):
    token = uuid.uuid4().hex
    with transaction.atomic():
        worker_probe_enqueue(token=token)
        assert not WorkerProbe.objects.filter(token=token).exists()
    probe = wait_for(lambda: WorkerProbe.objects.filter(token=token).first(), message="the probe")
    assert probe.db_backend_pid is not None


def test_a_rolled_back_transaction_enqueues_nothing(celery_worker_process):
    rolled_back, committed = uuid.uuid4().hex, uuid.uuid4().hex
    with pytest.raises(RuntimeError), transaction.atomic():
        worker_probe_enqueue(token=rolled_back)
        raise RuntimeError("roll back")
    worker_probe_enqueue(token=committed)
    # The worker handles tasks in order: once the later one ran, the earlier would have too.
    wait_for(lambda: WorkerProbe.objects.filter(token=committed).exists(), message="the probe")
    assert not WorkerProbe.objects.filter(token=rolled_back).exists()
    assert "core.worker_probe" in celery_worker_process.output()


def test_the_worker_reuses_its_database_connection(celery_worker_process):
    tokens = [uuid.uuid4().hex for _ in range(3)]
    for token in tokens:
        worker_probe_enqueue(token=token)
    wait_for(lambda: WorkerProbe.objects.filter(token__in=tokens).count() == 3, message="3 probes")
    pids = set(
        WorkerProbe.objects.filter(token__in=tokens).values_list("db_backend_pid", flat=True)
    )
    assert len(pids) == 1, f"each task opened a new connection: {pids}"
