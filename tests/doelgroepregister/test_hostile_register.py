"""The hostile review of issues 12 and 13 on the register: each attack that got through, as a
test that failed before its fix (the attack is named in each test)."""

from __future__ import annotations

import logging
import os
import tempfile
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from unittest import mock

from django.urls import reverse
from django.utils import timezone

import pytest

from doelgroepregister import services
from doelgroepregister.forms import RemovalForm
from doelgroepregister.models import Grondslag, RegisterRemoval, Registration
from doelgroepregister.protection import bsn_hash
from loonwaarde.validators import holds_bsn
from tests.doelgroepregister.factories import csv_bytes, entry, upload, valid_bsns

AUDIT = pytest.mark.django_db(databases="__all__", transaction=True)
IN_REGISTER, *OTHERS = islice(valid_bsns(56_789_012), 10)
BSN = "123456782"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def bold(digits: str) -> str:
    return "".join(chr(0x1D7CE + int(d)) for d in digits)  # MATHEMATICAL BOLD DIGIT ZERO…


# Spellings of one BSN in free text that a person (or a script) might use.
HIDDEN_BSNS = [
    BSN.translate(SUPERSCRIPT),
    bold(BSN),
    "kenmerk 12 123456782",  # a number in front joined the BSN into 11 digits
    "2024 123 456 782",
    "123 / 456 / 782",
    "123,456,782",
    "123\t456\n782",
    "123  456  782",
]


@pytest.mark.parametrize("text", HIDDEN_BSNS)
def test_a_bsn_hidden_in_free_text_is_found(text):
    # before: superscripts and a number in front passed the removal reason; a number in front,
    # a slash, a comma, a tab or two spaces passed the loonwaarde free text
    assert holds_bsn(text)
    form = RemovalForm(data={"bsn": OTHERS[0], "kind": "end", "reason": f"Verzoek {text}"})
    assert not form.is_valid() and "reason" in form.errors


@pytest.mark.parametrize(
    "text",
    ["Correctie UWV, kenmerk 2026-0012", "Verzoek van 1-2-2026, 36 uur", "telefoon 06 12345678"],
)
def test_a_reason_without_a_bsn_is_kept(text):
    assert not holds_bsn(text)
    assert RemovalForm(data={"bsn": OTHERS[0], "kind": "end", "reason": text}).is_valid()


@AUDIT
def test_the_removal_page_is_no_lookup_without_a_trace_nor_past_the_budget(
    personas, client_for, settings
):
    # before: a BSN not in the register answered "geen geldige inschrijving" and left no trace,
    # and no budget applied: staff could try numbers on this page without end or record
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER = 2
    Registration.objects.create(
        bsn_hash=bsn_hash(IN_REGISTER), grondslag=Grondslag.WAJONG, start_date=date(2020, 1, 1)
    )
    staff = client_for("staff")
    url = reverse("doelgroepregister:removal")
    for bsn in OTHERS[:2]:
        staff.post(url, {"bsn": bsn, "kind": "end", "reason": "Verzoek"})
    tried = RegisterRemoval.objects.order_by("pk")
    assert [(r.bsn_hash, r.entries) for r in tried] == [(bsn_hash(b), 0) for b in OTHERS[:2]]
    page = staff.post(url, {"bsn": IN_REGISTER, "kind": "end", "reason": "Verzoek"}, follow=True)
    assert "dagbudget" in page.content.decode()
    assert Registration.objects.get(bsn_hash=bsn_hash(IN_REGISTER)).end_date is None
    assert RegisterRemoval.objects.count() == 2


@pytest.mark.redis
@AUDIT
def test_no_bsn_in_logs_redirects_redis_sessions_or_files_after_every_register_path(
    personas, client_for, caplog, settings
):
    """Import (failing, then a full-refresh dry run), removal (found and not), single checks
    (page and htmx) and a bulk list, with every logger at DEBUG: the BSNs used appear in no log
    line, no Location header, no Redis key or value, no session and no file left behind."""
    from django.contrib.sessions.models import Session

    import redis

    caplog.set_level(logging.DEBUG)
    bsns = [IN_REGISTER, *OTHERS[:4]]
    staff, employer = client_for("staff"), client_for("employer")
    answers = []
    imports = reverse("doelgroepregister:import_list")
    bad = [entry(bsns[0]), entry(bsns[1], "onbekend")]
    answers.append(staff.post(imports, {"file": upload(csv_bytes(bad)), "commit": "1"}))
    good = [entry(bsns[0]), entry(bsns[1], "wsw")]
    answers.append(staff.post(imports, {"file": upload(csv_bytes(good)), "commit": "1"}))
    refresh = {"file": upload(csv_bytes(good[:1])), "commit": "0", "full_refresh": "on"}
    answers.append(staff.post(imports, refresh))
    removal = reverse("doelgroepregister:removal")
    for bsn in (bsns[1], bsns[2]):
        answers.append(staff.post(removal, {"bsn": bsn, "kind": "end", "reason": "Verzoek"}))
    check = reverse("doelgroepregister:check")
    answers.append(employer.post(check, {"bsn": bsns[0]}))
    answers.append(employer.post(check, {"bsn": bsns[3]}, HTTP_HX_REQUEST="true"))
    listed = csv_bytes([(b, f"P{i}") for i, b in enumerate(bsns)], header=("bsn", "kenmerk"))
    answers.append(
        employer.post(
            reverse("doelgroepregister:bulk_check"),
            {"file": upload(listed, "lijst.csv"), "own_staff": "on"},
        )
    )

    locations = " ".join(a.get("Location", "") for a in answers)
    logs = "\n".join(f"{r.getMessage()} {r.args!r} {r.__dict__}" for r in caplog.records)
    client = redis.Redis.from_url(settings.REDIS_URL)
    stored = []
    for key in client.scan_iter(count=1000):
        kind = client.type(key)
        value = client.get(key) if kind == b"string" else b""
        if kind == b"list":
            value = b"".join(client.lrange(key, 0, -1))
        elif kind == b"hash":
            value = b"".join(k + v for k, v in client.hgetall(key).items())
        stored.append(key + b" " + (value or b""))
    sessions = " ".join(str(s.get_decoded()) for s in Session.objects.all())
    roots = (Path(settings.MEDIA_ROOT), Path(settings.DOELGROEPREGISTER_WORK_DIR))
    files = b"".join(p.read_bytes() for r in roots for p in r.rglob("*") if p.is_file())
    assert "register removal" in logs and sessions  # the paths ran, and logged
    for bsn in bsns:
        assert bsn not in logs, "BSN in a log line"
        assert bsn not in locations, "BSN in a redirect"
        assert not [s for s in stored if bsn.encode() in s], "BSN in Redis"
        assert bsn not in sessions, "BSN in a session"
        assert bsn.encode() not in files, "BSN in a file left behind"


def at_utc(monkeypatch, moment: str):
    instant = datetime.fromisoformat(moment).replace(tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: instant)


@AUDIT
@pytest.mark.parametrize(
    ("moment", "outcome"),
    [
        ("2026-03-28T22:59:00", "counts"),  # 23:59 in Amsterdam (CET): the last day
        ("2026-03-28T23:30:00", "not_found"),  # 00:30 the next day in Amsterdam
        ("2026-03-29T21:30:00", "counts"),  # DST began: 23:30 CEST on the 29th
        ("2026-03-29T22:30:00", "not_found"),  # 00:30 CEST on the 30th
    ],
)
def test_until_when_follows_the_amsterdam_calendar_across_midnight_and_dst(
    personas, monkeypatch, moment, outcome
):
    end = date(2026, 3, 28) if moment.startswith("2026-03-28") else date(2026, 3, 29)
    Registration.objects.create(
        bsn_hash=bsn_hash(IN_REGISTER),
        grondslag=Grondslag.WAJONG,
        start_date=date(2020, 1, 1),
        end_date=end,
    )
    at_utc(monkeypatch, moment)
    answer = services.register_check(user=personas.employer, raw_bsn=IN_REGISTER)
    assert answer.outcome == outcome
    assert answer.end_date == (end if outcome == "counts" else None)


@pytest.mark.django_db
def test_a_large_upload_is_spooled_in_the_private_work_folder_that_the_sweep_cleans(
    client_for, settings
):
    # before: Django spooled an upload over 5 MB (a register extract with plaintext BSNs) to the
    # system temp folder: a web process killed mid-request left it there, and no sweep looked
    work = Path(settings.FILE_UPLOAD_TEMP_DIR)
    assert work == Path(settings.DOELGROEPREGISTER_WORK_DIR) and work.is_dir()
    big = csv_bytes(entry(bsn) for bsn in islice(valid_bsns(61_234_567), 200_000))
    assert len(big) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    spooled = []
    real = tempfile.NamedTemporaryFile

    def spy(*args, **kwargs):
        spooled.append(kwargs.get("dir"))
        return real(*args, **kwargs)

    with mock.patch("django.core.files.uploadedfile.tempfile.NamedTemporaryFile", spy):
        response = client_for("staff").post(
            reverse("doelgroepregister:import_list"), {"file": upload(big), "commit": "0"}
        )
    assert response.status_code == 302 and spooled == [str(work)]
    # what a killed process left behind goes with the sweep
    left = work / "tmpkilled.upload.csv"
    left.write_bytes(big[:100])
    os.utime(left, (0, 0))
    services.register_import_sweep()
    assert not left.exists()


@AUDIT
def test_the_budget_is_per_amsterdam_day_and_survives_a_new_session(
    personas, monkeypatch, settings, client_for
):
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER = 1
    at_utc(monkeypatch, "2026-03-28T22:00:00")  # 23:00 on the 28th in Amsterdam
    assert services.register_check(user=personas.employer, raw_bsn=OTHERS[0]).outcome == (
        "not_found"
    )
    # logging out and in again (a new session) gives no new budget
    client_for("employer").post(reverse("doelgroepregister:check"), {"bsn": OTHERS[1]})
    at_utc(monkeypatch, "2026-03-28T22:59:00")  # still the 28th in Amsterdam (not in UTC+0)
    assert services.register_check(user=personas.employer, raw_bsn=OTHERS[1]).outcome == (
        "over_budget"
    )
    at_utc(monkeypatch, "2026-03-28T23:01:00")  # the 29th in Amsterdam, the 28th in UTC
    assert services.register_check(user=personas.employer, raw_bsn=OTHERS[1]).outcome == (
        "not_found"
    )


@AUDIT
def test_moving_an_employer_to_another_organisation_gives_no_new_budget(personas, settings):
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER = 2
    employer = personas.employer
    for bsn in OTHERS[:2]:
        assert services.register_check(user=employer, raw_bsn=bsn).outcome == "not_found"
    employer.organisation = personas.organisation_b
    employer.save()
    assert services.register_check(user=employer, raw_bsn=OTHERS[2]).outcome == "over_budget"
