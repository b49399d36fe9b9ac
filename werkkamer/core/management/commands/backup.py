from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from werkkamer.core.backup import backup_create


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de database (pg_dump) en de opgeslagen bestanden in een nieuwe map."
    )

    def add_arguments(self, parser):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        parser.add_argument("--to", default=str(Path(settings.VAR_DIR) / "backups" / stamp))

    def handle(self, *args, to: str, **options):
        try:
            manifest = backup_create(
                db=connection.settings_dict, media_root=Path(settings.MEDIA_ROOT), target=Path(to)
            )
        except (ValueError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Back-up geschreven naar {to}"))
        for name, digest in manifest["files"].items():
            self.stdout.write(f"  {name}  sha256 {digest}")
