"""The Werkbedrijf: composition, members, decisions with attachments, realisations."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regions import exports, selectors, services
from regions.attachments import CONTENT_TYPES
from regions.forms import (
    AttachmentForm,
    DecisionForm,
    MemberForm,
    RealisationForm,
    RepresentativeForm,
)
from regions.models import (
    Arbeidsmarktregio,
    Decision,
    DecisionAttachment,
    Member,
    Representative,
    Werkbedrijf,
)
from regions.selectors import (
    composition,
    members_active,
    members_all,
    region_is_editable,
    werkbedrijf_for,
    werkbedrijf_history,
)
from regions.views.editing import FORM_PAGE, create, editor, form_context, update

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


@editor
def member_add(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    return create(
        request,
        MemberForm,
        partial(services.member_create, werkbedrijf=werkbedrijf),
        templates=FORM_PAGE,
        context=form_context(werkbedrijf, _("Deelnemer toevoegen"), werkbedrijf.get_absolute_url()),
        done=lambda member: redirect(werkbedrijf),
    )


@editor
def member_edit(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk, werkbedrijf=werkbedrijf)
    return update(
        request,
        MemberForm,
        member,
        partial(services.member_update, member=member),
        templates=FORM_PAGE,
        context=form_context(werkbedrijf, str(member), werkbedrijf.get_absolute_url()),
        done=lambda member: redirect(werkbedrijf),
    )


@editor
def representative_add(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk, werkbedrijf=werkbedrijf)
    return create(
        request,
        RepresentativeForm,
        partial(services.representative_create, member=member),
        templates=FORM_PAGE,
        context=form_context(
            werkbedrijf,
            _("Vertegenwoordiger van %(member)s toevoegen") % {"member": member},
            werkbedrijf.get_absolute_url(),
        ),
        done=lambda representative: redirect(werkbedrijf),
    )


@editor
def representative_edit(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    representative = get_object_or_404(Representative, pk=pk, member__werkbedrijf=werkbedrijf)
    return update(
        request,
        RepresentativeForm,
        representative,
        partial(services.representative_update, representative=representative),
        templates=FORM_PAGE,
        context=form_context(werkbedrijf, str(representative), werkbedrijf.get_absolute_url()),
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
        {
            "region": werkbedrijf.region,
            "werkbedrijf": werkbedrijf,
            "decisions": decisions,
            "loonwaarde_method": selectors.loonwaarde_method_in_force(region=werkbedrijf.region),
        },
    )


@editor
def decision_add(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    back = _decisions_url(werkbedrijf)
    return create(
        request,
        DecisionForm,
        partial(services.decision_create, werkbedrijf=werkbedrijf),
        templates=FORM_PAGE,
        context=form_context(werkbedrijf, _("Besluit toevoegen"), back),
        done=lambda decision: redirect(back),
    )


@editor
def decision_edit(request: HttpRequest, werkbedrijf: Werkbedrijf, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision, pk=pk, werkbedrijf=werkbedrijf)
    back = _decisions_url(werkbedrijf)
    return update(
        request,
        DecisionForm,
        decision,
        partial(services.decision_update, decision=decision),
        templates=("regions/decision_form.html", "regions/decision_form.html"),
        context={
            **form_context(werkbedrijf, decision.title, back),
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
            attachment = services.attachment_add(
                decision=decision, user=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("De bijlage ‘%(name)s’ is toegevoegd aan ‘%(decision)s’.")
                % {"name": attachment.original_name, "decision": decision.title},
            )
            return redirect("regions:decision_edit", code=werkbedrijf.region.code, pk=decision.pk)
    return render(
        request,
        "regions/decision_form.html",
        {
            **form_context(werkbedrijf, decision.title, _decisions_url(werkbedrijf)),
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
def realisations(request: HttpRequest, werkbedrijf: Werkbedrijf) -> HttpResponse:
    form = RealisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.realisation_save(werkbedrijf=werkbedrijf, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("De realisatie van %(year)s is opgeslagen.") % {"year": form.cleaned_data["year"]},
        )
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
