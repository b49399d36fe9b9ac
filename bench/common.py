"""Shared helpers for benchmarks: timing with medians, peak RSS, results with goals."""

from __future__ import annotations

import contextlib
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


@dataclass
class Result:
    name: str
    median: float  # seconds, or the unit named in ``unit``
    unit: str = "s"
    samples: int = 0
    baseline: float | None = None  # the same-run baseline, in the same unit
    goal: str = ""
    goal_met: bool | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return None if not self.baseline else self.median / self.baseline

    def line(self) -> str:
        text = f"{self.name}: median {fmt(self.median, self.unit)} over {self.samples}"
        if self.baseline is not None:
            text += f"; baseline {fmt(self.baseline, self.unit)}; ratio {self.ratio:.2f}"
        for key, value in self.extra.items():
            text += f"; {key} {value}"
        if self.goal:
            text += f"; goal {self.goal}: {'MET' if self.goal_met else 'NOT MET'}"
        return text

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio": self.ratio}


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.2f} ms" if value < 1 else f"{value:.3f} s"
    return f"{value:,.1f} {unit}"


def median_time(fn: Callable[[], object], repeat: int = 20, warmup: int = 2) -> tuple[float, int]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), repeat


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_environment() -> None:
    """Django's test environment (test client, locmem mail) once per bench process."""
    from django.test.utils import setup_test_environment

    # another benchmark module may have set it up already
    with contextlib.suppress(RuntimeError):
        setup_test_environment()
