"""Role-aware navigation: each app contributes items from its own ``navigation.py``.

An app's module defines ``items(user) -> list[NavItem]``; the context processor collects them in
the order of ``APPS``, so a new app adds its menu without touching this file's callers.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

APPS = ["regions", "banenafspraak", "doelgroepregister", "loonwaarde"]


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    section: str = ""  # the URL prefix that marks the item as current


def nav_items(user) -> list[NavItem]:
    result: list[NavItem] = []
    for app in APPS:
        try:
            module = import_module(f"{app}.navigation")
        except ModuleNotFoundError:
            continue
        result.extend(module.items(user))
    return result
