from __future__ import annotations

import logging
from typing import Any

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


def send_or_leave_to_sweep(task: Any, object_id: int, *, label: str) -> bool:
    """Send ``task`` for ``object_id``; a broker outage never fails the caller (a sweep resends).

    False when the broker could not be reached: the row stays queued and the app's beat sweep
    sends it later.
    """
    try:
        task.delay(object_id)
    except Exception:  # the broker may be down: the beat sweep enqueues it later
        logger.warning("%s %s: could not reach the broker; sweep retries", label, object_id)
        return False
    return True


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
