"""The authorisation matrix: what every persona gets on every URL of the project.

Each app keeps its expectations in ``tests/<app>/matrix.py``::

    def expectations(world: World) -> dict[str, Expect | list[Expect]]:
        return {"regions:detail": Expect(path=reverse(...), **PUBLIC)}

where the key is the URL name (``namespace:name``). ``world`` holds the personas and whatever
objects the app's ``build(world)`` added (``world.extra``). The test walks every URL pattern
whose view lives in the project: a pattern without an expectation fails the test, and so does an
expectation for a URL that no longer exists.

Outcomes: an HTTP status (200, 403, 404, 405, ...), ``LOGIN`` (a redirect to the login page), or
a frozenset of statuses where the answer depends on the infrastructure (the health endpoint).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.personas import PERSONA_NAMES, Personas

LOGIN = "login"
Outcome = int | str | frozenset[int]


@dataclass
class World:
    personas: Personas
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Expect:
    path: str
    outcomes: dict[str, Outcome]
    method: str = "get"
    data: dict[str, Any] | None = None
    note: str = ""

    def __post_init__(self) -> None:
        missing = set(PERSONA_NAMES) - set(self.outcomes)
        assert not missing, f"{self.path}: no outcome for {sorted(missing)}"


def outcomes(default: Outcome, **overrides: Outcome) -> dict[str, Outcome]:
    """All personas get ``default`` except the ones named."""
    result = dict.fromkeys(PERSONA_NAMES, default)
    result.update(overrides)
    return result


PUBLIC = outcomes(200)
LOGGED_IN = outcomes(200, anonymous=LOGIN)
STAFF_ONLY = outcomes(403, anonymous=LOGIN, staff=200)
