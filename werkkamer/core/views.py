from __future__ import annotations

import sys
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from werkkamer.core import providers
from werkkamer.core.navigation import dashboard_sections


def home(request: HttpRequest) -> HttpResponse:
    count = providers.provider("region_count")
    return render(request, "core/home.html", {"region_count": count() if count else 0})


# The day the statement below was last reviewed; change it with the statement.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 1)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The public accessibility statement (toegankelijkheidsverklaring)."""
    return render(
        request, "core/accessibility.html", {"statement_date": ACCESSIBILITY_STATEMENT_DATE}
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The logged-in user's start page: what their role lets them do."""
    editable = providers.provider("editable_regions")
    return render(
        request,
        "core/dashboard.html",
        {
            "editable_regions": editable(request.user) if editable else [],
            "sections": dashboard_sections(request),
        },
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """500 handler: a database that is down or restarting is a 503 with Retry-After, not a 500.

    Rendered without the request context: the context processors would query the database too.
    """
    from django.db import InterfaceError, OperationalError
    from django.template.loader import render_to_string

    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
