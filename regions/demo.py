"""Demo Werkbedrijven for `make run`, labelled fictief (demo): members, decisions and plans."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from regions import services
from regions.models import (
    Arbeidsmarktregio,
    DecisionStatus,
    Member,
    Representative,
    SectionKey,
)

DEMO = " (fictief, demo)"
MEMBERS = [
    ("Gemeenten in de regio", "gemeente", "Wethouder De Vries", "chair"),
    ("UWV Werkbedrijf", "uwv", "Regiomanager Bakker", "member"),
    ("Werkgeversvereniging", "werkgevers", "Ambassadeur Visser", "ambassador"),
    ("Vakbond", "werknemers", "Bestuurder Smit", "member"),
    ("SW-bedrijf", "sw_bedrijf", "Directeur Mulder", "member"),
]
SECTIONS = {
    SectionKey.DEMAND_SUPPLY: "Werkgevers in zorg, logistiek en techniek zoeken kandidaten; "
    "het werkzoekendenbestand telt vooral mensen met een Wajong- of Wsw-achtergrond.",
    SectionKey.LABOUR_MARKET: "De werkgelegenheid groeit licht; krapte in de zorg.",
    SectionKey.EMPLOYER_SERVICES: "Eén regionaal werkgeversservicepunt voor alle vragen.",
    SectionKey.BASIC_PACKAGE: "Loonkostensubsidie, jobcoaching en no-riskpolis in alle gemeenten.",
    SectionKey.TARGETS: "De regio volgt de indicatieve verdeling van de Werkkamer.",
}


@transaction.atomic
def _seed_region(region: Arbeidsmarktregio, scale: int) -> None:
    werkbedrijf = services.werkbedrijf_ensure(region=region)
    for name, kind, person, role in MEMBERS:
        member = Member.objects.create(
            werkbedrijf=werkbedrijf, name=name + DEMO, kind=kind, start_date=date(2015, 1, 1)
        )
        Representative.objects.create(
            member=member, name=person + DEMO, role=role, start_date=date(2015, 1, 1)
        )
    werkbedrijf.decisions.filter(standard_point__in=[1, 2, 3]).update(
        status=DecisionStatus.TAKEN,
        decided_on=date(2015, 3, 1),
        text="Vastgelegd in het convenant." + DEMO,
    )
    plan = services.plan_start(werkbedrijf=werkbedrijf, user=None)
    for section in plan.sections.all():
        section.body = SECTIONS[section.key] + DEMO
        section.save()
    goals = {
        year: (scale * (year - 2015), scale * (year - 2015) // 4) for year in range(2016, 2026)
    }
    services.plan_goals_save(plan=plan, user=None, goals=goals)
    services.plan_adopt(plan=plan, user=None)
    for year in range(2016, 2022):
        services.realisation_save(
            werkbedrijf=werkbedrijf,
            user=None,
            year=year,
            market=int(scale * (year - 2015) * 0.9),
            government=scale * (year - 2015) // 6,
            source="fictief (demo)",
        )


def seed() -> str:
    """Two demo Werkbedrijven (AM01, AM18); a region whose Werkbedrijf has members is left alone."""
    seeded = []
    for code, scale in (("AM01", 40), ("AM18", 140)):
        region = Arbeidsmarktregio.objects.get(code=code)
        if Member.objects.filter(werkbedrijf__region=region).exists():
            continue
        _seed_region(region, scale)
        seeded.append(code)
    return f"demo-Werkbedrijven aangemaakt voor {', '.join(seeded)}" if seeded else ""
