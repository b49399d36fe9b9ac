from django.db import migrations


def load(apps, schema_editor):
    from banenafspraak.services import reference_data_load

    reference_data_load(
        target_model=apps.get_model("banenafspraak", "NationalTarget"),
        method_model=apps.get_model("banenafspraak", "MethodParameters"),
    )


class Migration(migrations.Migration):
    dependencies = [("banenafspraak", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
