from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError, connection

from celery import shared_task

from werkkamer.core.models import WorkerProbe

logger = logging.getLogger(__name__)

# The retry policy of tasks that only fail on a transient database error (a restart, a lost
# connection): retried with jittered exponential backoff, acknowledged only once done.
DATABASE_RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 6,
}


@shared_task(name="core.worker_probe", acks_late=True)
def worker_probe(token: str) -> int:
    """Record that a worker executed a task, with the database session it used (idempotent)."""
    pid = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
    probe, created = WorkerProbe.objects.get_or_create(
        token=token, defaults={"db_backend_pid": pid}
    )
    logger.info("worker probe %s recorded (new=%s)", token, created)
    return probe.pk
