"""Fixed-window rate limits in the shared cache (Redis in production): one INCR per key."""

from __future__ import annotations

import time

from django.core.cache import cache

WINDOW_SECONDS = 3600


def limit_consume(*, limits: list[tuple[str, int]], window: int = WINDOW_SECONDS) -> int | None:
    """Count one use against every (key, limit); the seconds until the window resets when a
    limit is exceeded (later keys are then not counted), else None."""
    now = int(time.time())
    start = now - now % window
    for key, limit in limits:
        name = f"doelgroepregister:limit:{key}:{start}"
        try:
            count = cache.incr(name)  # one round trip in the common case
        except ValueError:  # the window's first use
            count = 1 if cache.add(name, 1, timeout=window + 60) else cache.incr(name)
        if count > limit:
            return start + window - now
    return None
