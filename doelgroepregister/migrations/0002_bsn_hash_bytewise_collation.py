"""On PostgreSQL the BSN hash compares byte by byte (collation "C"): hex needs no language
rules, and index look-ups, sorts and the import's upsert are much faster without them."""

from django.db import migrations

TABLES = ("doelgroepregister_registration", "doelgroepregister_checklog")


def bytewise(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f'ALTER TABLE {table} ALTER COLUMN bsn_hash TYPE varchar(64) COLLATE "C"'
        )


def default_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN bsn_hash TYPE varchar(64)")


class Migration(migrations.Migration):
    dependencies = [("doelgroepregister", "0001_initial")]
    operations = [migrations.RunPython(bytewise, default_collation)]
