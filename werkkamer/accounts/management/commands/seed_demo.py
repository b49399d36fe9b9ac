"""Load demo data for `make run`: demo accounts and every app's demo data (idempotent)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from werkkamer.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_demo_accounts
from werkkamer.core.navigation import APPS


class Command(BaseCommand):
    help = "Maakt demo-accounts (één per rol) en fictieve demogegevens aan; veilig herhaalbaar."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # The demo accounts have a published password and TOTP secret, and one is a superuser.
            raise CommandError(
                "seed_demo draait alleen met DEBUG=true: de demo-accounts hebben een openbaar "
                "wachtwoord en TOTP-geheim (een ervan is superuser). Nooit in productie. "
                "/ seed_demo only runs with DEBUG=true."
            )
        accounts = seed_demo_accounts()
        for app in APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError:
                continue
            message = module.seed()
            if message:
                self.stdout.write(f"{app}: {message}")
        self.stdout.write(
            self.style.SUCCESS(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        )
        for account, created in accounts:
            state = "nieuw" if created else "bestond al"
            name = f"{account.first_name} {account.last_name}"
            self.stdout.write(f"  {account.role:<12} {name:<18} {account.email}  ({state})")
        self.stdout.write(
            "Staf en coördinatoren hebben tweestapsverificatie. Voeg dit TOTP-geheim toe aan uw "
            f"authenticator-app: {DEMO_TOTP_SECRET}"
        )
        if settings.DEBUG:
            self.stdout.write("Of vraag de huidige code op met: make totp")
