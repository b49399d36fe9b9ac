"""Tasks of the regions app: an adopted plan's PDF, made once by the worker."""

from __future__ import annotations

import logging

from celery import shared_task

from regions import services
from werkkamer.core.tasks import DATABASE_RETRY

logger = logging.getLogger(__name__)


@shared_task(name="regions.plan_pdf_render", soft_time_limit=120, time_limit=150, **DATABASE_RETRY)
def plan_pdf_render(plan_id: int) -> str:
    """Render adopted plan ``plan_id``'s PDF (idempotent: skips ready or claimed ones)."""
    outcome = services.plan_pdf_render(plan_id=plan_id)
    logger.info("plan %s PDF: %s", plan_id, outcome)
    return outcome


@shared_task(name="regions.plan_pdf_sweep", acks_late=True, time_limit=120)
def plan_pdf_sweep() -> list[int]:
    """Beat: resend adopted plans whose PDF is missing, stalled or failed."""
    return services.plan_pdf_sweep()
