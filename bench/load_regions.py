"""Load-test endpoints of the region pages, a coordinator's plan page, and the edit burst."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.loadtest import ROOT, Endpoint, Outcome

COORDINATOR = "coordinator.groningen@werkkamer.example"


def endpoints(ctx: dict) -> list[Endpoint]:
    return [
        Endpoint("home", "/"),
        Endpoint("region list", "/regios/"),
        Endpoint("region page", "/regios/AM18/"),
        Endpoint("coordinator plan page", "/regios/AM01/plan/", persona=COORDINATOR),
    ]


def after(ctx: dict, sessions: dict) -> list[Outcome]:
    """20 editors save the same section version at once: one wins, 19 get the conflict page."""
    session, csrf = sessions[COORDINATOR]
    result = subprocess.run(
        [sys.executable, "-m", "bench.plan_burst", str(ctx["port"]), session, csrf],
        cwd=ROOT,
        env=ctx["env"],
        capture_output=True,
        text=True,
        check=True,
    )
    burst = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"concurrent edit burst: {burst}", flush=True)
    outcome = Outcome("concurrent edit burst (20 editors)", "/regios/AM01/plan/secties/<id>/")
    outcome.requests = burst["editors"]
    outcome.non_2xx_3xx = burst["conflict_pages"]
    outcome.status_5xx = len([s for s in burst["other"] if s >= 500])
    outcome.extra = burst
    return [outcome]
