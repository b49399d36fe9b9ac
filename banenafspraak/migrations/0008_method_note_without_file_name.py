"""The seeded method note named an internal file ("Standaardmethode (DOMAIN.md): ..."); users see it."""

from django.db import migrations

OLD = "Standaardmethode (DOMAIN.md): "
NEW = "Standaardmethode: "


def forwards(apps, schema_editor):
    MethodParameters = apps.get_model("banenafspraak", "MethodParameters")
    for method in MethodParameters.objects.filter(note__startswith=OLD):
        MethodParameters.objects.filter(pk=method.pk).update(note=NEW + method.note[len(OLD) :])


class Migration(migrations.Migration):
    dependencies = [("banenafspraak", "0007_publication_moves_to_its_app")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
