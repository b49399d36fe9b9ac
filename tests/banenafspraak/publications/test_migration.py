"""Moving ``Publication`` into its own app keeps every row and every stored PDF.

From the schema before the move (``banenafspraak.0006``, the model still in ``banenafspraak``) a
published report with its PDF is written through the historical model; after migrating forward
the ``publications`` app reads the same row, the same file with the same SHA-256, and serves it.
"""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

import pytest

from banenafspraak.publications.models import Publication, PublicationStatus

BEFORE = [("banenafspraak", "0006_bounded_text"), ("publications", None)]
PDF = b"%PDF-1.7\n% a report published before the move\n%%EOF\n"


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_publication_and_its_pdf_survive_the_move_to_the_publications_app(client, personas):
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[0]).apps
    old_content_type = old.get_model("contenttypes", "ContentType")
    old_content_type.objects.filter(app_label="publications").delete()
    type_id = old_content_type.objects.get_or_create(
        app_label="banenafspraak", model="publication"
    )[0].pk
    run = old.get_model("banenafspraak", "DistributionRun").objects.create(
        status="done", reason="before the move", checksum="c" * 64
    )
    name = default_storage.save("publicaties/voor-de-verhuizing.pdf", ContentFile(PDF))
    published_at = timezone.now()
    old_publication = old.get_model("banenafspraak", "Publication").objects.create(
        run_id=run.pk,
        title="Verdeling voor de verhuizing",
        summary="Gepubliceerd met het oude schema.",
        snapshot={"run": {"id": run.pk, "is_demo": False}},
        status="ready",
        pdf=name,
        pdf_sha256=hashlib.sha256(PDF).hexdigest(),
        pdf_size=len(PDF),
        published_at=published_at,
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    publication = Publication.objects.get(pk=old_publication.pk)
    assert Publication._meta.db_table == "banenafspraak_publication"
    assert (publication.run_id, publication.title, publication.status) == (
        run.pk,
        "Verdeling voor de verhuizing",
        PublicationStatus.READY,
    )
    assert publication.published_at == published_at
    assert list(Publication.objects.public()) == [publication]
    assert publication.pdf.name == name
    with publication.pdf.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == publication.pdf_sha256
    assert ContentType.objects.get(pk=type_id).app_label == "publications"
    assert ContentType.objects.get_for_model(Publication).pk == type_id

    response = client.get(reverse("banenafspraak:publication_pdf", kwargs={"pk": publication.pk}))
    assert response.status_code == 200
    assert response.content == PDF
