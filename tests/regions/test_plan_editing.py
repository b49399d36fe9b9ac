"""Editing the action plan: optimistic locking, history, adoption, visibility."""

from __future__ import annotations

from django.urls import reverse

import pytest

from regions.models import ActionPlan, PlanAction, PlanGoal, PlanSection, PlanStatus
from tests.regions import factories


@pytest.fixture
def draft(personas):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    return factories.draft_plan(werkbedrijf, user=personas.coordinator_a, filled=True)


def section_url(section: PlanSection) -> str:
    return reverse("regions:section_edit", kwargs={"code": "AM01", "pk": section.pk})


@pytest.mark.postgres
def test_a_stale_save_gets_the_conflict_page_and_both_texts_survive(draft, personas, client_for):
    section = draft.sections.get(key="vraag_aanbod")
    first, second = client_for("coordinator_a"), client_for("staff")
    # both editors open the same version of the section
    version = first.get(section_url(section)).context["form"]["version"].value()
    assert second.get(section_url(section)).context["form"]["version"].value() == version

    saved = first.post(
        section_url(section), {"body": "Tekst van de coördinator.", "version": version}
    )
    assert saved.status_code == 302
    stale = second.post(
        section_url(section), {"body": "Tekst van de Werkkamer.", "version": version}
    )

    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    assert "Tekst van de coördinator." in page  # theirs, as stored
    assert "Tekst van de Werkkamer." in page  # yours, offered again in the form
    section.refresh_from_db()
    assert section.body == "Tekst van de coördinator."
    # the offered form carries the new version: saving it again wins, nothing is lost
    offered = stale.context["form"]
    assert offered["version"].value() == section.version
    resaved = second.post(
        section_url(section), {"body": offered["body"].value(), "version": section.version}
    )
    assert resaved.status_code == 302
    section.refresh_from_db()
    assert section.body == "Tekst van de Werkkamer."


@pytest.mark.postgres
def test_the_htmx_section_editor_swaps_the_section_in_place(draft, client_for):
    section = draft.sections.get(key="werkgevers")
    client = client_for("coordinator_a")
    form = client.get(section_url(section), headers={"HX-Request": "true"})
    assert b"<html" not in form.content and b'hx-post="' in form.content
    saved = client.post(
        section_url(section),
        {"body": "Eén loket voor werkgevers.", "version": section.version},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    assert b"<html" not in saved.content
    assert "Eén loket voor werkgevers." in saved.content.decode()
    assert b'id="sectie-werkgevers"' in saved.content
    assert b'role="status"' in saved.content  # screen readers hear that it was saved


@pytest.mark.postgres
def test_an_htmx_conflict_shows_the_conflict_page_in_place(draft, client_for):
    section = draft.sections.get(key="werkgevers")
    client = client_for("coordinator_a")
    client.post(section_url(section), {"body": "Eerst.", "version": section.version})
    stale = client.post(
        section_url(section),
        {"body": "Daarna.", "version": section.version},
        headers={"HX-Request": "true"},
    )
    assert stale.status_code == 200  # htmx only swaps 2xx answers
    assert stale["HX-Retarget"] == "body"
    assert "Eerst." in stale.content.decode() and "Daarna." in stale.content.decode()


@pytest.mark.postgres
def test_an_invalid_action_keeps_the_input_and_says_what_is_wrong(draft, client_for):
    url = reverse("regions:action_add", kwargs={"code": "AM01", "pk": draft.pk})
    response = client_for("coordinator_a").post(
        url,
        {"title": "Banenmarkt organiseren", "owner": "", "deadline": "31-13-2026"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Banenmarkt organiseren"' in page
    assert "Dit veld is verplicht." in page
    assert not PlanAction.objects.filter(plan=draft).exists()


@pytest.mark.postgres
def test_history_shows_each_change_with_author_and_word_diff(draft, personas, client_for):
    section = draft.sections.get(key="arbeidsmarkt")
    coordinator, staff = client_for("coordinator_a"), client_for("staff")
    coordinator.post(section_url(section), {"body": "De vraag groeit in de zorg.", "version": 2})
    staff.post(section_url(section), {"body": "De vraag groeit sterk in de zorg.", "version": 3})

    response = coordinator.get(
        reverse("regions:plan_history", kwargs={"code": "AM01", "pk": draft.pk})
    )
    entries = [e for e in response.context["entries"] if "arbeidsmarkt" in e.subject.lower()]
    authors = [e.who for e in entries if e.kind == "~"]
    assert authors[:2] == [personas.staff, personas.coordinator_a]  # newest first
    latest = entries[0].changes[0]
    assert [(p.op, p.text) for p in latest.diff if p.op != "same"] == [("added", "sterk ")]
    assert "<ins>sterk </ins>" in response.content.decode()


@pytest.mark.postgres
def test_an_adopted_plan_refuses_every_post_and_nothing_changes(personas, client_for):
    plan = factories.adopted_plan(factories.werkbedrijf(personas.region_a), user=personas.staff)
    section, action = plan.sections.first(), plan.actions.first()
    before = (
        list(PlanSection.objects.filter(plan=plan).values_list("body", "version")),
        list(PlanAction.objects.filter(plan=plan).values_list("title", "version")),
        list(PlanGoal.objects.filter(plan=plan).values_list("year", "market")),
    )
    kw = {"code": "AM01", "pk": plan.pk}
    attempts = [
        (
            reverse("regions:section_edit", kwargs={"code": "AM01", "pk": section.pk}),
            {"body": "Gewijzigd", "version": section.version},
        ),
        (
            reverse("regions:action_edit", kwargs={"code": "AM01", "pk": action.pk}),
            {
                "title": "X",
                "owner": "Y",
                "deadline": "2027-01-01",
                "status": "done",
                "version": action.version,
            },
        ),
        (
            reverse("regions:action_add", kwargs=kw),
            {"title": "X", "owner": "Y", "deadline": "2027-01-01", "status": "planned"},
        ),
        (
            reverse("regions:goals_edit", kwargs=kw),
            {
                "doelen-TOTAL_FORMS": "1",
                "doelen-INITIAL_FORMS": "0",
                "doelen-0-year": "2027",
                "doelen-0-market": "1",
                "doelen-0-government": "1",
            },
        ),
        (reverse("regions:plan_adopt", kwargs=kw), {}),
    ]
    for persona in ("coordinator_a", "staff"):
        client = client_for(persona)
        for url, data in attempts:
            response = client.post(url, data)
            assert response.status_code == 409, (persona, url)
            assert "vastgesteld" in response.content.decode()
    # what was sent is shown back, not silently dropped
    assert "Gewijzigd" in client.post(attempts[0][0], attempts[0][1]).content.decode()
    after = (
        list(PlanSection.objects.filter(plan=plan).values_list("body", "version")),
        list(PlanAction.objects.filter(plan=plan).values_list("title", "version")),
        list(PlanGoal.objects.filter(plan=plan).values_list("year", "market")),
    )
    assert after == before
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED


@pytest.mark.postgres
def test_adopting_needs_every_section_and_a_goal(personas, client_for):
    plan = factories.draft_plan(factories.werkbedrijf(personas.region_a))
    url = reverse("regions:plan_adopt", kwargs={"code": "AM01", "pk": plan.pk})
    response = client_for("coordinator_a").post(url)
    assert response.status_code == 200
    assert "Vul eerst deze onderdelen in" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


@pytest.mark.postgres
def test_a_new_draft_starts_from_the_adopted_plan(personas, client_for):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    adopted = factories.adopted_plan(werkbedrijf, user=personas.coordinator_a)
    response = client_for("coordinator_a").post(
        reverse("regions:plan_start", kwargs={"code": "AM01"})
    )
    draft = ActionPlan.objects.get(werkbedrijf=werkbedrijf, status=PlanStatus.DRAFT)
    assert response["Location"] == draft.get_absolute_url()
    assert draft.based_on == adopted
    assert dict(draft.sections.values_list("key", "body")) == dict(
        adopted.sections.values_list("key", "body")
    )
    assert list(draft.goals.values_list("year", "market", "government")) == [(2026, 100, 20)]
    assert draft.actions.count() == 1


@pytest.mark.postgres
def test_the_public_sees_only_the_adopted_plan_never_the_draft(personas, client_for):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    adopted = factories.adopted_plan(werkbedrijf)
    draft = factories.draft_plan(werkbedrijf)
    section = draft.sections.get(key="doelen")
    section.body = "Geheime concepttekst"
    section.save()
    current = reverse("regions:plan", kwargs={"code": "AM01"})

    for persona in ("anonymous", "employer", "coordinator_b"):
        client = client_for(persona)
        response = client.get(current)
        assert response.context["plan"] == adopted
        assert "Geheime concepttekst" not in response.content.decode()
        assert (
            "Geheime concepttekst"
            not in client.get(reverse("regions:detail", kwargs={"code": "AM01"})).content.decode()
        )
        assert client.get(draft.get_absolute_url()).status_code in (302, 403)
    # the region's coordinator works on the draft
    assert client_for("coordinator_a").get(current).context["plan"] == draft


@pytest.mark.postgres
def test_an_action_is_edited_in_its_table_row(draft, client_for):
    action = factories.PlanActionFactory(plan=draft, title="Banenmarkt")
    url = reverse("regions:action_edit", kwargs={"code": "AM01", "pk": action.pk})
    client = client_for("coordinator_a")
    form = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert form.startswith('<tr id="actie-') and 'value="Banenmarkt"' in form
    data = {"title": "Banenmarkt", "owner": "UWV", "deadline": "2026-06-01", "status": "done"}
    row = client.post(url, {**data, "version": 1}, headers={"HX-Request": "true"})
    assert row.content.decode().startswith('<tr id="actie-') and "Afgerond" in row.content.decode()
    # a second editor still on version 1 gets both versions, the status included
    stale = client_for("staff").post(url, {**data, "status": "dropped", "version": 1})
    assert stale.status_code == 409
    assert "Afgerond" in stale.content.decode() and "Vervallen" in stale.content.decode()


@pytest.mark.postgres
def test_two_editors_of_one_decision_do_not_overwrite_each_other(personas, client_for):
    decision = factories.werkbedrijf(personas.region_a).decisions.get(standard_point=4)
    url = reverse("regions:decision_edit", kwargs={"code": "AM01", "pk": decision.pk})
    first = {"status": "preparing", "text": "Concept marktbewerkingsplan.", "version": 1}
    second = {"status": "open", "text": "Nog bespreken met UWV.", "version": 1}
    assert client_for("coordinator_a").post(url, first).status_code == 302
    response = client_for("staff").post(url, second)
    assert response.status_code == 409
    decision.refresh_from_db()
    assert decision.text == "Concept marktbewerkingsplan."
    assert "Nog bespreken met UWV." in response.content.decode()


@pytest.mark.postgres
def test_adopting_first_shows_what_is_fixed_and_who_sees_it(personas, client_for):
    plan = factories.draft_plan(factories.werkbedrijf(personas.region_a), filled=True)
    url = reverse("regions:plan_adopt", kwargs={"code": "AM01", "pk": plan.pk})
    client = client_for("coordinator_a")
    draft_page = client.get(plan.get_absolute_url()).content.decode()
    assert f'href="{url}"' in draft_page  # a link to the confirmation, not a POST button
    asked = client.get(url).content.decode()
    assert "Wat wordt vastgelegd" in asked and "Iedereen, zonder in te loggen" in asked
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert client.post(url).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED


@pytest.mark.postgres
def test_an_adopted_plan_offers_a_new_draft_at_the_top(personas, client_for):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    factories.adopted_plan(werkbedrijf, user=personas.coordinator_a)
    page = client_for("coordinator_a").get(reverse("regions:plan", kwargs={"code": "AM01"}))
    body = page.content.decode()
    start = reverse("regions:plan_start", kwargs={"code": "AM01"})
    assert body.index(f'action="{start}"') < body.index('class="plan-section"')
    assert "Nieuw concept op basis van dit plan" in body
    anonymous = client_for("anonymous").get(reverse("regions:plan", kwargs={"code": "AM01"}))
    assert "Nieuw concept op basis van dit plan" not in anonymous.content.decode()


@pytest.mark.postgres
def test_a_form_page_names_where_it_returns_to_and_a_save_says_so(personas, client_for):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    plan = factories.draft_plan(werkbedrijf)
    client = client_for("coordinator_a")
    url = reverse("regions:action_add", kwargs={"code": "AM01", "pk": plan.pk})
    crumbs = (
        client.get(url)
        .content.decode()
        .split('class="utrecht-breadcrumb-nav"')[1]
        .split("</nav>")[0]
    )
    assert "Plan van aanpak" in crumbs and "Actie toevoegen" in crumbs and "Terug" not in crumbs
    data = {"title": "Banenmarkt", "owner": "WSP", "deadline": "2026-10-01", "status": "planned"}
    saved = client.post(url, data, follow=True)
    assert saved.redirect_chain, saved.context["form"].errors
    assert "Actie ‘Banenmarkt’ is opgeslagen." in saved.content.decode()
