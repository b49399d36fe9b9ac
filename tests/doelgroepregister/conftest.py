from __future__ import annotations

from django.db import connections

import pytest


@pytest.fixture(scope="session", autouse=True)
def _close_audit_connection(django_db_setup, django_db_blocker):
    """The check log's own connection must be closed before the test database is dropped."""
    yield
    if "audit" in connections.settings:
        with django_db_blocker.unblock():
            connections["audit"].close()
