"""A killed worker never leaves an import stuck or a plaintext extract behind."""

from __future__ import annotations

import re
from datetime import timedelta
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

import pytest

from doelgroepregister import services
from doelgroepregister.models import ImportStatus, RegisterImport, Registration
from doelgroepregister.tasks import register_import_sweep
from doelgroepregister.workspace import work_root
from tests.doelgroepregister.factories import csv_bytes, entry, upload, valid_bsns
from tests.worker import running_worker, wait_for

pytestmark = pytest.mark.django_db(databases="__all__")
NINE_DIGITS = re.compile(rb"(?<![0-9])[0-9]{9}(?![0-9])")


@pytest.fixture(autouse=True)
def _private_work_dir(settings, tmp_path, monkeypatch):
    settings.DOELGROEPREGISTER_WORK_DIR = tmp_path / "werkmap"
    monkeypatch.setenv("DOELGROEPREGISTER_WORK_DIR", str(settings.DOELGROEPREGISTER_WORK_DIR))


def plaintext_bsns_on_disk(bsns: set[str]) -> set[str]:
    """Every BSN of ``bsns`` written in any file under MEDIA_ROOT or the work folder."""
    found: set[str] = set()
    for root in (Path(settings.MEDIA_ROOT), Path(settings.DOELGROEPREGISTER_WORK_DIR)):
        for path in root.rglob("*") if root.exists() else ():
            if path.is_file():
                found |= {m.decode() for m in NINE_DIGITS.findall(path.read_bytes())} & bsns
    return found


def stalled_import(personas, bsns, *, attempts: int = 1, commit: bool = True) -> RegisterImport:
    """An import as a killed worker leaves it: claimed, an old heartbeat, upload and a work
    folder with a plaintext copy."""
    register_import = RegisterImport(
        original_name="extract.csv", uploaded_by=personas.staff, commit=commit
    )
    content = csv_bytes([entry(bsn) for bsn in bsns])
    register_import.upload.save("x.csv", upload(content), save=False)
    register_import.status = ImportStatus.VALIDATING
    register_import.attempts = attempts
    register_import.heartbeat_at = timezone.now() - timedelta(hours=1)
    register_import.save()
    leftover = work_root() / f"import-{register_import.pk}"
    leftover.mkdir()
    (leftover / "copy.csv").write_bytes(content)
    return register_import


def test_the_sweep_runs_an_import_whose_worker_died_and_leaves_no_plaintext(
    personas, django_capture_on_commit_callbacks
):
    bsns = list(islice(valid_bsns(61_234_567), 20))
    register_import = stalled_import(personas, bsns)
    assert plaintext_bsns_on_disk(set(bsns))  # what a killed worker leaves
    register_import_sweep()  # tasks run eagerly here: the sweep's message runs the import
    register_import.refresh_from_db()
    assert (register_import.status, register_import.inserted) == (ImportStatus.DONE, 20)
    assert register_import.attempts == 2
    assert plaintext_bsns_on_disk(set(bsns)) == set()


def test_after_the_last_attempt_the_sweep_fails_it_with_a_reason_and_deletes_the_extract(
    personas, settings
):
    settings.DOELGROEPREGISTER_IMPORT_MAX_ATTEMPTS = 3
    bsns = list(islice(valid_bsns(62_234_567), 5))
    register_import = stalled_import(personas, bsns, attempts=3)
    register_import_sweep()
    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.FAILED
    assert "te vaak afgebroken" in register_import.message
    assert not register_import.upload and not Registration.objects.exists()
    assert plaintext_bsns_on_disk(set(bsns)) == set()


def test_a_live_import_is_left_alone_by_the_sweep(personas):
    register_import = stalled_import(personas, list(islice(valid_bsns(63_234_567), 3)))
    RegisterImport.objects.filter(pk=register_import.pk).update(heartbeat_at=timezone.now())
    register_import_sweep()
    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.VALIDATING and register_import.upload


def test_the_sweep_removes_old_files_from_the_work_folder(personas, settings):
    import os

    old = work_root() / "bulk-old"
    old.mkdir()
    (old / "lijst.csv").write_text("bsn\n")
    fresh = work_root() / "bulk-fresh"
    fresh.mkdir()
    past = timezone.now().timestamp() - settings.DOELGROEPREGISTER_WORK_MAX_AGE - 60
    for path in (old / "lijst.csv", old):
        os.utime(path, (past, past))
    register_import_sweep()
    assert not old.exists() and fresh.exists()


def test_staff_retry_a_stalled_import_and_cancel_a_dry_run(
    personas, client_for, django_capture_on_commit_callbacks
):
    bsns = list(islice(valid_bsns(64_234_567), 4))
    stalled = stalled_import(personas, bsns)
    staff = client_for("staff")
    page = staff.get(stalled.get_absolute_url()).content.decode()
    assert reverse("doelgroepregister:import_retry", args=[stalled.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("doelgroepregister:import_retry", args=[stalled.pk]))
    stalled.refresh_from_db()
    assert (stalled.status, stalled.inserted) == (ImportStatus.DONE, 4)
    # a done import cannot be retried or cancelled
    assert not services.register_import_retry(register_import=stalled)
    assert not services.register_import_cancel(register_import=stalled)
    with django_capture_on_commit_callbacks(execute=True):
        dry = services.register_import_create(
            user=personas.staff, upload=upload(csv_bytes([entry(b) for b in bsns])), commit=False
        )
    dry.refresh_from_db()
    assert dry.status == ImportStatus.CHECKED and dry.staged_file
    staff.post(reverse("doelgroepregister:import_cancel", args=[dry.pk]))
    dry.refresh_from_db()
    assert dry.status == ImportStatus.CANCELLED and not dry.staged_file and not dry.upload


@pytest.mark.parametrize("kind", ["done", "invalid", "failed"])
def test_every_terminal_state_deletes_the_extract(personas, kind, run_import_any):
    bsns = list(islice(valid_bsns(65_234_567), 3))
    rows = [entry(b) for b in bsns] + ([entry("123")] if kind == "invalid" else [])
    register_import = run_import_any(csv_bytes(rows), fail=kind == "failed")
    assert register_import.status == kind
    assert not register_import.upload
    assert plaintext_bsns_on_disk(set(bsns)) == set()


@pytest.fixture
def run_import_any(personas, django_capture_on_commit_callbacks, monkeypatch):
    def run(content: bytes, *, fail: bool) -> RegisterImport:
        if fail:
            from doelgroepregister import importing

            def broken(self, chunks):
                for _chunk in chunks:
                    pass
                raise RuntimeError("disk full")

            monkeypatch.setattr(importing.ImportRun, "_load", broken)
        with django_capture_on_commit_callbacks(execute=True):
            try:
                created = services.register_import_create(
                    user=personas.staff, upload=upload(content), commit=True
                )
            except RuntimeError:
                created = RegisterImport.objects.get()
        return RegisterImport.objects.get(pk=created.pk)

    return run


@pytest.mark.worker
@pytest.mark.django_db(databases="__all__", transaction=True)
def test_a_worker_killed_during_a_large_import_leaves_nothing_stuck_nor_plaintext(
    personas, settings
):
    bsns = list(islice(valid_bsns(71_234_567), 400_000))
    content = csv_bytes(entry(bsn, "wajong", "2021-01-01") for bsn in bsns)
    with running_worker() as first:
        register_import = services.register_import_create(
            user=personas.staff, upload=upload(content), commit=True
        )

        def parsing():
            register_import.refresh_from_db()
            return register_import.status == ImportStatus.VALIDATING and register_import.row_count

        wait_for(parsing, timeout=60, interval=0.01, message="the worker to start parsing")
        first.kill()
    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.VALIDATING, first.output()
    sample = set(bsns[:1000])
    # the premise: the killed worker left the extract and its copy with plaintext BSNs
    assert plaintext_bsns_on_disk(sample)
    settings.DOELGROEPREGISTER_IMPORT_STUCK_AFTER = 0
    with running_worker() as second:
        assert register_import_sweep() == [register_import.pk]

        def finished():
            register_import.refresh_from_db()
            return not register_import.is_running

        wait_for(finished, timeout=240, message="the second worker to finish the import")
        assert register_import.status == ImportStatus.DONE, second.output()
    assert (register_import.inserted, register_import.attempts) == (400_000, 2)
    assert Registration.objects.count() == 400_000
    assert plaintext_bsns_on_disk(set(bsns)) == set()
