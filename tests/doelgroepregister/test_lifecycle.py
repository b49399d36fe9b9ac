"""The register over time: full refreshes, removal on request and retention, each seen through
the employer's check."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import islice

from django.urls import reverse
from django.utils import timezone

import pytest

from doelgroepregister import loading, services
from doelgroepregister.models import (
    CheckOutcome,
    Grondslag,
    ImportStatus,
    RegisterImport,
    RegisterRemoval,
    Registration,
)
from doelgroepregister.protection import bsn_hash
from doelgroepregister.tasks import register_retention
from tests.doelgroepregister.factories import csv_bytes, entry, upload, valid_bsns

# the employer's check runs on its own connection: these tests commit their data
AUDIT = pytest.mark.django_db(databases="__all__", transaction=True)
PEOPLE = list(islice(valid_bsns(81_234_567), 40))
STAYS, LEAVES, *OTHERS = PEOPLE


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.DOELGROEPREGISTER_REFRESH_MAX_END_PERCENT = 5


@pytest.fixture
def run_import(personas, django_capture_on_commit_callbacks):
    def run(rows, *, commit=True, full_refresh=True) -> RegisterImport:
        with django_capture_on_commit_callbacks(execute=True):
            created = services.register_import_create(
                user=personas.staff,
                upload=upload(csv_bytes(rows)),
                commit=commit,
                full_refresh=full_refresh,
            )
        return RegisterImport.objects.get(pk=created.pk)

    return run


def employer_sees(personas, bsn: str) -> str:
    return services.register_check(user=personas.employer, raw_bsn=bsn).outcome


def extract(people, grondslag="wajong"):
    return [entry(bsn, grondslag, "2020-01-01") for bsn in people]


@pytest.fixture(params=["postgresql", "portable"])
def loader(request, monkeypatch):
    from django.db import connection

    if request.param == "portable":
        monkeypatch.setattr(loading, "_load_postgresql", loading._load_portable)
    elif connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    return request.param


@AUDIT
def test_a_full_refresh_ends_who_left_and_the_employer_sees_it(personas, run_import, loader):
    first = run_import(extract([STAYS, LEAVES, *OTHERS[:28]]) + [entry(OTHERS[30], "lid2")])
    assert (first.status, first.inserted) == (ImportStatus.DONE, 31)
    assert employer_sees(personas, LEAVES) == CheckOutcome.COUNTS
    # the next extract: LEAVES is gone (1 of 31, under the 5 % threshold), one new person, one
    # changed end date
    rows = extract([STAYS, *OTHERS[:28]]) + [entry(OTHERS[30], "lid2", "2020-01-01", "2031-12-31")]
    dry = run_import([*rows, entry(OTHERS[29], "vso", "2020-01-01")], commit=False)
    assert dry.status == ImportStatus.CHECKED and (dry.ended, dry.active_before) == (1, 31)
    assert dry.per_grondslag == {
        "wajong": {"new": 0, "changed": 0, "unchanged": 29, "ended": 1},
        "lid2": {"new": 0, "changed": 1, "unchanged": 0, "ended": 0},
        "vso": {"new": 1, "changed": 0, "unchanged": 0, "ended": 0},
    }
    assert employer_sees(personas, LEAVES) == CheckOutcome.COUNTS  # a dry run changes nothing
    services.register_import_commit(register_import=dry)
    done = RegisterImport.objects.get(pk=dry.pk)
    assert (done.status, done.ended, done.inserted, done.updated) == ("done", 1, 1, 1)
    assert employer_sees(personas, LEAVES) == CheckOutcome.NOT_FOUND
    assert employer_sees(personas, STAYS) == CheckOutcome.COUNTS
    ended = Registration.objects.get(bsn_hash=bsn_hash(LEAVES))
    assert ended.end_date == timezone.localdate() - timedelta(days=1)  # ended, kept for now
    # the same refresh again changes nothing
    again = run_import([*rows, entry(OTHERS[29], "vso", "2020-01-01")])
    assert (again.status, again.inserted, again.updated, again.ended) == ("done", 0, 0, 0)
    assert employer_sees(personas, LEAVES) == CheckOutcome.NOT_FOUND


@AUDIT
def test_a_refresh_ending_more_than_the_threshold_waits_for_the_typed_number(
    personas, run_import, client_for
):
    run_import(extract(PEOPLE))  # 40 entries
    half = run_import(extract(PEOPLE[:36]))  # would end 4 of 40: 10 % > 5 %
    assert (half.status, half.ended, half.active_before) == (ImportStatus.CHECKED, 4, 40)
    assert half.needs_confirmation and "meer dan 5%" in half.message
    assert employer_sees(personas, PEOPLE[39]) == CheckOutcome.COUNTS  # nothing loaded
    staff = client_for("staff")
    page = staff.get(half.get_absolute_url()).content.decode()
    assert "Typ het aantal (4)" in page and 'data-ended="4"' in page
    commit = reverse("doelgroepregister:import_commit", args=[half.pk])
    wrong = staff.post(commit, {"confirm_ended": "40"})
    assert wrong.status_code == 200 and "precies het aantal" in wrong.content.decode()
    assert RegisterImport.objects.get(pk=half.pk).status == ImportStatus.CHECKED
    staff.post(commit, {"confirm_ended": "4"})
    assert RegisterImport.objects.get(pk=half.pk).status == ImportStatus.DONE
    assert employer_sees(personas, PEOPLE[39]) == CheckOutcome.NOT_FOUND
    assert employer_sees(personas, PEOPLE[0]) == CheckOutcome.COUNTS


@AUDIT
def test_an_entry_that_had_not_started_is_removed_not_ended(personas, run_import):
    later = (timezone.localdate() + timedelta(days=10)).isoformat()
    run_import(extract(PEOPLE[:30]) + [entry(OTHERS[35], "wsw", later)])
    refreshed = run_import(extract(PEOPLE[:30]))
    assert (refreshed.status, refreshed.ended) == ("done", 1)
    assert not Registration.objects.filter(bsn_hash=bsn_hash(OTHERS[35])).exists()


@AUDIT
def test_removal_on_request_ends_the_entries_audit_logged_without_the_bsn(
    personas, run_import, client_for
):
    run_import(extract([STAYS, LEAVES]), full_refresh=False)
    staff = client_for("staff")
    url = reverse("doelgroepregister:removal")
    response = staff.post(
        url,
        {"bsn": f"{LEAVES[:3]} {LEAVES[3:]}", "kind": "end", "reason": "Verzoek van betrokkene"},
    )
    assert response.status_code == 302 and LEAVES not in response["Location"]
    assert employer_sees(personas, LEAVES) == CheckOutcome.NOT_FOUND
    assert employer_sees(personas, STAYS) == CheckOutcome.COUNTS
    log = RegisterRemoval.objects.get()
    assert (log.bsn_hash, log.kind, log.entries, log.user_email) == (
        bsn_hash(LEAVES),
        "end",
        1,
        personas.staff.email,
    )
    page = staff.get(url).content.decode()
    assert LEAVES not in page and "Verzoek van betrokkene" in page
    # the entry is ended, not gone (until retention); a delete removes it at once
    assert Registration.objects.filter(bsn_hash=bsn_hash(LEAVES)).exists()
    staff.post(url, {"bsn": STAYS, "kind": "delete", "reason": "Correctie UWV, kenmerk 12"})
    assert not Registration.objects.filter(bsn_hash=bsn_hash(STAYS)).exists()
    assert employer_sees(personas, STAYS) == CheckOutcome.NOT_FOUND


@AUDIT
def test_a_removal_refuses_a_bsn_in_the_reason_and_never_echoes_it(client_for):
    response = client_for("staff").post(
        reverse("doelgroepregister:removal"),
        {"bsn": LEAVES, "kind": "end", "reason": f"BSN {LEAVES[:4]}.{LEAVES[4:]}"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Zet geen BSN in de reden" in body
    assert LEAVES not in body and not RegisterRemoval.objects.exists()


@AUDIT
def test_retention_deletes_long_ended_entries_and_old_imports(personas, run_import, settings):
    settings.DOELGROEPREGISTER_ENDED_RETENTION_DAYS = 30
    settings.DOELGROEPREGISTER_IMPORT_RETENTION_DAYS = 90
    old = run_import(extract([STAYS]), full_refresh=False)
    old_dry_run = run_import(extract([STAYS]), full_refresh=False, commit=False)  # never loaded
    today = timezone.localdate()
    Registration.objects.create(
        bsn_hash=bsn_hash(LEAVES),
        grondslag=Grondslag.WSW,
        start_date=date(2015, 1, 1),
        end_date=today - timedelta(days=31),
    )
    Registration.objects.create(
        bsn_hash=bsn_hash(OTHERS[0]),
        grondslag=Grondslag.WSW,
        start_date=date(2015, 1, 1),
        end_date=today - timedelta(days=29),
    )
    report, staged = old.report_file.path, old_dry_run.staged_file.path
    RegisterImport.objects.filter(pk__in=[old.pk, old_dry_run.pk]).update(
        finished_at=timezone.now() - timedelta(days=91)
    )
    recent = run_import(extract([STAYS]), full_refresh=False)
    assert register_retention() == {"entries": 1, "imports": 2, "removals": 0}
    assert not Registration.objects.filter(bsn_hash=bsn_hash(LEAVES)).exists()
    assert Registration.objects.filter(bsn_hash=bsn_hash(OTHERS[0])).exists()
    assert list(RegisterImport.objects.values_list("pk", flat=True)) == [recent.pk]
    import os

    assert not os.path.exists(report) and not os.path.exists(staged)
    assert employer_sees(personas, LEAVES) == CheckOutcome.NOT_FOUND
    assert employer_sees(personas, STAYS) == CheckOutcome.COUNTS


def test_the_retention_tasks_are_scheduled(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"doelgroepregister.register_retention", "doelgroepregister.register_import_sweep"} <= (
        tasks
    )
