from django.core import mail
from django.test import RequestFactory

import pytest

from werkkamer.accounts.models import Role, User
from werkkamer.accounts.services import user_invite

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_invite_a_user_who_gets_a_link_to_choose_a_password(personas):
    request = RequestFactory().get("/")
    user = user_invite(
        email=" Nieuwe.Coordinator@Example.nl ",
        role=Role.COORDINATOR,
        first_name="Noor",
        last_name="de Vries",
        regions=[personas.region_b],
        request=request,
    )
    assert user.email == "nieuwe.coordinator@example.nl"
    assert not user.has_usable_password()
    assert list(user.regions.all()) == [personas.region_b]
    assert str(user) == "Noor de Vries"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuwe.coordinator@example.nl"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_an_invite_with_an_unknown_role_is_refused_and_nothing_is_saved(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        user_invite(email="x@example.nl", role="koning", first_name="K", last_name="Oning")
    assert not User.objects.filter(email="x@example.nl").exists()


def test_an_invite_without_a_name_is_refused(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="voornaam en achternaam"):
        user_invite(email="x@example.nl", role=Role.EMPLOYER, first_name=" ", last_name="Jansen")
    assert not User.objects.filter(email="x@example.nl").exists()
