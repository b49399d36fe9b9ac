"""Reads for "why does my region get this number?": a run's explanation for one region."""

from __future__ import annotations

from dataclasses import dataclass

from banenafspraak import distribution as method
from banenafspraak.explanation import RegionExplanation, SensitivityRow, explain, sensitivity
from banenafspraak.models import DistributionRun


@dataclass(frozen=True)
class Explained:
    run: DistributionRun
    explanation: RegionExplanation
    sensitivity: list[SensitivityRow]

    @property
    def last_steps(self) -> list:
        """Per sector the rounding step of the last year (the one-pager shows only that)."""
        return [(s, s.steps[-1]) for s in self.explanation.sectors if s.steps]


def run_explanation(*, run: DistributionRun | None, code: str) -> Explained | None:
    """The arithmetic of ``run`` for region ``code`` from the run's own inputs snapshot, and the
    ±10 % sensitivity computed on the fly (nothing saved). None when the run has no figures for
    the region (or none at all)."""
    if run is None or not run.is_done or not run.inputs:
        return None
    regions = method.regions_from_inputs(run.inputs)
    targets = method.targets_from_inputs(run.inputs)
    parameters = method.parameters_from_inputs(run.inputs)
    if all(r.code != code for r in regions):
        return None
    try:
        explanation = explain(regions, targets, parameters, code)
        rows = sensitivity(regions, targets, parameters, code)
    except method.DistributionError:
        return None
    return Explained(run=run, explanation=explanation, sensitivity=rows)
