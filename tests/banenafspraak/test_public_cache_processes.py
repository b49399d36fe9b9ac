"""The public cache across processes: gunicorn's workers answer from memory, and a new run made in
another process (here: the test) is on the very next page any of them serves."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
import uuid

import pytest

from tests.banenafspraak.publications.factories import done_run, next_run
from tests.pgserver import free_port
from tests.worker import ROOT, _database_url, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]
PAGE = "/banenafspraak/"


def _get(base: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(base + PAGE, timeout=30) as response:
        return response.status, response.headers["ETag"], response.read().decode()


def _up(base: str, seen: list) -> bool:
    try:
        return _get(base)[0] == 200
    except OSError as exc:  # not listening yet, or an error page (kept for the message)
        seen[:] = [exc]
        return False


def test_every_gunicorn_worker_shows_a_new_run_on_the_next_request(
    personas, settings, django_capture_on_commit_callbacks
):
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": prefix} for name, config in settings.CACHES.items()
    }
    run = done_run(django_capture_on_commit_callbacks)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DJANGO_SETTINGS_MODULE": "werkkamer.settings",
    }
    command = [sys.executable, "-m", "gunicorn", "tests.wsgi:application", "--workers", "2"]
    server = subprocess.Popen([*command, "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        seen: list = []
        try:
            wait_for(lambda: _up(base, seen), timeout=30)
        except AssertionError:
            raise AssertionError(f"gunicorn did not answer 200 in 30 s: {seen}") from None
        for step in range(4):
            # both workers have the current page in memory (their answers are the same bytes)
            answers = {_get(base)[1:] for _ in range(20)}
            assert len(answers) == 1, "every worker serves the same page"
            (etag, body), *_ = answers
            assert f"Versie {run.pk}" in body
            run = next_run(django_capture_on_commit_callbacks, wajong=9_000 + step)
            # no wait: the very next request to any worker shows the new version
            for _ in range(20):
                status, new_etag, new_body = _get(base)
                assert status == 200 and new_etag != etag
                assert f"Versie {run.pk}" in new_body
    finally:
        server.terminate()
        server.wait(timeout=20)
