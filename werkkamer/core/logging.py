"""Structured JSON logs with a request id, and no personal data.

``RequestIdMiddleware`` takes the proxy's X-Request-ID (or makes one), returns it in the
response and puts it on every log record of that request through ``RequestIdFilter``.
``JsonFormatter`` writes one JSON object a line. Code never logs a BSN (services log keyed
hashes or record ids); ``ScrubFilter`` masks any free-standing nine-digit number as a last
line of defence, e.g. a third-party library echoing input.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from werkkamer.core.validators import text_bsn_candidate

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
# Nine digits in groups joined by a space, dot or hyphen ("123.456.782", "123 45 6782").
_GROUPED_NINE_DIGITS = re.compile(r"(?<![\d.\-])\d(?:[ .\-]?\d){8}(?![\d]|[.\-]\d)")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def scrub(text: str) -> str:
    """Mask any free-standing run of exactly nine digits (the shape of a BSN), and nine digits
    in groups (a 404 for ``/…/123.456.782/``) when they pass the 11-proef."""
    text = _NINE_DIGITS.sub("*********", text)
    return _GROUPED_NINE_DIGITS.sub(_mask_bsn, text)


def _mask_bsn(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group())
    return "*********" if text_bsn_candidate(digits) else match.group()


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response
