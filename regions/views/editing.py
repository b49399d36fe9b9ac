"""The editing flow shared by the Werkbedrijf views: who may edit, validation, conflicts."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import resolve
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regions import services
from regions.forms import VersionedForm
from regions.models import Arbeidsmarktregio, Werkbedrijf
from regions.selectors import region_is_editable, werkbedrijf_for
from regions.services import EditConflict, PlanReadOnly
from regions.textdiff import word_diff
from werkkamer.core import access


def editor(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only the region's coordinators and staff: login first, then 403 for anyone else.

    The view gets the region's Werkbedrijf instead of the region code. An adopted plan answers
    every change with 409 and the read-only page.
    """

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, code: str, **kwargs: Any) -> HttpResponse:
        region = get_object_or_404(Arbeidsmarktregio, code=code)
        access.require(region_is_editable(region=region, user=request.user))
        # Reading writes nothing: only a region that has no Werkbedrijf yet gets one (with its
        # five standard beslispunten) the first time an editor opens it.
        werkbedrijf = None
        if request.method in ("GET", "HEAD"):
            werkbedrijf = werkbedrijf_for(region=region)
        try:
            return view(
                request, werkbedrijf or services.werkbedrijf_ensure(region=region), **kwargs
            )
        except PlanReadOnly:
            # show what was sent, so a change made just before the adoption is not lost
            submitted = [
                value
                for name, value in request.POST.items()
                if name not in {"csrfmiddlewaretoken", "version"} and value.strip()
            ]
            context = {"region": region, "submitted": submitted}
            return render(request, "regions/plan_read_only.html", context, status=409)

    return wrapper


def _display(model: type[Model], name: str, value: Any) -> Any:
    field = model._meta.get_field(name)
    return dict(field.flatchoices).get(value, value) if field.choices else value


def _conflict(
    request: HttpRequest, form: VersionedForm, current: Model, context: dict
) -> HttpResponse:
    """Both versions side by side; the editor's input is offered again against the new version."""
    model = type(current)
    rows = []
    for name in form._meta.fields:
        theirs, yours = getattr(current, name), form.cleaned_data[name]
        diff = word_diff(theirs, yours) if isinstance(theirs, str) and theirs != yours else None
        rows.append(
            {
                "label": form[name].label,
                "theirs": _display(model, name, theirs),
                "yours": _display(model, name, yours),
                "diff": diff,
            }
        )
    context = {
        **context,
        "rows": rows,
        "last_change": current.history.select_related("history_user").first(),
        "form": form.with_version(current.version),
    }
    if request.htmx:
        # htmx swaps only 2xx answers: show the whole conflict page in place of the current one
        response = render(request, "regions/conflict.html", context)
        response["HX-Retarget"], response["HX-Reswap"] = "body", "innerHTML"
        return response
    return render(request, "regions/conflict.html", context, status=409)


def saved_message(saved: Model) -> str:
    """What was saved, by its kind and name: "Deelnemer ‘FNV Noord’ is opgeslagen."."""
    return gettext("%(kind)s ‘%(name)s’ is opgeslagen.") % {
        "kind": capfirst(saved._meta.verbose_name),
        "name": saved,
    }


def edit(
    request: HttpRequest,
    form: VersionedForm,
    save: Callable[[VersionedForm], Model],
    *,
    templates: tuple[str, str],
    context: dict[str, Any],
    done: Callable[[Model], HttpResponse],
) -> HttpResponse:
    """Validate, save through a service, and answer; ``templates`` is (page, htmx snippet)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except EditConflict as conflict:
            return _conflict(request, form, conflict.current, context)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:  # an htmx answer shows the saved part itself
                messages.success(request, saved_message(saved))
            return done(saved)
    page, snippet = templates
    return render(request, snippet if request.htmx else page, {**context, "form": form})


FORM_PAGE = ("regions/form_page.html", "regions/form_page.html")


def create(
    request: HttpRequest, form_class: type[VersionedForm], create: Callable[..., Model], **options
) -> HttpResponse:
    """Add an object through the ``create`` service (``user`` and ``changes`` filled in)."""
    return edit(
        request,
        form_class(request.POST or None),
        lambda form: create(user=request.user, changes=form.changes()),
        **options,
    )


def update(
    request: HttpRequest,
    form_class: type[VersionedForm],
    instance: Model,
    update: Callable[..., Model],
    **options,
) -> HttpResponse:
    """Change ``instance`` through the ``update`` service, against the version the form carried."""
    return edit(
        request,
        form_class(request.POST or None, instance=instance),
        lambda form: update(
            user=request.user, version=form.cleaned_data["version"], changes=form.changes()
        ),
        **options,
    )


# What the breadcrumb calls the page a form returns to (never just "Terug").
BACK_LABELS = {
    "werkbedrijf": _("Werkbedrijf"),
    "decisions": _("Besluiten"),
    "plan": _("Plan van aanpak"),
    "plan_detail": _("Plan van aanpak"),
}


def form_context(werkbedrijf: Werkbedrijf, title: str, back: str) -> dict[str, Any]:
    back_label = BACK_LABELS.get(resolve(urlsplit(back).path).url_name, _("Werkbedrijf"))
    return {"region": werkbedrijf.region, "title": title, "back": back, "back_label": back_label}
