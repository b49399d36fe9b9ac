"""Every time shown or printed is in Europe/Amsterdam.

A run, a publication and a finalised assessment are stamped 2026-06-15 22:30 UTC: in Amsterdam
(summer time, UTC+2) that is 16 June 2026, 00:30. Each page type must say so, and never show the
UTC date or hour (the publish form said 18:23 where every other page said 19:23).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from django.urls import reverse
from django.utils import timezone

import pytest
from pypdf import PdfReader

from banenafspraak.publications import services as services_publications
from tests.banenafspraak.publications.factories import done_run
from tests.loonwaarde.factories import make_assessment

pytestmark = pytest.mark.django_db

INSTANT = datetime(2026, 6, 15, 22, 30, tzinfo=UTC)
LOCAL_LONG = "16 juni 2026 00:30"
UTC_TRACES = ("15 juni 2026", "15-06-2026", "22:30")


@pytest.fixture
def stamped(personas, django_capture_on_commit_callbacks, monkeypatch):
    # A finished run cannot change (a database trigger): the clock is set while it is made.
    with monkeypatch.context() as clock:
        clock.setattr(timezone, "now", lambda: INSTANT)
        run = done_run(django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            publication, _ = services_publications.publication_create(
                run=run, title="Verdeling juni", summary="Over juni.", user=personas.staff
            )
        assessment = make_assessment(
            assessor=personas.assessor,
            employer=personas.organisation_a,
            region=personas.region_a,
            finalise=True,
        )
    run.refresh_from_db()
    publication.refresh_from_db()
    assessment.refresh_from_db()
    assert run.finished_at == publication.published_at == assessment.finalised_at == INSTANT
    return run, publication, assessment


def _no_utc(text: str, where: str) -> None:
    for trace in UTC_TRACES:
        assert trace not in text, f"{where} shows the UTC {trace!r}"


def test_every_page_type_shows_the_amsterdam_time(stamped, client_for):
    run, publication, assessment = stamped
    staff = client_for("staff")
    pages = {
        "run list": (staff, reverse("banenafspraak:run_list"), LOCAL_LONG),
        "run detail": (staff, reverse("banenafspraak:run_detail", args=[run.pk]), LOCAL_LONG),
        "publish form": (
            staff,
            reverse("banenafspraak:publication_create"),
            "berekend 16-06-2026 00:30",
        ),
        "publication list": (
            client_for("anonymous"),
            reverse("banenafspraak:publication_list"),
            "16 juni 2026",
        ),
        "assessment": (
            client_for("assessor"),
            reverse("loonwaarde:detail", args=[assessment.pk]),
            "16 juni 2026",
        ),
    }
    for where, (client, url, wanted) in pages.items():
        text = client.get(url).content.decode()
        assert wanted in text, f"{where} ({url}) lacks {wanted!r}"
        _no_utc(text, where)


def test_the_assessment_pdf_prints_the_amsterdam_time_and_the_assessors_name(
    stamped, client_for, personas
):
    _run, _publication, assessment = stamped
    response = client_for("assessor").get(reverse("loonwaarde:pdf", args=[assessment.pk]))
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert f"Definitief gemaakt op: {LOCAL_LONG}" in text
    _no_utc(text, "assessment PDF")
    assert f"Naam: {personas.assessor.get_full_name()}" in text
    assert personas.assessor.email not in text
