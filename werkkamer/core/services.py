from __future__ import annotations

from django.db import transaction

from werkkamer.core.tasks import worker_probe


def worker_probe_enqueue(*, token: str) -> None:
    """Enqueue a probe task once the surrounding transaction commits (nothing on rollback)."""
    transaction.on_commit(lambda: worker_probe.delay(token))
