"""Tasks for publications (found by Celery's autodiscovery in the installed app)."""

from __future__ import annotations

import logging

from celery import shared_task

from banenafspraak.publications import services
from werkkamer.core.tasks import DATABASE_RETRY

logger = logging.getLogger(__name__)


@shared_task(
    name="banenafspraak.publication_render", soft_time_limit=120, time_limit=150, **DATABASE_RETRY
)
def publication_render(publication_id: int) -> str:
    """Render publication ``publication_id``'s PDF (idempotent: skips ready or claimed ones)."""
    outcome = services.publication_render(publication_id=publication_id)
    logger.info("publication %s: %s", publication_id, outcome)
    return outcome


@shared_task(name="banenafspraak.publication_sweep", acks_late=True, time_limit=120)
def publication_sweep() -> list[int]:
    """Beat: resend publications whose render never reached a worker or whose worker died."""
    return services.publication_sweep()
