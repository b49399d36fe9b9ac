from django.urls import reverse

from tests.matrix import PUBLIC, Expect, World


def expectations(world: World) -> dict:
    p = world.personas
    return {
        "regions:index": Expect(reverse("regions:index"), PUBLIC),
        "regions:detail": [
            Expect(reverse("regions:detail", kwargs={"code": p.region_a.code}), PUBLIC),
            Expect(reverse("regions:detail", kwargs={"code": p.region_b.code}), PUBLIC),
        ],
    }
