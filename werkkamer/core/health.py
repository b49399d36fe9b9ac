from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings

from health_check.contrib.celery import Ping
from health_check.views import HealthCheckView


@dataclasses.dataclass
class WorkerPing(Ping):
    """Celery ping that is skipped when tasks run eagerly in-process (the embedded default)."""

    def run(self):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return
        return super().run()


class PortalHealthView(HealthCheckView):
    """JSON health of database, cache/broker and worker; 503 when a required part is down."""

    @property
    def checks(self):  # type: ignore[override]
        checks: list = ["health_check.checks.Database", "health_check.checks.Cache"]
        if settings.REDIS_URL:
            from redis.asyncio import Redis

            checks.append(
                (
                    "health_check.contrib.redis.Redis",
                    {"client_factory": lambda: Redis.from_url(settings.REDIS_URL)},
                )
            )
        checks.append(
            (
                WorkerPing,
                {"timeout": datetime.timedelta(seconds=settings.HEALTH_CHECK_WORKER_TIMEOUT)},
            )
        )
        return checks

    def render_to_response(self, context, **response_kwargs):
        # Always JSON, also for a browser's Accept header: this endpoint is for machines.
        return self.render_to_response_json(response_kwargs.get("status", 200))

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            response.status_code = 503
        return response
