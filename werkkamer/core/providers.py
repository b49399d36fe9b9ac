"""Values one app provides to another without importing it.

The layers run one way (see ``docs/architecture.md``): an app may import the apps below it,
never the ones above. Where a lower layer needs a figure that an upper app owns, the upper app
registers a provider here in its ``AppConfig.ready()`` and the lower layer asks for it by name,
with a fallback for when no app provides it (an app left out of ``INSTALLED_APPS``).

Names in use:

- ``region_allocation(*, region) -> dict[int, dict[str, int]]`` (banenafspraak): the current
  garantiebanen allocation of a region, read by a region's page and its plans.
- ``allocation_version() -> int | None`` (banenafspraak): the id of that distribution run.
- ``loonwaarde_method(*, region, on) -> Method | None`` (loonwaarde): the method in force.
- ``region_count() -> int`` and ``editable_regions(user) -> QuerySet`` (regions): for the
  home page and the dashboard in ``werkkamer.core``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_providers: dict[str, Callable[..., Any]] = {}


def provide(name: str, provider: Callable[..., Any]) -> None:
    """Register ``provider`` under ``name`` (a later registration replaces an earlier one)."""
    _providers[name] = provider


def provider(name: str) -> Callable[..., Any] | None:
    """The function registered under ``name``, or None when no installed app provides it."""
    return _providers.get(name)
