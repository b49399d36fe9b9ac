"""Load-test endpoints of the loonwaarde pages, as the demo assessor and demo coordinator
(accounts from werkkamer/accounts/demo.py, assessments from loonwaarde/demo.py)."""

from bench.loadtest import Endpoint

ASSESSOR = "deskundige@werkkamer.example"
COORDINATOR = "coordinator.groningen@werkkamer.example"


def endpoints(ctx: dict) -> list[Endpoint]:
    return [
        Endpoint("loonwaarde list (assessor)", "/loonwaarde/", persona=ASSESSOR),
        Endpoint(
            "loonwaarde due (coordinator)", "/loonwaarde/herbeoordelingen/", persona=COORDINATOR
        ),
        Endpoint(
            "loonwaarde overview (coordinator)", "/loonwaarde/overzicht/", persona=COORDINATOR
        ),
    ]
