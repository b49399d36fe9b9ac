"""The seeded wage sources began with an internal file name ("DOMAIN.md; Ministerie van SZW"); users see them."""

from django.db import migrations

OLD = "DOMAIN.md; "


def forwards(apps, schema_editor):
    MinimumWage = apps.get_model("loonwaarde", "MinimumWage")
    for wage in MinimumWage.objects.filter(source__startswith=OLD):
        MinimumWage.objects.filter(pk=wage.pk).update(source=wage.source[len(OLD) :])


class Migration(migrations.Migration):
    dependencies = [("loonwaarde", "0006_wage_source_message")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
