"""Who may do what with loonwaarde assessments (see tests/matrix.py).

- assessors see and edit only their own assessments;
- coordinators read their region's; employers read their organisation's finalised ones;
- staff read all; nobody edits a finalised assessment.
"""

from django.urls import reverse

from tests.loonwaarde.factories import AssessorFactory, CertificationFactory, make_assessment
from tests.matrix import LOGGED_IN, LOGIN, STAFF_ONLY, Expect, World, outcomes


def build(world: World) -> None:
    p = world.personas
    CertificationFactory(assessor=p.assessor)
    other = AssessorFactory()
    own = {"assessor": p.assessor, "employer": p.organisation_a, "region": p.region_a}
    world.extra["lw_concept"] = make_assessment(**own)
    world.extra["lw_to_finalise"] = make_assessment(**own, candidate_reference="KAND-0002")
    world.extra["lw_final"] = make_assessment(**own, finalise=True, candidate_reference="KAND-3")
    world.extra["lw_other"] = make_assessment(
        assessor=other,
        employer=p.organisation_b,
        region=p.region_b,
        finalise=True,
        candidate_reference="KAND-0004",
    )


def _url(name: str, assessment) -> str:
    return reverse(f"loonwaarde:{name}", kwargs={"pk": assessment.pk})


# Reading a finalised assessment of organisation A in region A, by assessor "assessor".
READ_OWN_FINAL = outcomes(
    403, anonymous=LOGIN, coordinator_a=200, employer=200, assessor=200, staff=200
)
# A concept: employers do not see drafts.
READ_OWN_CONCEPT = outcomes(403, anonymous=LOGIN, coordinator_a=200, assessor=200, staff=200)
# Another assessor's finalised assessment of organisation B in region B.
READ_OTHER = outcomes(403, anonymous=LOGIN, coordinator_b=200, staff=200)
OWN_ASSESSOR_ONLY = outcomes(403, anonymous=LOGIN, assessor=200)
NOBODY = outcomes(403, anonymous=LOGIN)
CONFIRMED = {"bevestigd": "ja"}
REGION_READERS = outcomes(403, anonymous=LOGIN, coordinator_a=200, coordinator_b=200, staff=200)


def expectations(world: World) -> dict:
    concept, final, other = (world.extra[k] for k in ("lw_concept", "lw_final", "lw_other"))
    to_finalise = world.extra["lw_to_finalise"]
    redirect_own = outcomes(403, anonymous=LOGIN, assessor=302)
    return {
        "loonwaarde:index": Expect(reverse("loonwaarde:index"), LOGGED_IN),
        "loonwaarde:create": [
            Expect(reverse("loonwaarde:create"), OWN_ASSESSOR_ONLY),
            # an empty form comes back with its errors (200), not saved
            Expect(reverse("loonwaarde:create"), OWN_ASSESSOR_ONLY, method="post"),
        ],
        "loonwaarde:detail": [
            Expect(_url("detail", final), READ_OWN_FINAL),
            Expect(_url("detail", concept), READ_OWN_CONCEPT),
            Expect(_url("detail", other), READ_OTHER),
        ],
        "loonwaarde:edit": [
            Expect(_url("edit", concept), OWN_ASSESSOR_ONLY),
            Expect(_url("edit", concept), OWN_ASSESSOR_ONLY, method="post"),
            Expect(_url("edit", final), NOBODY, note="finalised: read-only"),
            Expect(_url("edit", final), NOBODY, method="post"),
            Expect(_url("edit", other), NOBODY),
        ],
        "loonwaarde:finalise": [
            # the confirmation page, and a post without the confirmation shows it again
            Expect(_url("finalise", to_finalise), OWN_ASSESSOR_ONLY),
            Expect(_url("finalise", to_finalise), OWN_ASSESSOR_ONLY, method="post"),
            Expect(_url("finalise", final), NOBODY, note="finalised already"),
            Expect(_url("finalise", other), NOBODY),
            Expect(_url("finalise", to_finalise), redirect_own, method="post", data=CONFIRMED),
            Expect(_url("finalise", other), NOBODY, method="post", data=CONFIRMED),
        ],
        "loonwaarde:new_version": [
            Expect(_url("new_version", final), redirect_own, method="post"),
            Expect(_url("new_version", other), NOBODY, method="post"),
        ],
        "loonwaarde:pdf": [
            Expect(_url("pdf", final), READ_OWN_FINAL),
            Expect(_url("pdf", other), READ_OTHER),
        ],
        "loonwaarde:due": Expect(
            reverse("loonwaarde:due"), outcomes(200, anonymous=LOGIN, employer=403)
        ),
        "loonwaarde:overview": Expect(reverse("loonwaarde:overview"), REGION_READERS),
        "loonwaarde:overview_csv": Expect(reverse("loonwaarde:overview_csv"), REGION_READERS),
        "loonwaarde:wages": [
            Expect(reverse("loonwaarde:wages"), STAFF_ONLY),
            # an empty form comes back with its errors (200), nothing saved
            Expect(reverse("loonwaarde:wages"), STAFF_ONLY, method="post"),
        ],
    }
