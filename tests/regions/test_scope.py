from django.test import Client

import pytest

from regions.models import Arbeidsmarktregio, Gemeente

pytestmark = pytest.mark.django_db


def test_coordinators_may_edit_only_their_own_regions(personas):
    assert list(Arbeidsmarktregio.objects.editable_by(personas.coordinator_a)) == [
        personas.region_a
    ]
    assert list(Arbeidsmarktregio.objects.editable_by(personas.coordinator_b)) == [
        personas.region_b
    ]


def test_staff_may_edit_every_region_and_others_none(personas):
    assert Arbeidsmarktregio.objects.editable_by(personas.staff).count() == 35
    for user in (personas.employer, personas.assessor):
        assert not Arbeidsmarktregio.objects.editable_by(user).exists()


def test_staff_set_the_centrumgemeente_in_the_admin(personas):
    Arbeidsmarktregio.objects.filter(pk=personas.region_a.pk).update(centrumgemeente=None)
    client = Client()
    client.force_login(personas.staff)
    groningen = Gemeente.objects.get(code="GM0014")
    response = client.post(
        f"/beheer/regions/arbeidsmarktregio/{personas.region_a.pk}/change/",
        {
            "name": personas.region_a.name,
            "centrumgemeente": groningen.pk,
            "gemeenten-TOTAL_FORMS": "0",
            "gemeenten-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    personas.region_a.refresh_from_db()
    assert personas.region_a.centrumgemeente == groningen
    assert "Groningen" in Client().get("/regios/").content.decode()


def test_the_centrumgemeente_must_lie_in_the_region(personas):
    before = personas.region_a.centrumgemeente  # the recorded one (reference data)
    client = Client()
    client.force_login(personas.staff)
    amsterdam = Gemeente.objects.get(code="GM0363")
    response = client.post(
        f"/beheer/regions/arbeidsmarktregio/{personas.region_a.pk}/change/",
        {
            "name": personas.region_a.name,
            "centrumgemeente": amsterdam.pk,
            "gemeenten-TOTAL_FORMS": "0",
            "gemeenten-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200  # the form again, with an error
    personas.region_a.refresh_from_db()
    assert personas.region_a.centrumgemeente == before


def test_the_model_refuses_a_centrumgemeente_of_another_region(personas):
    from django.core.exceptions import ValidationError

    personas.region_a.centrumgemeente = Gemeente.objects.get(code="GM0363")
    with pytest.raises(ValidationError, match="moet in deze regio liggen"):
        personas.region_a.full_clean()
