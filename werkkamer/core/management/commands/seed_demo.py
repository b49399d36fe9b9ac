"""Load demo data for `make run`: demo accounts and every app's demo data (idempotent)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

from werkkamer.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_demo_accounts
from werkkamer.core.navigation import APPS


class Command(BaseCommand):
    help = "Maakt demo-accounts (één per rol) en fictieve demogegevens aan; veilig herhaalbaar."

    def handle(self, *args, **options):
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
            self.stdout.write(f"  {account.role:<12} {account.email}  ({state})")
        self.stdout.write(
            "Staf en coördinatoren hebben tweestapsverificatie. Voeg dit TOTP-geheim toe aan uw "
            f"authenticator-app: {DEMO_TOTP_SECRET}"
        )
        if settings.DEBUG:
            self.stdout.write("Of vraag de huidige code op met: make totp")
