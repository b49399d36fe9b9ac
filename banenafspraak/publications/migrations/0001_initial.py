"""Publication, moved here from ``banenafspraak`` (its ``0007``): state only, no data moves.

The model keeps its table (``banenafspraak_publication``), so rows, PDFs (their paths are in
``pdf``) and the constraint ``ba_one_live_publication_per_run`` stay untouched. The content type
follows the model, so admin log entries and permissions keep pointing at it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import werkkamer.core.validators


def _move_content_type(apps, schema_editor, *, source: str, target: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if content_type.objects.using(db).filter(app_label=target, model="publication").exists():
        return
    content_type.objects.using(db).filter(app_label=source, model="publication").update(
        app_label=target
    )


def forwards(apps, schema_editor) -> None:
    _move_content_type(apps, schema_editor, source="banenafspraak", target="publications")


def backwards(apps, schema_editor) -> None:
    _move_content_type(apps, schema_editor, source="publications", target="banenafspraak")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("banenafspraak", "0007_publication_moves_to_its_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Publication",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="titel")),
                        (
                            "summary",
                            models.TextField(
                                max_length=2000,
                                validators=[werkkamer.core.validators.MaxTextValidator(2000)],
                                verbose_name="samenvatting",
                            ),
                        ),
                        (
                            "snapshot",
                            models.JSONField(editable=False, verbose_name="vastgelegde gegevens"),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "in de wachtrij"),
                                    ("rendering", "PDF wordt gemaakt"),
                                    ("ready", "gepubliceerd"),
                                    ("failed", "mislukt"),
                                ],
                                default="queued",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "pdf",
                            models.FileField(
                                blank=True,
                                editable=False,
                                max_length=200,
                                upload_to="",
                                verbose_name="PDF",
                            ),
                        ),
                        (
                            "pdf_sha256",
                            models.CharField(
                                blank=True,
                                max_length=64,
                                verbose_name="controlegetal PDF (SHA-256)",
                            ),
                        ),
                        (
                            "pdf_size",
                            models.PositiveIntegerField(
                                blank=True, null=True, verbose_name="grootte (bytes)"
                            ),
                        ),
                        ("error", models.TextField(blank=True, verbose_name="foutmelding")),
                        (
                            "attempts",
                            models.PositiveSmallIntegerField(default=0, verbose_name="pogingen"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt"),
                        ),
                        (
                            "rendering_started_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="PDF gestart"),
                        ),
                        (
                            "published_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="gepubliceerd op"
                            ),
                        ),
                        (
                            "withdrawn_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="ingetrokken op"
                            ),
                        ),
                        (
                            "withdrawal_reason",
                            models.CharField(
                                blank=True, max_length=300, verbose_name="reden van intrekken"
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="gepubliceerd door",
                            ),
                        ),
                        (
                            "run",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="publications",
                                to="banenafspraak.distributionrun",
                                verbose_name="berekening",
                            ),
                        ),
                        (
                            "withdrawn_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="ingetrokken door",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "publicatie",
                        "verbose_name_plural": "publicaties",
                        "db_table": "banenafspraak_publication",
                        "ordering": ["-published_at", "-pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("withdrawn_at__isnull", True)),
                                fields=("run",),
                                name="ba_one_live_publication_per_run",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
