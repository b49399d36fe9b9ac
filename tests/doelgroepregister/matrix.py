from django.urls import reverse

from doelgroepregister.models import ImportStatus, RegisterImport
from tests.matrix import LOGIN, STAFF_ONLY, Expect, World, outcomes

# Employers (with an organisation) and municipal coordinators check; staff and assessors not.
CHECKERS = outcomes(403, anonymous=LOGIN, employer=200, coordinator_a=200, coordinator_b=200)


def build(world: World) -> None:
    world.extra["register_import"] = RegisterImport.objects.create(
        original_name="extract.csv", uploaded_by=world.personas.staff, status=ImportStatus.DONE
    )


def expectations(world: World) -> dict:
    pk = world.extra["register_import"].pk
    return {
        "doelgroepregister:check": Expect(reverse("doelgroepregister:check"), CHECKERS),
        "doelgroepregister:bulk_check": Expect(reverse("doelgroepregister:bulk_check"), CHECKERS),
        # a result is fetched by whoever asked for it, within 15 minutes: anybody else, or later,
        # finds nothing
        "doelgroepregister:bulk_result": Expect(
            reverse("doelgroepregister:bulk_result", args=["00000000-0000-4000-8000-000000000000"]),
            outcomes(403, anonymous=LOGIN, employer=404, coordinator_a=404, coordinator_b=404),
        ),
        "doelgroepregister:check_history": Expect(
            reverse("doelgroepregister:check_history"), CHECKERS
        ),
        "doelgroepregister:import_list": Expect(
            reverse("doelgroepregister:import_list"), STAFF_ONLY
        ),
        "doelgroepregister:import_detail": Expect(
            reverse("doelgroepregister:import_detail", args=[pk]), STAFF_ONLY
        ),
        "doelgroepregister:import_progress": Expect(
            reverse("doelgroepregister:import_progress", args=[pk]), STAFF_ONLY
        ),
        # no report was written for this import: staff get 404, everybody else 403
        "doelgroepregister:import_report": Expect(
            reverse("doelgroepregister:import_report", args=[pk]),
            outcomes(403, anonymous=LOGIN, staff=404),
        ),
        # a finished import cannot be loaded again, retried or cancelled: staff are sent back
        # to it with a message
        **{
            name: _staff_post(name, pk)
            for name in (
                "doelgroepregister:import_commit",
                "doelgroepregister:import_retry",
                "doelgroepregister:import_cancel",
            )
        },
        "doelgroepregister:removal": Expect(reverse("doelgroepregister:removal"), STAFF_ONLY),
        "doelgroepregister:overview": Expect(reverse("doelgroepregister:overview"), STAFF_ONLY),
        "doelgroepregister:check_log": Expect(reverse("doelgroepregister:check_log"), STAFF_ONLY),
    }


def _staff_post(name: str, pk: int) -> list[Expect]:
    url = reverse(name, args=[pk])
    return [
        Expect(url, outcomes(403, anonymous=LOGIN, staff=302), method="post"),
        Expect(url, outcomes(403, anonymous=LOGIN, staff=405)),
    ]
