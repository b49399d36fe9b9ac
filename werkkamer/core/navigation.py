"""Extension points: each app contributes from its own ``navigation.py``.

- ``items(user) -> list[NavItem]``: menu entries the user may use (the context processor
  collects them in the order of ``APPS``).
- ``region_sections(request, region) -> list[str]`` (optional): HTML fragments (rendered
  templates) shown on a region's page, e.g. its allocation or its Werkbedrijf.
- ``dashboard_sections(request) -> list[str]`` (optional): HTML fragments on the user's start
  page: work waiting for them, e.g. a missing minimum wage or a lapsing certificate.

So a new app adds its menu and its part of the region page without touching the other apps.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

APPS = [
    "regions",
    "banenafspraak",
    "banenafspraak.publications",
    "doelgroepregister",
    "loonwaarde",
]


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    section: str = ""  # the URL prefix that marks the item as current (default: its URL)


@dataclass(frozen=True)
class WorkItem:
    """One line of work on a dashboard, linking to where it is done."""

    text: str
    url: str = ""
    urgent: bool = False


def work_list(request, *, slug: str, heading: str, work: list[WorkItem], **extra) -> str:
    """A dashboard section in the shared form (``core/snippets/work_list.html``)."""
    from django.template.loader import render_to_string

    context = {"slug": slug, "heading": heading, "work": work, **extra}
    return render_to_string("core/snippets/work_list.html", context, request=request)


def _modules():
    for app in APPS:
        try:
            yield import_module(f"{app}.navigation")
        except ModuleNotFoundError:
            continue


def nav_items(user) -> list[NavItem]:
    return [item for module in _modules() for item in module.items(user)]


def current_item(items: list[NavItem], path: str) -> NavItem | None:
    """The one menu item whose section holds ``path``: the longest matching prefix, so
    /banenafspraak/publicaties/ is Publicaties, not also Banenafspraak."""
    matches = [item for item in items if path.startswith(item.section or item.url)]
    return max(matches, key=lambda item: len(item.section or item.url), default=None)


def region_sections(request, region) -> list[str]:
    return [
        html
        for module in _modules()
        if hasattr(module, "region_sections")
        for html in module.region_sections(request, region)
    ]


def dashboard_sections(request) -> list[str]:
    return [
        html
        for module in _modules()
        if hasattr(module, "dashboard_sections")
        for html in module.dashboard_sections(request)
    ]
