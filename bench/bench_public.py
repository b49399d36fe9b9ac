"""Public pages that scale: the anonymous distribution page and ``GET
/api/v1/distributions/current`` against a bare Django view, all three under the same gunicorn
(2 workers, the project's middleware) on PostgreSQL and Redis, measured with wrk at 32
connections, median of ``PUBLIC_BENCH_REPEAT`` (3) rounds.

1. Cached: the body comes from Redis under the run's (publication's) checksum. Goal: ≥ 0.5 × the
   bare view's req/s, zero errors.
2. The 304 path: the same requests with ``If-None-Match`` of the current ETag (for information,
   and zero errors).
3. Uncached: the first request after a new run (page) and after a new publication (API), one
   request each, timed from this process, median of ``REPEAT`` new runs; with the cached
   request's time beside it.

Runs are computed and published in this process (Celery eager here; the gunicorn workers are
separate processes), with the real services: a new run, a new publication with its PDF.
``PUBLIC_BENCH_SECONDS=5 make bench BENCH=public`` for a quick try.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench.common import Result

REPEAT = int(os.environ.get("PUBLIC_BENCH_REPEAT", "3"))
SECONDS = int(os.environ.get("PUBLIC_BENCH_SECONDS", "10"))
CONNECTIONS = 32
PAGE = "/banenafspraak/"
API = "/api/v1/distributions/current"
BARE = "/bench/bare/"


def _eager() -> None:
    from werkkamer.celery import app

    app.conf.task_always_eager = True  # this process only: runs and PDFs are made right here


def _publish_new_run(step: int):
    """A new run (one region's Wajong count changed) and its publication, through the services."""
    from django.db import transaction

    from banenafspraak import services
    from banenafspraak.demo import seed
    from banenafspraak.models import DistributionRun, RegionFigures
    from banenafspraak.publications import services as services_publications
    from banenafspraak.publications.models import Publication
    from werkkamer.accounts.models import Role, User

    seed()
    with transaction.atomic():
        row = RegionFigures.objects.select_related("dataset").filter(region__code="AM01").first()
        row.wajong += 1 if step % 2 == 0 else -1
        services.region_figures_save(figures=row)
    run = DistributionRun.objects.current()
    publisher, _ = User.objects.get_or_create(
        email="bench.publicaties@example.nl", defaults={"role": Role.STAFF, "is_active": False}
    )
    publication, _ = services_publications.publication_create(
        run=run, title=f"Bench {run.pk}", summary="Bench.", user=publisher
    )
    publication.refresh_from_db()
    assert publication.is_ready, publication.error
    assert Publication.objects.public().filter(pk=publication.pk).exists()
    return run


def _get(base: str, path: str, headers: dict | None = None) -> tuple[int, float, dict]:
    request = urllib.request.Request(base + path, headers=headers or {})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            status, answer = response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:  # 304 arrives as an "error" here
        status, answer = exc.code, dict(exc.headers)
    return status, time.perf_counter() - start, answer


def _script(workdir: str, name: str, headers: dict) -> Path:
    path = Path(workdir) / f"{name}.lua"
    path.write_text("".join(f'wrk.headers["{k}"] = [[{v}]]\n' for k, v in headers.items()))
    return path


def run() -> list[Result]:
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        return [Result("public pages", 0, goal="needs PostgreSQL and Redis", goal_met=False)]
    from bench import bench_doelgroepregister
    from bench.bench_doelgroepregister import _free_port, gunicorn, wrk

    bench_doelgroepregister.WRK_SECONDS = SECONDS
    _eager()
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1"}
    figures: dict[str, list[dict]] = {k: [] for k in ("bare", "page", "page304", "api", "api304")}
    uncached: dict[str, list[float]] = {"page": [], "api": []}
    cached: dict[str, list[float]] = {"page": [], "api": []}
    with (
        tempfile.TemporaryDirectory(prefix="public-wrk-") as workdir,
        gunicorn(_free_port(), env) as base,
    ):
        plain = _script(workdir, "plain", {})
        for step in range(REPEAT):
            _publish_new_run(step)
            for name, path in (("page", PAGE), ("api", API)):
                status, seconds, headers = _get(base, path)
                assert status == 200, (path, status)
                uncached[name].append(seconds)
                status, seconds, again = _get(base, path)
                assert status == 200 and again["ETag"] == headers["ETag"], path
                assert again["Cache-Control"].startswith("public"), again["Cache-Control"]
                cached[name].append(seconds)
                etag = {"If-None-Match": headers["ETag"]}
                assert _get(base, path, etag)[0] == 304, path
                figures[f"{name}304"].append(
                    wrk(base + path, _script(workdir, f"{name}-304", etag))
                )
            figures["bare"].append(wrk(base + BARE, plain))
            figures["page"].append(wrk(base + PAGE, plain))
            figures["api"].append(wrk(base + API, plain))
            print("   " + "; ".join(f"{k} {v[-1]}" for k, v in figures.items()), flush=True)
    return _results(figures, uncached, cached)


def _results(figures: dict, uncached: dict, cached: dict) -> list[Result]:
    rate = {k: statistics.median(f["rate"] for f in v) for k, v in figures.items()}
    errors = {k: sum(f["errors"] for f in v) for k, v in figures.items()}
    wrk_name = f"gunicorn 2 workers, wrk {CONNECTIONS} connections, {SECONDS} s"
    results = [Result(f"bare view, {wrk_name}", rate["bare"], unit="req/s", samples=REPEAT)]
    labels = {
        "page": "anonymous distribution page (cached) vs bare view",
        "api": "GET /api/v1/distributions/current (cached) vs bare view",
        "page304": "  the page's 304 path (If-None-Match) vs bare view",
        "api304": "  the API's 304 path (If-None-Match) vs bare view",
    }
    for key, label in labels.items():
        goal = not key.endswith("304")
        ratio = rate[key] / rate["bare"]
        results.append(
            Result(
                label,
                rate[key],
                unit="req/s",
                samples=REPEAT,
                baseline=rate["bare"],
                goal="ratio >= 0.5, 0 errors" if goal else "0 errors",
                goal_met=(ratio >= 0.5 if goal else True) and errors[key] == 0,
                extra={
                    "p99 ms": f"{statistics.median(f['p99_ms'] for f in figures[key]):.1f}",
                    # each round's ratio: the load of a shared machine moves between rounds
                    "ratio per round": " ".join(
                        f"{f['rate'] / b['rate']:.2f}"
                        for f, b in zip(figures[key], figures["bare"], strict=True)
                    ),
                },
            )
        )
    for key, label in (("page", "distribution page"), ("api", "current distribution (API)")):
        results.append(
            Result(
                f"  {label}: first request after a new run (uncached) vs a repeat (cached)",
                statistics.median(uncached[key]),
                samples=REPEAT,
                baseline=statistics.median(cached[key]),
            )
        )
    total_errors = sum(errors.values())
    results.append(
        Result(
            "errors in all wrk runs (socket errors + non-2xx/3xx)",
            total_errors,
            unit="errors",
            samples=REPEAT * len(figures),
            goal="0",
            goal_met=total_errors == 0,
        )
    )
    return results
