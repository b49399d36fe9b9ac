"""Factories for loonwaarde tests. Methods and minimum wages come from the reference data
(migration 0002); ``ulm()`` fetches the national method."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from loonwaarde import services
from loonwaarde.models import Assessment, Certification, Method, RegionMethodChoice
from werkkamer.accounts.models import Role, User

OBSERVED = date(2026, 2, 1)  # DOMAIN.md's worked example: WML € 14,71 per hour


def ulm() -> Method:
    services.reference_data_ensure()
    return Method.objects.get(code="ulm")


def method(code: str) -> Method:
    services.reference_data_ensure()
    return Method.objects.get(code=code)


class AssessorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"deskundige{n}@example.nl")
    role = Role.ASSESSOR
    first_name = "Anne"
    last_name = factory.Sequence(lambda n: f"de Vries {n}")


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    assessor = factory.SubFactory(AssessorFactory)
    method = factory.LazyFunction(ulm)
    number = factory.Sequence(lambda n: f"ULM-{n:05d}")
    valid_from = date(2024, 1, 1)
    valid_until = date(2030, 12, 31)


class RegionMethodChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionMethodChoice

    method = factory.LazyFunction(lambda: method("dariuz"))
    valid_from = date(2015, 1, 1)
    valid_until = date(2021, 6, 30)
    decision = "Besluit Werkbedrijf (test)"


def task(share, tempo=80, quality=100, employability=100, description="Taak") -> services.TaskInput:
    return services.TaskInput(
        description, Decimal(share), Decimal(tempo), Decimal(quality), Decimal(employability)
    )


def assessment_input(**overrides) -> services.AssessmentInput:
    values = {
        "candidate_reference": "KAND-0001",
        "method": ulm(),
        "job_title": "Medewerker magazijn",
        "workplace": "Magazijn, vestiging Noord",
        "observation_date": OBSERVED,
        "hours_per_week": Decimal(36),
        "reassessment_months": 12,
        "motivation": "Geobserveerd op de werkplek met de leidinggevende.",
    }
    values.update(overrides)
    return services.AssessmentInput(**values)


def make_assessment(
    *, assessor, employer, region, tasks=None, finalise=False, **overrides
) -> Assessment:
    """A concept (or, with ``finalise``, a definitive) assessment through the services."""
    tasks = tasks or [task(60, tempo=50), task(40, tempo=50)]
    assessment = services.assessment_create(
        assessor=assessor,
        data=assessment_input(employer=employer, region=region, **overrides),
        tasks=tasks,
    )
    if finalise:
        if not assessor.loonwaarde_certifications.exists():
            CertificationFactory(assessor=assessor, method=assessment.method)
        assessment = services.assessment_finalise(assessment=assessment, by=assessor)
    return assessment
