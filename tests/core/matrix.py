from django.urls import reverse

from tests.matrix import LOGGED_IN, PUBLIC, Expect, World, outcomes


def expectations(world: World) -> dict:
    return {
        "core:home": Expect(reverse("core:home"), PUBLIC),
        "core:dashboard": Expect(reverse("core:dashboard"), LOGGED_IN),
        "core:accessibility": Expect(reverse("core:accessibility"), PUBLIC),
        # 200 or 503 depending on whether a worker runs; tests/core/test_health.py pins both
        "health": Expect(reverse("health"), outcomes(frozenset({200, 503}))),
    }
