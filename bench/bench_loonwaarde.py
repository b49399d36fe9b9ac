"""Loonwaarde: the LKS arithmetic, and the per-region overview as the number of assessments grows
(against a bare view measured in the same run). Everything is created inside a transaction that
is rolled back, so the database is left as it was."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.common import Result, median_time, test_environment

SIZES = (200, 2000)


def _world():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from loonwaarde.models import Method
    from loonwaarde.services import reference_data_ensure
    from regions.models import Arbeidsmarktregio
    from werkkamer.accounts.models import Organisation, Role, User

    reference_data_ensure()
    staff = User.objects.create_user(email="bench-staf@example.nl", role=Role.STAFF)
    TOTP.activate(staff, generate_totp_secret())
    assessor = User.objects.create_user(email="bench-deskundige@example.nl", role=Role.ASSESSOR)
    employer = Organisation.objects.create(name="Bench B.V.", kvk_number="99999999")
    return (
        staff,
        assessor,
        employer,
        Method.objects.get(code="ulm"),
        list(Arbeidsmarktregio.objects.all()),
    )


def _add(count: int, assessor, employer, method, regions) -> None:
    from loonwaarde.models import Assessment

    status = itertools.cycle([Assessment.Status.FINAL, Assessment.Status.FINAL, "concept"])
    Assessment.objects.bulk_create(
        Assessment(
            assessor=assessor,
            candidate_reference=f"BENCH-{i}",
            employer=employer,
            region=regions[i % len(regions)],
            method=method,
            job_title="Bench",
            workplace="Bench",
            observation_date=date(2026, 2, 1),
            hours_per_week=Decimal(36),
            loonwaarde=i % 101,
            motivation="Bench",
            next_reassessment=date(2027, 2, 1),
            status=next(status),
            lks_yearly=Decimal("12000.00"),
        )
        for i in range(count)
    )


def _lks_arithmetic() -> Result:
    from loonwaarde import subsidy
    from loonwaarde.reference import read_minimum_wages

    rates = [subsidy.MinimumWage(r.valid_from, r.hourly) for r in read_minimum_wages()]
    seconds, n = median_time(
        lambda: [
            subsidy.lks(loonwaarde=lw, hours_per_week=Decimal(36), on=date(2026, 2, 1), rates=rates)
            for lw in range(101)
        ],
        repeat=30,
    )
    return Result("LKS for 101 loonwaarden (pure)", seconds, samples=n)


def run() -> list[Result]:

    test_environment()
    results = [_lks_arithmetic()]
    client = Client()
    # the bare view of bench_baseline, as the baseline
    with override_settings(ROOT_URLCONF="bench.bench_baseline", ALLOWED_HOSTS=["*"]):
        baseline, _n = median_time(lambda: client.get("/bare/"), repeat=100)
    with transaction.atomic(), override_settings(ALLOWED_HOSTS=["*"]):
        staff, *rest = _world()
        client.force_login(staff)
        queries = {}
        added = 0
        for size in SIZES:
            _add(size - added, *rest)
            added = size
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/loonwaarde/overzicht/").status_code == 200
            queries[size] = len(captured)
            seconds, n = median_time(lambda: client.get("/loonwaarde/overzicht/"), repeat=20)
            results.append(
                Result(
                    f"overview of 35 regions with {size} assessments vs bare view",
                    seconds,
                    samples=n,
                    baseline=baseline,
                    extra={"queries": queries[size]},
                )
            )
        growth = queries[SIZES[-1]] - queries[SIZES[0]]
        results[-1].goal = "the number of queries does not grow with the number of assessments"
        results[-1].goal_met = growth == 0
        transaction.set_rollback(True)
    return results
