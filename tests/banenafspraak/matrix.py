from django.urls import reverse

from banenafspraak import services
from banenafspraak.models import DistributionRun, RunStatus
from tests.banenafspraak import matrix_api
from tests.banenafspraak.factories import complete_dataset
from tests.banenafspraak.publications import matrix as matrix_publications
from tests.matrix import LOGIN, PUBLIC, STAFF_ONLY, Expect, World, outcomes

# A POST that writes nothing: staff get the form back with errors (200), nobody else gets in.
STAFF_POST = outcomes(403, anonymous=LOGIN, staff=200)
STAFF_FILE = outcomes(403, anonymous=LOGIN, staff=200)


def build(world: World) -> None:
    complete_dataset()
    run = services.distribution_request(reason="matrix")
    services.distribution_run_compute(run_id=run.pk)
    world.extra["run"] = DistributionRun.objects.get(pk=run.pk)
    world.extra["failed_run"] = DistributionRun.objects.create(
        status=RunStatus.FAILED, error="test"
    )
    matrix_publications.build(world)


def _staff_get_and_post(url: str) -> list[Expect]:
    return [Expect(url, STAFF_ONLY), Expect(url, STAFF_POST, method="post", data={})]


def expectations(world: World) -> dict:
    run, failed = world.extra["run"], world.extra["failed_run"]
    region = world.personas.region_a.code
    export = "banenafspraak:basedata_export"
    return {
        "banenafspraak:distribution": Expect(reverse("banenafspraak:distribution"), PUBLIC),
        "banenafspraak:status": Expect(reverse("banenafspraak:status"), PUBLIC),
        "banenafspraak:run_list": Expect(reverse("banenafspraak:run_list"), PUBLIC),
        "banenafspraak:run_detail": [
            Expect(reverse("banenafspraak:run_detail", kwargs={"pk": run.pk}), PUBLIC),
            Expect(
                reverse("banenafspraak:run_detail", kwargs={"pk": failed.pk}),
                outcomes(404, staff=200),
                note="only staff see runs that were not published",
            ),
        ],
        "banenafspraak:compare": Expect(reverse("banenafspraak:compare"), PUBLIC),
        "banenafspraak:whatif": [
            Expect(reverse("banenafspraak:whatif"), STAFF_ONLY),
            Expect(reverse("banenafspraak:whatif"), STAFF_ONLY, data={"alpha": "0", "beta": "1"}),
        ],
        "banenafspraak:method": _staff_get_and_post(reverse("banenafspraak:method")),
        "banenafspraak:basedata": Expect(reverse("banenafspraak:basedata"), STAFF_ONLY),
        "banenafspraak:basedata_import": _staff_get_and_post(
            reverse("banenafspraak:basedata_import")
        ),
        export: [
            Expect(reverse(export, kwargs={"file_format": f}), STAFF_FILE) for f in ("csv", "xlsx")
        ],
        "banenafspraak:figures_edit": _staff_get_and_post(
            reverse("banenafspraak:figures_edit", kwargs={"code": region})
        ),
        "banenafspraak:targets": _staff_get_and_post(reverse("banenafspraak:targets")),
        "banenafspraak:targets_import": _staff_get_and_post(
            reverse("banenafspraak:targets_import")
        ),
        "banenafspraak:targets_export": [
            Expect(reverse("banenafspraak:targets_export", kwargs={"file_format": f}), STAFF_FILE)
            for f in ("csv", "xlsx")
        ],
        **matrix_publications.expectations(world),
        **matrix_api.expectations(world),
    }
