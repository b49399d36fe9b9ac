"""Start a real Celery worker process against the test database and Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    def __init__(self, process: subprocess.Popen, name: str, log: Path) -> None:
        self.process = process
        self.name = name
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL, as in a crash: no graceful shutdown, no acknowledgement of running tasks."""
        self.process.kill()
        self.process.wait(timeout=10)


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.05, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message or predicate}")


@contextmanager
def running_worker(
    extra_args: tuple[str, ...] = (), log_dir: Path | None = None, redis_url: str | None = None
) -> Iterator[WorkerProcess]:
    from werkkamer.celery import app

    name = f"test-{uuid.uuid4().hex[:8]}@localhost"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url or settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        # required with DEBUG off; the same key, so the worker hashes BSNs like the tests
        "DOELGROEPREGISTER_BSN_KEY": settings.DOELGROEPREGISTER_BSN_KEY,
        "DEBUG": "false",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_SKIP_CHECKS": "1",
    }
    log = (log_dir or Path(settings.MEDIA_ROOT).parent) / f"worker-{name.split('@')[0]}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    previous_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()  # nothing left over from earlier tests reaches this worker
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "werkkamer",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                "-n",
                name,
                *extra_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    worker = WorkerProcess(process, name, log)
    try:
        wait_for(
            lambda: process.poll() is not None or app.control.ping(destination=[name], timeout=0.5),
            timeout=60,
            message="the worker to answer a ping",
        )
        assert process.poll() is None, f"worker exited early:\n{worker.output()}"
        yield worker
    finally:
        app.conf.task_always_eager = previous_eager
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def broker(url: str) -> Iterator[None]:
    """Send this process's tasks to another Redis for the duration (fault tests), not eagerly."""
    from werkkamer.celery import app

    previous, previous_eager = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    app._after_fork()  # noqa: SLF001 - drops the cached connection and producer pools
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = previous, previous_eager
        app._after_fork()  # noqa: SLF001
