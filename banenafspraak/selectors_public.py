"""Reads for the public cache: what a public page shows depends on, in one light query."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import NamedTuple

from django.db import connection

from banenafspraak.models import DistributionRun, RunStatus
from regions.models import Arbeidsmarktregio

PENDING = (RunStatus.QUEUED, RunStatus.RUNNING)


class RunState(NamedTuple):
    pk: int
    status: str
    checksum: str
    finished_at: datetime | None
    started_at: datetime | None
    created_at: datetime


# Asked on every anonymous request, so plain SQL (no ORM compilation): the newest few runs.
_NEWEST = (
    "SELECT id, status, checksum, finished_at, started_at, created_at"
    " FROM banenafspraak_distributionrun WHERE status IN (%s, %s, %s) ORDER BY id DESC LIMIT 4"
)


def run_states() -> tuple[RunState | None, RunState | None]:
    """The current run (latest done) and the newest pending one, without their inputs.

    One query on the newest few runs covers the usual case (at most one queued run and a
    running one above the current); otherwise the plain query for the current one answers.
    """
    with connection.cursor() as cursor:
        cursor.execute(_NEWEST, [RunStatus.DONE, *PENDING])
        rows = [RunState(*row) for row in cursor.fetchall()]
    current = next((r for r in rows if r.status == RunStatus.DONE), None)
    pending = next((r for r in rows if r.status in PENDING), None)
    if current is None and len(rows) == 4:
        found = (
            DistributionRun.objects.done().order_by("-pk").values_list(*RunState._fields).first()
        )
        current = RunState(*found) if found else None
    return current, pending


def region_names_revision() -> str:
    """A short hash of the regions' codes and names: the distribution page shows the names of
    today, not those of the run, so a renamed region must give the page a new key."""
    rows = Arbeidsmarktregio.objects.order_by("code").values_list("code", "name")
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]
