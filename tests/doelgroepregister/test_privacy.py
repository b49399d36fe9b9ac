"""No plaintext BSN in the database, the logs, any response body or the stored files.

One realistic session (staff import with a bad row, report download, employer single and bulk
checks, an invalid BSN, every page of the app) with SQL logging on; then the captured logs, all
responses, a pg_dump of the test database and the media files are searched for the BSNs used.
"""

from __future__ import annotations

import logging
import os
import subprocess
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse

import pytest

from doelgroepregister.models import ImportStatus, RegisterImport
from doelgroepregister.protection import bsn_hash
from tests.doelgroepregister.factories import csv_bytes, entry, upload, valid_bsns

BSNS = list(islice(valid_bsns(45_678_901), 5))


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def pg_dump() -> str:
    db = connections["default"].settings_dict
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    command = [
        "pg_dump",
        "--data-only",
        "-h",
        db["HOST"] or "127.0.0.1",
        "-p",
        str(db["PORT"] or 5432),
        "-U",
        db["USER"],
        db["NAME"],
    ]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


@pytest.mark.postgres
@pytest.mark.django_db(databases="__all__", transaction=True)
def test_no_plaintext_bsn_in_database_logs_responses_or_files(personas, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    for alias in ("default", "audit"):
        connections[alias].force_debug_cursor = True  # every SQL statement into the log
    bodies: list[bytes] = []
    staff, employer = Client(), Client()
    staff.force_login(personas.staff)
    employer.force_login(personas.employer)

    def get(client, url, **kwargs):
        response = client.get(url, **kwargs)
        bodies.append(body(response))
        return response

    def post(client, url, data, **kwargs):
        response = client.post(url, data, **kwargs)
        bodies.append(body(response))
        return response

    # staff: a file with one bad row (unknown grondslag) is refused, the fixed one imported
    rows = [entry(BSNS[0], "wajong"), entry(BSNS[1], "lid2"), entry(BSNS[2], "onbekend")]
    post(
        staff,
        reverse("doelgroepregister:import_list"),
        {"file": upload(csv_bytes(rows)), "commit": "1"},
    )
    refused = RegisterImport.objects.get()
    assert refused.status == ImportStatus.INVALID
    get(staff, refused.get_absolute_url())
    get(staff, reverse("doelgroepregister:import_report", args=[refused.pk]))
    rows[2] = entry(BSNS[2], "wsw")
    post(
        staff,
        reverse("doelgroepregister:import_list"),
        {"file": upload(csv_bytes(rows)), "commit": "1"},
    )
    done = RegisterImport.objects.latest("pk")
    assert done.status == ImportStatus.DONE and done.inserted == 3
    for name in ("import_list", "overview", "check_log"):
        get(staff, reverse(f"doelgroepregister:{name}"))
    get(staff, reverse("doelgroepregister:import_detail", args=[done.pk]))
    get(staff, reverse("doelgroepregister:import_progress", args=[done.pk]))

    # employer: single checks (page and htmx), an invalid number, a bulk list, the history
    post(employer, reverse("doelgroepregister:check"), {"bsn": BSNS[0]})
    post(employer, reverse("doelgroepregister:check"), {"bsn": BSNS[3]}, HTTP_HX_REQUEST="true")
    post(employer, reverse("doelgroepregister:check"), {"bsn": BSNS[4][:-1] + "x"})
    bulk = csv_bytes([(b, f"P{i}") for i, b in enumerate(BSNS)], header=("bsn", "kenmerk"))
    answer = post(
        employer,
        reverse("doelgroepregister:bulk_check"),
        {"file": upload(bulk, "lijst.csv"), "own_staff": "on"},
    )
    answer = get(employer, reverse("doelgroepregister:bulk_result", args=[answer.context["token"]]))
    assert answer["Content-Disposition"].startswith("attachment")
    get(employer, reverse("doelgroepregister:check_history"))

    dump = pg_dump()
    logs = "\n".join(f"{r.getMessage()} {r.args!r} {r.__dict__}" for r in caplog.records)
    files = b"".join(p.read_bytes() for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    assert bsn_hash(BSNS[0]) in dump  # the dump holds the register, hashed
    assert "doelgroepregister_checklog" in logs and "COPY dgr_staging" in logs  # SQL logged
    assert len(bodies) == 15 and files
    for bsn in BSNS:
        assert bsn not in dump, "plaintext BSN in the database"
        assert bsn not in logs, "plaintext BSN in the logs"
        assert not [b for b in bodies if bsn.encode() in b], "plaintext BSN in a response"
        assert bsn.encode() not in files, "plaintext BSN in a stored file"
