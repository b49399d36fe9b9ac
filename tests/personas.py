"""The personas every test shares (after hc's alice, bob and charlie).

- ``coordinator_a``: regional coordinator of region A (AM01 Groningen), MFA enrolled.
- ``coordinator_b``: regional coordinator of region B (AM18 Groot Amsterdam), MFA enrolled.
- ``employer``: works for organisation A (KvK 11111111); ``employer_b`` for organisation B.
- ``assessor``: a loonwaarde assessor.
- ``staff``: Werkkamer staff (national), MFA enrolled, Django admin access.
- ``anonymous``: nobody logged in.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from regions.models import Arbeidsmarktregio
from regions.services import reference_data_ensure
from werkkamer.accounts.models import Organisation, Role, User

PASSWORD = "correct-horse-battery-42"  # noqa: S105
REGION_A = "AM01"
REGION_B = "AM18"
PERSONA_NAMES = ("anonymous", "coordinator_a", "coordinator_b", "employer", "assessor", "staff")


@dataclass
class Personas:
    region_a: Arbeidsmarktregio
    region_b: Arbeidsmarktregio
    organisation_a: Organisation
    organisation_b: Organisation
    coordinator_a: User
    coordinator_b: User
    employer: User
    employer_b: User
    assessor: User
    staff: User
    totp_secrets: dict[str, str]

    def user(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


# Everyone has a name (the e-mail address is contact data, not a name).
NAMES = {
    "coord.a@example.nl": ("Anouk", "Mulder"),
    "coord.b@example.nl": ("Bram", "Koster"),
    "werkgever.a@example.nl": ("Wim", "Akkerman"),
    "werkgever.b@example.nl": ("Wendy", "Bos"),
    "deskundige@example.nl": ("Dirk", "de Deskundige"),
    "staf@example.nl": ("Sara", "Staf"),
}


def make_user(email: str, role: str, *, mfa: bool, secrets: dict[str, str], **extra) -> User:
    first_name, last_name = NAMES.get(email, ("", ""))
    extra = {"first_name": first_name, "last_name": last_name, **extra}
    user = User.objects.create_user(email=email, password=PASSWORD, role=role, **extra)
    if mfa:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        secrets[email] = secret
    return user


def make_personas() -> Personas:
    reference_data_ensure()
    region_a = Arbeidsmarktregio.objects.get(code=REGION_A)
    region_b = Arbeidsmarktregio.objects.get(code=REGION_B)
    org_a = Organisation.objects.create(name="Werkgever A B.V.", kvk_number="11111111")
    org_b = Organisation.objects.create(name="Werkgever B B.V.", kvk_number="22222222")
    secrets: dict[str, str] = {}
    coordinator_a = make_user("coord.a@example.nl", Role.COORDINATOR, mfa=True, secrets=secrets)
    coordinator_a.regions.add(region_a)
    coordinator_b = make_user("coord.b@example.nl", Role.COORDINATOR, mfa=True, secrets=secrets)
    coordinator_b.regions.add(region_b)
    return Personas(
        region_a=region_a,
        region_b=region_b,
        organisation_a=org_a,
        organisation_b=org_b,
        coordinator_a=coordinator_a,
        coordinator_b=coordinator_b,
        employer=make_user(
            "werkgever.a@example.nl", Role.EMPLOYER, mfa=False, secrets=secrets, organisation=org_a
        ),
        employer_b=make_user(
            "werkgever.b@example.nl", Role.EMPLOYER, mfa=False, secrets=secrets, organisation=org_b
        ),
        assessor=make_user("deskundige@example.nl", Role.ASSESSOR, mfa=False, secrets=secrets),
        staff=make_user(
            "staf@example.nl",
            Role.STAFF,
            mfa=True,
            secrets=secrets,
            is_staff=True,
            is_superuser=True,
        ),
        totp_secrets=secrets,
    )
