from __future__ import annotations

from django.db import connections

import pytest


@pytest.fixture(scope="session", autouse=True)
def _close_audit_connection(django_db_setup, django_db_blocker):
    """The check log's own connection must be closed before the test database is dropped."""
    yield
    with django_db_blocker.unblock():
        connections["audit"].close()


@pytest.fixture
def worker_bsn_key(monkeypatch, settings):
    """A worker process started after this hashes BSNs with the same key as the tests (and
    starts at all: without the key and with DEBUG off the settings refuse to load)."""
    monkeypatch.setenv("DOELGROEPREGISTER_BSN_KEY", settings.DOELGROEPREGISTER_BSN_KEY)
