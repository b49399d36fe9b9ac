"""The Celery application.

Without REDIS_URL the settings make every task run eagerly in-process (the embedded default of
`make run`); with it, tasks go to Redis and a worker (`make worker`) executes them.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkkamer.settings")

app = Celery("werkkamer")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Celery's Django fixup closes every database connection around each task unless this is set.
# We let Django decide instead (CONN_MAX_AGE and health checks, see below), so a worker keeps
# its connection across tasks just like a web process does across requests.
app.conf.CELERY_DB_REUSE_MAX = 1_000_000
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def _close_old_connections(**kwargs: object) -> None:
    if getattr(getattr(kwargs.get("task"), "request", None), "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
