"""MFA is required for Werkkamer staff and regional coordinators (allauth TOTP + recovery codes)."""

from django.test import Client
from django.urls import reverse

import pyotp
import pytest
from allauth.mfa.models import Authenticator

from tests.personas import PASSWORD, make_user
from werkkamer.accounts.models import Role

pytestmark = pytest.mark.django_db


def _log_in(client: Client, email: str) -> None:
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.STAFF])
def test_a_user_who_must_have_mfa_is_sent_to_enrol_first(personas, role):
    make_user("nieuw@example.nl", role, mfa=False, secrets={}, is_staff=role == Role.STAFF)
    client = Client()
    _log_in(client, "nieuw@example.nl")
    for path in [reverse("core:dashboard"), reverse("regions:index"), reverse("admin:index")]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp"), path


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.ASSESSOR])
def test_other_roles_are_not_forced_to_enrol(personas, role):
    make_user("nieuw@example.nl", role, mfa=False, secrets={})
    client = Client()
    _log_in(client, "nieuw@example.nl")
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_after_enrolling_the_login_asks_for_the_code(personas):
    make_user("nieuw@example.nl", Role.COORDINATOR, mfa=False, secrets={})
    client = Client()
    _log_in(client, "nieuw@example.nl")

    # allauth asks to confirm the password before an authenticator is added.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    # Enrol: the activation page puts the secret in the session (it shows it as a QR code).
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user__email="nieuw@example.nl", type="totp").exists()
    assert client.get(reverse("core:dashboard")).status_code == 200

    # A fresh login now stops at the code step; no protected page before the code.
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "nieuw@example.nl", "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("core:dashboard"))["Location"].startswith(reverse("account_login"))
    assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 200
    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_recovery_codes_come_with_totp(personas):
    from django.conf import settings

    assert settings.MFA_SUPPORTED_TYPES == ["totp", "recovery_codes"]
    client = Client()
    client.force_login(personas.coordinator_a)
    page = client.get(reverse("mfa_index")).content.decode()
    assert "Herstelcodes" in page or "herstelcodes" in page


def test_there_is_no_open_sign_up(db):
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {"email": "x@example.nl", "password1": PASSWORD, "password2": PASSWORD},
    )
    from werkkamer.accounts.models import User

    assert response.status_code == 200
    assert "Registratie gesloten" in response.content.decode()
    assert not User.objects.filter(email="x@example.nl").exists()


def test_failed_logins_are_rate_limited(personas):
    client = Client()
    email = personas.employer.email
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": email, "password": "wrong"})
        assert "Te veel inlogpogingen" not in response.content.decode()
    # Locked for this address now, even with the right password.
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert "Te veel inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
