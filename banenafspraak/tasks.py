from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings

from celery import shared_task

from banenafspraak import services
from werkkamer.core.tasks import DATABASE_RETRY

logger = logging.getLogger(__name__)


@shared_task(
    name="banenafspraak.distribution_compute", soft_time_limit=120, time_limit=150, **DATABASE_RETRY
)
def distribution_compute(run_id: int) -> str:
    """Compute distribution run ``run_id`` (idempotent: skips runs that are not queued)."""
    outcome = services.distribution_run_compute(run_id=run_id)
    logger.info("distribution run %s: %s", run_id, outcome)
    return outcome


@shared_task(name="banenafspraak.distribution_sweep", acks_late=True, time_limit=120)
def distribution_sweep() -> list[int]:
    """Beat: enqueue recomputes that never reached a worker, requeue ones whose worker died."""
    return services.distribution_sweep(
        stale_after=timedelta(seconds=settings.BANENAFSPRAAK_SWEEP_STALE_AFTER),
        stuck_after=timedelta(seconds=settings.BANENAFSPRAAK_SWEEP_STUCK_AFTER),
    )


@shared_task(name="banenafspraak.pending_import_purge", acks_late=True, time_limit=120)
def pending_import_purge() -> int:
    """Beat: delete uploaded imports that were never confirmed or cancelled."""
    return services.pending_import_purge()
