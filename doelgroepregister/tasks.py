from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from doelgroepregister import services
from werkkamer.core.tasks import DATABASE_RETRY

logger = logging.getLogger(__name__)


@shared_task(
    name="doelgroepregister.register_import_run",
    soft_time_limit=3300,
    time_limit=3600,
    **DATABASE_RETRY,
)
def register_import_run(import_id: int) -> str:
    """Check and load one uploaded extract (idempotent: only a queued import is claimed).

    A transient database error has given the claim back: the shared retry policy runs it again
    (and the sweep takes over should the retries run out, or the worker die).
    """
    try:
        return services.register_import_process(import_id=import_id)
    except (OperationalError, InterfaceError):
        raise
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


@shared_task(name="doelgroepregister.register_import_sweep", acks_late=True, time_limit=120)
def register_import_sweep() -> list[int]:
    """Beat: requeue (or fail) imports whose worker died, resend lost ones, clean work files."""
    return services.register_import_sweep()


@shared_task(name="doelgroepregister.check_log_purge", acks_late=True, time_limit=600)
def check_log_purge() -> int:
    """Delete check-log entries past the retention period (idempotent)."""
    deleted = services.check_log_purge(
        older_than_days=settings.DOELGROEPREGISTER_CHECK_LOG_RETENTION_DAYS
    )
    logger.info("check log retention: %s entries deleted", deleted)
    return deleted


@shared_task(name="doelgroepregister.register_retention", acks_late=True, time_limit=1800)
def register_retention() -> dict:
    """Beat (daily): delete entries, imports and removal log entries past their periods."""
    done = services.register_retention(
        ended_older_than_days=settings.DOELGROEPREGISTER_ENDED_RETENTION_DAYS,
        imports_older_than_days=settings.DOELGROEPREGISTER_IMPORT_RETENTION_DAYS,
        removals_older_than_days=settings.DOELGROEPREGISTER_IMPORT_RETENTION_DAYS,
    )
    logger.info("register retention: %s", done)
    return {"entries": done.entries, "imports": done.imports, "removals": done.removals}
