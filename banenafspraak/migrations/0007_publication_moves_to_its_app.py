"""Publication moved to the ``publications`` app: only Django's state changes here.

The table ``banenafspraak_publication``, its rows and its constraints stay as they are; the
model is taken up again by ``publications.0001_initial`` with the same ``db_table``.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("banenafspraak", "0006_bounded_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Publication")],
            database_operations=[],
        ),
    ]
