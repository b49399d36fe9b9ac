"""The assessment pages: the form with its task rows, finalising, the PDF, the overview."""

import csv
import io
from decimal import Decimal

from django.urls import reverse

import pytest
from pypdf import PdfReader

from loonwaarde import services
from loonwaarde.models import Assessment
from tests.loonwaarde.factories import CertificationFactory, make_assessment, method, task, ulm
from werkkamer.core.exports import neutralise

pytestmark = pytest.mark.django_db


def form_data(personas, tasks, **overrides):
    data = {
        "candidate_reference": "KAND-0042",
        "employer": personas.organisation_a.pk,
        "region": personas.region_a.pk,
        "method": ulm().pk,
        "job_title": "Medewerker groen",
        "workplace": "Buitendienst, locatie Zuid",
        "observation_date": "2026-02-01",
        "hours_per_week": "36",
        "reassessment_months": "12",
        "motivation": "Observatie van twee dagen.",
        "taken-TOTAL_FORMS": str(len(tasks) + 1),
        "taken-INITIAL_FORMS": "0",
        "taken-MIN_NUM_FORMS": "0",
        "taken-MAX_NUM_FORMS": "1000",
    }
    for i, (description, share, tempo, quality, employability) in enumerate(tasks):
        data.update(
            {
                f"taken-{i}-description": description,
                f"taken-{i}-share": share,
                f"taken-{i}-tempo": tempo,
                f"taken-{i}-quality": quality,
                f"taken-{i}-employability": employability,
            }
        )
    data.update(overrides)
    return data


TASKS = [("Maaien", "60", "50", "100", "100"), ("Snoeien", "40", "50", "100", "100")]


def test_an_assessor_creates_an_assessment_with_its_tasks(client_for, personas):
    response = client_for("assessor").post(reverse("loonwaarde:create"), form_data(personas, TASKS))
    assessment = Assessment.objects.get(candidate_reference="KAND-0042")
    assert response.status_code == 302
    assert response["Location"] == assessment.get_absolute_url()
    assert assessment.assessor == personas.assessor
    assert assessment.loonwaarde == 50
    assert [t.description for t in assessment.tasks.all()] == ["Maaien", "Snoeien"]


def test_shares_not_summing_to_100_keep_the_input_and_say_why(client_for, personas):
    tasks = [("Maaien", "60", "50", "100", "100"), ("Snoeien", "30", "50", "100", "100")]
    response = client_for("assessor").post(reverse("loonwaarde:create"), form_data(personas, tasks))
    assert response.status_code == 200
    html = response.content.decode()
    assert "De aandelen van de taken tellen op tot 90% in plaats van 100%." in html
    assert 'value="Snoeien"' in html and 'value="KAND-0042"' in html
    assert not Assessment.objects.exists()


def test_the_wrong_method_is_shown_next_to_the_method_field(client_for, personas):
    data = form_data(personas, TASKS, method=method("talent6").pk)
    response = client_for("assessor").post(reverse("loonwaarde:create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["method"] == [
        "De methode Talent6 geldt niet in Groningen op 1 februari 2026. Daar geldt "
        "Uniforme Loonwaardemethodiek."
    ]
    assert 'value="Maaien"' in response.content.decode()


def test_editing_replaces_the_tasks_and_recomputes(client_for, personas, own):
    assessment = make_assessment(**own)
    data = form_data(personas, [("Alles", "100", "70", "100", "100")])
    url = reverse("loonwaarde:edit", kwargs={"pk": assessment.pk})
    assert client_for("assessor").post(url, data).status_code == 302
    assessment.refresh_from_db()
    assert assessment.loonwaarde == 70
    assert [t.description for t in assessment.tasks.all()] == ["Alles"]
    # the change is in the assessment's history, with who made it
    latest = assessment.history.first()
    assert (latest.loonwaarde, latest.history_user) == (70, personas.assessor)


def test_finalising_without_certificate_shows_the_reason(client_for, personas, own):
    assessment = make_assessment(**own)
    url = reverse("loonwaarde:finalise", kwargs={"pk": assessment.pk})
    response = client_for("assessor").post(url, {"bevestigd": "ja"}, follow=True)
    assert "U bent niet gecertificeerd voor de methode Uniforme Loonwaardemethodiek" in (
        response.content.decode()
    )
    assessment.refresh_from_db()
    assert not assessment.is_final


def test_the_pdf_has_the_lks_and_the_assessors_name_and_certificate(client_for, personas, own):
    personas.assessor.first_name, personas.assessor.last_name = "Sanne", "Bakker"
    personas.assessor.save()
    CertificationFactory(assessor=personas.assessor, number="ULM-2026-0815")
    assessment = make_assessment(**own, tasks=[task(100, 20)], finalise=True)
    response = client_for("employer").get(reverse("loonwaarde:pdf", kwargs={"pk": assessment.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Sanne Bakker" in text
    assert "ULM-2026-0815" in text
    assert "2.142,53" in text  # DOMAIN.md: loonwaarde 20%, capped at 70%
    assert "25.710,36" in text  # per year: 12 × 2.142,53
    assert "Loonwaarde" in text and "20%" in text


def test_a_concept_has_no_pdf(client_for, personas, own):
    assessment = make_assessment(**own)
    response = client_for("assessor").get(reverse("loonwaarde:pdf", kwargs={"pk": assessment.pk}))
    assert response.status_code == 404


def test_the_overview_counts_current_versions_only_and_shows_no_personal_data(
    client_for, personas, own
):
    v1 = make_assessment(**own, tasks=[task(100, 50)], finalise=True)
    v2 = services.assessment_new_version(previous=v1, by=personas.assessor)
    services.assessment_finalise(assessment=v2, by=personas.assessor)
    make_assessment(**own, candidate_reference="KAND-9", tasks=[task(100, 20)], finalise=True)
    make_assessment(**own, candidate_reference="KAND-CONCEPT")

    response = client_for("coordinator_a").get(reverse("loonwaarde:overview"))
    (row,) = response.context["rows"]
    assert (row.code, row.concepts, row.finalised) == ("AM01", 1, 2)
    assert row.average_loonwaarde == Decimal("35.0")
    assert row.lks_yearly_total == Decimal("18364.56") + Decimal("25710.36")
    html = response.content.decode()
    assert "KAND-" not in html and personas.assessor.email not in html.split("</header>")[1]

    export = client_for("coordinator_a").get(reverse("loonwaarde:overview_csv"))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["AM01", "Groningen", "1", "2", "35,0", "44074,92"]
    assert "KAND-" not in export.content.decode()


def test_staff_see_every_region_in_the_overview(client_for, personas):
    response = client_for("staff").get(reverse("loonwaarde:overview_csv"))
    assert len(response.content.decode().strip().splitlines()) == 1 + 35


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+31", "'+31"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("Groningen", "Groningen"),
        (5, 5),
    ],
)
def test_csv_cells_that_could_run_as_formulas_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_the_region_page_shows_the_method_in_force_and_figures_to_its_coordinator(
    client_for, personas
):
    url = reverse("regions:detail", kwargs={"code": personas.region_a.code})
    public = client_for("anonymous").get(url).content.decode()
    assert "Uniforme Loonwaardemethodiek" in public
    assert "Totaal LKS per jaar" not in public
    assert "Totaal LKS per jaar" in client_for("coordinator_a").get(url).content.decode()
    other = reverse("regions:detail", kwargs={"code": personas.region_b.code})
    assert "Totaal LKS per jaar" not in client_for("coordinator_a").get(other).content.decode()


def test_each_persona_lists_only_what_it_may_see(client_for, personas, own):
    make_assessment(**own, candidate_reference="KAND-CONCEPT")
    make_assessment(**own, candidate_reference="KAND-FINAL", finalise=True)
    other = CertificationFactory().assessor
    make_assessment(
        assessor=other,
        employer=personas.organisation_b,
        region=personas.region_b,
        candidate_reference="KAND-OTHER",
        finalise=True,
    )

    def listed(persona):
        page = client_for(persona).get(reverse("loonwaarde:index")).context["page"]
        return sorted(a.candidate_reference for a in page)

    assert listed("assessor") == ["KAND-CONCEPT", "KAND-FINAL"]
    assert listed("coordinator_a") == ["KAND-CONCEPT", "KAND-FINAL"]
    assert listed("coordinator_b") == ["KAND-OTHER"]
    assert listed("employer") == ["KAND-FINAL"]
    assert listed("staff") == ["KAND-CONCEPT", "KAND-FINAL", "KAND-OTHER"]


def test_finalising_asks_for_a_confirmation_that_says_what_is_fixed_and_who_sees_it(
    client_for, personas, own
):
    CertificationFactory(assessor=personas.assessor, number="ULM-2026-0815")
    assessment = make_assessment(**own, tasks=[task(100, 50)])
    url = reverse("loonwaarde:finalise", kwargs={"pk": assessment.pk})
    client = client_for("assessor")
    detail = client.get(assessment.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail  # the detail page links to the confirmation step

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "De loonwaarde van 50%" in html
    assert "€ 1.530,38 per maand, € 18.364,56 per jaar" in html
    assert "€ 14,71 per uur, geldig vanaf 1 januari 2026" in html
    assert "uw certificaat ULM-2026-0815" in html
    assert "Daarna kan niemand de beoordeling meer wijzigen" in html
    assert f"De werkgever {personas.organisation_a.name}: ziet de beoordeling" in html
    assert f"De coördinatoren van de regio {personas.region_a.name}" in html
    assert str(personas.coordinator_a) in html
    assert 'name="bevestigd" value="ja"' in html

    # a post without the confirmation (an old form, a double click) fixes nothing
    assert client.post(url).status_code == 200
    assessment.refresh_from_db()
    assert not assessment.is_final
    assert client_for("employer").get(assessment.get_absolute_url()).status_code == 403

    response = client.post(url, {"bevestigd": "ja"}, follow=True)
    assert "De beoordeling ‘KAND-0001’ is definitief gemaakt." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.is_final and assessment.lks_monthly == Decimal("1530.38")
    assert client_for("employer").get(assessment.get_absolute_url()).status_code == 200
    # once final, there is nothing left to confirm
    assert client.get(url).status_code == 403


def test_the_confirmation_page_says_why_finalising_would_be_refused(client_for, personas, own):
    assessment = make_assessment(**own)
    url = reverse("loonwaarde:finalise", kwargs={"pk": assessment.pk})
    html = client_for("assessor").get(url).content.decode()
    assert "U bent niet gecertificeerd voor de methode Uniforme Loonwaardemethodiek" in html
    assert 'name="bevestigd"' not in html
