"""Rendering the 35-region national report (PDF): time and peak memory, against a baseline.

Both are measured in the same run: the baseline is a one-page PDF through the same
``render_to_pdf`` (so WeasyPrint's fixed costs cancel out in the ratio). Time: median of 5
renders in this process (after one warm-up each). Memory: 5 more renders, each in its own forked
child process; the figure is the median of those children's peak RSS (``ru_maxrss``), which
includes what the bench process already held when it forked (Django, WeasyPrint, the data, the
timed renders' leftovers), as a worker process would.

The data (35 regions, all years and both sectors, a done run) are made inside a transaction
that is rolled back, so the database is left as it was.
"""

from __future__ import annotations

import datetime
import io
import os
import resource
import statistics
import time
from collections.abc import Callable

from django.db import transaction

from pypdf import PdfReader

from bench.common import Result

REPEAT = 5
TIME_GOAL_S = 3.0
RSS_GOAL_MB = 300.0


class _Rollback(Exception):
    pass


def _make_publication():
    from banenafspraak import services
    from banenafspraak.publications.models import Publication
    from banenafspraak.publications.selectors import publication_snapshot
    from regions.services import reference_data_ensure
    from tests.banenafspraak.factories import complete_dataset  # the tests' 35-region data set

    reference_data_ensure()
    services.reference_data_ensure()
    complete_dataset(reference_date=datetime.date(2099, 1, 1), is_demo=True)
    run = services.distribution_request(reason="bench")
    services.distribution_run_compute(run_id=run.pk)
    run.refresh_from_db()
    snapshot = publication_snapshot(run=run, previous=None)
    assert len(snapshot["regions"]) == 35, len(snapshot["regions"])
    return Publication(pk=0, run=run, title="Bench", summary="Bench.", snapshot=snapshot)


def _median(fn: Callable[[], object]) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``fn`` over REPEAT calls (after a warm-up).

    The CPU time shows what the render itself costs when the shared machine is busy.
    """
    fn()  # warm-up: templates, fonts, the map geometry
    wall, cpu = [], []
    for _ in range(REPEAT):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def _child_peak_rss_mb(fn: Callable[[], object]) -> float:
    """Run ``fn`` in a forked child; return the child's peak RSS in MB."""
    pid = os.fork()
    if pid == 0:  # child: render, then leave without running any cleanup of the parent's state
        try:
            fn()
        finally:
            os._exit(0)
    _, status, usage = os.wait4(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_maxrss / 1024


def run() -> list[Result]:
    from django.utils import translation

    from banenafspraak.publications.selectors import report_context
    from banenafspraak.publications.services import NATIONAL_TEMPLATE
    from werkkamer.core.pdf import render_to_pdf

    results: list[Result] = []
    try:
        with transaction.atomic(), translation.override("nl"):
            publication = _make_publication()

            def national():
                return render_to_pdf(NATIONAL_TEMPLATE, report_context(publication))

            def baseline():
                return render_to_pdf("pdf/base.html", {})

            (base_time, _), (report_time, report_cpu) = _median(baseline), _median(national)
            base_rss = statistics.median(_child_peak_rss_mb(baseline) for _ in range(REPEAT))
            report_rss = statistics.median(_child_peak_rss_mb(national) for _ in range(REPEAT))
            pages = len(PdfReader(io.BytesIO(national()[1])).pages)
            results = [
                Result("minimal one-page PDF (baseline)", base_time, samples=REPEAT),
                Result(
                    "national report PDF, 35 regions",
                    report_time,
                    samples=REPEAT,
                    baseline=base_time,
                    goal=f"< {TIME_GOAL_S:.0f} s",
                    goal_met=report_time < TIME_GOAL_S,
                    extra={"pages": pages, "median CPU time": f"{report_cpu:.3f} s"},
                ),
                Result(
                    "national report PDF, peak RSS of a forked render process",
                    report_rss,
                    unit="MB",
                    samples=REPEAT,
                    baseline=base_rss,
                    goal=f"< {RSS_GOAL_MB:.0f} MB",
                    goal_met=report_rss < RSS_GOAL_MB,
                    extra={
                        "bench process peak (after all timed renders)": (
                            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB"
                        )
                    },
                ),
            ]
            raise _Rollback
    except _Rollback:
        pass
    return results
