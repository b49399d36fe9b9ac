"""Fixed-window rate limits in the shared cache (Redis in production).

With Redis every limit of one request is counted in a single round trip: a small Lua script
increments the keys in order and stops at the first that is over its limit, exactly as the
portable path (any Django cache, one INCR per key) does. Keys go through the cache's
``make_key``, so its prefix and version apply to both paths.
"""

from __future__ import annotations

import time
from functools import cache as memoise
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache

if TYPE_CHECKING:
    from redis.commands.core import Script

WINDOW_SECONDS = 3600

# KEYS: the counters; ARGV[1]: their lifetime; ARGV[1 + i]: the limit of KEYS[i].
# Returns the (1-based) index of the first counter over its limit, or 0.
_CONSUME = """
for i, key in ipairs(KEYS) do
    local count = redis.call('INCR', key)
    if count == 1 then redis.call('EXPIRE', key, ARGV[1]) end
    if count > tonumber(ARGV[i + 1]) then return i end
end
return 0
"""


def limit_consume(*, limits: list[tuple[str, int]], window: int = WINDOW_SECONDS) -> int | None:
    """Count one use against every (key, limit); the seconds until the window resets when a
    limit is exceeded (later keys are then not counted), else None."""
    now = int(time.time())
    start = now - now % window
    names = [f"doelgroepregister:limit:{key}:{start}" for key, _ in limits]
    config = settings.CACHES["default"]
    script = _redis_script(config["BACKEND"], config.get("LOCATION", ""))
    if script is not None:
        over = script(
            keys=[cache.make_key(name) for name in names],
            args=[window + 60, *(limit for _, limit in limits)],
        )
        return start + window - now if over else None
    for name, (_, limit) in zip(names, limits, strict=True):
        try:
            count = cache.incr(name)
        except ValueError:  # the window's first use
            count = 1 if cache.add(name, 1, timeout=window + 60) else cache.incr(name)
        if count > limit:
            return start + window - now
    return None


@memoise
def _redis_script(backend: str, location: str) -> Script | None:
    """The registered script on a client of its own (one connection pool per process and
    server), or None when the cache is not Redis."""
    if not backend.endswith(".RedisCache"):
        return None
    import redis

    return redis.Redis.from_url(location).register_script(_CONSUME)
