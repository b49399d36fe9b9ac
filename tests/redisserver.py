"""A private redis-server for fault tests: stop and start it without touching the shared one."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from tests.pgserver import free_port
from tests.worker import wait_for


class PrivateRedis:
    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: _pings(self.url), timeout=10, message="the private redis-server")

    def stop(self) -> None:
        stop_redis(self.url)
        if self.process is not None:
            self.process.wait(timeout=10)


@contextmanager
def private_redis_server() -> Iterator[PrivateRedis]:
    server = PrivateRedis(free_port())
    server.start()
    try:
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.process.kill()
            server.process.wait()


@contextmanager
def private_redis() -> Iterator[str]:
    with private_redis_server() as server:
        yield server.url


def stop_redis(url: str) -> None:
    import redis

    with contextlib.suppress(redis.ConnectionError):
        redis.Redis.from_url(url).shutdown(nosave=True)
    wait_for(lambda: not _pings(url), timeout=10, message="redis to stop")


def _pings(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except redis.ConnectionError:
        return False
