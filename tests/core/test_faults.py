"""Faults against real services: PostgreSQL restarted under load.

The portal runs under gunicorn with production settings against a private PostgreSQL server that
the test stops and starts (the shared server is never touched).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests.pgserver import free_port, private_postgres
from tests.worker import wait_for

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


def _get(url: str) -> int | str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return type(error).__name__


def _portal_env(database_url: str, var_dir: Path) -> dict[str, str]:
    keep = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    }
    return {
        **keep,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "fault-test-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(var_dir),
        "CONN_MAX_AGE": "60",
        "LOG_FORMAT": "json",
    }


def test_postgres_restart_under_load_fails_cleanly_and_recovers(tmp_path):
    with private_postgres() as pg:
        env = _portal_env(pg.url, tmp_path)
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True
            )
        port = free_port()
        log = (tmp_path / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "werkkamer.wsgi:application",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}/regios/"
        try:
            wait_for(lambda: _get(url) == 200, timeout=30, message="gunicorn to serve")
            seen: Counter = Counter()
            stop = threading.Event()

            def load() -> None:
                while not stop.is_set():
                    seen[_get(url)] += 1

            threads = [threading.Thread(target=load) for _ in range(4)]
            for t in threads:
                t.start()
            time.sleep(1)
            pg.stop("fast")
            wait_for(
                lambda: seen[503] >= 5, timeout=20, message="clean 503s while the database is down"
            )
            pg.start()
            wait_for(
                lambda: all(_get(url) == 200 for _ in range(10)), timeout=30, message="recovery"
            )
            stop.set()
            for t in threads:
                t.join()
        finally:
            server.terminate()
            server.wait(timeout=20)
            log.close()
        assert server.returncode == 0 or server.returncode == -15
        assert set(seen) <= {200, 503}, f"unclean answers: {seen}"
        assert seen[200] > 0 and seen[503] > 0, seen
