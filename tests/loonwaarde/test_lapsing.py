"""Staff see on their dashboard which loonwaarde methods and assessor certifications lapse
within 60 days, each a link to where it is fixed (issue 13 §3)."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from loonwaarde.models import Method
from loonwaarde.selectors import lapsing
from tests.loonwaarde.factories import AssessorFactory, CertificationFactory, method

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def test_what_lapses_within_60_days_without_a_successor(personas):
    soon = CertificationFactory(number="ULM-SOON", valid_until=TODAY + timedelta(days=60))
    CertificationFactory(number="ULM-LATER", valid_until=TODAY + timedelta(days=61))
    CertificationFactory(number="ULM-GONE", valid_until=TODAY - timedelta(days=1))
    renewed = CertificationFactory(number="ULM-OLD", valid_until=TODAY + timedelta(days=10))
    CertificationFactory(
        assessor=renewed.assessor,
        number="ULM-NEW",
        valid_from=TODAY + timedelta(days=11),
        valid_until=None,
    )
    inactive = AssessorFactory(is_active=False)
    CertificationFactory(assessor=inactive, number="ULM-LEFT", valid_until=TODAY)
    dariuz = method("dariuz")
    Method.objects.filter(pk=dariuz.pk).update(valid_until=TODAY + timedelta(days=30))

    result = lapsing(today=TODAY)
    assert [c.number for c in result.certifications] == [soon.number]
    assert [m.code for m in result.methods] == ["dariuz"]
    assert not lapsing(today=TODAY + timedelta(days=62))


def test_the_staff_dashboard_links_each_lapsing_item_to_where_it_is_fixed(client_for, personas):
    today = timezone.localdate()
    assessor = AssessorFactory(first_name="Sanne", last_name="Bakker")
    certification = CertificationFactory(
        assessor=assessor, number="ULM-2026-0815", valid_until=today + timedelta(days=20)
    )
    talent6 = method("talent6")
    Method.objects.filter(pk=talent6.pk).update(valid_until=today + timedelta(days=45))

    html = client_for("staff").get(reverse("core:dashboard")).content.decode()
    assert "Loonwaarde: bij te werken" in html
    change = reverse("admin:loonwaarde_certification_change", args=[certification.pk])
    assert f'href="{change}"' in html
    assert "Certificering ULM-2026-0815 (Uniforme Loonwaardemethodiek) van Sanne Bakker" in html
    assert f'href="{reverse("admin:loonwaarde_method_change", args=[talent6.pk])}"' in html
    assert "Methode Talent6: geldig tot en met" in html
    # staff can open the link
    assert client_for("staff").get(change).status_code == 200
    # other roles' dashboards do not list it
    for persona in ["assessor", "coordinator_a", "employer"]:
        assert (
            "ULM-2026-0815"
            not in client_for(persona).get(reverse("core:dashboard")).content.decode()
        )
