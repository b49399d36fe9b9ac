"""Free text of an assessment never holds a BSN, and every free-text input has a bound
(issue 12 §3 and §4)."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from loonwaarde.models import Assessment
from loonwaarde.validators import holds_bsn
from tests.loonwaarde.factories import make_assessment, task
from tests.loonwaarde.test_views import TASKS, form_data

pytestmark = pytest.mark.django_db

# 123456782 passes the 11-proef; so does 111222333.
WRITTEN_AS_BSN = [
    "123 456 782",
    "123.456.782",
    "BSN123456782",
    "bsn: 1234.56.782",
    "１２３４５６７８２",  # full-width digits
    "١٢٣٤٥٦٧٨٢",  # Arabic-Indic digits
    "kandidaat 123-456-782",
    "012345672",  # an old 8-digit BSN (12345672) with its leading zero
]


@pytest.mark.parametrize("reference", WRITTEN_AS_BSN)
def test_a_bsn_in_any_form_is_refused_as_candidate_reference_and_not_stored(
    client_for, personas, reference
):
    data = form_data(personas, TASKS, candidate_reference=reference)
    response = client_for("assessor").post(reverse("loonwaarde:create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["candidate_reference"]
    assert errors == ["Gebruik een pseudoniem kenmerk, geen BSN of ander persoonsnummer."]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("reference", ["kandidaat 2024-17", "123456", "KAND-0001", "2024/17 B"])
def test_a_normal_reference_is_accepted(own, reference):
    assert make_assessment(**own, candidate_reference=reference).candidate_reference == reference


def test_an_8_digit_number_is_read_as_a_bsn_with_its_leading_zero():
    assert holds_bsn("kenmerk 12345672")  # 012345672 passes the 11-proef
    assert not holds_bsn("kenmerk 12345678")
    assert not holds_bsn("000000000")


@pytest.mark.parametrize(
    "field",
    ["job_title", "workplace", "motivation"],
)
def test_other_free_text_refuses_a_bsn_without_echoing_it(client_for, personas, field):
    data = form_data(personas, TASKS, **{field: "Zie dossier BSN 123.456.782"})
    response = client_for("assessor").post(reverse("loonwaarde:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit veld lijkt een BSN te bevatten" in html
    assert response.context["form"].errors[field][0].startswith("Dit veld lijkt een BSN")
    assert "123.456.782" not in "".join(response.context["form"].errors[field])
    assert not Assessment.objects.exists()


def test_a_task_description_refuses_a_bsn(client_for, personas):
    tasks = [("Inpakken voor 123456782", "60", "50", "100", "100"), TASKS[1]]
    response = client_for("assessor").post(reverse("loonwaarde:create"), form_data(personas, tasks))
    assert response.status_code == 200
    assert "Dit veld lijkt een BSN te bevatten" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_services_refuse_a_bsn_in_free_text_too(own):
    with pytest.raises(ValidationError, match="lijkt een BSN"):
        make_assessment(**own, workplace="Magazijn, 1234 56 782")
    with pytest.raises(ValidationError, match="lijkt een BSN"):
        make_assessment(**own, tasks=[task(100, description="Taak van 123456782")])


def test_numbers_that_are_no_bsn_stay_allowed(own):
    assessment = make_assessment(
        **own,
        workplace="Industrieweg 12, 9723 AB Groningen",
        motivation="36 uur per week, 4 dagen; observatie op 1-2-2026; telefoon 06 12345678.",
    )
    assert assessment.pk


def test_a_motivation_over_4000_characters_is_refused_by_form_and_service(
    client_for, personas, own
):
    data = form_data(personas, TASKS, motivation="x" * 4_000_001)
    response = client_for("assessor").post(reverse("loonwaarde:create"), data)
    assert response.status_code == 200
    assert "motivation" in response.context["form"].errors
    with pytest.raises(ValidationError, match="4000"):
        make_assessment(**own, motivation="x" * 4001)
    assert not Assessment.objects.exists()


def test_more_than_30_task_rows_are_refused(client_for, personas):
    tasks = [(f"Taak {i}", "2", "50", "100", "100") for i in range(50)]
    response = client_for("assessor").post(reverse("loonwaarde:create"), form_data(personas, tasks))
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not Assessment.objects.exists()
