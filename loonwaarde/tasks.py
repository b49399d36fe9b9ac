from __future__ import annotations

import logging
import smtplib

from django.utils import timezone

from celery import shared_task

from loonwaarde import services

logger = logging.getLogger(__name__)


@shared_task(name="loonwaarde.reminders_sweep", soft_time_limit=120, time_limit=180)
def reminders_sweep() -> int:
    """Daily (beat): enqueue the re-assessment reminders that are due and not yet sent."""
    count = services.reminders_enqueue(today=timezone.localdate())
    logger.info("loonwaarde: %s herinnering(en) in de wachtrij", count)
    return count


@shared_task(
    name="loonwaarde.reminder_send",
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
)
def reminder_send(assessment_id: int, kind: str) -> bool:
    """Send one reminder (idempotent: a reminder already sent is skipped)."""
    sent = services.reminder_send(assessment_id=assessment_id, kind=kind)
    logger.info(
        "loonwaarde: herinnering %s voor beoordeling %s verstuurd=%s", kind, assessment_id, sent
    )
    return sent
