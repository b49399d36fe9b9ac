from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from allauth.mfa.utils import is_mfa_enabled

# Paths a user without MFA may still reach: enrolling itself, logging out, the language switch,
# static files and the health endpoint.
_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/health/")


class RequireMFAMiddleware:
    """Sends staff and coordinators without an authenticator to TOTP enrolment first.

    allauth's MFA is opt-in per user; for these roles it is mandatory, so no protected page
    (including the Django admin) is reachable before enrolment.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.mfa_required
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not is_mfa_enabled(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class StaffSessionTimeoutMiddleware:
    """Werkkamer staff are logged out after STAFF_SESSION_IDLE_TIMEOUT seconds without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and (user.is_staff or user.is_werkkamer_staff):
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_TIMEOUT)
        return self.get_response(request)
