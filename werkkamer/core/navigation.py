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
    section: str = ""  # the URL prefix that marks the item as current


def _modules():
    for app in APPS:
        try:
            yield import_module(f"{app}.navigation")
        except ModuleNotFoundError:
            continue


def nav_items(user) -> list[NavItem]:
    return [item for module in _modules() for item in module.items(user)]


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
