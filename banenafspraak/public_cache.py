"""HTTP and server-side caching of the public pages and the public API.

Published runs and publications never change, so whatever is derived from them is keyed by
their checksum (plus what else the response depends on: language, path, pending recompute):

1. The key names exactly what the response shows; a new run or publication gives a new key, so
   nothing is ever served stale. The ``ETag`` is a hash of the key.
2. A conditional GET (``If-None-Match``/``If-Modified-Since``) that still matches is answered
   304 before anything is loaded or rendered.
3. Otherwise the body comes from this worker's memory, else from the Django cache (Redis in
   production, shared by all workers) under the key; only the first request after a change
   renders it.
4. What a key depends on (the current run, the newest publication) is one light database read;
   with a shared cache (Redis) each process remembers it until a run or publication changes:
   every change to either (``banenafspraak.models``) puts a new random token in Redis, now and
   after the commit, and announces it to every process (``werkkamer.core.state_tokens``), so a
   repeat costs no query and no round trip, and is never stale.
5. Only anonymous requests get the shared, ``Cache-Control: public`` answer (``Vary: Cookie``
   tells a CDN that a request with a cookie may get another one). Logged-in users get their own
   page, which the portal marks private. HTML rendered for the cache carries no CSRF token and
   no messages, so every anonymous visitor may be given the same bytes.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from werkkamer.core import state_tokens

# Resources that move with every new run or publication ("current", lists, the pages).
MAX_AGE_CURRENT = 60
# Resources of one run or publication: only a withdrawal takes them away.
MAX_AGE_FIXED = 300
SERVER_CACHE_SECONDS = 24 * 60 * 60
KEY_PREFIX = "public:v1"
PAGE_VARY = ("Cookie", "Accept-Language")

Body = tuple[bytes, str]  # content, content type


# Step 3 first looks in this worker's memory: a key names immutable content, so an entry can
# never be stale, only evicted (the oldest first, past ``LOCAL_ENTRIES``).
LOCAL_ENTRIES = 32
_local: OrderedDict[str, Body] = OrderedDict()


def _remember(cache_key: str, body: Body) -> None:
    _local[cache_key] = body
    _local.move_to_end(cache_key)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)


STATE_KEY = "public:v1:state"
MEMO_ENTRIES = 256
_memo: OrderedDict[tuple, tuple[bytes, object]] = OrderedDict()
T = TypeVar("T")


def _state_key() -> str:
    return f"{cache.key_prefix}:{STATE_KEY}"  # the cache's namespace (tests use fresh ones)


def state_changed() -> None:
    """A run or publication changed: every process reads what the keys depend on again."""
    if settings.REDIS_URL:
        state_tokens.change(settings.REDIS_URL, _state_key())


def remembered(name: tuple, read: Callable[[], T]) -> T:
    """``read()`` (a database read), remembered in this process until ``state_changed``."""
    if not settings.REDIS_URL:
        return read()  # a process-local cache cannot tell one process of another's change
    token = state_tokens.current(settings.REDIS_URL, _state_key())
    hit = _memo.get(name)
    if hit is not None and hit[0] == token:
        return hit[1]  # type: ignore[return-value]
    value = read()
    _memo[name] = (token, value)
    _memo.move_to_end(name)
    while len(_memo) > MEMO_ENTRIES:
        _memo.popitem(last=False)
    return value


def etag_for(key: str) -> str:
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:40] + '"'


def is_anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _headers(
    response: HttpResponse,
    etag: str,
    last_modified: datetime | None,
    max_age: int,
    vary: tuple[str, ...],
) -> HttpResponse:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = f"public, max-age={max_age}"
    patch_vary_headers(response, vary)
    return response


def cached_response(
    request: HttpRequest,
    *,
    key: str,
    build: Callable[[], Body],
    last_modified: datetime | None = None,
    max_age: int = MAX_AGE_CURRENT,
    vary: tuple[str, ...] = PAGE_VARY,
    store: bool = True,
) -> HttpResponse:
    """The public response for ``key``: 304 when the client has it, else the cached body.

    ``store=False``: the body is built for this request only and kept nowhere (see step 3).
    """
    etag = etag_for(key)
    timestamp = int(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if not_modified is not None:
        return _headers(not_modified, etag, last_modified, max_age, vary)
    cache_key = f"{KEY_PREFIX}:{hashlib.sha256(key.encode()).hexdigest()}"
    local_key = f"{cache.key_prefix}:{cache_key}"  # the cache's namespace (tests use fresh ones)
    body = _local.get(local_key) if store else build()
    if body is None:
        body = cache.get(cache_key)
        if body is None:
            body = build()
            cache.set(cache_key, body, SERVER_CACHE_SECONDS)
        _remember(local_key, body)
    content, content_type = body
    response = HttpResponse(content, content_type=content_type)
    return _headers(response, etag, last_modified, max_age, vary)


def page_key(request: HttpRequest, *parts: object) -> str:
    """A page's key: its parts, the language and the full path (query string included)."""
    return "|".join(["page", get_language() or "", request.get_full_path(), *map(str, parts)])


def anonymous_page(request: HttpRequest, template: str, context: dict) -> Body:
    """Render ``template`` as every anonymous visitor sees it: no CSRF token, no messages."""
    shared = {**context, "csrf_token": "", "messages": ()}
    html = render_to_string(template, shared, request)
    return html.encode(), "text/html; charset=utf-8"


def public_page(
    request: HttpRequest,
    *,
    template: str,
    key_parts: tuple[object, ...],
    context: Callable[[], dict],
    last_modified: datetime | None,
    max_age: int = MAX_AGE_CURRENT,
    query: dict[str, str] | None = None,
) -> HttpResponse:
    """An anonymous visitor's page, cached under ``key_parts`` (see the module's steps).

    ``query``: the parameters the page understands, as it understood them; a request with any
    other query string is answered without being stored.
    """
    understood = sorted(request.GET.lists()) == sorted((k, [v]) for k, v in (query or {}).items())
    return cached_response(
        request,
        key=page_key(request, template, *key_parts),
        build=lambda: anonymous_page(request, template, context()),
        last_modified=last_modified,
        max_age=max_age,
        store=understood,
    )
