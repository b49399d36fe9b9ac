"""Shared fixtures: personas, service requirements, a logged-in client per persona."""

from __future__ import annotations

import os
import uuid

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from django.test import Client  # noqa: E402

import pytest  # noqa: E402

from tests.personas import PERSONA_NAMES, Personas, make_personas  # noqa: E402
from tests.services import IN_CI, REQUIREMENTS  # noqa: E402


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker, (available, reason) in REQUIREMENTS.items():
        if item.get_closest_marker(marker) and not available():
            if IN_CI:
                pytest.fail(f"CI=true: this test {reason}; it must run in CI, not skip.")
            pytest.skip(reason)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A fresh cache namespace per test: rate-limit counters and cached pages never leak between
    # tests or runs (flushing the Redis DB would also drop the Celery broker's bindings).
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for name, config in settings.CACHES.items()
    }
    # /health/ reuses a worker ping for a few seconds: no test sees the previous test's worker.
    from werkkamer.core.health import forget_worker_ping

    forget_worker_ping()


@pytest.fixture
def personas(db) -> Personas:
    return make_personas()


@pytest.fixture
def client_for(personas):
    """``client_for("coordinator_a")`` gives a Django test client logged in as that persona."""

    def make(name: str) -> Client:
        assert name in PERSONA_NAMES, name
        client = Client()
        user = personas.user(name)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _eager_tasks_by_default():
    """Tasks run in-process unless a test starts a real worker (``celery_worker_process``)."""
    from werkkamer.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def celery_worker_process(transactional_db):
    """A real ``celery worker`` process on the test database and Redis; tasks go to it."""
    from tests.worker import running_worker

    with running_worker() as worker:
        yield worker


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API keeps an event loop running in this thread, which
    # would break Django's async views (the health check) in later test modules.
    from tests.browser import launch_chromium

    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser, live_server):
    """A Playwright page in Debian Chromium against the live test server, Dutch locale."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
