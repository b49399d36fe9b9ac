"""The wage table announces its own staleness (issue 13 §3): staff are warned when no minimum
wage is known for the current half-year, every LKS names the wage date it used, and staff add a
new wage in the portal. A finalised assessment keeps its wage (issue 13 §4)."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

import pytest
from pypdf import PdfReader

from loonwaarde import services, subsidy
from loonwaarde.models import Method, MinimumWage
from loonwaarde.selectors import assessment_lks, minimum_wage_gap
from tests.loonwaarde.factories import CertificationFactory, make_assessment, task

pytestmark = pytest.mark.django_db

JULY_2026 = date(2026, 7, 1)
IN_THE_GAP = date(2026, 9, 1)  # observed after 1 July 2026, for which the seed has no wage
OUTDATED = (
    "Bij deze berekening was het minimumloon vanaf 1 juli 2026 nog niet vastgelegd: gebruikt is "
    "het minimumloon vanaf 1 januari 2026."
)


@pytest.fixture
def no_wage_after_january_2026(personas):
    """The seed as it is today: its last wage is the one of 1 January 2026."""
    MinimumWage.objects.filter(valid_from__gt=date(2026, 1, 1)).delete()


@pytest.fixture
def no_wage_this_half_year(personas):
    """Whatever the date the suite runs on: the current half-year has no wage."""
    start = subsidy.half_year_start(timezone.localdate())
    MinimumWage.objects.filter(valid_from__gte=start).delete()
    return start


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _wage_form(valid_from="2026-07-01", hourly="14,90", source="Stcrt. 2026, nr. 12345", **extra):
    return {"valid_from": valid_from, "hourly": hourly, "source": source, **extra}


# --- The gap, as a service with the date passed in --------------------------------------------


def test_the_gap_is_the_half_year_without_its_own_wage(no_wage_after_january_2026):
    assert minimum_wage_gap(today=date(2026, 3, 31)) is None
    gap = minimum_wage_gap(today=date(2026, 7, 1))
    assert (gap.period_start, gap.used_from, gap.used_hourly) == (
        JULY_2026,
        date(2026, 1, 1),
        Decimal("14.71"),
    )
    assert minimum_wage_gap(today=date(2027, 1, 2)).period_start == date(2027, 1, 1)
    MinimumWage.objects.create(valid_from=JULY_2026, hourly=Decimal("14.90"), source="test")
    assert minimum_wage_gap(today=date(2026, 12, 31)) is None


def test_the_half_year_starts_on_1_january_or_1_july():
    assert subsidy.half_year_start(date(2026, 6, 30)) == date(2026, 1, 1)
    assert subsidy.half_year_start(date(2026, 7, 1)) == JULY_2026
    assert subsidy.half_year_start(date(2026, 12, 31)) == JULY_2026


# --- Warnings through the pages ---------------------------------------------------------------


def test_staff_are_warned_on_the_dashboard_and_the_loonwaarde_pages(
    client_for, personas, no_wage_this_half_year
):
    warning = f"Het wettelijk minimumloon vanaf {_day(no_wage_this_half_year)} is nog niet"
    staff = client_for("staff")
    for name in ["core:dashboard", "loonwaarde:index", "loonwaarde:due", "loonwaarde:overview"]:
        html = staff.get(reverse(name)).content.decode()
        assert warning in html, name
        assert reverse("loonwaarde:wages") in html, name
    # the assessor is told in every LKS (below), not on the dashboard
    assert warning not in client_for("assessor").get(reverse("core:dashboard")).content.decode()

    MinimumWage.objects.create(
        valid_from=no_wage_this_half_year, hourly=Decimal("99.00"), source="test"
    )
    assert warning not in staff.get(reverse("core:dashboard")).content.decode()
    assert warning not in staff.get(reverse("loonwaarde:index")).content.decode()


def test_every_lks_names_the_wage_date_it_used(client_for, own, no_wage_after_january_2026):
    in_gap = make_assessment(**own, tasks=[task(100, 50)], observation_date=IN_THE_GAP)
    before = make_assessment(**own, tasks=[task(100, 50)], candidate_reference="KAND-0002")
    client = client_for("assessor")
    html = client.get(in_gap.get_absolute_url()).content.decode()
    assert "Wettelijk minimumloon per uur (geldig vanaf 1 januari 2026)" in html
    assert OUTDATED in html
    html = client.get(before.get_absolute_url()).content.decode()
    assert "Wettelijk minimumloon per uur (geldig vanaf 1 januari 2026)" in html
    assert "nog niet vastgelegd" not in html  # observed on 1 February 2026: the right wage


# --- Staff add a wage -------------------------------------------------------------------------


def test_staff_add_the_wage_of_a_new_half_year_and_concepts_use_it(
    client_for, own, personas, no_wage_after_january_2026
):
    concept = make_assessment(**own, tasks=[task(100, 50)], observation_date=IN_THE_GAP)
    staff = client_for("staff")
    response = staff.post(reverse("loonwaarde:wages"), _wage_form())
    assert response.status_code == 302
    wage = MinimumWage.objects.get(valid_from=JULY_2026)
    assert (wage.hourly, wage.source) == (Decimal("14.90"), "Stcrt. 2026, nr. 12345")
    assert wage.history.get().history_user == personas.staff
    html = client_for("assessor").get(concept.get_absolute_url()).content.decode()
    assert "geldig vanaf 1 juli 2026" in html and "€ 14,90" in html
    assert "nog niet vastgelegd" not in html
    page = staff.get(reverse("loonwaarde:wages")).content.decode()
    assert "Het minimumloon vanaf 1 juli 2026 is vastgelegd." in page
    assert "Stcrt. 2026, nr. 12345" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (_wage_form(valid_from="2026-08-01"), "valid_from", "op 1 januari en 1 juli"),
        (_wage_form(valid_from="2026-01-01"), "valid_from", "al een minimumloon vastgelegd"),
        (_wage_form(hourly="0"), "hourly", ""),
        (_wage_form(hourly="-1"), "hourly", ""),
        (_wage_form(source=""), "source", ""),
        (_wage_form(source="   "), "source", ""),
        (_wage_form(hourly="14,00"), "hourly", "lager dan het minimumloon vanaf 1 januari 2026"),
        (_wage_form(hourly="147,10"), "hourly", "meer dan 25% hoger"),
    ],
)
def test_a_wrong_wage_is_refused_with_the_input_kept(
    client_for, personas, no_wage_after_january_2026, data, field, message
):
    response = client_for("staff").post(reverse("loonwaarde:wages"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert f'value="{data["source"]}"' in response.content.decode() or not data["source"].strip()
    assert not MinimumWage.objects.filter(valid_from__gt=date(2026, 1, 1)).exists()


def test_a_lower_wage_is_saved_once_confirmed(client_for, personas, no_wage_after_january_2026):
    data = _wage_form(hourly="14,00", confirm="on")
    assert client_for("staff").post(reverse("loonwaarde:wages"), data).status_code == 302
    assert MinimumWage.objects.get(valid_from=JULY_2026).hourly == Decimal("14.00")


def test_only_staff_add_a_wage_in_the_service(personas, no_wage_after_january_2026):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Alleen de Werkkamer"):
        services.minimum_wage_add(
            by=personas.assessor, valid_from=JULY_2026, hourly=Decimal("15"), source="x"
        )


# --- A finalised assessment keeps its wage and method (issue 13 §4) -------------------------


def _page(client, assessment) -> str:
    html = client.get(assessment.get_absolute_url()).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _pdf_text(client, assessment) -> str:
    response = client.get(reverse("loonwaarde:pdf", kwargs={"pk": assessment.pk}))
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_a_finalised_assessment_keeps_its_wage_and_method_after_a_new_wage(
    client_for, own, personas, no_wage_after_january_2026
):
    CertificationFactory(assessor=personas.assessor)
    final = make_assessment(
        **own, tasks=[task(100, 50)], observation_date=IN_THE_GAP, finalise=True
    )
    assert (final.minimum_wage_hourly, final.minimum_wage_from) == (
        Decimal("14.71"),
        date(2026, 1, 1),
    )
    monthly, yearly = final.lks_monthly, final.lks_yearly
    employer = client_for("employer")
    page_before = _page(employer, final)
    pdf_before = _pdf_text(employer, final)

    # staff add the July 2026 wage afterwards, and the method gets an end date
    response = client_for("staff").post(reverse("loonwaarde:wages"), _wage_form(hourly="15,50"))
    assert response.status_code == 302
    Method.objects.filter(pk=final.method_id).update(valid_until=date(2026, 10, 31))

    final.refresh_from_db()
    assert (final.lks_monthly, final.lks_yearly) == (monthly, yearly)
    assert final.method.code == "ulm"
    lks = assessment_lks(assessment=final)
    assert (lks.monthly, lks.minimum_wage_hourly, lks.minimum_wage_from) == (
        monthly,
        Decimal("14.71"),
        date(2026, 1, 1),
    )
    page_after = _page(employer, final)
    assert page_after == page_before
    assert "geldig vanaf 1 januari 2026" in page_after and OUTDATED in page_after
    assert "15,50" not in page_after
    pdf_after = _pdf_text(employer, final)
    assert pdf_after == pdf_before
    assert "1 januari 2026" in pdf_after and "14,71" in pdf_after and "15,50" not in pdf_after

    # a concept of the same work observed on the same day does use the new wage
    concept = make_assessment(
        **own, tasks=[task(100, 50)], observation_date=IN_THE_GAP, candidate_reference="K-2"
    )
    assert assessment_lks(assessment=concept).minimum_wage_hourly == Decimal("15.50")
    assert assessment_lks(assessment=concept).monthly > monthly


def test_a_new_version_computes_with_the_wage_of_today(own, personas, no_wage_after_january_2026):
    CertificationFactory(assessor=personas.assessor)
    final = make_assessment(**own, observation_date=IN_THE_GAP, finalise=True)
    MinimumWage.objects.create(valid_from=JULY_2026, hourly=Decimal("15.50"), source="test")
    new = services.assessment_new_version(previous=final, by=personas.assessor)
    assert (new.minimum_wage_hourly, new.minimum_wage_from) == (None, None)
    assert assessment_lks(assessment=new).minimum_wage_from == JULY_2026
    assert timezone.localdate() - IN_THE_GAP >= timedelta(0)


def test_the_admin_keeps_the_same_rules(client_for, personas, no_wage_after_january_2026):
    data = {"valid_from": "2026-08-01", "hourly": "0", "source": "x"}
    response = client_for("staff").post(reverse("admin:loonwaarde_minimumwage_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "op 1 januari en 1 juli" in html and "groter zijn dan € 0" in html
    assert not MinimumWage.objects.filter(valid_from__gt=date(2026, 1, 1)).exists()
