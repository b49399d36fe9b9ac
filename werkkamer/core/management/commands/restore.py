from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from werkkamer.core.backup import backup_restore


class Command(BaseCommand):
    help = "Zet een back-up (map van `manage.py backup`) terug in de database en de bestandsopslag."

    def add_arguments(self, parser):
        parser.add_argument(
            "source", help="de map met manifest.json, database.dump en media.tar.gz"
        )

    def handle(self, *args, source: str, **options):
        connection.close()  # pg_restore needs the database without our session in a transaction
        try:
            backup_restore(
                db=connection.settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
                source=Path(source),
            )
        except (ValueError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Back-up {source} teruggezet."))
