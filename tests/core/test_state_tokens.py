"""State tokens known by every process without a round trip per request, and never stale: a change
in another process is known at once, and a watcher that loses Redis stops answering from memory."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

from django.conf import settings

import pytest
import redis

from tests.redisserver import private_redis_server
from tests.worker import wait_for
from werkkamer.core import state_tokens

pytestmark = pytest.mark.redis


def _key() -> str:
    return f"tests:state-token:{uuid.uuid4().hex}"


def _change_in_another_process(url: str, key: str) -> None:
    code = "import sys; from werkkamer.core import state_tokens; state_tokens.change(*sys.argv[1:])"
    subprocess.run([sys.executable, "-c", code, url, key], check=True, timeout=30)


def _count_reads(monkeypatch) -> list[str]:
    reads: list[str] = []
    real = state_tokens.read
    monkeypatch.setattr(state_tokens, "read", lambda url, key: reads.append(key) or real(url, key))
    return reads


def test_a_known_token_costs_no_round_trip_and_another_process_change_is_seen(monkeypatch):
    url, key = settings.REDIS_URL, _key()
    watcher = state_tokens.watcher(url)
    wait_for(lambda: watcher.live, timeout=10, message="the watcher to subscribe")
    reads = _count_reads(monkeypatch)
    first = state_tokens.current(url, key)
    assert [state_tokens.current(url, key) for _ in range(200)] == [first] * 200
    assert reads == [key], "one GET for a token not seen before, then none"

    # the watcher's thread is slow to wake (a loaded machine): the reader does not wait for it
    slow = state_tokens._wait_readable
    monkeypatch.setattr(
        state_tokens, "_wait_readable", lambda sock, timeout: time.sleep(1) or slow(sock, 0)
    )
    time.sleep(state_tokens.PING_SECONDS)  # the thread is now in the slow wait
    for _ in range(5):
        before = state_tokens.current(url, key)
        _change_in_another_process(url, key)
        # at once: what Redis has already announced is read before memory answers
        assert state_tokens.current(url, key) == redis.Redis.from_url(url).get(key) != before
    assert reads == [key], "announced, not asked for"


def test_the_writer_knows_its_own_change_before_its_announcement_arrives():
    url, key = settings.REDIS_URL, _key()
    watcher = state_tokens.watcher(url)
    wait_for(lambda: watcher.live, timeout=10, message="the watcher to subscribe")
    before = state_tokens.current(url, key)
    state_tokens.change(url, key)
    assert state_tokens.current(url, key) == redis.Redis.from_url(url).get(key) != before


def test_a_lost_subscription_falls_back_to_asking_redis_and_misses_nothing(monkeypatch):
    """The subscription is killed and, before it is back, another process changes the token: the
    process never answers the old token from memory."""
    url, key = settings.REDIS_URL, _key()
    watcher = state_tokens.watcher(url)
    wait_for(lambda: watcher.live, timeout=10, message="the watcher to subscribe")
    old = state_tokens.current(url, key)
    admin = redis.Redis.from_url(url)
    name = f"{state_tokens.CLIENT_NAME}:{watcher.pid}"
    (ours,) = [c["id"] for c in admin.client_list(_type="pubsub") if c["name"] == name]
    admin.client_kill_filter(_id=ours)
    _change_in_another_process(url, key)
    new = admin.get(key)
    assert new != old
    # whatever the watcher's state now (down, or subscribed again), the answer is the new token
    for _ in range(50):
        assert state_tokens.current(url, key) == new
    wait_for(lambda: watcher.live, timeout=10, message="the watcher to subscribe again")
    assert state_tokens.current(url, key) == new


def test_with_redis_gone_the_watcher_stops_answering_from_memory_and_recovers(caplog):
    with private_redis_server() as server:
        key = _key()
        watcher = state_tokens.watcher(server.url)
        wait_for(lambda: watcher.live, timeout=10, message="the watcher to subscribe")
        old = state_tokens.current(server.url, key)
        server.stop()
        wait_for(
            lambda: not watcher.live,
            timeout=state_tokens.LIVE_SECONDS + 3,
            message="the watcher to notice that Redis is gone",
        )
        with pytest.raises(redis.ConnectionError):
            state_tokens.current(server.url, key)  # no answer rather than a possibly old one
        time.sleep(3 * state_tokens.LIVE_SECONDS)  # retries meanwhile
        stopped = [r for r in caplog.records if "watching stopped" in r.getMessage()]
        assert len(stopped) == 1, "an outage is logged once, not at every retry"
        server.start()  # empty: the token is gone, a new one is made
        wait_for(lambda: watcher.live, timeout=15, message="the watcher to subscribe again")
        assert state_tokens.current(server.url, key) not in (None, old)
        state_tokens.stop(server.url)
        wait_for(lambda: not watcher._thread.is_alive(), timeout=5, message="the watcher to stop")
