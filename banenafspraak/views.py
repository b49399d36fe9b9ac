from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from django_htmx.http import HttpResponseClientRefresh

from banenafspraak import public_cache, selectors, services
from banenafspraak.distribution import DistributionError, Parameters
from banenafspraak.forms import (
    BaseDataImportForm,
    CompareForm,
    ImportForm,
    MethodParametersForm,
    NationalTargetFormSet,
    ParametersForm,
    RegionFiguresForm,
    load_dataset,
    run_label,
)
from banenafspraak.models import BaseDataSet, DistributionRun, MethodParameters, RegionFigures
from banenafspraak.resources import NationalTargetResource, RegionFiguresResource
from banenafspraak.selectors_public import RunState, region_names_revision, run_states
from werkkamer.core.access import staff_required
from werkkamer.core.charts import shift_chart
from werkkamer.core.exports import FORMATS, attachment, neutralised, table_bytes

IMPORT_SESSION_KEY = "banenafspraak_import"


# The years a national target can name: the agreement starts in 2013; a later target may follow.
PLAUSIBLE_YEARS = (2013, 2100)


def _asked_year(request: HttpRequest) -> int | None:
    """The ``jaar`` asked for, when it is a plain year (never int() of 5,000 digits: a 500)."""
    wanted = request.GET.get("jaar", "")
    return int(wanted) if len(wanted) == 4 and wanted.isascii() and wanted.isdigit() else None


def _year(request: HttpRequest, years: list[int]) -> int | None:
    wanted = _asked_year(request)
    return wanted if wanted in years else (years[-1] if years else None)


def _beyond_targets(request: HttpRequest, years: list[int]) -> dict | None:
    """When the year asked for lies past the last national target: that year and the last."""
    wanted = _asked_year(request)
    if wanted is None or not years or wanted <= years[-1]:
        return None
    return {"year": wanted, "last": selectors.last_target_year() or years[-1]}


def _run_context(request: HttpRequest, run: DistributionRun | None) -> dict:
    allocations = selectors.run_allocations(run) if run else {}
    table = selectors.distribution_table(allocations)
    year = _year(request, table.years)
    return {"run": run, "table": table, "year": year, "chart": selectors.table_chart(table, year)}


def _modified(*states: RunState | None):
    moments = [m for s in states if s for m in (s.finished_at, s.started_at, s.created_at) if m]
    return max(moments, default=None)


def _anonymous_distribution(request: HttpRequest) -> HttpResponse:
    """Every anonymous visitor shares one cached page per run, pending recompute and language
    (``public_cache``): a repeat costs one cache read, no query, and renders nothing. The page
    shows today's region names, so they are part of the key (a rename is a state change too)."""
    current, pending, names = public_cache.remembered(
        ("runs",), lambda: (*run_states(), region_names_revision())
    )

    def context() -> dict:
        run = DistributionRun.objects.get(pk=current.pk) if current else None
        waiting = DistributionRun.objects.filter(pk=pending.pk).first() if pending else None
        return {**_run_context(request, run), "pending": waiting}

    year = _asked_year(request)
    return public_cache.public_page(
        request,
        template="banenafspraak/distribution.html",
        key_parts=(current and current[:3], pending and pending[:2], names),
        context=context,
        last_modified=_modified(current, pending),
        # a year the targets could hold is stored; any other query is answered, not kept
        query={"jaar": str(year)}
        if year and PLAUSIBLE_YEARS[0] <= year <= PLAUSIBLE_YEARS[1]
        else {},
    )


@require_GET
def distribution(request: HttpRequest) -> HttpResponse:
    """The published distribution: the current run as table and chart, with the live status."""
    if public_cache.is_anonymous(request):
        return _anonymous_distribution(request)
    context = _run_context(request, DistributionRun.objects.current())
    context["pending"] = selectors.pending_run()
    if request.user.is_werkkamer_staff:
        context["failed"] = selectors.latest_failed_run()
    return render(request, "banenafspraak/distribution.html", context)


@require_GET
def status(request: HttpRequest) -> HttpResponse:
    """htmx: the recompute status; reloads the page once a newer version is published."""
    current = DistributionRun.objects.current()
    pending = selectors.pending_run()
    shown = request.GET.get("versie", "")
    if request.htmx and not pending and current and str(current.pk) != shown:
        return HttpResponseClientRefresh()
    context = {"pending": pending, "run": current}
    return render(request, "banenafspraak/snippets/status.html", context)


@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    runs = DistributionRun.objects.visible_to(request.user).select_related("dataset")[:200]
    return render(request, "banenafspraak/run_list.html", {"runs": runs})


@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(DistributionRun.objects.visible_to(request.user), pk=pk)
    context = _run_context(request, run if run.is_done else None)
    context["run"] = run
    context["beyond_targets"] = _beyond_targets(request, context["table"].years)
    return render(request, "banenafspraak/run_detail.html", context)


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    runs = list(DistributionRun.objects.done()[:100])
    if len(runs) < 2:
        return render(request, "banenafspraak/compare.html", {"form": None})
    years = sorted(
        {t for run in runs[:2] for t in selectors.years_of(selectors.run_allocations(run))}
    )
    initial = {"a": runs[1].pk, "b": runs[0].pk, "year": years[-1] if years else None}
    form = CompareForm(request.GET or initial, runs=runs, years=years)
    context = {"form": form, "shifts": None}
    if form.is_valid():
        before, after = (
            get_object_or_404(DistributionRun.objects.done(), pk=form.cleaned_data[k]) for k in "ab"
        )
        context["shifts"] = selectors.shifts(
            selectors.run_allocations(before),
            selectors.run_allocations(after),
            year=form.cleaned_data["year"],
            sector=form.cleaned_data["sector"],
        )
        shift_rows = [(shift.name, shift.absolute) for shift in context["shifts"]]
        context.update(
            before=before,
            after=after,
            before_label_full=run_label(before),
            after_label_full=run_label(after),
            shift_chart=shift_chart(shift_rows),
        )
    return render(request, "banenafspraak/compare.html", context)


# --- staff: inputs --------------------------------------------------------------------------


@staff_required
@require_GET
def basedata(request: HttpRequest) -> HttpResponse:
    dataset = BaseDataSet.objects.active()
    figures = dataset.figures.select_related("region") if dataset else []
    context = {"dataset": dataset, "figures": figures, "datasets": BaseDataSet.objects.all()}
    return render(request, "banenafspraak/basedata.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def figures_edit(request: HttpRequest, code: str) -> HttpResponse:
    dataset = BaseDataSet.objects.active()
    figures = get_object_or_404(RegionFigures, dataset=dataset, region__code=code)
    form = RegionFiguresForm(request.POST or None, instance=figures)
    if request.method == "POST" and form.is_valid():
        if services.region_figures_save(figures=form.instance):
            messages.success(
                request,
                _(
                    "De basisgegevens van %(region)s zijn opgeslagen. De verdeling wordt "
                    "herberekend."
                )
                % {"region": figures.region.name},
            )
        else:
            messages.info(
                request,
                _("Er is niets gewijzigd: er komt geen nieuwe versie van de verdeling."),
            )
        return redirect("banenafspraak:distribution")
    return render(request, "banenafspraak/figures_form.html", {"form": form, "figures": figures})


@staff_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    formset = NationalTargetFormSet(request.POST or None)
    if request.method == "POST" and formset.is_valid():
        changed = formset.save(commit=False)
        services.national_targets_save(targets=changed, deleted=formset.deleted_objects)
        messages.success(
            request,
            _("De landelijke doelstellingen zijn opgeslagen. De verdeling wordt herberekend."),
        )
        return redirect("banenafspraak:targets")
    last = selectors.last_target_year()
    this_year = timezone.localdate().year
    context = {"formset": formset, "last_year": last, "stale": last is None or last < this_year}
    return render(request, "banenafspraak/targets.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def method(request: HttpRequest) -> HttpResponse:
    active = MethodParameters.objects.active()
    initial = {"alpha": active.alpha, "beta": active.beta} if active else None
    form = MethodParametersForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        parameters = services.method_parameters_create(**form.cleaned_data)
        messages.success(
            request,
            _("Methodeversie %(version)s is opgeslagen. De verdeling wordt herberekend.")
            % {"version": parameters.version},
        )
        return redirect("banenafspraak:distribution")
    context = {"form": form, "active": active, "versions": MethodParameters.objects.all()}
    return render(request, "banenafspraak/method.html", context)


@staff_required
@require_GET
def whatif(request: HttpRequest) -> HttpResponse:
    """Other parameters on the current inputs, and the shifts against the current run."""
    form = ParametersForm(request.GET or None)
    context: dict = {"form": form, "current": DistributionRun.objects.current()}
    if form.is_valid():
        try:
            result = services.distribution_preview(parameters=Parameters(**form.cleaned_data))
        except DistributionError as exc:
            form.add_error(None, str(exc))
        else:
            context.update(_whatif_context(request, result.allocations, context["current"]))
    return render(request, "banenafspraak/whatif.html", context)


def _whatif_context(request: HttpRequest, allocations, current) -> dict:
    table = selectors.distribution_table(allocations)
    year = _year(request, table.years)
    before = selectors.run_allocations(current) if current else {}
    shifts = selectors.shifts(before, allocations, year=year) if year else []
    return {
        "table": table,
        "year": year,
        "shifts": shifts,
        "chart": selectors.table_chart(table, year),
    }


# --- staff: import and export ---------------------------------------------------------------

IMPORT_SAVED = {
    "basedata": gettext_lazy(
        "De basisgegevens uit het bestand zijn opgeslagen. De verdeling wordt herberekend."
    ),
    "targets": gettext_lazy(
        "De landelijke doelstellingen uit het bestand zijn opgeslagen. De verdeling wordt "
        "herberekend."
    ),
}

KINDS = {
    "basedata": (BaseDataImportForm, services.base_data_import),
    "targets": (ImportForm, services.national_targets_import),
}


def _import(request: HttpRequest, kind: str) -> HttpResponse:
    """Step 1: upload and preview (dry run with row errors). Step 2: confirm, all or nothing.

    Between the two steps the file waits in a ``PendingImport`` row; the session holds its id.
    """
    form_class, service = KINDS[kind]
    if request.method == "POST" and ("confirm" in request.POST or "cancel" in request.POST):
        pending = services.pending_import_take(
            pending_id=request.session.pop(IMPORT_SESSION_KEY, None), kind=kind, user=request.user
        )
        if "cancel" in request.POST:
            messages.info(request, _("De import is geannuleerd. Er is niets opgeslagen."))
            return redirect(f"banenafspraak:{kind}_import")
        if pending is None:
            messages.error(request, _("De voorvertoning is verlopen. Laad het bestand opnieuw."))
            return redirect(f"banenafspraak:{kind}_import")
        data = load_dataset(pending.extension, bytes(pending.content))
        outcome = service(data=data, dry_run=False, **_parse_options(pending.options))
        if outcome.saved and not outcome.changes_anything:
            messages.info(
                request,
                _("Het bestand verandert niets: er komt geen nieuwe versie van de verdeling."),
            )
            return redirect("banenafspraak:distribution")
        if outcome.saved:
            messages.success(request, IMPORT_SAVED[kind])
            return redirect("banenafspraak:distribution")
        return render(request, "banenafspraak/import.html", {"kind": kind, "outcome": outcome})
    form = form_class(request.POST or None, request.FILES or None)
    context = {"kind": kind, "form": form}
    if request.method == "POST" and form.is_valid():
        options = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        context["outcome"] = service(data=form.cleaned_data["file"], dry_run=True, **options)
        extension, content = form.raw
        pending = services.pending_import_create(
            kind=kind,
            extension=extension,
            content=content,
            options={k: str(v) for k, v in options.items()},
            user=request.user,
        )
        request.session[IMPORT_SESSION_KEY] = pending.pk
    return render(request, "banenafspraak/import.html", context)


def _parse_options(options: dict[str, str]) -> dict:
    from datetime import date

    if "reference_date" in options:
        return {**options, "reference_date": date.fromisoformat(options["reference_date"])}
    return options


@staff_required
@require_http_methods(["GET", "POST"])
def basedata_import(request: HttpRequest) -> HttpResponse:
    return _import(request, "basedata")


@staff_required
@require_http_methods(["GET", "POST"])
def targets_import(request: HttpRequest) -> HttpResponse:
    return _import(request, "targets")


def _export(resource, name: str, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404
    content = table_bytes(neutralised(resource.export()), file_format)
    return attachment(content, filename=f"{name}.{file_format}", content_type=file_format)


@staff_required
@require_GET
def basedata_export(request: HttpRequest, file_format: str) -> HttpResponse:
    dataset = BaseDataSet.objects.active()
    if dataset is None:
        raise Http404
    name = f"basisgegevens-{dataset.reference_date:%Y-%m-%d}"
    return _export(RegionFiguresResource(dataset), name, file_format)


@staff_required
@require_GET
def targets_export(request: HttpRequest, file_format: str) -> HttpResponse:
    return _export(NationalTargetResource(), "landelijke-doelstellingen", file_format)
