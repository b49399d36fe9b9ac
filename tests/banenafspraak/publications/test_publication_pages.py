"""The publication pages: public list, detail and status, exports, feed, the staff form."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from banenafspraak.models import NationalTarget
from banenafspraak.publications import services
from banenafspraak.publications.models import Publication, PublicationStatus
from regions.models import Arbeidsmarktregio
from tests.banenafspraak.publications.factories import done_run
from werkkamer.core.exports import neutralise

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    return done_run(django_capture_on_commit_callbacks)


def publish(capture, run, user, title: str) -> Publication:
    with capture(execute=True):
        publication, _ = services.publication_create(
            run=run, title=title, summary=f"Over {title}.", user=user
        )
    publication.refresh_from_db()
    return publication


def test_the_public_list_shows_published_reports_newest_first_and_hides_drafts(
    run, personas, client_for, django_capture_on_commit_callbacks
):
    older = publish(django_capture_on_commit_callbacks, run, personas.staff, "Verdeling 2024")
    services.publication_withdraw(publication=older, user=personas.staff, reason="Vervangen")
    newer = publish(django_capture_on_commit_callbacks, run, personas.staff, "Verdeling 2025")
    Publication.objects.filter(pk=newer.pk).update(run=run)
    Publication.objects.create(
        run=run,
        title="Concept",
        summary="x",
        snapshot=newer.snapshot,
        withdrawn_at=newer.published_at,
    )  # queued, never rendered
    page = client_for("anonymous").get("/banenafspraak/publicaties/").text
    assert page.index("Verdeling 2025") < page.index("Verdeling 2024")
    assert "Concept" not in page
    assert "Ingetrokken" in page
    assert f"/banenafspraak/publicaties/{newer.pk}/rapport.pdf" in page
    assert f"/banenafspraak/publicaties/{older.pk}/rapport.pdf" not in page
    assert "Concept" in client_for("staff").get("/banenafspraak/publicaties/").text


def test_everyone_downloads_the_pdf_and_the_same_table_as_csv_and_xlsx(
    run, personas, client_for, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, "Verdeling")
    client = client_for("employer")
    pdf = client.get(f"/banenafspraak/publicaties/{publication.pk}/rapport.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith('attachment; filename="verdeling-')
    assert pdf.content == services.publication_pdf_bytes(publication=publication)

    response = client.get(f"/banenafspraak/publicaties/{publication.pk}/tabel.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "regiocode",
        "regio",
        "jaar",
        "marktsector",
        "overheid",
        "totaal",
        "opmerking",
    ]
    assert {r[6] for r in rows[1:]} == {""}  # real figures: no demo label
    assert len(rows) == 1 + 36 * len(publication.snapshot["years"])
    totals = {int(r[2]): (int(r[3]), int(r[4])) for r in rows if r[1] == "Totaal"}
    for target in NationalTarget.objects.all():
        assert totals[target.year][0 if target.sector == "market" else 1] == target.jobs
    assert {r[1] for r in rows[1:]} - {"Totaal"} == set(
        Arbeidsmarktregio.objects.values_list("name", flat=True)
    )

    response = client.get(f"/banenafspraak/publicaties/{publication.pk}/tabel.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    xlsx_rows = [
        ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert xlsx_rows == rows
    assert client.get(f"/banenafspraak/publicaties/{publication.pk}/tabel.json").status_code == 404


def test_cells_that_look_like_formulas_are_neutralised(
    run, personas, client_for, django_capture_on_commit_callbacks
):
    Arbeidsmarktregio.objects.filter(code="AM01").update(name='=HYPERLINK("http://x")')
    Arbeidsmarktregio.objects.filter(code="AM02").update(name="@SUM(1)")
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, "-Titel")
    text = (
        client_for("anonymous")
        .get(f"/banenafspraak/publicaties/{publication.pk}/tabel.csv")
        .content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text
    sheet = load_workbook(
        io.BytesIO(
            client_for("anonymous")
            .get(f"/banenafspraak/publicaties/{publication.pk}/tabel.xlsx")
            .content
        )
    ).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x")' in names
    assert all(not str(name).startswith(("=", "+", "-", "@")) for name in names)
    assert (
        neutralise("+31") == "'+31"
        and neutralise(-5) == -5
        and neutralise("Groningen") == "Groningen"
    )


def test_the_atom_feed_lists_published_reports_with_their_pdf(
    run, personas, client_for, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, "Verdeling")
    response = client_for("anonymous").get("/banenafspraak/publicaties/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Verdeling"]
    enclosure = entries[0].find(f"{ATOM}link[@rel='enclosure']")
    assert enclosure.get("href").endswith(f"/publicaties/{publication.pk}/rapport.pdf")
    assert enclosure.get("type") == "application/pdf"
    services.publication_withdraw(publication=publication, user=personas.staff)
    feed = ElementTree.fromstring(
        client_for("anonymous").get("/banenafspraak/publicaties/feed/").content
    )
    assert feed.findall(f"{ATOM}entry") == []


def test_the_detail_page_polls_while_the_pdf_is_made_and_refreshes_when_ready(
    run, personas, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        publication, _ = services.publication_create(
            run=run, title="Verdeling", summary="x", user=personas.staff
        )
    staff = client_for("staff")
    page = staff.get(publication.get_absolute_url()).text
    assert "De PDF wordt gemaakt" in page
    assert f'hx-get="/banenafspraak/publicaties/{publication.pk}/status/"' in page
    assert "<script" not in page.split("</head>")[1]  # no inline scripts: htmx attributes only
    status = staff.get(
        f"/banenafspraak/publicaties/{publication.pk}/status/", HTTP_HX_REQUEST="true"
    )
    assert "hx-trigger" in status.text and "HX-Refresh" not in status
    services.publication_render(publication_id=publication.pk)
    status = staff.get(
        f"/banenafspraak/publicaties/{publication.pk}/status/", HTTP_HX_REQUEST="true"
    )
    assert status["HX-Refresh"] == "true" and "hx-trigger" not in status.text
    page = staff.get(publication.get_absolute_url()).text
    assert "Gepubliceerd op" in page and "Rapport (PDF)" in page
    assert f"/banenafspraak/publicaties/{publication.pk}/regio/AM01.pdf" in page


def test_the_publish_form_keeps_the_input_and_explains_errors(client_for, run, personas):
    response = client_for("staff").post(
        "/banenafspraak/publicaties/nieuw/", {"run": run.pk, "title": "", "summary": "Mijn tekst"}
    )
    assert response.status_code == 200
    assert "Geef de publicatie een titel." in response.text
    assert "Mijn tekst" in response.text
    assert not Publication.objects.exists()


def test_staff_publish_through_the_form_once_per_run(
    client_for, run, personas, django_capture_on_commit_callbacks
):
    staff = client_for("staff")
    data = {"run": run.pk, "title": "Verdeling 2025", "summary": "Nieuw.", "confirm": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        first = staff.post("/banenafspraak/publicaties/nieuw/", data)
        second = staff.post("/banenafspraak/publicaties/nieuw/", data, follow=True)
    publication = Publication.objects.get()
    assert first["Location"] == publication.get_absolute_url()
    assert "Deze berekening is al gepubliceerd" in second.text
    assert publication.status == PublicationStatus.READY
    assert publication.created_by == personas.staff


def test_a_region_page_links_its_one_pager_from_the_newest_publication(
    run, personas, client_for, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, "Verdeling")
    page = client_for("anonymous").get("/regios/AM18/").text
    assert f"/banenafspraak/publicaties/{publication.pk}/regio/AM18.pdf" in page
    response = client_for("coordinator_b").get(
        f"/banenafspraak/publicaties/{publication.pk}/regio/AM18.pdf"
    )
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_demo_figures_carry_their_label_in_the_exports_and_the_feed(
    personas, client_for, django_capture_on_commit_callbacks
):
    run = done_run(django_capture_on_commit_callbacks, is_demo=True)
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, "Demo")
    client = client_for("anonymous")
    text = client.get(f"/banenafspraak/publicaties/{publication.pk}/tabel.csv").content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert {r[6] for r in rows[1:]} == {"fictief (demo)"}
    feed = ElementTree.fromstring(client.get("/banenafspraak/publicaties/feed/").content)
    assert feed.find(f"{ATOM}entry/{ATOM}title").text == "Demo – fictief (demo)"
    page = client.get(publication.get_absolute_url()).text
    assert "fictief (demo)" in page


def test_publishing_first_says_what_is_fixed_and_who_sees_it_then_publishes_on_confirm(
    client_for, run, django_capture_on_commit_callbacks
):
    staff = client_for("staff")
    data = {"run": run.pk, "title": "Verdeling 2025", "summary": "Nieuw."}
    asked = staff.post("/banenafspraak/publicaties/nieuw/", data)
    assert asked.status_code == 200 and not Publication.objects.exists()
    assert "Wat wordt vastgelegd" in asked.text and "Iedereen, zonder in te loggen" in asked.text
    assert 'name="confirm" value="1"' in asked.text and "Verdeling 2025" in asked.text
    back = staff.post("/banenafspraak/publicaties/nieuw/", {**data, "edit": "1"})
    assert 'value="Verdeling 2025"' in back.text and not Publication.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = staff.post("/banenafspraak/publicaties/nieuw/", {**data, "confirm": "1"})
    assert done["Location"] == Publication.objects.get().get_absolute_url()


def test_withdrawing_first_says_who_will_see_it_then_withdraws_on_confirm(
    client_for, run, personas, django_capture_on_commit_callbacks
):
    publication = publish(django_capture_on_commit_callbacks, run, personas.staff, "Verdeling")
    staff = client_for("staff")
    url = reverse("banenafspraak:publication_withdraw", kwargs={"pk": publication.pk})
    asked = staff.post(url, {"reason": "Fout in de invoer"})
    assert asked.status_code == 200 and "Wie het ziet" in asked.text
    assert "Fout in de invoer" in asked.text
    publication.refresh_from_db()
    assert not publication.is_withdrawn
    done = staff.post(url, {"reason": "Fout in de invoer", "confirm": "1"}, follow=True)
    publication.refresh_from_db()
    assert publication.is_withdrawn and "De publicatie ‘Verdeling’ is ingetrokken" in done.text
