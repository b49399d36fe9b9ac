"""Published runs for the API and public-cache tests: the real store step with a small stand-in
PDF (the PDF itself is tested in test_publication_pdf)."""

from __future__ import annotations

from banenafspraak.models import DistributionRun
from banenafspraak.publications import services as services_publications
from banenafspraak.publications.models import Publication, PublicationStatus
from banenafspraak.publications.selectors import previous_publication, publication_snapshot


def published(run: DistributionRun, *, title: str = "Verdeling", user=None) -> Publication:
    publication = Publication.objects.create(
        run=run,
        title=title,
        summary="Test.",
        snapshot=publication_snapshot(run=run, previous=previous_publication()),
        created_by=user,
    )
    Publication.objects.filter(pk=publication.pk).update(
        status=PublicationStatus.RENDERING, attempts=1
    )
    pdf = f"%PDF-1.7 test {publication.pk}\n%%EOF\n".encode()
    assert services_publications._store(publication.pk, attempt=1, pdf=pdf)
    publication.refresh_from_db()
    return publication
