"""Assessments through the services: the method in force, certification, read-only, versions."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from loonwaarde import services
from loonwaarde.models import Assessment
from loonwaarde.selectors import method_in_force
from tests.loonwaarde.factories import (
    CertificationFactory,
    RegionMethodChoiceFactory,
    assessment_input,
    make_assessment,
    method,
    task,
    ulm,
)

pytestmark = pytest.mark.django_db


def test_the_ulm_is_in_force_for_every_region_from_1_july_2021(personas):
    RegionMethodChoiceFactory(region=personas.region_a)
    assert method_in_force(region=personas.region_a, on=date(2021, 7, 1)) == ulm()
    assert method_in_force(region=personas.region_b, on=date(2026, 2, 1)) == ulm()


def test_before_july_2021_the_method_is_the_regions_own_choice(personas):
    RegionMethodChoiceFactory(region=personas.region_a, method=method("dariuz"))
    assert method_in_force(region=personas.region_a, on=date(2019, 5, 1)) == method("dariuz")
    assert method_in_force(region=personas.region_a, on=date(2021, 6, 30)) == method("dariuz")
    # region B never recorded its choice
    assert method_in_force(region=personas.region_b, on=date(2019, 5, 1)) is None


def test_a_region_cannot_choose_two_methods_for_overlapping_periods(personas):
    RegionMethodChoiceFactory(region=personas.region_a, valid_until=date(2017, 12, 31))
    overlapping = RegionMethodChoiceFactory.build(
        region=personas.region_a, method=method("talent6"), valid_from=date(2017, 6, 1)
    )
    with pytest.raises(ValidationError, match="al een andere methode"):
        overlapping.full_clean()


def test_loonwaarde_and_next_reassessment_are_computed(own):
    assessment = make_assessment(
        **own, tasks=[task(50, 70, 90, 100), task(30, 60, 80, 90), task(20, 80)]
    )
    assert assessment.loonwaarde == 60
    assert assessment.next_reassessment == date(2027, 2, 1)
    assert assessment.status == Assessment.Status.CONCEPT
    assert assessment.tasks.count() == 3


def test_the_wrong_method_for_the_region_is_refused_with_a_clear_message(own):
    with pytest.raises(ValidationError) as error:
        make_assessment(**own, method=method("talent6"))
    assert error.value.message_dict["method"] == [
        "De methode Talent6 geldt niet in Groningen op 1 februari 2026. Daar geldt "
        "Uniforme Loonwaardemethodiek."
    ]


def test_before_july_2021_another_method_than_the_regions_choice_is_refused(own, personas):
    RegionMethodChoiceFactory(region=personas.region_a, method=method("dariuz"))
    on = date(2019, 5, 1)
    with pytest.raises(ValidationError, match="Daar geldt Dariuz"):
        make_assessment(**own, method=method("talent6"), observation_date=on)
    assert make_assessment(**own, method=method("dariuz"), observation_date=on).pk


def test_a_region_without_a_recorded_choice_cannot_be_assessed_before_july_2021(own):
    with pytest.raises(ValidationError, match="geen loonwaardemethode vastgelegd"):
        make_assessment(**own, method=method("dariuz"), observation_date=date(2019, 5, 1))


def test_an_observation_in_the_future_is_refused(own):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="niet in de toekomst"):
        make_assessment(**own, observation_date=tomorrow)


def test_a_bsn_is_refused_as_candidate_reference(own):
    with pytest.raises(ValidationError, match="geen BSN"):
        make_assessment(**own, candidate_reference="111222333")


def test_shares_not_summing_to_100_are_refused(own):
    with pytest.raises(ValidationError, match="90% in plaats van 100%"):
        make_assessment(**own, tasks=[task(50), task(40)])


def test_a_certified_assessor_finalises_and_the_lks_is_stored(own, personas):
    certification = CertificationFactory(assessor=personas.assessor, number="ULM-12345")
    concept = make_assessment(**own, tasks=[task(100, 50)])
    final = services.assessment_finalise(assessment=concept, by=personas.assessor)
    assert final.status == Assessment.Status.FINAL
    assert final.certification == certification
    assert final.minimum_wage_hourly == Decimal("14.71")
    assert final.lks_monthly == Decimal("1530.38")  # DOMAIN.md: 36 hours, loonwaarde 50%
    assert final.lks_yearly == Decimal("18364.56")


def test_an_assessor_without_certification_cannot_finalise(own, personas):
    concept = make_assessment(**own)
    with pytest.raises(ValidationError, match="niet gecertificeerd voor de methode Uniforme"):
        services.assessment_finalise(assessment=concept, by=personas.assessor)
    concept.refresh_from_db()
    assert concept.status == Assessment.Status.CONCEPT


def test_a_lapsed_certification_is_refused_with_its_date(own, personas):
    CertificationFactory(assessor=personas.assessor, number="ULM-77", valid_until=date(2026, 3, 31))
    concept = make_assessment(**own)
    with pytest.raises(ValidationError) as error:
        services.assessment_finalise(
            assessment=concept, by=personas.assessor, today=date(2026, 4, 1)
        )
    assert error.value.messages == [
        "Uw certificering ULM-77 voor Uniforme Loonwaardemethodiek is verlopen op 31 maart 2026. "
        "Laat haar verlengen voordat u deze beoordeling definitief maakt."
    ]


def test_a_certification_for_another_method_does_not_count(own, personas):
    CertificationFactory(assessor=personas.assessor, method=method("dariuz"))
    concept = make_assessment(**own)
    with pytest.raises(ValidationError, match="niet gecertificeerd"):
        services.assessment_finalise(assessment=concept, by=personas.assessor)


def test_another_assessor_cannot_finalise(own):
    other = CertificationFactory().assessor
    concept = make_assessment(**own)
    with pytest.raises(ValidationError, match="eigen loonwaardedeskundige"):
        services.assessment_finalise(assessment=concept, by=other)


def test_a_finalised_assessment_is_read_only(own, personas):
    final = make_assessment(**own, finalise=True)
    with pytest.raises(ValidationError, match="definitief en kan niet meer worden gewijzigd"):
        services.assessment_update(
            assessment=final,
            by=personas.assessor,
            data=assessment_input(employer=own["employer"], region=own["region"]),
            tasks=[task(100, 10)],
        )
    with pytest.raises(ValidationError, match="al definitief"):
        services.assessment_finalise(assessment=final, by=personas.assessor)
    final.refresh_from_db()
    assert final.loonwaarde == 50


def test_a_correction_is_a_new_version_linked_to_the_previous_one(own, personas):
    v1 = make_assessment(**own, finalise=True)
    v2 = services.assessment_new_version(previous=v1, by=personas.assessor)
    assert (v2.version, v2.previous, v2.status) == (2, v1, Assessment.Status.CONCEPT)
    assert [t.share for t in v2.tasks.all()] == [t.share for t in v1.tasks.all()]
    assert v2.lks_monthly is None and v2.certification is None
    with pytest.raises(ValidationError, match="al een nieuwere versie"):
        services.assessment_new_version(previous=v1, by=personas.assessor)

    services.assessment_update(
        assessment=v2,
        by=personas.assessor,
        data=assessment_input(employer=own["employer"], region=own["region"]),
        tasks=[task(100, 60)],
    )
    v2 = services.assessment_finalise(assessment=v2, by=personas.assessor)
    v3 = services.assessment_new_version(previous=v2, by=personas.assessor)
    assert [v3.previous.previous, v3.version] == [v1, 3]
    v1.refresh_from_db()
    assert v1.loonwaarde == 50 and v1.is_final  # the old version is kept as it was
    # only the newest definitive version counts as current
    assert list(Assessment.objects.current()) == [v2]


def test_a_concept_cannot_get_a_new_version(own, personas):
    concept = make_assessment(**own)
    with pytest.raises(ValidationError, match="Alleen van een definitieve"):
        services.assessment_new_version(previous=concept, by=personas.assessor)


def test_finalising_without_a_minimum_wage_on_the_date_is_refused(own, personas):
    RegionMethodChoiceFactory(region=personas.region_a, method=method("dariuz"))
    CertificationFactory(
        assessor=personas.assessor, method=method("dariuz"), valid_from=date(2018, 1, 1)
    )
    concept = make_assessment(**own, method=method("dariuz"), observation_date=date(2019, 5, 1))
    with pytest.raises(ValidationError, match="geen wettelijk minimumloon bekend op 1 mei 2019"):
        services.assessment_finalise(assessment=concept, by=personas.assessor)


def test_a_method_past_its_validity_is_not_in_force_even_if_the_region_chose_it(own, personas):
    dariuz = method("dariuz")
    RegionMethodChoiceFactory(region=personas.region_a, method=dariuz)
    dariuz.valid_until = date(2019, 12, 31)
    dariuz.save()
    assert method_in_force(region=personas.region_a, on=date(2020, 5, 1)) is None
    with pytest.raises(ValidationError, match="geen loonwaardemethode vastgelegd"):
        make_assessment(**own, method=dariuz, observation_date=date(2020, 5, 1))


def test_a_region_cannot_choose_a_method_that_is_not_valid_yet(personas):
    choice = RegionMethodChoiceFactory.build(region=personas.region_a, valid_from=date(2014, 1, 1))
    with pytest.raises(ValidationError, match="niet geldig op de begindatum"):
        choice.full_clean()


def test_a_certification_is_only_for_users_with_the_assessor_role(personas):
    certification = CertificationFactory.build(assessor=personas.employer, method=ulm())
    with pytest.raises(ValidationError, match="rol loonwaardedeskundige"):
        certification.full_clean()


def test_a_task_without_description_is_refused_and_nothing_is_saved(own):
    with pytest.raises(ValidationError, match="description"):
        make_assessment(**own, tasks=[task(100, description="")])
    assert not Assessment.objects.exists()
