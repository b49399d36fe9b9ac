"""Faults against the real services (issue 8): a worker killed mid-recompute, Redis stopped
while base data are saved. PostgreSQL restarts are in tests/core/test_faults.py."""

from __future__ import annotations

import time
from datetime import timedelta

from django.db import connection

import psycopg
import pytest

from banenafspraak import services
from banenafspraak.models import DistributionRun, RegionAllocation, RegionFigures, RunStatus
from tests.banenafspraak.factories import first_run_through_the_worker, published_after
from tests.redisserver import private_redis_server
from tests.worker import broker, running_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.postgres]


def _edit(code: str, **changes) -> None:
    figures = RegionFigures.objects.get(region__code=code)
    for name, value in changes.items():
        setattr(figures, name, value)
    services.region_figures_save(figures=figures)


def _raw_connection() -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )


def test_a_worker_killed_mid_recompute_leaves_no_half_run_and_the_run_completes(
    celery_worker_process, personas
):
    first = first_run_through_the_worker()
    blocker = _raw_connection()
    # Hold the allocation table: the worker claims the run, computes, then blocks while writing.
    blocker.execute("LOCK TABLE banenafspraak_regionallocation IN ACCESS EXCLUSIVE MODE")
    try:
        _edit("AM01", wajong=RegionFigures.objects.get(region__code="AM01").wajong + 500)
        running = wait_for(
            lambda: DistributionRun.objects.filter(status=RunStatus.RUNNING).first(),
            message="the worker to claim the run",
        )
        time.sleep(0.5)  # let it reach the blocked write
        celery_worker_process.kill()  # SIGKILL: no cleanup, no acknowledgement
    finally:
        blocker.rollback()
        blocker.close()
    # The dead worker's transaction is rolled back: nothing of the half run is visible.
    wait_for(lambda: not _backend_of_dead_worker_active(), timeout=20, message="rollback")
    assert DistributionRun.objects.current() == first
    assert not RegionAllocation.objects.filter(run=running).exists()
    running.refresh_from_db()
    assert running.status == RunStatus.RUNNING

    # A new worker and the beat sweep (run here as beat would) requeue and finish it.
    with running_worker():
        services.distribution_sweep(stale_after=timedelta(0), stuck_after=timedelta(0))
        done = wait_for(lambda: published_after(first.pk), message="the requeued run")
    assert done.pk == running.pk
    expected = RegionAllocation.objects.filter(run=first).count()
    assert RegionAllocation.objects.filter(run=done).count() == expected


def _backend_of_dead_worker_active() -> bool:
    with _raw_connection() as conn:
        return bool(
            conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND (state LIKE 'idle in transaction%%' OR wait_event_type = 'Lock')"
            ).fetchone()[0]
        )


def test_redis_stopped_during_a_save_the_save_succeeds_and_the_recompute_follows(
    transactional_db, personas
):
    with private_redis_server() as redis, broker(redis.url):
        with running_worker(redis_url=redis.url):
            first = first_run_through_the_worker()
        redis.stop()
        started = time.monotonic()
        _edit("AM18", unemployed=RegionFigures.objects.get(region__code="AM18").unemployed + 900)
        assert time.monotonic() - started < 10, "the save hung on the stopped broker"
        queued = DistributionRun.objects.get(status=RunStatus.QUEUED)
        assert RegionFigures.objects.get(region__code="AM18").unemployed > 0
        redis.start()  # Redis returns
        with running_worker(redis_url=redis.url):
            services.distribution_sweep(stale_after=timedelta(0), stuck_after=timedelta(hours=1))
            done = wait_for(lambda: published_after(first.pk), message="the recompute")
    assert done.pk == queued.pk
