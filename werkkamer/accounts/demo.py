"""Demo accounts for `make run`: one per role, with passwords and (for MFA roles) a TOTP secret."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from regions.models import Arbeidsmarktregio
from werkkamer.accounts.models import Organisation, Role, User

DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 - printed for local demo use only
# A fixed base32 secret so a newcomer can add the demo accounts to an authenticator app once.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    first_name: str
    last_name: str
    regions: tuple[str, ...] = ()
    organisation_kvk: str = ""


# Fictitious people: every account has a name, as the portal requires of real ones.
DEMO_ACCOUNTS = (
    DemoAccount("staf@werkkamer.example", Role.STAFF, "Sanne", "Visser"),
    DemoAccount(
        "coordinator.groningen@werkkamer.example", Role.COORDINATOR, "Jelle", "Hoekstra", ("AM01",)
    ),
    DemoAccount(
        "coordinator.amsterdam@werkkamer.example", Role.COORDINATOR, "Yasmina", "Bakkali", ("AM18",)
    ),
    DemoAccount(
        "werkgever@bakkerij.example", Role.EMPLOYER, "Kees", "Brouwer", organisation_kvk="12345678"
    ),
    DemoAccount("deskundige@werkkamer.example", Role.ASSESSOR, "Lotte", "de Graaf"),
)


@transaction.atomic
def seed_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create the demo accounts if missing (safe to run twice); return (account, created)."""
    organisation, _ = Organisation.objects.get_or_create(
        kvk_number="12345678", defaults={"name": "Bakkerij De Korenschoof (fictief)"}
    )
    result = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "role": account.role,
                "is_staff": account.role == Role.STAFF,
                "is_superuser": account.role == Role.STAFF,
                "organisation": organisation if account.organisation_kvk else None,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.regions.set(Arbeidsmarktregio.objects.filter(code__in=account.regions))
            if user.mfa_required:
                TOTP.activate(user, DEMO_TOTP_SECRET)
        elif not user.first_name and not user.last_name:  # demo accounts seeded before names
            user.first_name, user.last_name = account.first_name, account.last_name
            user.save(update_fields=["first_name", "last_name"])
        result.append((account, created))
    return result


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
