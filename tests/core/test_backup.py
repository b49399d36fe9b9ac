"""make backup / make restore: a round trip into an empty database finds every row and file."""

from pathlib import Path

from django.apps import apps
from django.db import connection

import psycopg
import pytest

from werkkamer.core.backup import backup_create, backup_restore

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _counts(dsn_kwargs: dict) -> dict[str, int]:
    tables = sorted(
        m._meta.db_table for m in apps.get_models() if m._meta.managed and not m._meta.proxy
    )
    with psycopg.connect(**dsn_kwargs) as conn:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _dsn(db: dict) -> dict:
    return {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
    }


@pytest.fixture
def empty_database():
    name = connection.settings_dict["NAME"] + "_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield {**connection.settings_dict, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _publication_and_register_entries(settings, tmp_path) -> tuple[Path, list[str]]:
    """A published distribution report (its PDF rendered into MEDIA_ROOT) and register entries."""
    import datetime

    from banenafspraak.models import DistributionRun
    from banenafspraak.publications.services import publication_create
    from banenafspraak.services import distribution_request
    from doelgroepregister.models import Grondslag, Registration
    from doelgroepregister.protection import bsn_hash
    from tests.banenafspraak.factories import complete_dataset
    from tests.doelgroepregister.factories import valid_bsns
    from werkkamer.accounts.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    complete_dataset()
    distribution_request(reason="back-uptest")  # tasks run in-process in tests
    run = DistributionRun.objects.current()
    publication, _ = publication_create(
        run=run, title="Verdeling", summary="Test", user=User.objects.get(email="staf@example.nl")
    )
    publication.refresh_from_db()
    assert publication.pdf_sha256
    bsns = [next(iter(valid_bsns(12_345_678 + i * 1_000))) for i in range(3)]
    Registration.objects.bulk_create(
        Registration(
            bsn_hash=bsn_hash(b),
            grondslag=Grondslag.choices[0][0],
            start_date=datetime.date(2020, 1, 1),
        )
        for b in bsns
    )
    return Path(settings.MEDIA_ROOT), [p.name for p in Path(settings.MEDIA_ROOT).rglob("*.pdf")]


def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(
    personas, settings, tmp_path, empty_database
):
    media, pdfs = _publication_and_register_entries(settings, tmp_path)
    assert pdfs, "the publication's PDF should be in MEDIA_ROOT"
    source_counts = _counts(_dsn(connection.settings_dict))
    assert source_counts["regions_gemeente"] == 342 and source_counts["accounts_user"] >= 6
    assert source_counts["banenafspraak_publication"] == 1
    assert source_counts["doelgroepregister_registration"] == 3

    manifest = backup_create(db=connection.settings_dict, media_root=media, target=tmp_path / "b")
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}

    restored_media = tmp_path / "restored-media"
    backup_restore(db=empty_database, media_root=restored_media, source=tmp_path / "b")
    assert _counts(_dsn(empty_database)) == source_counts
    for original in media.rglob("*"):
        if original.is_file():
            restored = restored_media / original.relative_to(media)
            assert restored.read_bytes() == original.read_bytes(), original.name


def test_a_damaged_backup_is_refused_before_anything_changes(personas, tmp_path, empty_database):
    backup_create(db=connection.settings_dict, media_root=tmp_path / "none", target=tmp_path / "b")
    with (tmp_path / "b" / "database.dump").open("ab") as f:
        f.write(b"damage")
    with pytest.raises(ValueError, match="does not match its SHA-256"):
        backup_restore(db=empty_database, media_root=tmp_path / "m", source=tmp_path / "b")
    with psycopg.connect(**_dsn(empty_database)) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname='public'"
        ).fetchone()[0]
    assert tables == 0
