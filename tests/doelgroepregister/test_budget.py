"""No mass look-up: every answered BSN, single or bulk, spends one per-user and one
per-organisation daily budget; a list larger than what is left is refused whole."""

from __future__ import annotations

import threading
from datetime import date
from itertools import islice

from django.urls import reverse

import pytest

from doelgroepregister import services
from doelgroepregister.extract import FileProblem
from doelgroepregister.limits import budget_consume
from doelgroepregister.models import (
    ANSWERED_OUTCOMES,
    CheckKind,
    CheckLog,
    CheckOutcome,
    Grondslag,
    Registration,
    outside_transaction,
)
from doelgroepregister.protection import bsn_hash
from tests.doelgroepregister.factories import csv_bytes, upload, valid_bsns

IN_REGISTER, *OTHERS = islice(valid_bsns(45_678_901), 40)
AUDIT = pytest.mark.django_db(databases="__all__", transaction=True)


@pytest.fixture(autouse=True)
def _small_budgets(settings):
    settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_USER = 100
    settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_ORGANISATION = 100
    settings.DOELGROEPREGISTER_BULK_FILES_PER_HOUR = 100
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER = 3
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION = 4


@pytest.fixture
def register(db):
    Registration.objects.create(
        bsn_hash=bsn_hash(IN_REGISTER), grondslag=Grondslag.WAJONG, start_date=date(2020, 1, 1)
    )


def bulk(user, bsns: list[str]) -> bytes:
    content = csv_bytes([(bsn, f"P-{n}") for n, bsn in enumerate(bsns)], header=("bsn", "kenmerk"))
    return services.register_bulk_check(user=user, upload=upload(content, "lijst.csv")).content


def logs():
    return CheckLog.objects.using(outside_transaction())


@AUDIT
def test_after_the_single_checks_used_the_budget_a_bulk_file_is_refused(
    register, client_for, settings
):
    # before: the hourly single-check limit refused the user, and bulk files still answered
    settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_USER = 3
    client = client_for("employer")
    for bsn in OTHERS[:3]:
        client.post(reverse("doelgroepregister:check"), {"bsn": bsn})
    response = client.post(
        reverse("doelgroepregister:bulk_check"),
        {"file": upload(csv_bytes([(IN_REGISTER,)], header=("bsn",)), "l.csv"), "own_staff": "1"},
    )
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert "u kunt vandaag nog 0 BSN" in response.content.decode()
    assert not logs().filter(kind=CheckKind.BULK, outcome__in=ANSWERED_OUTCOMES).exists()


@AUDIT
def test_the_single_check_stops_at_the_budget_shared_with_bulk_files(register, personas):
    bulk(personas.employer, OTHERS[:2])
    assert services.register_check(user=personas.employer, raw_bsn=IN_REGISTER).counts
    refused = services.register_check(user=personas.employer, raw_bsn=IN_REGISTER)
    assert refused.outcome == CheckOutcome.OVER_BUDGET and not refused.in_register
    assert logs().filter(outcome=CheckOutcome.OVER_BUDGET, kind=CheckKind.SINGLE).count() == 1


@AUDIT
def test_a_colleague_is_refused_once_the_organisations_budget_is_gone(register, personas):
    colleague = personas.employer_b
    colleague.organisation = personas.organisation_a
    colleague.save()
    bulk(personas.employer, OTHERS[:3])  # the user's budget (3) is spent; 1 left for the org
    with pytest.raises(FileProblem, match="u kunt vandaag nog 1 BSN"):
        bulk(colleague, OTHERS[3:5])
    assert services.register_check(user=colleague, raw_bsn=IN_REGISTER).counts
    assert (
        services.register_check(user=colleague, raw_bsn=IN_REGISTER).outcome
        == CheckOutcome.OVER_BUDGET
    )
    # another organisation is not affected
    from werkkamer.accounts.models import Role, User

    other = User.objects.create_user(
        "werkgever.b2@example.nl", role=Role.EMPLOYER, organisation=personas.organisation_b
    )
    assert services.register_check(user=other, raw_bsn=IN_REGISTER).counts


@AUDIT
def test_a_file_larger_than_what_is_left_is_refused_whole_and_nothing_answered(
    register, personas, settings
):
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER = 10
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION = 100
    services.register_check(user=personas.employer, raw_bsn=IN_REGISTER)
    before = logs().count()
    # 10 valid BSNs and one invalid (not answered, so not counted): 10 > 9 left
    with pytest.raises(FileProblem) as refused:
        bulk(personas.employer, [IN_REGISTER, *OTHERS[:9], "123"])
    message = str(refused.value)
    assert "10 geldige BSN's" in message and "nog 9 BSN's" in message
    assert "niets gecontroleerd" in message
    new_entries = list(logs().order_by("pk").values_list("kind", "outcome", "bsn_hash"))[before:]
    assert new_entries == [(CheckKind.BULK, CheckOutcome.OVER_BUDGET, "")]
    # the budget was not touched: exactly what is left still passes
    answer = bulk(personas.employer, OTHERS[:9]).decode("utf-8-sig").splitlines()
    assert len(answer) == 10
    assert (
        services.register_check(user=personas.employer, raw_bsn=IN_REGISTER).outcome
        == CheckOutcome.OVER_BUDGET
    )


@AUDIT
def test_coordinators_spend_their_regions_budget(register, personas, settings):
    from werkkamer.accounts.models import Role, User

    colleague = User.objects.create_user("coord.a2@example.nl", role=Role.COORDINATOR)
    colleague.regions.add(*personas.coordinator_a.regions.all())
    bulk(personas.coordinator_a, OTHERS[:3])
    assert services.register_check(user=colleague, raw_bsn=IN_REGISTER).counts
    assert (
        services.register_check(user=colleague, raw_bsn=IN_REGISTER).outcome
        == CheckOutcome.OVER_BUDGET
    )
    assert services.register_check(user=personas.coordinator_b, raw_bsn=IN_REGISTER).counts


@AUDIT
def test_staff_see_who_reached_the_budget_or_tries_many_numbers(
    register, personas, client_for, settings
):
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER = 30
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION = 30
    settings.DOELGROEPREGISTER_NOT_FOUND_THRESHOLD = 20
    bulk(personas.employer, OTHERS[:25])  # 25 numbers, none in the register
    with pytest.raises(FileProblem):
        bulk(personas.employer, OTHERS[25:35])  # 10 more, 5 left
    services.register_check(user=personas.employer_b, raw_bsn=IN_REGISTER)  # nothing unusual
    page = client_for("staff").get(reverse("doelgroepregister:check_log"))
    users = {f["user_email"]: f for f in page.context["failures"]}
    organisations = {o["organisation_name"]: o for o in page.context["organisation_alerts"]}
    assert set(users) == {personas.employer.email}
    assert (
        users[personas.employer.email]["not_found"],
        users[personas.employer.email]["over_budget"],
    ) == (25, 1)
    assert set(organisations) == {personas.organisation_a.name}
    assert organisations[personas.organisation_a.name]["over_budget"] == 1
    body = page.content.decode()
    assert "Geweigerd: dagbudget op" in body and personas.organisation_a.name in body


@pytest.mark.parametrize("cache", ["redis", "locmem"])
def test_the_budget_is_atomic_under_concurrency(settings, cache):
    if cache == "locmem":
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    elif not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("no Redis cache configured")
    granted = []
    start = threading.Barrier(8)

    def spend():
        start.wait()
        for _ in range(25):
            spent = budget_consume(budgets=[("user:1", 60), ("org:1", 70)], amount=1, period="race")
            granted.append(spent.granted)

    threads = [threading.Thread(target=spend) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert granted.count(True) == 60
    left = budget_consume(budgets=[("user:2", 60), ("org:1", 70)], amount=11, period="race")
    assert not left.granted and left.left == 10
