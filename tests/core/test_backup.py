"""make backup / make restore: a round trip into an empty database finds every row and file."""

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


def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(
    personas, settings, tmp_path, empty_database
):
    media = tmp_path / "media"
    (media / "publicaties").mkdir(parents=True)
    (media / "publicaties" / "verdeling.pdf").write_bytes(b"%PDF-1.7 test")
    source_counts = _counts(_dsn(connection.settings_dict))
    assert source_counts["regions_gemeente"] == 342 and source_counts["accounts_user"] >= 6

    manifest = backup_create(db=connection.settings_dict, media_root=media, target=tmp_path / "b")
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}

    restored_media = tmp_path / "restored-media"
    backup_restore(db=empty_database, media_root=restored_media, source=tmp_path / "b")
    assert _counts(_dsn(empty_database)) == source_counts
    assert (restored_media / "publicaties" / "verdeling.pdf").read_bytes() == b"%PDF-1.7 test"


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
