"""State tokens in Redis that every process knows without asking on each request.

A *state token* is a random value under a Redis key that a writer replaces whenever something
changes (``change``). A reader remembers what it derived from the state together with the token it
saw, and reads again when the token differs (``banenafspraak.public_cache.remembered``).

Asking Redis for the token on every request is one network round trip per request. Instead each
process keeps a watcher: a daemon thread subscribed to one pub/sub channel on which ``change``
announces each new token. While the watcher is live the token is known in memory:

- it subscribes *before* it reads a token, so no change falls between the read and the
  subscription; a token it has not seen yet is read with one GET and then kept up to date by the
  announcements (an announcement always wins over a GET that raced it);
- it pings Redis every ``PING_SECONDS`` and counts as live only while it heard from Redis within
  ``LIVE_SECONDS``; on any error, or silence, it forgets every token, so readers fall back to a
  GET per request until it has subscribed again. A lost connection therefore never leaves a
  process with an old token for longer than ``LIVE_SECONDS``;
- the writer's own process learns its change at once (no wait for its own announcement);
- it is started lazily in the process that reads (after a fork, again in the child).

- before memory answers, the reader itself reads whatever announcements have already arrived on
  the subscription (a local poll of the socket, no round trip). Redis sends an announcement to the
  subscribers in the same turn as it answers the writer, so a request that starts after a change
  has returned (in any process on the same host) sees it, however late the watcher's thread is
  scheduled.
"""

from __future__ import annotations

import functools
import logging
import os
import select
import threading
import time
import uuid

import redis
from redis.client import PubSub

logger = logging.getLogger(__name__)

PING_SECONDS = 0.5
LIVE_SECONDS = 2.0
CLIENT_NAME = "werkkamer-state-tokens"  # the subscription's name in Redis's CLIENT LIST
MAX_KEYS = 64  # tokens remembered per process (one in production; tests use fresh prefixes)


@functools.cache
def client(url: str) -> redis.Redis:
    """One client per process and URL: plain GET/SET of bytes, no pickling."""
    return redis.Redis.from_url(url)


def channel_for(url: str) -> str:
    return f"werkkamer:state-tokens:{client(url).connection_pool.connection_kwargs.get('db', 0)}"


class Watcher:
    """The tokens of one Redis (see the module), kept current by a subscribed daemon thread."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pid = os.getpid()
        self.channel = channel_for(url)
        self._tokens: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._heard = 0.0  # monotonic time Redis was last heard on the subscription
        self._subscribed = False
        self._generation = 0  # subscriptions so far: a GET from before the last one is not kept
        self._stopped = threading.Event()
        self._pubsub: PubSub | None = None  # the subscription, read under ``_reading``
        self._reading = threading.Lock()
        self._broken = False  # a reader saw the subscription fail: the watcher reconnects
        self._thread = threading.Thread(target=self._run, name="state-tokens", daemon=True)
        self._thread.start()

    @property
    def live(self) -> bool:
        return self._subscribed and time.monotonic() - self._heard < LIVE_SECONDS

    def token(self, key: str) -> bytes | None:
        """The token under ``key`` as this process knows it; None when not live (ask Redis).

        Announcements Redis has already sent are read first (a local poll, no round trip), so a
        request that starts after a change has returned in any process sees that change.
        """
        if not self.live or not self._catch_up():
            return None
        known = self._tokens.get(key)
        if known is not None:
            return known
        generation = self._generation
        fetched = read(self.url, key)
        with self._lock:
            if not self.live or generation != self._generation:
                return fetched
            if len(self._tokens) >= MAX_KEYS:
                self._tokens.clear()
            # an announcement that arrived meanwhile is newer than what the GET saw
            return self._tokens.setdefault(key, fetched)

    def learn(self, key: str, token: bytes) -> None:
        with self._lock:
            if self._subscribed:
                self._tokens[key] = token

    def _forget(self) -> None:
        with self._lock:
            self._subscribed = False
            self._tokens.clear()

    def _run(self) -> None:
        told = False  # the outage is logged once, not at every retry
        while not self._stopped.is_set():
            generation = self._generation
            try:
                self._listen()
            except Exception as exc:  # a lost connection, Redis restarting: try again shortly
                if self._generation != generation:
                    told = False  # it was subscribed in between: a new outage
                if not told:
                    logger.warning("state tokens: watching stopped (%s); asking Redis", exc)
                    told = True
            self._forget()
            self._stopped.wait(LIVE_SECONDS)

    def stop(self) -> None:
        """Stop watching (within ``PING_SECONDS``); readers ask Redis from now on."""
        self._stopped.set()
        self._forget()

    def _catch_up(self) -> bool:
        """Read every announcement already received; False if the subscription failed."""
        try:
            with self._reading:
                pubsub = self._pubsub
                if pubsub is None:
                    return False
                while (message := pubsub.get_message(timeout=0)) is not None:
                    self._handle(message)
        except Exception:  # the watcher's own loop reconnects; until then, ask Redis
            self._broken = True
            self._forget()
            return False
        return True

    def _handle(self, message: dict) -> None:
        self._heard = time.monotonic()
        kind = message["type"]
        if kind == "subscribe":
            with self._lock:
                self._tokens.clear()
                self._generation += 1
                self._subscribed = True
        elif kind == "message":
            key, _, token = message["data"].partition(b" ")
            self.learn(key.decode(), token)

    def _listen(self) -> None:
        connection = redis.Redis.from_url(
            self.url, socket_timeout=LIVE_SECONDS, client_name=f"{CLIENT_NAME}:{self.pid}"
        )
        pubsub = connection.pubsub()
        try:
            with self._reading:
                self._broken = False
                pubsub.subscribe(self.channel)
                self._pubsub = pubsub
            pinged = time.monotonic()
            while not self._stopped.is_set():
                # wait for data without holding the connection: readers may catch up meanwhile
                _wait_readable(pubsub.connection._sock, PING_SECONDS)  # type: ignore[union-attr]
                if not self._catch_up() or self._broken:
                    raise ConnectionError("the subscription failed")
                now = time.monotonic()
                if now - pinged >= PING_SECONDS:
                    with self._reading:
                        pubsub.ping()
                    pinged = now
                if now - self._heard >= LIVE_SECONDS:
                    raise ConnectionError("no answer from Redis")
        finally:
            with self._reading:
                self._pubsub = None
            pubsub.close()
            connection.close()


def _wait_readable(sock: object, timeout: float) -> None:
    select.select([sock], [], [], timeout)


_watchers: dict[str, Watcher] = {}
_start = threading.Lock()


def watcher(url: str) -> Watcher:
    """This process's watcher of ``url`` (a new one in a forked child)."""
    found = _watchers.get(url)
    if found is None or found.pid != os.getpid():
        with _start:
            found = _watchers.get(url)
            if found is None or found.pid != os.getpid():
                found = _watchers[url] = Watcher(url)
    return found


def stop(url: str) -> None:
    """Stop this process's watcher of ``url`` (a Redis that goes away for good, tests)."""
    found = _watchers.pop(url, None)
    if found is not None:
        found.stop()


def read(url: str, key: str) -> bytes:
    """The token under ``key`` from Redis (a new one when there is none yet)."""
    redis_client = client(url)
    token = redis_client.get(key)
    if token is None:  # evicted or new: a token nobody remembers
        redis_client.set(key, uuid.uuid4().hex, nx=True)
        token = redis_client.get(key)
    return token


def current(url: str, key: str) -> bytes:
    """The token under ``key``: from memory while this process's watcher is live, else Redis."""
    known = watcher(url).token(key)
    return known if known is not None else read(url, key)


def change(url: str, key: str) -> None:
    """Something behind ``key`` changed: a new token, announced to every process."""
    token = uuid.uuid4().hex.encode()
    pipe = client(url).pipeline(transaction=True)
    pipe.set(key, token)
    pipe.publish(channel_for(url), key.encode() + b" " + token)
    pipe.execute()
    found = _watchers.get(url)
    if found is not None and found.pid == os.getpid():
        found.learn(key, token)  # this process knows at once
