from __future__ import annotations

import dataclasses
import datetime
import threading
import time

from django.conf import settings
from django.http import JsonResponse

from health_check.contrib.celery import Ping
from health_check.exceptions import HealthCheckException
from health_check.views import HealthCheckView

# The last worker ping of this process: (monotonic time it expires, the error or None).
_last_ping: tuple[float, HealthCheckException | None] = (0.0, None)
_ping_lock = threading.Lock()


@dataclasses.dataclass
class WorkerPing(Ping):
    """Celery ping that is skipped when tasks run eagerly in-process (the embedded default).

    Its answer is reused for HEALTH_CHECK_WORKER_CACHE_SECONDS: however often /health/ is
    called, each web process pings the workers at most once in that period.
    """

    def run(self):
        global _last_ping
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return
        with _ping_lock:
            expires, error = _last_ping
            if time.monotonic() >= expires:
                try:
                    super().run()
                    error = None
                except HealthCheckException as exc:
                    error = exc
                _last_ping = (time.monotonic() + settings.HEALTH_CHECK_WORKER_CACHE_SECONDS, error)
        if error is not None:
            raise type(error)(error.message)


def forget_worker_ping() -> None:
    """Forget the reused ping answer (tests that start or stop a worker)."""
    global _last_ping
    _last_ping = (0.0, None)


class PortalHealthView(HealthCheckView):
    """JSON health of database, cache/broker and worker; 503 when a required part is down.

    Anonymous callers (the container's health check, a load balancer) get only
    ``{"status": "up"}`` or ``{"status": "down"}``; which part failed, with its host, port or
    database number, is for Werkkamer staff only.
    """

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

    def render_to_response_json(self, status):
        up = not any(result.error for result in self.results)
        body: dict[str, str] = {"status": "up" if up else "down"}
        if self.show_detail:
            body |= {
                repr(result.check): "OK" if not result.error else str(result.error)
                for result in self.results
            }
        return JsonResponse(body, status=200 if up else 503)

    async def get(self, request, *args, **kwargs):
        try:
            user = await request.auser()
        except Exception:  # the session store (Redis) is down: answer as to anyone
            self.show_detail = False
        else:
            self.show_detail = user.is_authenticated and (user.is_staff or user.is_werkkamer_staff)
        request.GET = request.GET.copy()
        request.GET["format"] = "json"  # one answer shape: no text, feed or metrics variants
        return await super().get(request, *args, **kwargs)
