"""Who may open a view: the one place views check access.

- Role decorators (``staff_required``, ``role_required(test)``): anonymous visitors go to the
  login page, logged-in users without the role get 403.
- ``object_in_scope(queryset, scope, **lookup)``: the object, 404 when it does not exist, 403
  when it lies outside the user's scope. The scopes themselves are the queryset methods of each
  app's models (``visible_to(user)``, ``editable_by(user)``, ``downloadable_by(user)``), so a
  list and a detail page use the same rule.
- ``require(allowed)``: 403 unless ``allowed``, for a check no queryset expresses.

Views never raise ``PermissionDenied`` themselves; they use these.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]


def require(allowed: bool) -> None:
    """403 unless ``allowed``."""
    if not allowed:
        raise PermissionDenied


def role_required(test: Callable[[Any], bool]) -> Callable[[View], View]:
    """Login first, then 403 unless ``test(user)``."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require(test(request.user))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = role_required(lambda user: user.is_werkkamer_staff)
staff_required.__doc__ = "Werkkamer staff only: anonymous users go to the login page, others 403."
assessor_required = role_required(lambda user: user.is_assessor)


def object_in_scope(queryset: QuerySet[M] | type[M], scope: QuerySet[M], **lookup: Any) -> M:
    """The object ``lookup`` finds in ``queryset``: 404 when there is none, 403 when it is not
    in ``scope`` (e.g. ``Assessment.objects.visible_to(user)``)."""
    found = get_object_or_404(queryset, **lookup)
    require(scope.filter(pk=found.pk).exists())
    return found
