"""A coordinator of region A cannot change anything of region B, not even by a crafted POST."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse

import pytest

from tests.matrix import World
from tests.regions import factories, matrix


def snapshot() -> dict[str, list]:
    """Every row of every regions model (history included), to prove nothing changed."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("regions").get_models()
    }


def valid_posts(world: World) -> list[tuple[str, dict]]:
    x = world.extra
    b = {"code": "AM18"}
    member = {"name": "Nieuw", "kind": "uwv", "start_date": "2020-01-01"}
    person = {"name": "Nieuw", "role": "chair", "start_date": "2020-01-01"}
    decision = {"title": "X", "status": "taken", "decided_on": "2020-01-01", "text": "Y"}
    action = {"title": "X", "owner": "Y", "deadline": "2027-01-01", "status": "planned"}

    def url(name, **kwargs):
        return reverse(f"regions:{name}", kwargs={**b, **kwargs})

    return [
        (url("member_add"), member),
        (url("member_edit", pk=x["member_b"].pk), {**member, "version": 1}),
        (url("representative_add", pk=x["member_b"].pk), person),
        (url("representative_edit", pk=x["representative_b"].pk), {**person, "version": 1}),
        (url("decision_add"), decision),
        (url("decision_edit", pk=x["decision_b"].pk), {**decision, "version": 1}),
        (url("attachment_add", pk=x["decision_b"].pk), {"file": factories.pdf_upload()}),
        (url("realisations"), {"year": 2020, "market": 1, "government": 1, "source": "x"}),
        (url("plan_start"), {}),
        (url("plan_adopt", pk=x["draft_b"].pk), {}),
        (url("section_edit", pk=x["section_b"].pk), {"body": "Overschreven", "version": 1}),
        (url("action_add", pk=x["draft_b"].pk), action),
        (url("action_edit", pk=x["action_b"].pk), {**action, "version": 1}),
        (
            url("goals_edit", pk=x["draft_b"].pk),
            {
                "doelen-TOTAL_FORMS": "1",
                "doelen-INITIAL_FORMS": "0",
                "doelen-0-year": "2030",
                "doelen-0-market": "1",
                "doelen-0-government": "1",
            },
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator_a", "employer", "assessor"])
def test_valid_posts_to_region_b_are_refused_with_403_and_change_nothing(
    personas, client_for, persona
):
    world = World(personas=personas)
    matrix.build(world)
    before = snapshot()
    client = client_for(persona)
    for url, data in valid_posts(world):
        assert client.post(url, data).status_code == 403, url
    assert snapshot() == before


@pytest.mark.django_db
def test_the_same_posts_work_for_region_b_s_own_coordinator(personas, client_for):
    world = World(personas=personas)
    matrix.build(world)
    client = client_for("coordinator_b")
    statuses = [client.post(url, data).status_code for url, data in valid_posts(world)]
    # each one is accepted (redirect) or answered with a form; none is refused
    assert set(statuses) <= {200, 302}, statuses
    world.extra["section_b"].refresh_from_db()
    assert world.extra["section_b"].body == "Overschreven"
