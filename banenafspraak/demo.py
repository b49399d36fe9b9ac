"""Demo base data for `make run`: generated, plausible figures, labelled "fictief (demo)".

Not CBS figures: employment is drawn around a size that grows with the number of municipalities
(large cities weigh more), with an unemployment rate of 3-6% and Wajongers at 1-2.5% of
employment. The same seed gives the same figures, so the demo looks the same everywhere.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from banenafspraak import services
from banenafspraak.models import BaseDataSet, DistributionRun, RegionFigures
from regions.models import Arbeidsmarktregio

DEMO_DATE = datetime.date(2024, 1, 1)
DEMO_SOURCE = "Gegenereerd voor de demo (fictief, geen CBS-cijfers)"
CITIES = {"AM18": 3.2, "AM22": 2.6, "AM21": 2.2, "AM13": 2.0, "AM28": 1.5}


def demo_figures(region: Arbeidsmarktregio, rnd: random.Random, municipalities: int) -> dict:
    employment = int(
        (90_000 + 14_000 * municipalities) * CITIES.get(region.code, 1.0) * rnd.uniform(0.8, 1.2)
    )
    government = int(employment * rnd.uniform(0.10, 0.18))
    return {
        "employment": employment,
        "employment_government": government,
        "employment_market": employment - government,
        "unemployed": int(employment * rnd.uniform(0.03, 0.06)),
        "wajong": int(employment * rnd.uniform(0.010, 0.025)),
    }


@transaction.atomic
def seed() -> str:
    """Create the demo base data set and ask for the first distribution (idempotent)."""
    services.reference_data_ensure()
    if BaseDataSet.objects.exists():
        return "basisgegevens bestonden al"
    dataset = BaseDataSet.objects.create(
        reference_date=DEMO_DATE,
        source=DEMO_SOURCE,
        is_demo=True,
        note="fictief (demo): gegenereerde cijfers om het portaal te laten zien.",
    )
    rnd = random.Random(2014)
    for region in Arbeidsmarktregio.objects.order_by("code"):
        RegionFigures.objects.create(
            dataset=dataset,
            region=region,
            **demo_figures(region, rnd, region.gemeenten.count()),
        )
    if not DistributionRun.objects.exists():
        services.distribution_request(reason="demogegevens geladen")
    return "fictieve basisgegevens (demo) voor 35 regio's aangemaakt; verdeling aangevraagd"
