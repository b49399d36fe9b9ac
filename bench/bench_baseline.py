"""Baseline: a bare Django view through the test client vs the region list page."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from bench.common import Result, median_time, test_environment


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bare/", bare)]


def run() -> list[Result]:

    test_environment()
    client = Client()
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"]):
        baseline, n = median_time(lambda: client.get("/bare/"), repeat=200)
    with override_settings(ALLOWED_HOSTS=["*"]):
        regions, n = median_time(lambda: client.get("/regios/"), repeat=50)
    return [
        Result("bare view (test client)", baseline, samples=200),
        Result("region list page vs bare view", regions, samples=n, baseline=baseline),
    ]
