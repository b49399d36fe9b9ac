"""Which real services this test run has, and the rule for tests that need one.

Without a service a test that needs it is skipped locally, with the reason. With CI=true it fails
instead: in CI every PostgreSQL, Redis, worker and browser test must really run.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

from django.conf import settings

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@cache
def has_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@cache
def has_redis() -> bool:
    if not settings.REDIS_URL:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@cache
def has_browser() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is not None


REQUIREMENTS = {
    "postgres": (has_postgres, "needs PostgreSQL: set DATABASE_URL=postgresql://..."),
    "redis": (has_redis, "needs Redis: set REDIS_URL=redis://... and start redis-server"),
    "worker": (
        lambda: has_postgres() and has_redis(),
        "starts a Celery worker: needs DATABASE_URL (PostgreSQL) and REDIS_URL",
    ),
    "browser": (has_browser, f"needs Chromium at {CHROMIUM} and the playwright package"),
}
