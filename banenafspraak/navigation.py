from __future__ import annotations

from banenafspraak import navigation_publications
from werkkamer.core.navigation import NavItem


def items(user) -> list[NavItem]:
    return navigation_publications.items(user)


def region_sections(request, region) -> list[str]:
    return navigation_publications.region_sections(request, region)
