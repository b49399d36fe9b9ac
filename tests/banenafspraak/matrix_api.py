"""Authorisation expectations of the public API (merged by ``tests/banenafspraak/matrix``).

Everyone, logged in or not, reads the same public data; what is not published (a queued
publication's run, a withdrawn publication) is 404 for everyone, staff included.
"""

from __future__ import annotations

from django.urls import reverse

from tests.matrix import PUBLIC, Expect, World, outcomes

GONE = outcomes(404)


def expectations(world: World) -> dict:
    ready = world.extra["publication_ready"]
    withdrawn = world.extra["publication_withdrawn"]
    queued = world.extra["publication_queued"]
    run_kwargs = {"runId": ready.run_id}
    return {
        "api:openapi-json": Expect(reverse("api:openapi-json"), PUBLIC),
        "api:api-root": Expect(reverse("api:api-root"), GONE),
        "api:not_found": Expect("/api/v1/regions/", GONE, note="no trailing slashes"),
        "api:regions": Expect(reverse("api:regions"), PUBLIC),
        "api:region": Expect(reverse("api:region", kwargs={"code": "AM01"}), PUBLIC),
        "api:publications": Expect(reverse("api:publications"), PUBLIC),
        "api:publication": [
            Expect(reverse("api:publication", kwargs={"publicationId": ready.pk}), PUBLIC),
            Expect(reverse("api:publication", kwargs={"publicationId": withdrawn.pk}), GONE),
            Expect(reverse("api:publication", kwargs={"publicationId": queued.pk}), GONE),
        ],
        "api:distributions": Expect(reverse("api:distributions"), PUBLIC),
        "api:current_distribution": Expect(reverse("api:current_distribution"), PUBLIC),
        "api:distribution": [
            Expect(reverse("api:distribution", kwargs=run_kwargs), PUBLIC),
            Expect(reverse("api:distribution", kwargs={"runId": queued.run_id}), GONE),
        ],
        "api:region_explanation": [
            Expect(
                reverse("api:region_explanation", kwargs={**run_kwargs, "code": "AM01"}), PUBLIC
            ),
            Expect(
                reverse("api:region_explanation", kwargs={"runId": queued.run_id, "code": "AM01"}),
                GONE,
            ),
        ],
    }
