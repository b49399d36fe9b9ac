from __future__ import annotations

import logging

from django.conf import settings
from django.db import OperationalError
from django.utils.translation import gettext as _

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from doelgroepregister import services

logger = logging.getLogger(__name__)
MAX_RETRIES = 3


@shared_task(
    bind=True,
    name="doelgroepregister.register_import_run",
    acks_late=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=3300,
    time_limit=3600,
)
def register_import_run(self, import_id: int) -> None:
    """Check and load one uploaded extract (idempotent: only a queued import is processed)."""
    try:
        services.register_import_process(import_id=import_id)
    except OperationalError as exc:
        if self.request.retries >= MAX_RETRIES:
            services.register_import_fail(
                import_id=import_id, message=_("De database was niet bereikbaar.")
            )
            raise
        services.register_import_requeue(import_id=import_id)
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 2)) from exc
    except SoftTimeLimitExceeded:
        services.register_import_fail(
            import_id=import_id, message=_("Het inlezen duurde te lang en is afgebroken.")
        )
        raise
    except Exception:
        logger.exception("register import %s failed", import_id)
        services.register_import_fail(
            import_id=import_id, message=_("Er ging iets mis bij het verwerken van het bestand.")
        )
        raise


@shared_task(name="doelgroepregister.check_log_purge", acks_late=True, time_limit=600)
def check_log_purge() -> int:
    """Delete check-log entries past the retention period (idempotent)."""
    deleted = services.check_log_purge(
        older_than_days=settings.DOELGROEPREGISTER_CHECK_LOG_RETENTION_DAYS
    )
    logger.info("check log retention: %s entries deleted", deleted)
    return deleted
