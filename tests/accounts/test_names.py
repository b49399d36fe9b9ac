"""People are shown by name; the e-mail address is contact data, not a name."""

from __future__ import annotations

from datetime import UTC, datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from regions.models import PlanSection
from tests.regions import factories
from werkkamer.accounts.demo import DEMO_ACCOUNTS, seed_demo_accounts
from werkkamer.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_a_user_is_shown_by_name_and_a_nameless_old_account_is_flagged_not_guessed():
    named = User(email="j.jansen@example.nl", first_name="Jan", last_name="Jansen")
    assert str(named) == named.display_name == named.get_full_name() == "Jan Jansen"
    old = User(email="j.jansen@example.nl")
    assert str(old) == "j.jansen@example.nl (naam niet vastgelegd)"
    assert old.display_name == "naam niet vastgelegd" and old.first_name == ""


def test_the_page_header_names_the_logged_in_user(personas, client_for):
    page = client_for("employer").get(reverse("core:dashboard")).content.decode()
    assert "Wim Akkerman" in page
    assert personas.employer.email not in page


@pytest.mark.postgres
def test_the_conflict_page_names_who_saved_and_when_in_amsterdam_time(
    personas, client_for, monkeypatch
):
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    draft = factories.draft_plan(werkbedrijf, user=personas.coordinator_a, filled=True)
    section = draft.sections.get(key="vraag_aanbod")
    url = reverse("regions:section_edit", kwargs={"code": "AM01", "pk": section.pk})
    first, second = client_for("coordinator_a"), client_for("staff")
    version = first.get(url).context["form"]["version"].value()
    second.get(url)
    instant = datetime(2027, 1, 10, 8, 5, tzinfo=UTC)  # 09:05 in Amsterdam, after the draft
    with monkeypatch.context() as clock:
        clock.setattr(timezone, "now", lambda: instant)
        assert first.post(url, {"body": "Eerste.", "version": version}).status_code == 302
    stale = second.post(url, {"body": "Tweede.", "version": version})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Anouk Mulder heeft dit op 10 januari 2027 09:05 opgeslagen" in page
    assert personas.coordinator_a.email not in page
    assert PlanSection.objects.get(pk=section.pk).body == "Eerste."


def test_demo_accounts_have_names():
    seed_demo_accounts()
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.first_name and user.last_name, account.email
    assert User.objects.get(role=Role.ASSESSOR).display_name == "Lotte de Graaf"
