"""Load the 35 arbeidsmarktregio's and 342 gemeenten (1 January 2025) from regions/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from regions.services import reference_data_load

    reference_data_load(
        region_model=apps.get_model("regions", "Arbeidsmarktregio"),
        gemeente_model=apps.get_model("regions", "Gemeente"),
    )


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
