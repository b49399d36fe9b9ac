"""Demo data for `make run`, all labelled "fictief (demo)": a region's method choice before the
ULM, a certificate for the demo assessor, one finalised and one concept assessment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from loonwaarde import services
from loonwaarde.models import Assessment, Certification, Method, RegionMethodChoice
from regions.models import Arbeidsmarktregio
from werkkamer.accounts.models import Organisation, User

DEMO = "fictief (demo)"
TASKS = [
    services.TaskInput(
        "Brood snijden en verpakken", Decimal(50), Decimal(70), Decimal(90), Decimal(100)
    ),
    services.TaskInput("Schappen vullen", Decimal(30), Decimal(60), Decimal(80), Decimal(90)),
    services.TaskInput(
        "Werkplek schoonmaken", Decimal(20), Decimal(80), Decimal(100), Decimal(100)
    ),
]


def _assessment(assessor: User, employer: Organisation, region, reference: str, on: date):
    existing = Assessment.objects.filter(assessor=assessor, candidate_reference=reference).first()
    if existing:
        return existing, False
    data = services.AssessmentInput(
        candidate_reference=reference,
        employer=employer,
        region=region,
        method=Method.objects.get(code="ulm"),
        job_title="Medewerker bakkerij",
        workplace=f"Winkel en bakafdeling ({DEMO})",
        observation_date=on,
        hours_per_week=Decimal(32),
        reassessment_months=12,
        motivation=f"Werkplekobservatie met inbreng van de werkgever ({DEMO}).",
    )
    return services.assessment_create(assessor=assessor, data=data, tasks=TASKS), True


@transaction.atomic
def seed() -> str:
    services.reference_data_ensure()
    assessor = User.objects.filter(email="deskundige@werkkamer.example").first()
    employer = Organisation.objects.filter(kvk_number="12345678").first()
    if assessor is None or employer is None:
        return "demo-accounts ontbreken; niets aangemaakt"
    groningen = Arbeidsmarktregio.objects.get(code="AM01")
    RegionMethodChoice.objects.get_or_create(
        region=groningen,
        method=Method.objects.get(code="dariuz"),
        valid_from=date(2015, 1, 1),
        defaults={"valid_until": date(2021, 6, 30), "decision": f"Besluit Werkbedrijf ({DEMO})"},
    )
    Certification.objects.get_or_create(
        assessor=assessor,
        method=Method.objects.get(code="ulm"),
        defaults={
            "number": "DEMO-ULM-0001",
            "valid_from": date(2025, 1, 1),
            "valid_until": date(2027, 12, 31),
        },
    )
    final, created = _assessment(assessor, employer, groningen, "DEMO-KAND-001", date(2026, 1, 15))
    if created:
        services.assessment_finalise(assessment=final, by=assessor)
    _assessment(assessor, employer, groningen, "DEMO-KAND-002", date(2026, 2, 10))
    return "loonwaarde: methodekeuze, certificaat en 2 beoordelingen (fictief, demo)"
