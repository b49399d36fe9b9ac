"""The indicative distribution: compute time, and save → new run visible with a real worker.

1. Compute 35 regions × 12 years × 2 sectors with the exact method (α = β = 0.5), against a
   same-run baseline: the naive float version (shares in floats, rounded per region, which
   does not even sum to the target). Goal < 20 ms.
2. The same for 5,000 synthetic units. Goal < 1 s.
3. With PostgreSQL, Redis and a real worker process: from the commit of one region's figure
   to the new run being the current one, median of 20, against a same-run baseline: the round
   trip of the trivial worker probe task. Goal < 1 s median.
"""

from __future__ import annotations

import random
import statistics
import time
import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings

from banenafspraak.distribution import GOVERNMENT, MARKET, Parameters, RegionFigures, distribute
from bench.common import Result, median_time

YEARS = range(2015, 2027)


def synthetic(n: int, seed: int = 2014) -> tuple[list[RegionFigures], dict]:
    rnd = random.Random(seed)
    regions = []
    for i in range(n):
        employment = rnd.randint(50_000, 900_000)
        government = int(employment * rnd.uniform(0.1, 0.2))
        regions.append(
            RegionFigures(
                code=f"U{i:05d}",
                employment=employment,
                employment_market=employment - government,
                employment_government=government,
                unemployed=int(employment * rnd.uniform(0.03, 0.06)),
                wajong=int(employment * rnd.uniform(0.01, 0.025)),
            )
        )
    targets = {(y, MARKET): 8_000 * (y - 2014) for y in YEARS}
    targets |= {(y, GOVERNMENT): 2_000 * (y - 2014) for y in YEARS}
    return regions, targets


def naive_float(regions: list[RegionFigures], targets: dict) -> dict:
    """The baseline: float weights, rounded per region (no exactness, no sum guarantee)."""
    e = sum(r.employment for r in regions)
    u = sum(r.unemployed for r in regions)
    w = sum(r.wajong for r in regions)
    weights = {
        r.code: r.employment
        * ((r.wajong / r.employment) / (w / e)) ** 0.5
        / ((r.unemployed / r.employment) / (u / e)) ** 0.5
        for r in regions
    }
    total = sum(weights.values())
    return {
        (code, year, sector): round(target * weight / total)
        for (year, sector), target in targets.items()
        for code, weight in weights.items()
    }


def _compute(n: int, goal: float, repeat: int) -> Result:
    regions, targets = synthetic(n)
    parameters = Parameters(alpha=Decimal("0.5"), beta=Decimal("0.5"))
    baseline, _ = median_time(lambda: naive_float(regions, targets), repeat=repeat)
    exact, samples = median_time(lambda: distribute(regions, targets, parameters), repeat=repeat)
    return Result(
        f"distribution compute, {n} regions × 12 years × 2 sectors vs naive floats",
        exact,
        samples=samples,
        baseline=baseline,
        goal=f"< {goal * 1000:.0f} ms",
        goal_met=exact < goal,
    )


def _round_trips(samples: int) -> tuple[list[float], list[float]]:
    from banenafspraak import services
    from banenafspraak.demo import seed
    from banenafspraak.models import DistributionRun, RegionFigures
    from tests.worker import running_worker, wait_for
    from werkkamer.core.models import WorkerProbe
    from werkkamer.core.services import worker_probe_enqueue

    seed()
    with running_worker():
        services.distribution_request(reason="bench: start")
        # starting the worker purged the queue: the sweep re-sends whatever is still queued
        services.distribution_sweep(stale_after=timedelta(0), stuck_after=timedelta(minutes=5))
        wait_for(lambda: not DistributionRun.objects.pending().exists(), timeout=60)
        figures = RegionFigures.objects.select_related("region").filter(region__code="AM01")
        probes, saves = [], []
        for i in range(samples):
            token = uuid.uuid4().hex
            start = time.perf_counter()
            worker_probe_enqueue(token=token)
            wait_for(lambda t=token: WorkerProbe.objects.filter(token=t).exists(), interval=0.002)
            probes.append(time.perf_counter() - start)

            before = DistributionRun.objects.current().pk
            row = figures.get()
            row.wajong += 1 if i % 2 == 0 else -1
            start = time.perf_counter()
            services.region_figures_save(figures=row)
            wait_for(
                lambda b=before: (DistributionRun.objects.current().pk or 0) > b,
                interval=0.002,
                message="the new run",
            )
            saves.append(time.perf_counter() - start)
    return saves, probes


def run() -> list[Result]:
    results = [_compute(35, 0.020, repeat=50), _compute(5_000, 1.0, repeat=5)]
    if not (settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and settings.REDIS_URL):
        print("save → visible skipped: needs DATABASE_URL (PostgreSQL) and REDIS_URL")
        return results
    saves, probes = _round_trips(samples=21)
    median = statistics.median(saves)
    results.append(
        Result(
            "save → new run visible (real worker) vs worker probe round trip",
            median,
            samples=len(saves),
            baseline=statistics.median(probes),
            goal="< 1 s median",
            goal_met=median < 1.0,
            extra={"max": f"{max(saves) * 1000:.0f} ms"},
        )
    )
    return results
