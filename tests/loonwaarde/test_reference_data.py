"""Methods and minimum wages are committed data with sources, loaded by a migration and
extendable by staff; the demo data loads idempotently."""

from datetime import date
from decimal import Decimal

import pytest

from loonwaarde import demo, services
from loonwaarde.models import Assessment, Method, MinimumWage
from loonwaarde.reference import read_methods, read_minimum_wages
from loonwaarde.selectors import assessment_lks, minimum_wage_rates
from tests.loonwaarde.factories import make_assessment, task
from werkkamer.accounts.demo import seed_demo_accounts

pytestmark = pytest.mark.django_db


def test_every_minimum_wage_and_method_has_a_source():
    assert all(row.source for row in read_minimum_wages())
    assert all(row.source for row in read_methods())
    assert {row.name for row in read_methods()} >= {
        "Talent6",
        "Matchcare",
        "VTA",
        "UWV",
        "Dariuz",
        "CompetenSYS",
        "Uniforme Loonwaardemethodiek",
    }


def test_the_migration_loaded_the_data_and_a_reload_updates_instead_of_duplicating():
    services.reference_data_ensure()
    counts = (Method.objects.count(), MinimumWage.objects.count())
    services.reference_data_load()
    assert (Method.objects.count(), MinimumWage.objects.count()) == counts == (7, 5)
    assert Method.objects.get(code="ulm").valid_from == date(2021, 7, 1)


def test_a_wage_added_by_staff_is_used_from_its_date(own):
    assessment = make_assessment(
        **own,
        tasks=[task(100, 50)],
        observation_date=date(2026, 7, 1),
    )
    assert assessment_lks(assessment=assessment).minimum_wage_hourly == Decimal("14.71")
    MinimumWage.objects.create(valid_from=date(2026, 7, 1), hourly=Decimal("15.00"), source="test")
    assert assessment_lks(assessment=assessment).minimum_wage_hourly == Decimal("15.00")
    assert len(minimum_wage_rates()) == 6


def test_the_demo_data_loads_twice_without_duplicates(personas):
    seed_demo_accounts()
    demo.seed()
    demo.seed()
    assert Assessment.objects.count() == 2
    assert Assessment.objects.filter(status=Assessment.Status.FINAL).count() == 1
    assert all("fictief (demo)" in a.workplace for a in Assessment.objects.all())


def test_a_finalised_assessment_keeps_the_wage_it_was_finalised_with(own):
    assessment = make_assessment(
        **own,
        tasks=[task(100, 50)],
        finalise=True,
    )
    MinimumWage.objects.filter(valid_from=date(2026, 1, 1)).update(hourly=Decimal("20.00"))
    assert assessment_lks(assessment=assessment).monthly == assessment.lks_monthly
    assert assessment.lks_monthly == Decimal("1530.38")


@pytest.mark.django_db
def test_no_reference_text_shown_to_users_names_an_internal_file():
    from banenafspraak.models import MethodParameters
    from loonwaarde.models import MinimumWage

    assert MinimumWage.objects.exists() and MethodParameters.objects.exists()
    assert not MinimumWage.objects.filter(source__contains=".md").exists()
    assert not MethodParameters.objects.filter(note__contains=".md").exists()
