"""Authorisation expectations of the publication URLs (merged by ``tests/banenafspraak/matrix``).

Staff publish, retry and withdraw; everyone reads published reports and downloads their files;
reports not ready yet (queued, failed) are staff-only; a withdrawn report stays readable on
record, its files only for staff.
"""

from __future__ import annotations

from django.urls import reverse

from banenafspraak import services
from banenafspraak.models import BaseDataSet, DistributionRun, RegionFigures
from banenafspraak.publications import services as services_publications
from banenafspraak.publications.models import Publication, PublicationStatus
from banenafspraak.publications.selectors import publication_snapshot
from tests.banenafspraak.factories import complete_dataset
from tests.matrix import LOGIN, PUBLIC, STAFF_ONLY, Expect, World, outcomes

STAFF_POST = outcomes(403, anonymous=LOGIN, staff=302)
FILES_OF_WITHDRAWN = outcomes(403, anonymous=LOGIN, staff=200)
FILES_NOT_READY = outcomes(403, anonymous=LOGIN, staff=404)


def _run(reason: str) -> DistributionRun:
    run = services.distribution_request(reason=reason)
    services.distribution_run_compute(run_id=run.pk)
    run.refresh_from_db()
    return run


def _publication(world: World, run: DistributionRun, title: str, *, ready: bool) -> Publication:
    publication = Publication.objects.create(
        run=run,
        title=title,
        summary="Matrix.",
        snapshot=publication_snapshot(run=run, previous=None),
        created_by=world.personas.staff,
    )
    if ready:  # the real store step, with a small stand-in file (rendering is tested elsewhere)
        Publication.objects.filter(pk=publication.pk).update(
            status=PublicationStatus.RENDERING, attempts=1
        )
        services_publications._store(publication.pk, attempt=1, pdf=b"%PDF-1.7 matrix\n%%EOF\n")
        publication.refresh_from_db()
    return publication


def build(world: World) -> None:
    services.reference_data_ensure()
    if not BaseDataSet.objects.exists():
        complete_dataset()
    first = DistributionRun.objects.current() or _run("matrix")
    withdrawn = _publication(world, first, "Ingetrokken", ready=True)
    services_publications.publication_withdraw(publication=withdrawn, user=world.personas.staff)
    ready = _publication(world, first, "Gepubliceerd", ready=True)
    figures = RegionFigures.objects.filter(dataset=first.dataset).first()
    figures.wajong += 500
    figures.save()
    queued = _publication(world, _run("matrix 2"), "In de wachtrij", ready=False)
    world.extra.update(
        publication_ready=ready, publication_withdrawn=withdrawn, publication_queued=queued
    )


def _each(name: str, world: World, kinds: dict[str, dict], **kwargs) -> list[Expect]:
    return [
        Expect(
            reverse(f"banenafspraak:{name}", kwargs={"pk": world.extra[kind].pk, **kwargs}),
            expected,
        )
        for kind, expected in kinds.items()
    ]


def expectations(world: World) -> dict:
    ready = world.extra["publication_ready"]
    readable = {
        "publication_ready": PUBLIC,
        "publication_withdrawn": PUBLIC,
        "publication_queued": STAFF_ONLY,
    }
    files = {
        "publication_ready": PUBLIC,
        "publication_withdrawn": FILES_OF_WITHDRAWN,
        "publication_queued": FILES_NOT_READY,
    }
    return {
        "banenafspraak:publication_list": Expect(reverse("banenafspraak:publication_list"), PUBLIC),
        "banenafspraak:publication_feed": Expect(reverse("banenafspraak:publication_feed"), PUBLIC),
        "banenafspraak:publication_create": [
            Expect(reverse("banenafspraak:publication_create"), STAFF_ONLY),
            Expect(
                reverse("banenafspraak:publication_create"),
                STAFF_ONLY,  # staff: the form again, with its errors
                method="post",
                data={"title": ""},
            ),
        ],
        "banenafspraak:publication_detail": _each("publication_detail", world, readable),
        "banenafspraak:publication_status": _each("publication_status", world, readable),
        "banenafspraak:publication_pdf": _each("publication_pdf", world, files),
        "banenafspraak:publication_table": _each(
            "publication_table", world, files, file_format="csv"
        )
        + _each("publication_table", world, {"publication_ready": PUBLIC}, file_format="xlsx"),
        "banenafspraak:publication_region_pdf": _each(
            "publication_region_pdf", world, files, code="AM01"
        ),
        "banenafspraak:publication_withdraw": [
            Expect(
                reverse("banenafspraak:publication_withdraw", kwargs={"pk": ready.pk}),
                outcomes(403, anonymous=LOGIN, staff=405),
            ),
            Expect(
                reverse(
                    "banenafspraak:publication_withdraw",
                    kwargs={"pk": world.extra["publication_queued"].pk},
                ),
                STAFF_POST,
                method="post",
                data={"reason": "Matrix", "confirm": "1"},
            ),
        ],
        "banenafspraak:publication_retry": Expect(
            reverse("banenafspraak:publication_retry", kwargs={"pk": ready.pk}),
            STAFF_POST,
            method="post",
        ),
    }
