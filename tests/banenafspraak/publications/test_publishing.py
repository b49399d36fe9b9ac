"""Publishing: one publication and one file per run, retries, failures, withdrawal, snapshots."""

from __future__ import annotations

import hashlib
import threading
from datetime import timedelta
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.utils import timezone

import pytest

from banenafspraak import services as distribution
from banenafspraak.models import DistributionRun
from banenafspraak.publications import services
from banenafspraak.publications.models import Publication, PublicationStatus
from banenafspraak.publications.tasks import publication_render
from regions.models import Arbeidsmarktregio
from tests.banenafspraak.factories import complete_dataset
from tests.banenafspraak.publications.factories import done_run, next_run

pytestmark = pytest.mark.django_db


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "publicaties"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    return done_run(django_capture_on_commit_callbacks)


def publish(capture, run, user, title="Verdeling", *, execute=True) -> Publication:
    with capture(execute=execute):
        publication, _ = services.publication_create(
            run=run, title=title, summary="Samenvatting.", user=user
        )
    publication.refresh_from_db()
    return publication


def test_publishing_the_same_run_twice_gives_one_publication_and_one_file(
    run, personas, django_capture_on_commit_callbacks
):
    first = publish(django_capture_on_commit_callbacks, run, personas.staff)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again, created = services.publication_create(
            run=run, title="Nog eens", summary="x", user=personas.staff
        )
    assert (again, created, callbacks) == (first, False, [])
    assert Publication.objects.count() == 1
    files = stored_files()
    assert len(files) == 1
    assert first.status == PublicationStatus.READY
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == first.pdf_sha256
    assert first.pdf_size == files[0].stat().st_size


def test_a_worker_retry_of_a_ready_publication_changes_nothing(
    run, personas, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff)
    before = stored_files()[0].read_bytes()
    assert publication_render.apply(args=[publication.pk]).get() == "skipped"
    publication.refresh_from_db()
    assert stored_files()[0].read_bytes() == before
    assert len(stored_files()) == 1
    assert publication.attempts == 1
    assert hashlib.sha256(before).hexdigest() == publication.pdf_sha256


def test_a_stalled_render_is_taken_over_and_still_gives_one_file(
    run, personas, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, execute=False)
    # a worker claimed it, wrote a partial file and died
    Publication.objects.filter(pk=publication.pk).update(
        status=PublicationStatus.RENDERING,
        attempts=1,
        rendering_started_at=timezone.now() - timedelta(hours=1),
    )
    leftover = Path(settings.MEDIA_ROOT) / services.publication_file_name(publication.pk)
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half a PDF")
    assert services.publication_render(publication_id=publication.pk) == "ready"
    publication.refresh_from_db()
    assert publication.attempts == 2
    assert stored_files() == [leftover]
    assert hashlib.sha256(leftover.read_bytes()).hexdigest() == publication.pdf_sha256


def test_a_worker_whose_claim_was_taken_over_writes_nothing(
    run, personas, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, execute=False)
    Publication.objects.filter(pk=publication.pk).update(
        status=PublicationStatus.RENDERING, attempts=2
    )
    assert services._store(publication.pk, attempt=1, pdf=b"%PDF stale") is False
    assert stored_files() == []
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.RENDERING


def test_a_transient_database_error_gives_the_claim_back_for_the_retry(
    run, personas, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, execute=False)
    lost = OperationalError("connection lost")
    with mock.patch.object(services, "_store", side_effect=lost), pytest.raises(OperationalError):
        services.publication_render(publication_id=publication.pk)
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.QUEUED
    assert services.publication_render(publication_id=publication.pk) == "ready"
    assert len(stored_files()) == 1


def test_a_failed_render_shows_its_error_and_staff_can_retry_it(
    run, personas, client_for, django_capture_on_commit_callbacks
):
    with mock.patch.object(services, "render_to_pdf", side_effect=ValueError("lettertype kapot")):
        publication = publish(django_capture_on_commit_callbacks, run, personas.staff)
    assert publication.status == PublicationStatus.FAILED
    assert "lettertype kapot" in publication.error
    assert stored_files() == []
    staff = client_for("staff")
    page = staff.get(publication.get_absolute_url())
    assert "Het maken van de PDF is mislukt." in page.text and "lettertype kapot" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"{publication.get_absolute_url()}opnieuw/")
    assert response.status_code == 302
    publication.refresh_from_db()
    assert (publication.status, publication.error, publication.attempts) == ("ready", "", 2)
    assert len(stored_files()) == 1


def test_a_later_run_and_renamed_region_leave_an_earlier_publication_alone(
    run, personas, django_capture_on_commit_callbacks
):
    first = publish(django_capture_on_commit_callbacks, run, personas.staff, "Eerste")
    snapshot, digest, content = first.snapshot, first.pdf_sha256, stored_files()[0].read_bytes()
    Arbeidsmarktregio.objects.filter(code="AM01").update(name="Andere naam")
    later = next_run(django_capture_on_commit_callbacks, code="AM05", unemployed=20_000)
    assert later.pk != run.pk
    second = publish(django_capture_on_commit_callbacks, later, personas.staff, "Tweede")
    first.refresh_from_db()
    assert (first.snapshot, first.pdf_sha256) == (snapshot, digest)
    assert Path(first.pdf.path).read_bytes() == content
    assert first.snapshot["regions"][0]["name"] == "Groningen"
    # the second report compares with the first
    assert second.snapshot["previous"]["publication_id"] == first.pk
    assert second.snapshot["previous"]["checksum"] == run.checksum
    assert len(stored_files()) == 2


def test_withdrawing_keeps_the_publication_and_its_file_on_record(
    run, personas, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff)
    assert services.publication_withdraw(
        publication=publication, user=personas.staff, reason="Fout in basisgegevens"
    )
    assert not services.publication_withdraw(publication=publication, user=personas.staff)
    publication.refresh_from_db()
    assert publication.is_withdrawn and publication.withdrawn_by == personas.staff
    assert publication.withdrawal_reason == "Fout in basisgegevens"
    assert services.publication_pdf_bytes(publication=publication)  # file still there, intact
    assert list(Publication.objects.public()) == []
    # after withdrawal the same run may be published anew (a new record, a new file)
    again = publish(django_capture_on_commit_callbacks, run, personas.staff, "Gecorrigeerd")
    assert again.pk != publication.pk and len(stored_files()) == 2


def test_a_changed_file_is_refused_rather_than_served(
    run, personas, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff)
    Path(publication.pdf.path).write_bytes(b"%PDF tampered")
    with pytest.raises(services.PublicationFileError):
        services.publication_pdf_bytes(publication=publication)


def test_only_a_done_run_can_be_published(personas, run):
    queued = DistributionRun.objects.create(reason="wacht")
    with pytest.raises(ValidationError):
        services.publication_create(run=queued, title="x", summary="y", user=personas.staff)


def test_the_sweep_resends_stalled_publications_only(
    run, personas, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, execute=False)
    assert services.publication_sweep() == []  # just queued: its message is on its way
    Publication.objects.filter(pk=publication.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    assert services.publication_sweep() == [publication.pk]  # eager here: rendered now
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.READY
    assert services.publication_sweep() == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_publishing_the_same_run_at_once_get_one_publication(personas):
    distribution.reference_data_ensure()
    complete_dataset()
    run_id = distribution.distribution_request(reason="start").pk  # eager: computed at once
    run = DistributionRun.objects.get(pk=run_id)
    barrier, results, errors = threading.Barrier(2), [], []

    def publish_in_thread(title: str) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(
                services.publication_create(run=run, title=title, summary="x", user=personas.staff)
            )
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    with mock.patch.object(services, "publication_enqueue") as enqueue:
        threads = [threading.Thread(target=publish_in_thread, args=(t,)) for t in ("A", "B")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors, errors
    assert sorted(created for _, created in results) == [False, True]
    assert len({publication.pk for publication, _ in results}) == 1
    assert Publication.objects.count() == 1
    assert enqueue.call_count == 1
