"""`make bench`: every benchmark module, each printing its figures and ratios against a baseline
measured in the same run (the machine is shared and noisy: medians, never single timings).

A module ``bench/bench_<topic>.py`` defines ``run() -> list[Result]``. Results are printed and
written to ``bench/results/latest.json``. Run one topic with ``make bench BENCH=topic``.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkkamer.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
# The benches talk plain HTTP (test client, wrk to a local gunicorn): switch off the production
# HTTPS redirect and Secure cookies explicitly, for this process and the ones it starts.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")

RESULTS = Path(__file__).resolve().parent / "results"


def main(argv: list[str]) -> int:
    django.setup()
    from bench.common import Result

    requested = ",".join(argv) or os.environ.get("BENCH", "")
    only = set(filter(None, requested.split(",")))
    names = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.startswith("bench_")
    )
    results: list[Result] = []
    for name in names:
        if only and name not in only:
            continue
        print(f"== {name}", flush=True)
        module = importlib.import_module(f"bench.bench_{name}")
        for result in module.run():
            print(result.line(), flush=True)
            results.append(result)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(
        json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False) + "\n"
    )
    failed = [r for r in results if r.goal_met is False]
    for r in failed:
        print(f"GOAL NOT MET: {r.name}: {r.goal}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
