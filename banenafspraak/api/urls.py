"""``/api/v1``: ninja's URLs, each wrapped with the API's HTTP rules (``http.api_view``), and a
problem+json 404 for every other path under the prefix (also a trailing slash)."""

from django.urls import URLPattern, re_path

from banenafspraak.api.http import api_view, not_found
from banenafspraak.api.views import api

patterns, _app, namespace = api.urls


def _wrapped(pattern: URLPattern) -> URLPattern:
    return URLPattern(
        pattern.pattern, api_view(pattern.callback, __name__), pattern.default_args, pattern.name
    )


app_name = namespace
urlpatterns = [_wrapped(p) for p in patterns if p.name != "api-root"] + [
    URLPattern(
        next(p for p in patterns if p.name == "api-root").pattern,
        api_view(not_found, __name__),
        None,
        "api-root",
    ),
    re_path(r"^.*$", api_view(not_found, __name__), name="not_found"),
]
