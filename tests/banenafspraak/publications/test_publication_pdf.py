"""The national report and the regional one-pager: content, Dutch figures, fonts, tagging."""

from __future__ import annotations

import pytest

from banenafspraak.models import NationalTarget
from banenafspraak.publications import services
from banenafspraak.publications.models import Publication, PublicationStatus
from regions.models import Arbeidsmarktregio
from tests.banenafspraak.pdf_checks import font_files, is_tagged, page_count, pdf_text
from tests.banenafspraak.publications.factories import done_run, next_run

pytestmark = pytest.mark.django_db


def nl(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.fixture
def publication(personas, django_capture_on_commit_callbacks) -> Publication:
    run = done_run(django_capture_on_commit_callbacks, is_demo=True)
    with django_capture_on_commit_callbacks(execute=True):
        publication, _ = services.publication_create(
            run=run,
            title="Regionale verdeling Banenafspraak",
            summary="Eerste.",
            user=personas.staff,
        )
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.READY, publication.error
    return publication


@pytest.fixture
def pdf(publication) -> bytes:
    return services.publication_pdf_bytes(publication=publication)


def test_the_report_names_every_region_its_totals_and_the_run_checksum(publication, pdf):
    text = pdf_text(pdf)
    for name in Arbeidsmarktregio.objects.values_list("name", flat=True):
        assert name in text, name
    assert publication.run.checksum in text
    for sector in ("market", "government"):
        targets = NationalTarget.objects.filter(sector=sector).order_by("year")
        totals_row = "Totaal " + " ".join(nl(t.jobs) for t in targets)
        assert totals_row in text, totals_row


def test_the_report_has_every_section_in_dutch_and_the_demo_label(publication, pdf):
    text = pdf_text(pdf)
    for heading in (
        "Methode",
        "Verdeling eind 2025 per regio",
        "Kaart: banen per regio eind 2025",
        "Marktsector: extra banen per regio",
        "Overheid: extra banen per regio",
        "Verschuiving ten opzichte van de vorige publicatie",
        "Bijlage: basisgegevens",
    ):
        assert heading in text, heading
    assert "α = 0,50" in text and "β = 0,50" in text  # the run's parameters, Dutch decimals
    assert "fictief (demo)" in text
    assert "Er is geen eerdere publicatie" in text
    assert "100.000" in text  # Dutch thousands separator
    assert page_count(pdf) >= 6


def test_the_report_embeds_its_fonts_and_is_tagged(pdf):
    fonts = font_files(pdf)
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert is_tagged(pdf)


def test_the_regional_one_pager_shows_the_region_its_numbers_and_municipalities(publication):
    region = Arbeidsmarktregio.objects.get(code="AM01")
    pdf = services.region_report_pdf(publication=publication, code="AM01")
    text = pdf_text(pdf)
    assert page_count(pdf) == 1
    assert region.name in text
    for gemeente in region.gemeenten.values_list("name", flat=True):
        assert gemeente in text
    last = publication.snapshot["regions"][0]["jobs"]
    assert nl(last["market"][-1]) in text and nl(last["government"][-1]) in text
    assert publication.run.checksum in text
    assert is_tagged(pdf) and all(font_files(pdf).values())


def test_an_unknown_region_has_no_one_pager(publication):
    assert services.region_report_pdf(publication=publication, code="AM99") is None


def test_the_next_report_shows_the_shift_against_the_previous_publication(
    publication, personas, django_capture_on_commit_callbacks
):
    later = next_run(django_capture_on_commit_callbacks, code="AM05", unemployed=20_000)
    with django_capture_on_commit_callbacks(execute=True):
        second, _ = services.publication_create(
            run=later, title="Herziene verdeling", summary="Tweede.", user=personas.staff
        )
    second.refresh_from_db()
    text = pdf_text(services.publication_pdf_bytes(publication=second))
    assert "Vergeleken met „Regionale verdeling Banenafspraak”" in text
    shifts = text.split("Verschuiving per regio, eind 2025")[1]
    # AM05's unemployment rose sharply: its loss is the largest shift, listed first
    first_row = shifts.split("Verschuiving (%)")[1].strip()
    assert first_row.startswith(Arbeidsmarktregio.objects.get(code="AM05").name), first_row[:80]


def test_the_one_pager_shows_the_regions_werkbedrijf_as_it_is_today(publication):
    from regions.models import Werkbedrijf
    from tests.regions.factories import werkbedrijf

    region = Arbeidsmarktregio.objects.get(code="AM01")
    without = pdf_text(services.region_report_pdf(publication=publication, code="AM01"))
    assert "Deelnemers:" not in without
    wb = werkbedrijf(region, complete=True)
    Werkbedrijf.objects.filter(pk=wb.pk).update(name="Werkbedrijf Groningen")
    pdf = services.region_report_pdf(publication=publication, code="AM01")  # not the cached one
    text = pdf_text(pdf)
    assert "Werkbedrijf Groningen" in text
    for member in wb.members.all():
        assert member.name in text
    chair = wb.members.get(kind="gemeente").representatives.get()
    assert f"Voorzitter: {chair.name}" in text
    assert page_count(pdf) == 1
