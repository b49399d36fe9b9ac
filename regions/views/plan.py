"""The action plan: viewing (public when adopted), in-page editing, adoption, PDF."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regions import services
from regions.forms import ActionForm, GoalFormSet, SectionForm
from regions.models import (
    ActionPlan,
    Arbeidsmarktregio,
    PlanAction,
    PlanSection,
    Werkbedrijf,
)
from regions.selectors import (
    plan_document,
    plan_draft,
    plan_history,
    plan_in_force,
    region_allocation,
    region_is_editable,
    werkbedrijf_for,
)
from regions.services import PlanReadOnly
from regions.views.editing import FORM_PAGE, edit, editor, form_context, update
from werkkamer.core import access
from werkkamer.core.exports import attachment
from werkkamer.core.pdf import render_to_pdf

# --- Action plan ------------------------------------------------------------------------------


def _plan_context(request: HttpRequest, plan: ActionPlan, **extra: Any) -> dict[str, Any]:
    can_edit = region_is_editable(region=plan.werkbedrijf.region, user=request.user)
    return {
        **plan_document(plan=plan),
        "can_edit_region": can_edit,
        "editable": can_edit and plan.is_draft,
        "action_form": ActionForm(),
        **extra,
    }


def _render_plan(request: HttpRequest, plan: ActionPlan, **extra: Any) -> HttpResponse:
    return render(request, "regions/plan_detail.html", _plan_context(request, plan, **extra))


def plan_current(request: HttpRequest, code: str) -> HttpResponse:
    """The plan to look at: editors see their draft, everyone else the plan in force."""
    region = get_object_or_404(Arbeidsmarktregio, code=code)
    werkbedrijf = werkbedrijf_for(region=region)
    editable = region_is_editable(region=region, user=request.user)
    plan = None
    if werkbedrijf is not None:
        plan = (editable and plan_draft(werkbedrijf=werkbedrijf)) or plan_in_force(
            werkbedrijf=werkbedrijf
        )
    if plan is None:
        return render(request, "regions/plan_none.html", {"region": region, "can_edit": editable})
    return _render_plan(request, plan)


def _visible_plan(request: HttpRequest, code: str, pk: int) -> ActionPlan:
    """An adopted plan for everyone, a draft only for its region's editors."""
    return access.object_in_scope(
        ActionPlan.objects.select_related("werkbedrijf__region"),
        ActionPlan.objects.visible_to(request.user),
        pk=pk,
        werkbedrijf__region__code=code,
    )


def plan_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated and not _is_adopted(code, pk):
        return redirect_to_login(request.get_full_path())
    return _render_plan(request, _visible_plan(request, code, pk))


def plan_pdf(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """An adopted plan's stored PDF (made once by the worker); a draft's, rendered for editors.

    No request renders an adopted plan's PDF: until the worker has stored it, the reader is
    asked to come back (503 with Retry-After).
    """
    if not request.user.is_authenticated and not _is_adopted(code, pk):
        return redirect_to_login(request.get_full_path())
    plan = _visible_plan(request, code, pk)
    if plan.is_draft:
        _html, pdf = render_to_pdf("regions/pdf/action_plan.html", _plan_context(request, plan))
    else:
        pdf = services.plan_pdf_bytes(plan=plan)
        if pdf is None:
            response = render(
                request,
                "regions/plan_pdf_pending.html",
                {"region": plan.werkbedrijf.region, "plan": plan},
                status=503,
            )
            response["Retry-After"] = "60"
            return response
    filename = f"plan-van-aanpak-{code}-{plan.adopted_on or 'concept'}.pdf"
    return attachment(
        pdf,
        filename=filename,
        content_type="application/pdf",
        cache_control="private, no-store" if plan.is_draft else None,
    )


def _is_adopted(code: str, pk: int) -> bool:
    return ActionPlan.objects.adopted().filter(pk=pk, werkbedrijf__region__code=code).exists()


def _plan_of(werkbedrijf: Werkbedrijf, pk: int) -> ActionPlan:
    return get_object_or_404(ActionPlan, pk=pk, werkbedrijf=werkbedrijf)


def _draft_of(werkbedrijf: Werkbedrijf, pk: int) -> ActionPlan:
    plan = _plan_of(werkbedrijf, pk)
    if not plan.is_draft:
        raise PlanReadOnly(plan)
    return plan


@editor
def plan_history_view(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    plan = _plan_of(werkbedrijf, pk)
    return render(
        request,
        "regions/history.html",
        {
            "region": werkbedrijf.region,
            "title": _("Geschiedenis van het plan"),
            "back": plan.get_absolute_url(),
            "back_label": plan.title,
            "entries": plan_history(plan=plan),
        },
    )


@editor
@require_POST
def plan_start(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    draft = services.plan_start(werkbedrijf=werkbedrijf, user=request.user)
    messages.success(
        request,
        _(
            "Het concept ‘%(title)s’ staat klaar. Het vastgestelde plan blijft gelden en "
            "openbaar tot u dit concept vaststelt."
        )
        % {"title": draft.title},
    )
    return redirect(draft)


@editor
@require_http_methods(["GET", "POST"])
def plan_adopt(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    """GET: what adopting fixes and who will see it; POST (from that page) adopts."""
    plan = _draft_of(werkbedrijf, pk)
    if request.method == "GET":
        return render(request, "regions/plan_adopt_confirm.html", _plan_context(request, plan))
    try:
        services.plan_adopt(plan=plan, user=request.user)
    except ValidationError as error:
        return _render_plan(request, plan, adopt_errors=error.messages)
    messages.success(
        request,
        _("Het plan ‘%(title)s’ is vastgesteld. Het is nu openbaar en niet meer te wijzigen.")
        % {"title": plan.title},
    )
    return redirect(plan)


@editor
def section_edit(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    section = get_object_or_404(PlanSection, pk=pk, plan__werkbedrijf=werkbedrijf)
    plan = _draft_of(werkbedrijf, section.plan_id)

    def done(saved: PlanSection) -> HttpResponse:
        if request.htmx:
            context = {
                "section": saved,
                "plan": plan,
                "region": werkbedrijf.region,
                "editable": True,
                "just_saved": True,
            }
            return render(request, "regions/snippets/section.html", context)
        return redirect(f"{plan.get_absolute_url()}#sectie-{saved.key}")

    return edit(
        request,
        SectionForm(request.POST or None, instance=section),
        lambda form: services.plan_section_update(
            section=section,
            user=request.user,
            version=form.cleaned_data["version"],
            body=form.cleaned_data["body"],
        ),
        templates=("regions/section_form_page.html", "regions/snippets/section_form.html"),
        context={
            "region": werkbedrijf.region,
            "plan": plan,
            "section": section,
            "back": plan.get_absolute_url(),
        },
        done=done,
    )


@editor
def action_add(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    plan = _draft_of(werkbedrijf, pk)

    def done(action: PlanAction) -> HttpResponse:
        if request.htmx:
            return render(request, "regions/snippets/actions.html", _plan_context(request, plan))
        return redirect(f"{plan.get_absolute_url()}#acties")

    form = ActionForm(request.POST or None)
    if request.htmx and request.method == "POST" and not form.is_valid():
        # re-render the whole block so the errors appear next to the fields, input kept
        return render(
            request, "regions/snippets/actions.html", _plan_context(request, plan, action_form=form)
        )
    return edit(
        request,
        form,
        lambda form: services.plan_action_create(
            plan=plan, user=request.user, changes=form.changes()
        ),
        templates=FORM_PAGE,
        context=form_context(werkbedrijf, _("Actie toevoegen"), plan.get_absolute_url()),
        done=done,
    )


@editor
def action_edit(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    action = get_object_or_404(PlanAction, pk=pk, plan__werkbedrijf=werkbedrijf)
    plan = _draft_of(werkbedrijf, action.plan_id)

    def done(saved: PlanAction) -> HttpResponse:
        if request.htmx:
            context = {
                "action": saved,
                "plan": plan,
                "region": werkbedrijf.region,
                "editable": True,
            }
            return render(request, "regions/snippets/action_row.html", context)
        return redirect(f"{plan.get_absolute_url()}#acties")

    return update(
        request,
        ActionForm,
        action,
        partial(services.plan_action_update, action=action),
        templates=(FORM_PAGE[0], "regions/snippets/action_form_row.html"),
        context={
            **form_context(werkbedrijf, str(action), plan.get_absolute_url()),
            "plan": plan,
            "action": action,
        },
        done=done,
    )


@editor
def goals_edit(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    plan = _draft_of(werkbedrijf, pk)
    initial = [
        {"year": g.year, "market": g.market, "government": g.government} for g in plan.goals.all()
    ]
    formset = GoalFormSet(request.POST or None, initial=initial, prefix="doelen")
    if request.method == "POST" and formset.is_valid():
        services.plan_goals_save(plan=plan, user=request.user, goals=formset.goals())
        messages.success(
            request, _("De doelen van ‘%(title)s’ zijn opgeslagen.") % {"title": plan.title}
        )
        return redirect(f"{plan.get_absolute_url()}#doelen")
    allocation = region_allocation(region=werkbedrijf.region)
    return render(
        request,
        "regions/goals_form.html",
        {"region": werkbedrijf.region, "plan": plan, "formset": formset, "allocation": allocation},
    )
