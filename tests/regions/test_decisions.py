from __future__ import annotations

import io
import pathlib

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import openpyxl
import pytest

from regions.attachments import sniff_kind
from regions.models import Decision, DecisionAttachment, DecisionStatus
from tests.regions import factories


def test_files_are_recognised_by_content_not_by_name():
    assert sniff_kind(io.BytesIO(factories.PDF_BYTES)) == "pdf"
    assert sniff_kind(io.BytesIO(factories.ooxml_bytes("word/document.xml"))) == "docx"
    assert sniff_kind(io.BytesIO(factories.ooxml_bytes("xl/workbook.xml"))) == "xlsx"
    assert sniff_kind(io.BytesIO(b"<html><body>%PDF-1.4</body></html>")) is None
    assert sniff_kind(io.BytesIO(b"MZ\x90\x00 an executable")) is None
    assert sniff_kind(io.BytesIO(b"PK\x03\x04 not really a zip")) is None


def test_a_real_xlsx_workbook_is_accepted():
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    assert sniff_kind(buffer) == "xlsx"


@pytest.mark.django_db
def test_every_werkbedrijf_starts_with_the_five_standard_beslispunten(personas):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    factories.werkbedrijf(personas.region_a)  # idempotent
    points = list(werkbedrijf.decisions.values_list("standard_point", "status"))
    assert points == [(n, DecisionStatus.OPEN) for n in range(1, 6)]


@pytest.mark.django_db
def test_a_taken_decision_needs_a_date(personas, client_for):
    decision = factories.werkbedrijf(personas.region_a).decisions.get(standard_point=1)
    url = reverse("regions:decision_edit", kwargs={"code": "AM01", "pk": decision.pk})
    response = client_for("coordinator_a").post(
        url, {"status": "taken", "text": "Convenant getekend.", "version": decision.version}
    )
    assert response.status_code == 200
    assert "Een genomen besluit heeft een datum." in response.content.decode()
    response = client_for("coordinator_a").post(
        url,
        {"status": "taken", "decided_on": "2015-03-01", "text": "Convenant.", "version": 1},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.TAKEN
    assert decision.title.startswith("Samenwerkingsvorm")  # a standard title stays as it is


@pytest.fixture
def decision(personas) -> Decision:
    return factories.werkbedrijf(personas.region_a).decisions.get(standard_point=2)


def upload(client, decision, file) -> object:
    url = reverse("regions:attachment_add", kwargs={"code": "AM01", "pk": decision.pk})
    return client.post(url, {"file": file})


@pytest.mark.django_db
def test_a_pdf_attachment_is_stored_outside_public_urls_and_streamed_to_editors(
    decision, client_for
):
    assert (
        upload(client_for("coordinator_a"), decision, factories.pdf_upload("b.pdf")).status_code
        == 302
    )
    attachment = DecisionAttachment.objects.get(decision=decision)
    stored = pathlib.Path(attachment.file.path)
    assert stored.is_relative_to(pathlib.Path(settings.MEDIA_ROOT))
    assert "b.pdf" not in stored.name  # a random name, nothing to guess
    url = reverse("regions:attachment_download", kwargs={"code": "AM01", "pk": attachment.pk})
    response = client_for("staff").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == factories.PDF_BYTES
    assert 'filename="b.pdf"' in response["Content-Disposition"]
    assert client_for("coordinator_b").get(url).status_code == 403


@pytest.mark.django_db
def test_a_renamed_file_and_an_oversized_file_are_refused(decision, client_for, settings):
    client = client_for("coordinator_a")
    fake = SimpleUploadedFile("besluit.pdf", b"<script>alert(1)</script>", "application/pdf")
    response = upload(client, decision, fake)
    assert response.status_code == 200
    assert "Alleen PDF-, Word- (DOCX) en Excel-bestanden (XLSX)" in response.content.decode()
    settings.REGIONS_ATTACHMENT_MAX_BYTES = 10
    response = upload(client, decision, factories.pdf_upload())
    assert "Het bestand is te groot" in response.content.decode()
    assert not DecisionAttachment.objects.exists()


def test_beslispunt_5_shows_the_loonwaarde_method_in_force(personas, client_for):
    from regions.services import werkbedrijf_ensure

    werkbedrijf_ensure(region=personas.region_a)
    client = client_for("coordinator_a")
    html = client.get(f"/regios/{personas.region_a.code}/werkbedrijf/besluiten/").content.decode()
    # since 1 July 2021 the national Uniforme Loonwaardemethodiek applies in every region
    assert "Loonwaardemethode die nu geldt in deze regio: Uniforme Loonwaardemethodiek" in html


@pytest.mark.django_db
def test_an_attachment_zip_of_many_tiny_parts_is_refused_before_it_is_listed(decision, client_for):
    """Issue 12 §3: a package whose directory lists 5,000 parts is refused from its end record."""
    from tests.core.test_uploads import many_entries

    file = SimpleUploadedFile("besluit.xlsx", many_entries(), "application/octet-stream")
    response = upload(client_for("coordinator_a"), decision, file)
    assert response.status_code == 200
    assert "Het bestand bevat te veel onderdelen (5004; hoogstens 1000)." in (
        response.content.decode()
    )
    assert not DecisionAttachment.objects.filter(decision=decision).exists()
