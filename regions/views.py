from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regions import exports, services
from regions.attachments import CONTENT_TYPES
from regions.forms import (
    ActionForm,
    AttachmentForm,
    DecisionForm,
    GoalFormSet,
    MemberForm,
    RealisationForm,
    RepresentativeForm,
    SectionForm,
    VersionedForm,
)
from regions.geometry import region_map
from regions.goals import bar_chart
from regions.models import (
    ActionPlan,
    Arbeidsmarktregio,
    Decision,
    DecisionAttachment,
    Member,
    PlanAction,
    PlanSection,
    Representative,
    Werkbedrijf,
)
from regions.selectors import (
    composition,
    members_active,
    members_all,
    plan_draft,
    plan_goal_rows,
    plan_history,
    plan_in_force,
    region_allocation,
    region_is_editable,
    region_list,
    staff_overview,
    werkbedrijf_for,
    werkbedrijf_history,
)
from regions.services import EditConflict, PlanReadOnly
from regions.textdiff import word_diff
from werkkamer.core.navigation import region_sections
from werkkamer.core.pdf import render_to_pdf


def region_index(request: HttpRequest) -> HttpResponse:
    regions = list(region_list())
    return render(
        request,
        "regions/region_list.html",
        {
            "regions": regions,
            "map": region_map(),
            "gemeente_total": sum(r.gemeente_count for r in regions),
        },
    )


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(
        Arbeidsmarktregio.objects.select_related("centrumgemeente"), code=code
    )
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "gemeenten": region.gemeenten.all(),
            "map": region_map(),
            "can_edit": region_is_editable(region=region, user=request.user),
            "sections": region_sections(request, region),
        },
    )


# --- Shared flow ------------------------------------------------------------------------------


def editor(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only the region's coordinators and staff: login first, then 403 for anyone else.

    The view gets the region's Werkbedrijf instead of the region code. An adopted plan answers
    every change with 409 and the read-only page.
    """

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, code: str, **kwargs: Any) -> HttpResponse:
        region = get_object_or_404(Arbeidsmarktregio, code=code)
        if not region_is_editable(region=region, user=request.user):
            raise PermissionDenied
        try:
            return view(request, services.werkbedrijf_ensure(region=region), **kwargs)
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


def _edit(
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
            return done(save(form))
        except EditConflict as conflict:
            return _conflict(request, form, conflict.current, context)
        except ValidationError as error:
            form.add_error(None, error)
    page, snippet = templates
    return render(request, snippet if request.htmx else page, {**context, "form": form})


FORM_PAGE = ("regions/form_page.html", "regions/form_page.html")


def _create(
    request: HttpRequest, form_class: type[VersionedForm], create: Callable[..., Model], **options
) -> HttpResponse:
    """Add an object through the ``create`` service (``user`` and ``changes`` filled in)."""
    return _edit(
        request,
        form_class(request.POST or None),
        lambda form: create(user=request.user, changes=form.changes()),
        **options,
    )


def _update(
    request: HttpRequest,
    form_class: type[VersionedForm],
    instance: Model,
    update: Callable[..., Model],
    **options,
) -> HttpResponse:
    """Change ``instance`` through the ``update`` service, against the version the form carried."""
    return _edit(
        request,
        form_class(request.POST or None, instance=instance),
        lambda form: update(
            user=request.user, version=form.cleaned_data["version"], changes=form.changes()
        ),
        **options,
    )


# --- Werkbedrijf and members ------------------------------------------------------------------


def werkbedrijf_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Arbeidsmarktregio, code=code)
    werkbedrijf = werkbedrijf_for(region=region)
    members = members_active(werkbedrijf=werkbedrijf) if werkbedrijf else []
    editable = region_is_editable(region=region, user=request.user)
    return render(
        request,
        "regions/werkbedrijf.html",
        {
            "region": region,
            "werkbedrijf": werkbedrijf,
            "members": members,
            "composition": composition(members=members),
            "all_members": members_all(werkbedrijf=werkbedrijf) if editable and werkbedrijf else [],
            "can_edit": editable,
        },
    )


def _form_context(werkbedrijf: Werkbedrijf, title: str, back: str) -> dict[str, Any]:
    return {"region": werkbedrijf.region, "title": title, "back": back}


@editor
def member_add(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    return _create(
        request,
        MemberForm,
        partial(services.member_create, werkbedrijf=werkbedrijf),
        templates=FORM_PAGE,
        context=_form_context(
            werkbedrijf, _("Deelnemer toevoegen"), werkbedrijf.get_absolute_url()
        ),
        done=lambda member: redirect(werkbedrijf),
    )


@editor
def member_edit(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk, werkbedrijf=werkbedrijf)
    return _update(
        request,
        MemberForm,
        member,
        partial(services.member_update, member=member),
        templates=FORM_PAGE,
        context=_form_context(werkbedrijf, str(member), werkbedrijf.get_absolute_url()),
        done=lambda member: redirect(werkbedrijf),
    )


@editor
def representative_add(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk, werkbedrijf=werkbedrijf)
    return _create(
        request,
        RepresentativeForm,
        partial(services.representative_create, member=member),
        templates=FORM_PAGE,
        context=_form_context(
            werkbedrijf,
            _("Vertegenwoordiger van %(member)s toevoegen") % {"member": member},
            werkbedrijf.get_absolute_url(),
        ),
        done=lambda representative: redirect(werkbedrijf),
    )


@editor
def representative_edit(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    representative = get_object_or_404(Representative, pk=pk, member__werkbedrijf=werkbedrijf)
    return _update(
        request,
        RepresentativeForm,
        representative,
        partial(services.representative_update, representative=representative),
        templates=FORM_PAGE,
        context=_form_context(werkbedrijf, str(representative), werkbedrijf.get_absolute_url()),
        done=lambda representative: redirect(werkbedrijf),
    )


@editor
def members_export(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    return exports.response(
        exports.members_dataset(werkbedrijf), request.GET.get("formaat"), "deelnemers", werkbedrijf
    )


# --- Decisions --------------------------------------------------------------------------------


@editor
def decision_list(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    decisions = werkbedrijf.decisions.prefetch_related("attachments")
    return render(
        request,
        "regions/decisions.html",
        {"region": werkbedrijf.region, "werkbedrijf": werkbedrijf, "decisions": decisions},
    )


@editor
def decision_add(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    back = _decisions_url(werkbedrijf)
    return _create(
        request,
        DecisionForm,
        partial(services.decision_create, werkbedrijf=werkbedrijf),
        templates=FORM_PAGE,
        context=_form_context(werkbedrijf, _("Besluit toevoegen"), back),
        done=lambda decision: redirect(back),
    )


@editor
def decision_edit(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision, pk=pk, werkbedrijf=werkbedrijf)
    back = _decisions_url(werkbedrijf)
    return _update(
        request,
        DecisionForm,
        decision,
        partial(services.decision_update, decision=decision),
        templates=("regions/decision_form.html", "regions/decision_form.html"),
        context={
            **_form_context(werkbedrijf, decision.title, back),
            "decision": decision,
            "attachment_form": AttachmentForm(),
        },
        done=lambda decision: redirect(back),
    )


@editor
@require_POST
def attachment_add(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision, pk=pk, werkbedrijf=werkbedrijf)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                decision=decision, user=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("De bijlage is toegevoegd."))
            return redirect("regions:decision_edit", code=werkbedrijf.region.code, pk=decision.pk)
    return render(
        request,
        "regions/decision_form.html",
        {
            **_form_context(werkbedrijf, decision.title, _decisions_url(werkbedrijf)),
            "decision": decision,
            "form": DecisionForm(instance=decision),
            "attachment_form": form,
        },
    )


@editor
def attachment_download(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> FileResponse:
    attachment = get_object_or_404(DecisionAttachment, pk=pk, decision__werkbedrijf=werkbedrijf)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=CONTENT_TYPES[attachment.kind],
    )
    response["Cache-Control"] = "private, no-store"
    return response


@editor
def decisions_export(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    return exports.response(
        exports.decisions_dataset(werkbedrijf), request.GET.get("formaat"), "besluiten", werkbedrijf
    )


def _decisions_url(werkbedrijf: Werkbedrijf) -> str:
    return reverse("regions:decisions", kwargs={"code": werkbedrijf.region.code})


# --- Action plan ------------------------------------------------------------------------------


def _plan_context(request: HttpRequest, plan: ActionPlan, **extra: Any) -> dict[str, Any]:
    werkbedrijf = plan.werkbedrijf
    rows = plan_goal_rows(
        plan=plan, werkbedrijf=werkbedrijf, allocation=region_allocation(region=werkbedrijf.region)
    )
    can_edit = region_is_editable(region=werkbedrijf.region, user=request.user)
    return {
        "region": werkbedrijf.region,
        "werkbedrijf": werkbedrijf,
        "plan": plan,
        "sections": plan.sections.all(),
        "actions": plan.actions.all(),
        "goal_rows": rows,
        "chart": bar_chart(rows),
        "has_allocation": any(row.allocation for row in rows),
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
    plan = get_object_or_404(
        ActionPlan.objects.select_related("werkbedrijf__region"),
        pk=pk,
        werkbedrijf__region__code=code,
    )
    if not ActionPlan.objects.visible_to(request.user).filter(pk=plan.pk).exists():
        raise PermissionDenied
    return plan


def plan_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated and not _is_adopted(code, pk):
        return redirect_to_login(request.get_full_path())
    return _render_plan(request, _visible_plan(request, code, pk))


def plan_pdf(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated and not _is_adopted(code, pk):
        return redirect_to_login(request.get_full_path())
    plan = _visible_plan(request, code, pk)
    _html, pdf = render_to_pdf("regions/pdf/action_plan.html", _plan_context(request, plan))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"plan-van-aanpak-{code}-{plan.adopted_on or 'concept'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
def werkbedrijf_history_view(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    return render(
        request,
        "regions/history.html",
        {
            "region": werkbedrijf.region,
            "title": _("Geschiedenis van het Werkbedrijf"),
            "back": werkbedrijf.get_absolute_url(),
            "back_label": _("Werkbedrijf"),
            "entries": werkbedrijf_history(werkbedrijf=werkbedrijf),
        },
    )


@editor
@require_POST
def plan_start(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    return redirect(services.plan_start(werkbedrijf=werkbedrijf, user=request.user))


@editor
@require_POST
def plan_adopt(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    plan = _draft_of(werkbedrijf, pk)
    try:
        services.plan_adopt(plan=plan, user=request.user)
    except ValidationError as error:
        return _render_plan(request, plan, adopt_errors=error.messages)
    messages.success(
        request, _("Het plan is vastgesteld. Het is nu openbaar en niet meer te wijzigen.")
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

    return _edit(
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
    return _edit(
        request,
        form,
        lambda form: services.plan_action_create(
            plan=plan, user=request.user, changes=form.changes()
        ),
        templates=FORM_PAGE,
        context=_form_context(werkbedrijf, _("Actie toevoegen"), plan.get_absolute_url()),
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

    return _update(
        request,
        ActionForm,
        action,
        partial(services.plan_action_update, action=action),
        templates=(FORM_PAGE[0], "regions/snippets/action_form_row.html"),
        context={
            **_form_context(werkbedrijf, str(action), plan.get_absolute_url()),
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
        messages.success(request, _("De doelen zijn opgeslagen."))
        return redirect(f"{plan.get_absolute_url()}#doelen")
    allocation = region_allocation(region=werkbedrijf.region)
    return render(
        request,
        "regions/goals_form.html",
        {"region": werkbedrijf.region, "plan": plan, "formset": formset, "allocation": allocation},
    )


@editor
def realisations(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    form = RealisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.realisation_save(werkbedrijf=werkbedrijf, user=request.user, **form.cleaned_data)
        messages.success(request, _("De realisatie is opgeslagen."))
        return redirect("regions:realisations", code=werkbedrijf.region.code)
    return render(
        request,
        "regions/realisations.html",
        {
            "region": werkbedrijf.region,
            "form": form,
            "realisations": werkbedrijf.realisations.all(),
        },
    )


@login_required
def werkbedrijf_overview(request: HttpRequest) -> HttpResponse:
    if not request.user.is_werkkamer_staff:
        raise PermissionDenied
    return render(request, "regions/overview.html", {"rows": staff_overview()})
