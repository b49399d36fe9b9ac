"""Done distribution runs and publications for the publication tests."""

from __future__ import annotations

from banenafspraak import services
from banenafspraak.models import DistributionRun, RegionFigures
from tests.banenafspraak.factories import complete_dataset


def done_run(capture, **dataset_kwargs) -> DistributionRun:
    """A done run over a complete base data set (computed eagerly, like the worker would)."""
    services.reference_data_ensure()
    complete_dataset(**dataset_kwargs)
    with capture(execute=True):
        services.distribution_request(reason="test")
    run = DistributionRun.objects.current()
    assert run is not None and run.is_done, run
    return run


def next_run(capture, *, code: str = "AM05", **changes) -> DistributionRun:
    """A newer done run after changing one region's figures."""
    figures = RegionFigures.objects.get(region__code=code, dataset__in=[run_dataset()])
    for name, value in changes.items():
        setattr(figures, name, value)
    with capture(execute=True):
        services.region_figures_save(figures=figures)
    return DistributionRun.objects.current()


def run_dataset():
    return DistributionRun.objects.current().dataset
