from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

import pytest

from regions.composition import composition_check
from regions.models import Member, RepresentativeRole
from tests.regions import factories


def test_the_four_required_kinds_and_a_chair_meet_the_minimum():
    result = composition_check(
        member_kinds=["gemeente", "uwv", "werkgevers", "werknemers", "onderwijs"],
        representative_roles=["member", "chair"],
    )
    assert result.is_met and result.missing_kinds == ()


def test_it_names_every_missing_kind_and_the_missing_chair():
    result = composition_check(
        member_kinds=["gemeente", "sw_bedrijf"], representative_roles=["member"]
    )
    assert result.missing_kinds == ("uwv", "werkgevers", "werknemers")
    assert not result.has_chair and not result.is_met


@pytest.mark.django_db
def test_the_page_says_what_is_missing_and_ignores_ended_members(personas, client_for):
    werkbedrijf = factories.werkbedrijf(personas.region_a, complete=True)
    uwv = Member.objects.get(werkbedrijf=werkbedrijf, kind="uwv")
    uwv.end_date = date.today() - timedelta(days=1)
    uwv.save()
    werkbedrijf.members.filter(kind="gemeente").first().representatives.update(
        role=RepresentativeRole.MEMBER
    )
    response = client_for("anonymous").get(reverse("regions:werkbedrijf", kwargs={"code": "AM01"}))
    status = response.context["composition"]
    assert status.missing_labels == ["UWV"] and not status.has_chair
    page = response.content.decode()
    assert "nog niet compleet" in page and "een voorzitter" in page
    # the region page shows the same verdict
    detail = client_for("anonymous").get(reverse("regions:detail", kwargs={"code": "AM01"}))
    assert "nog niet compleet" in detail.content.decode()


@pytest.mark.django_db
def test_a_complete_werkbedrijf_is_reported_complete(personas, client_for):
    factories.werkbedrijf(personas.region_a, complete=True)
    response = client_for("anonymous").get(reverse("regions:werkbedrijf", kwargs={"code": "AM01"}))
    assert response.context["composition"].is_met
    assert "De minimale samenstelling is compleet" in response.content.decode()


@pytest.mark.django_db
def test_a_coordinator_adds_a_member_and_its_chair(personas, client_for):
    client = client_for("coordinator_a")
    response = client.post(
        reverse("regions:member_add", kwargs={"code": "AM01"}),
        {"name": "Gemeente Groningen", "kind": "gemeente", "start_date": "2015-01-01"},
    )
    assert response.status_code == 302
    member = Member.objects.get(name="Gemeente Groningen")
    client.post(
        reverse("regions:representative_add", kwargs={"code": "AM01", "pk": member.pk}),
        {"name": "Wethouder Jansen", "role": "chair", "start_date": "2015-01-01"},
    )
    assert member.representatives.get().role == RepresentativeRole.CHAIR
    assert member.history.first().history_user == personas.coordinator_a


@pytest.mark.django_db
def test_an_end_date_before_the_start_date_is_refused_with_the_input_kept(client_for):
    response = client_for("coordinator_a").post(
        reverse("regions:member_add", kwargs={"code": "AM01"}),
        {"name": "FNV", "kind": "werknemers", "start_date": "2020-01-01", "end_date": "2019-01-01"},
    )
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    assert 'value="FNV"' in response.content.decode()


@pytest.mark.django_db
def test_the_werkbedrijf_history_shows_who_changed_a_member_and_how(personas, client_for):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    client = client_for("coordinator_a")
    client.post(
        reverse("regions:member_add", kwargs={"code": "AM01"}),
        {"name": "FNV Noord", "kind": "werknemers", "start_date": "2015-01-01"},
    )
    member = Member.objects.get(werkbedrijf=werkbedrijf)
    client_for("staff").post(
        reverse("regions:member_edit", kwargs={"code": "AM01", "pk": member.pk}),
        {
            "name": "FNV Noord-Nederland",
            "kind": "werknemers",
            "start_date": "2015-01-01",
            "version": member.version,
        },
    )
    response = client.get(reverse("regions:werkbedrijf_history", kwargs={"code": "AM01"}))
    changed, created = response.context["entries"][:2]
    assert (changed.kind, changed.who) == ("~", personas.staff)
    assert (created.kind, created.who) == ("+", personas.coordinator_a)
    assert [(c.field, c.old, c.new) for c in changed.changes] == [
        ("organisatie", "FNV Noord", "FNV Noord-Nederland")
    ]
    assert "<ins>Noord-Nederland</ins>" in response.content.decode()
