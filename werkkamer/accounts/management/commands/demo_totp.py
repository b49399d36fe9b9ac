from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from werkkamer.accounts.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Toont de huidige TOTP-code van de demo-accounts (alleen met DEBUG aan)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Alleen beschikbaar in een ontwikkelomgeving (DEBUG=true).")
        counters = list(yield_hotp_counters_from_time())
        current = counters[len(counters) // 2]
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, current)))
