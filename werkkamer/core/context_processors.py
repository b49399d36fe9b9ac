from __future__ import annotations

from django.http import HttpRequest

from werkkamer.core.navigation import current_item, nav_items


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {}
    items = nav_items(user)
    current = current_item(items, request.path)
    return {"nav_items": items, "nav_current": current.url if current else ""}
