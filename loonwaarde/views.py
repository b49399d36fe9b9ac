from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loonwaarde import selectors, services
from loonwaarde.forms import MinimumWageForm, add_service_errors, assessment_forms
from loonwaarde.models import Assessment
from werkkamer.core import access
from werkkamer.core.exports import CsvWriter, attachment
from werkkamer.core.pdf import render_to_pdf

PAGE_SIZE = 50


def _visible(request: HttpRequest, pk: int) -> Assessment:
    """The assessment if the user may see it: 404 when it does not exist, 403 when not theirs."""
    return access.object_in_scope(Assessment, Assessment.objects.visible_to(request.user), pk=pk)


def _can_see_overview(user) -> bool:
    return user.is_werkkamer_staff or user.is_coordinator


overview_required = access.role_required(_can_see_overview)


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """A loonwaarde page; staff also see whether the wage table lacks this half-year's wage."""
    if request.user.is_werkkamer_staff:
        context["wage_gap"] = selectors.minimum_wage_gap(today=timezone.localdate())
    return render(request, template, context)


@login_required
def assessment_index(request: HttpRequest) -> HttpResponse:
    user = request.user
    return _render(
        request,
        "loonwaarde/assessment_list.html",
        {
            "page": Paginator(selectors.assessment_list(user=user), PAGE_SIZE).get_page(
                request.GET.get("pagina")
            ),
            "certifications": selectors.certifications_of(assessor=user),
            "can_create": user.is_assessor,
            "today": timezone.localdate(),
        },
    )


def _edit(request: HttpRequest, assessment: Assessment | None) -> HttpResponse:
    form, formset = assessment_forms(request.POST or None, assessment)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            if assessment is None:
                assessment = services.assessment_create(
                    assessor=request.user, data=form.to_input(), tasks=formset.to_inputs()
                )
            else:
                services.assessment_update(
                    assessment=assessment,
                    by=request.user,
                    data=form.to_input(),
                    tasks=formset.to_inputs(),
                )
        except ValidationError as error:
            add_service_errors(form, formset, error)
        else:
            messages.success(
                request,
                _("De beoordeling ‘%(ref)s’ is opgeslagen als concept.")
                % {"ref": assessment.candidate_reference},
            )
            return redirect(assessment)
    context = {"form": form, "formset": formset, "assessment": assessment}
    return _render(request, "loonwaarde/assessment_form.html", context)


@access.assessor_required
def assessment_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@login_required
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.object_in_scope(
        Assessment, Assessment.objects.editable_by(request.user), pk=pk
    )
    return _edit(request, assessment)


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible(request, pk)
    user = request.user
    return _render(
        request,
        "loonwaarde/assessment_detail.html",
        {
            "assessment": assessment,
            "tasks": assessment.tasks.all(),
            "lks": selectors.assessment_lks(assessment=assessment),
            "is_own": assessment.assessor_id == user.pk,
            "newer": Assessment.objects.visible_to(user).filter(previous=assessment).first(),
        },
    )


def _own_action(
    request: HttpRequest, pk: int, action: Callable[..., Assessment], message: str
) -> HttpResponse:
    """Run ``action(assessment=...)`` on the user's own assessment; show ``message`` (about the
    assessment it returns: ``%(ref)s``, ``%(version)s``) or why not."""
    assessment = get_object_or_404(Assessment, pk=pk)
    access.require(request.user.is_assessor and assessment.assessor_id == request.user.pk)
    try:
        result = action(assessment=assessment)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(assessment)
    messages.success(
        request, message % {"ref": result.candidate_reference, "version": result.version}
    )
    return redirect(result)


CONFIRMED = "ja"


@login_required
def assessment_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page that says what will be fixed and who will see it; finalising is a
    POST with ``bevestigd=ja`` from that page."""
    if request.method == "POST" and request.POST.get("bevestigd") == CONFIRMED:
        finalise = partial(services.assessment_finalise, by=request.user)
        return _own_action(
            request, pk, finalise, _("De beoordeling ‘%(ref)s’ is definitief gemaakt.")
        )
    assessment = access.object_in_scope(
        Assessment, Assessment.objects.editable_by(request.user), pk=pk
    )
    try:
        certification, lks = services.assessment_finalise_check(
            assessment=assessment, by=request.user
        )
    except ValidationError as error:
        certification, lks, refusal = None, None, error.messages
    else:
        refusal = []
    return _render(
        request,
        "loonwaarde/assessment_finalise.html",
        {
            "assessment": assessment,
            "certification": certification,
            "lks": lks,
            "refusal": refusal,
            "confirmed": CONFIRMED,
            "coordinators": selectors.region_coordinators(region=assessment.region),
        },
    )


@login_required
@require_POST
def assessment_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    return _own_action(
        request,
        pk,
        lambda assessment: services.assessment_new_version(previous=assessment, by=request.user),
        _(
            "Versie %(version)s van de beoordeling ‘%(ref)s’ is als concept opgeslagen; pas haar "
            "aan en maak haar definitief."
        ),
    )


@login_required
def assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible(request, pk)
    if not assessment.is_final:
        raise Http404(_("Alleen een definitieve beoordeling heeft een pdf."))
    _html, pdf = render_to_pdf(
        "loonwaarde/pdf/assessment.html",
        {
            "assessment": assessment,
            "tasks": assessment.tasks.all(),
            "lks": selectors.assessment_lks(assessment=assessment),
        },
    )
    filename = f"loonwaardebeoordeling-{assessment.pk}-v{assessment.version}.pdf"
    return attachment(pdf, filename=filename, content_type="application/pdf")


@access.role_required(lambda user: user.is_assessor or _can_see_overview(user))
def reassessments_due(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    rows = selectors.reassessment_rows(
        user=user, today=today, within_days=settings.LOONWAARDE_REMINDER_DAYS
    )
    return _render(
        request,
        "loonwaarde/reassessments_due.html",
        {"rows": rows, "today": today, "days": settings.LOONWAARDE_REMINDER_DAYS},
    )


@overview_required
def region_overview(request: HttpRequest) -> HttpResponse:
    regions = selectors.overview_regions(user=request.user)
    return _render(
        request,
        "loonwaarde/region_overview.html",
        {"rows": selectors.region_overview(regions=regions)},
    )


@access.staff_required
def minimum_wages(request: HttpRequest) -> HttpResponse:
    """Staff add the minimum wage of a new half-year (the CSV is only the seed)."""
    form = MinimumWageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wage = services.minimum_wage_add(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Het minimumloon vanaf %(date)s is vastgelegd.")
                % {"date": date_format(wage.valid_from, "j F Y")},
            )
            return redirect("loonwaarde:wages")
    return _render(
        request,
        "loonwaarde/minimum_wages.html",
        {"form": form, "wages": selectors.minimum_wages()},
    )


def _decimal_comma(value) -> str:
    return str(value).replace(".", ",")


@overview_required
def region_overview_csv(request: HttpRequest) -> HttpResponse:
    rows = selectors.region_overview(regions=selectors.overview_regions(user=request.user))
    # Dutch spreadsheet conventions: semicolons, decimal commas, a BOM so accents survive.
    writer = CsvWriter()
    writer.writerow(
        [
            _("regiocode"),
            _("regio"),
            _("concepten"),
            _("definitief"),
            _("gemiddelde loonwaarde (%)"),
            _("totaal LKS per jaar (EUR)"),
        ]
    )
    for r in rows:
        average = "" if r.average_loonwaarde is None else _decimal_comma(r.average_loonwaarde)
        total = _decimal_comma(r.lks_yearly_total)
        writer.writerow([r.code, r.name, r.concepts, r.finalised, average, total])
    return attachment(writer.content(), filename="loonwaarde-per-regio.csv", content_type="csv")
