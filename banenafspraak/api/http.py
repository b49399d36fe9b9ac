"""The HTTP rules every API response follows (Dutch API Design Rules):

1. ``API-Version`` with the full version on every response, also errors and the OpenAPI document.
2. CORS open for these public reads: ``Access-Control-Allow-Origin: *`` (no credentials), and a
   preflight ``OPTIONS`` answered 204 for GET.
3. Errors as ``application/problem+json`` (RFC 9457), also a 405 for another method.
"""

from __future__ import annotations

import json
from functools import wraps

from django.http import HttpRequest, HttpResponse

API_VERSION = "1.0.0"
PROBLEM_TYPE = "application/problem+json"
ALLOWED_METHODS = "GET, OPTIONS"
EXPOSED_HEADERS = "API-Version, ETag, Last-Modified"

TITLES = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    500: "Internal Server Error",
}


def problem(request: HttpRequest, status: int, detail: str = "") -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE
    )
    if status == 405:
        response["Allow"] = ALLOWED_METHODS
    return response


def with_api_headers(response: HttpResponse) -> HttpResponse:
    response["API-Version"] = API_VERSION
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def api_view(view, module: str):
    """Wrap an API URL's view with the rules above; ``module`` names it for the URL matrix."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return with_api_headers(response)
        if request.method != "GET":
            return with_api_headers(problem(request, 405, "This API only reads: use GET."))
        return with_api_headers(view(request, *args, **kwargs))

    wrapper.__module__ = module
    return wrapper


def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return problem(request, 404, "No such resource; see /api/v1/openapi.json.")
