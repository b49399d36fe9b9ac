"""Responses with personal or non-public data are never stored by a browser or proxy cache;
request bodies have a bound."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


def _marked_public(response: HttpResponse) -> bool:
    directives = {
        part.strip().split("=", 1)[0].lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    return "public" in directives


class PrivateByDefaultMiddleware:
    """``Cache-Control: private, no-store`` on every response for a logged-in user, and on every
    response that sets a session cookie, unless the view marked the response public itself
    (``@cache_control(public=True)``, e.g. a public page for an anonymous visitor).

    A default, so a new view is safe without remembering a decorator: check answers, the check
    log, import reports, draft and loonwaarde PDFs and exports all fall under it. A session
    cookie in a cached response would hand one visitor's session to the next: never public.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        sets_session = settings.SESSION_COOKIE_NAME in response.cookies
        # Without a session cookie nobody is logged in: no session load for anonymous requests.
        user = getattr(request, "user", None)
        authenticated = (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and user is not None
            and user.is_authenticated
        )
        if sets_session or (authenticated and not _marked_public(response)):
            make_private(response)
        return response


def make_private(response: HttpResponse) -> None:
    """Mark a response as not to be stored by any cache (drops public and max-age)."""
    if "Cache-Control" in response:
        kept = [
            part.strip()
            for part in response["Cache-Control"].split(",")
            if part.strip().split("=", 1)[0].lower()
            not in {"public", "max-age", "s-maxage", "private", "no-store"}
        ]
        response["Cache-Control"] = ", ".join(kept)
        if not kept:
            del response["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than the largest upload its sender may make (413), before
    anything reads it.

    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` does not count file parts: without this, anyone (also an
    anonymous visitor, on the login form) could send gigabytes that Django spools to disk before
    a form says the file is too large. Anonymous: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (no anonymous
    form takes a file); logged in: twice the largest upload of their forms plus 1 MB (staff: the
    register extract, ``DOELGROEPREGISTER_IMPORT_MAX_MB``).
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        # the user (a session and database read) only for a body over the anonymous bound
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE and length > request_max_bytes(
            request.user
        ):
            return HttpResponse(
                _("Dit verzoek is te groot. Kies een kleiner bestand."),
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def request_max_bytes(user) -> int:
    if not user.is_authenticated:
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    megabyte = 1024 * 1024
    # a bulk-check list (10 MB) or a Werkbedrijf attachment; staff also the register extract
    largest = max(10 * megabyte, settings.REGIONS_ATTACHMENT_MAX_BYTES)
    if getattr(user, "is_werkkamer_staff", False):
        largest = max(largest, settings.DOELGROEPREGISTER_IMPORT_MAX_MB * megabyte)
    # twice that: a file a little too large still reaches its form, which says so in Dutch
    return 2 * largest + megabyte
