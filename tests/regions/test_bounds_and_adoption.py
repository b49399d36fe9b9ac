"""Issue 12 §3 and §7, issue 13 §4: bounded plan text, goal years, and the adopted allocation."""

from __future__ import annotations

import io

from django.urls import reverse

import pytest
from pypdf import PdfReader

from regions.models import PlanGoal, PlanSection
from tests.regions import factories
from werkkamer.core.validators import DECISION_CHARS, PLAN_SECTION_CHARS

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    return factories.draft_plan(werkbedrijf, user=personas.coordinator_a, filled=True)


def test_a_4_mb_plan_section_is_refused_in_dutch_and_the_input_kept(draft, client_for):
    section = draft.sections.get(key="werkgevers")
    url = reverse("regions:section_edit", kwargs={"code": "AM01", "pk": section.pk})
    huge = "Werkgevers " * (4 * 1024 * 1024 // 11)
    response = client_for("coordinator_a").post(url, {"body": huge, "version": section.version})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Deze tekst is te lang" in page
    assert f"hoogstens {PLAN_SECTION_CHARS} mogen" in page
    assert huge[:2000] in page  # what was typed is offered again
    assert PlanSection.objects.get(pk=section.pk).body == section.body


def test_a_section_at_the_limit_is_saved(draft, client_for):
    section = draft.sections.get(key="werkgevers")
    url = reverse("regions:section_edit", kwargs={"code": "AM01", "pk": section.pk})
    text = "x" * PLAN_SECTION_CHARS
    response = client_for("coordinator_a").post(url, {"body": text, "version": section.version})
    assert response.status_code == 302
    assert PlanSection.objects.get(pk=section.pk).body == text


def test_a_too_long_decision_text_is_refused(personas, client_for):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    decision = werkbedrijf.decisions.get(standard_point=1)
    url = reverse("regions:decision_edit", kwargs={"code": "AM01", "pk": decision.pk})
    response = client_for("coordinator_a").post(
        url,
        {
            "title": decision.title,
            "status": "open",
            "text": "b" * (DECISION_CHARS + 1),
            "version": decision.version,
        },
    )
    assert "Deze tekst is te lang" in response.content.decode()
    decision.refresh_from_db()
    assert decision.text == ""


def test_the_model_refuses_too_long_text_outside_forms_too(draft):
    from django.core.exceptions import ValidationError

    from regions import services

    section = draft.sections.get(key="werkgevers")
    with pytest.raises(ValidationError, match="te lang"):
        services.plan_section_update(
            section=section, user=None, version=section.version, body="y" * (PLAN_SECTION_CHARS + 1)
        )


def _goals(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    data = {"doelen-TOTAL_FORMS": str(len(rows)), "doelen-INITIAL_FORMS": "0"}
    for n, (year, market, government) in enumerate(rows):
        data |= {
            f"doelen-{n}-year": year,
            f"doelen-{n}-market": market,
            f"doelen-{n}-government": government,
        }
    return data


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("1999", "10", "5")], "minstens 2014"),
        ([("1999", "10", "5"), ("1999", "1", "1")], "minstens 2014"),
        ([("2026", "10", "5"), ("", "1", "1")], "Dit veld is verplicht"),
        ([("2026", "99999999999", "5")], "hoogstens 1000000"),
    ],
)
def test_a_goal_with_a_bad_year_or_number_is_a_form_error_not_a_500(
    draft, client_for, rows, message
):
    """Issue 12 §7: year 1999 gave ``KeyError: 'year'`` in ``BaseGoalFormSet.clean``."""
    url = reverse("regions:goals_edit", kwargs={"code": "AM01", "pk": draft.pk})
    response = client_for("coordinator_a").post(url, _goals(rows))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="1999"' in page or rows[0][0] != "1999"
    assert list(PlanGoal.objects.filter(plan=draft).values_list("year", flat=True)) == [2026]


# --- issue 13 §4: an adopted plan keeps the allocation it was adopted against ----------------


def _distribute(capture):
    from banenafspraak import services as distribution
    from banenafspraak.models import DistributionRun

    with capture(execute=True):
        distribution.distribution_request(reason="test")
    return DistributionRun.objects.current()


def test_an_adopted_plan_keeps_its_allocation_and_notices_a_later_change(
    personas, client_for, django_capture_on_commit_callbacks
):
    from banenafspraak.models import RegionFigures
    from regions.selectors import region_allocation
    from tests.banenafspraak.factories import complete_dataset

    dataset = complete_dataset()
    first = _distribute(django_capture_on_commit_callbacks)
    adopted_then = region_allocation(region=personas.region_a)
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    with django_capture_on_commit_callbacks(execute=True):
        plan = factories.adopted_plan(werkbedrijf)
    plan.refresh_from_db()
    assert plan.adopted_allocation_run == first.pk
    assert plan.adopted_allocation == {str(y): f for y, f in adopted_then.items()}

    # the base data change: AM01 gets many more Wajongers, so a bigger share
    RegionFigures.objects.filter(dataset=dataset, region=personas.region_a).update(wajong=9_000)
    second = _distribute(django_capture_on_commit_callbacks)
    assert second.pk != first.pk
    now = region_allocation(region=personas.region_a)
    assert now[2025]["total"] != adopted_then[2025]["total"]

    page = client_for("anonymous").get(plan.get_absolute_url()).content.decode()
    then_total = f"{adopted_then[2025]['total']:,}".replace(",", ".")
    now_total = f"{now[2025]['total']:,}".replace(",", ".")
    assert f"versie {first.pk} van de verdeling" in page
    assert "De verdeling is sinds de vaststelling gewijzigd." in page
    assert f"2025: bij vaststelling {then_total} banen, nu {now_total} banen." in page
    assert f'<td class="num">{then_total}</td>' in page  # the table shows the adopted figure

    pdf = client_for("anonymous").get(
        reverse("regions:plan_pdf", kwargs={"code": "AM01", "pk": plan.pk})
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert then_total in text
    assert f"versie {first.pk} van de verdeling" in text


def test_a_draft_follows_the_current_allocation(
    personas, client_for, django_capture_on_commit_callbacks
):
    from regions.selectors import region_allocation
    from tests.banenafspraak.factories import complete_dataset

    complete_dataset()
    _distribute(django_capture_on_commit_callbacks)
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    plan = factories.draft_plan(werkbedrijf, filled=True)
    page = client_for("coordinator_a").get(plan.get_absolute_url()).content.decode()
    total = f"{region_allocation(region=personas.region_a)[2025]['total']:,}".replace(",", ".")
    assert f'<td class="num">{total}</td>' in page
    assert "sinds de vaststelling" not in page


def test_a_goal_year_beyond_the_last_target_says_there_is_no_allocation_yet(
    personas, client_for, django_capture_on_commit_callbacks
):
    from tests.banenafspraak.factories import complete_dataset

    complete_dataset()
    _distribute(django_capture_on_commit_callbacks)
    plan = factories.draft_plan(factories.werkbedrijf(personas.region_a), filled=True)  # 2026
    page = client_for("coordinator_a").get(plan.get_absolute_url()).content.decode()
    assert (
        "Voor 2026 is nog geen landelijke doelstelling vastgelegd, dus ook geen verdeling: "
        "die loopt tot en met 2025." in page
    )
