"""Load the method catalogue and the minimum-wage table from loonwaarde/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from loonwaarde.services import reference_data_load

    reference_data_load(
        method_model=apps.get_model("loonwaarde", "Method"),
        wage_model=apps.get_model("loonwaarde", "MinimumWage"),
    )


class Migration(migrations.Migration):
    dependencies = [("loonwaarde", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
