from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from regions.models import Arbeidsmarktregio


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"region_count": Arbeidsmarktregio.objects.count()})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The logged-in user's start page: what their role lets them do."""
    return render(
        request,
        "core/dashboard.html",
        {"editable_regions": Arbeidsmarktregio.objects.editable_by(request.user)},
    )
