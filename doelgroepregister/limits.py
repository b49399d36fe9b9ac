"""Fixed-window rate limits and daily budgets in the shared cache (Redis in production).

Rate limits: with Redis every limit of one request is counted in a single round trip: a small
Lua script increments the keys in order and stops at the first that is over its limit, exactly
as the portable path (any Django cache, one INCR per key) does.

Budgets (``budget_consume``): a number of BSNs taken from several daily budgets at once (the
user's and the organisation's), all or nothing: when any budget has less left than asked, none
is touched. With Redis one Lua script reads and spends them (Redis runs a script alone, so two
requests racing for the last units cannot both get them); the portable path (locmem in
development, one process) does the same under a lock.

Keys go through the cache's ``make_key``, so its prefix and version apply to every path.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
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


# KEYS: the budgets; ARGV[1]: their lifetime; ARGV[2]: the amount; ARGV[2 + i]: KEYS[i]'s size.
# Returns {1, least left afterwards} when every budget had room (all spent), else {0, least left}.
_SPEND = """
local amount = tonumber(ARGV[2])
local least = nil
for i, key in ipairs(KEYS) do
    local left = tonumber(ARGV[i + 2]) - tonumber(redis.call('GET', key) or '0')
    if least == nil or left < least then least = left end
end
if least < amount then return {0, math.max(least, 0)} end
for i, key in ipairs(KEYS) do
    redis.call('INCRBY', key, amount)
    redis.call('EXPIRE', key, ARGV[1])
end
return {1, least - amount}
"""
BUDGET_LIFETIME = 2 * 24 * 3600
_portable_budget_lock = threading.Lock()


@dataclass(frozen=True)
class Spent:
    granted: bool
    left: int  # the least any of the budgets has left (after spending, when granted)


def budget_consume(*, budgets: list[tuple[str, int]], amount: int, period: str) -> Spent:
    """Spend ``amount`` from every (key, size) budget of ``period`` (e.g. the date), or nothing
    when one of them has less than ``amount`` left."""
    names = _budget_names(budgets, period)
    script = _redis_script(*_cache_location(), _SPEND)
    if script is not None:
        granted, left = script(
            keys=[cache.make_key(name) for name in names],
            args=[BUDGET_LIFETIME, amount, *(size for _, size in budgets)],
        )
        return Spent(bool(granted), int(left))
    with _portable_budget_lock:
        used = cache.get_many(names)
        least = _least_left(budgets, names, used)
        if least < amount:
            return Spent(False, max(least, 0))
        cache.set_many(
            {name: used.get(name, 0) + amount for name in names}, timeout=BUDGET_LIFETIME
        )
    return Spent(True, least - amount)


def budget_left(*, budgets: list[tuple[str, int]], period: str) -> int:
    """What is left of the tightest of the (key, size) budgets of ``period``, spending nothing.
    Both paths keep plain integers under the cache's own keys, so ``get_many`` reads either."""
    names = _budget_names(budgets, period)
    return max(_least_left(budgets, names, cache.get_many(names)), 0)


def _budget_names(budgets: list[tuple[str, int]], period: str) -> list[str]:
    return [f"doelgroepregister:budget:{key}:{period}" for key, _ in budgets]


def _least_left(budgets: list[tuple[str, int]], names: list[str], used: dict[str, int]) -> int:
    return min(
        size - int(used.get(name, 0)) for name, (_, size) in zip(names, budgets, strict=True)
    )


def _cache_location() -> tuple[str, str]:
    config = settings.CACHES["default"]
    return config["BACKEND"], config.get("LOCATION", "")


def limit_consume(*, limits: list[tuple[str, int]], window: int = WINDOW_SECONDS) -> int | None:
    """Count one use against every (key, limit); the seconds until the window resets when a
    limit is exceeded (later keys are then not counted), else None."""
    now = int(time.time())
    start = now - now % window
    names = [f"doelgroepregister:limit:{key}:{start}" for key, _ in limits]
    script = _redis_script(*_cache_location(), _CONSUME)
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
def _redis_client(location: str):
    import redis

    return redis.Redis.from_url(location)


@memoise
def _redis_script(backend: str, location: str, source: str) -> Script | None:
    """The registered script on a client of its own (one connection pool per process and
    server), or None when the cache is not Redis."""
    if not backend.endswith(".RedisCache"):
        return None
    return _redis_client(location).register_script(source)
