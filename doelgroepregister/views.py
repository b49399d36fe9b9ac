from __future__ import annotations

import csv
import io
import uuid
from functools import partial
from itertools import islice

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from doelgroepregister import selectors, services
from doelgroepregister.extract import FileProblem
from doelgroepregister.forms import (
    BulkCheckForm,
    CheckForm,
    CheckLogFilterForm,
    ConfirmEndForm,
    ImportForm,
    RemovalForm,
)
from doelgroepregister.models import (
    CheckLog,
    CheckOutcome,
    Grondslag,
    ImportStatus,
    RegisterImport,
    RegisterRemoval,
)
from doelgroepregister.protection import bsn_problem
from werkkamer.core.access import role_required, staff_required
from werkkamer.core.exports import FORMATS, attachment

REPORT_PREVIEW_ROWS = 200


def may_check(user) -> bool:
    """Employers (acting for an organisation) and municipal coordinators may check a BSN."""
    return (user.is_employer and user.organisation_id is not None) or user.is_coordinator


checker_required = role_required(may_check)


@sensitive_variables("form", "typed")
@sensitive_post_parameters("bsn")
@checker_required
def check(request: HttpRequest) -> HttpResponse:
    answer, typed = None, ""
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = services.register_check(user=request.user, raw_bsn=form.cleaned_data["bsn"])
        if answer.outcome == CheckOutcome.INVALID:
            # not a BSN, so the typing is given back to be corrected; a valid one never is
            typed = form.cleaned_data["bsn"]
            form.add_error("bsn", bsn_problem(typed))
        else:
            form = CheckForm()
    context = {"form": form, "answer": answer, "typed": typed, "today": timezone.localdate()}
    if request.htmx:  # only the panel: no menu, so no context processors either
        context["csrf_token"] = get_token(request)
        return HttpResponse(
            render_to_string("doelgroepregister/snippets/check_panel.html", context)
        )
    return render(request, "doelgroepregister/check.html", context)


BULK_RESULT_SECONDS = 15 * 60


def _bulk_result_key(user, token: str) -> str:
    # the user is part of the key: a result is only ever fetched by whoever asked for it
    return f"doelgroepregister:bulk-result:{user.pk}:{token}"


@sensitive_variables("form", "result")
@checker_required
def bulk_check(request: HttpRequest) -> HttpResponse:
    form = BulkCheckForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            result = services.register_bulk_check(
                user=request.user, upload=form.cleaned_data["file"]
            )
        except FileProblem as problem:
            form.add_error("file", str(problem))
        else:
            token = str(uuid.uuid4())
            cache.set(_bulk_result_key(request.user, token), result.content, BULK_RESULT_SECONDS)
            context.update(result=result, token=token, form=BulkCheckForm())
            messages.success(request, _("De lijst is gecontroleerd."))
    return render(request, "doelgroepregister/bulk_check.html", context)


@checker_required
def bulk_result(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    content = cache.get(_bulk_result_key(request.user, str(token)))
    if content is None:
        raise Http404(_("Dit resultaat is verlopen; controleer de lijst opnieuw."))
    name = f"doelgroepregister-controle-{timezone.localdate():%Y%m%d}.csv"
    return attachment(content, filename=name, content_type="csv", cache_control="no-store")


@checker_required
def check_history(request: HttpRequest) -> HttpResponse:
    page = Paginator(CheckLog.objects.visible_to(request.user), 50).get_page(request.GET.get("p"))
    return render(request, "doelgroepregister/check_history.html", {"page": page})


@staff_required
def import_list(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        register_import = services.register_import_create(
            user=request.user,
            upload=form.cleaned_data["file"],
            commit=form.cleaned_data["commit"],
            full_refresh=form.cleaned_data["full_refresh"],
        )
        messages.success(
            request,
            (
                _("Het bestand ‘%(name)s’ is geüpload en wordt gecontroleerd en ingelezen.")
                if register_import.commit
                else _("Het bestand ‘%(name)s’ is geüpload en wordt gecontroleerd (proefrun).")
            )
            % {"name": register_import.original_name},
        )
        return redirect(register_import)
    page = Paginator(RegisterImport.objects.select_related("uploaded_by"), 25).get_page(
        request.GET.get("p")
    )
    context = {"form": form, "page": page, "grondslagen": Grondslag.choices}
    return render(request, "doelgroepregister/import_list.html", context)


@staff_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    register_import = get_object_or_404(RegisterImport, pk=pk)
    return _import_page(request, register_import, ConfirmEndForm(register_import=register_import))


def _import_page(request: HttpRequest, register_import: RegisterImport, confirm) -> HttpResponse:
    return render(
        request,
        "doelgroepregister/import_detail.html",
        {
            "import": register_import,
            "report_rows": _report_preview(register_import),
            "preview_limit": REPORT_PREVIEW_ROWS,
            "confirm_form": confirm,
        },
    )


def _report_preview(register_import: RegisterImport) -> list[dict]:
    """The report's first rows, identical problems grouped: field, reason, what was expected,
    and the rows (with the values as written, masked in the report already)."""
    if not register_import.report_file or register_import.is_running:
        return []
    with register_import.report_file.open("rb") as raw:
        rows = csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig"), delimiter=";")
        groups: dict[tuple, dict] = {}
        for row, field, reason, *rest in islice(rows, 1, REPORT_PREVIEW_ROWS + 1):
            value, expected = (rest + ["", ""])[:2]
            group = groups.setdefault(
                (field, reason, expected),
                {"field": field, "reason": reason, "expected": expected, "rows": [], "values": []},
            )
            group["rows"].append(row)
            if value and value not in group["values"]:
                group["values"].append(value)
        return list(groups.values())


@staff_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    register_import = get_object_or_404(RegisterImport, pk=pk)
    response = render(
        request, "doelgroepregister/snippets/import_progress.html", {"import": register_import}
    )
    if not register_import.is_running:
        response["HX-Refresh"] = "true"  # the finished page shows the report
    return response


@staff_required
def import_report(request: HttpRequest, pk: int) -> FileResponse:
    register_import = get_object_or_404(RegisterImport.objects.exclude(report_file=""), pk=pk)
    return FileResponse(
        register_import.report_file.open("rb"),
        as_attachment=True,
        filename=f"rapport-import-{register_import.pk}.csv",
        content_type=FORMATS["csv"],
    )


def _import_action(request: HttpRequest, pk: int, action, done: str, refused: str):
    """A staff button on an import: run the service, say how it went (``done`` names the file
    as ``%(name)s``), back to the import."""
    register_import = get_object_or_404(RegisterImport, pk=pk)
    if action(register_import=register_import):
        messages.success(request, done % {"name": register_import.original_name})
    else:
        messages.error(request, refused)
    return redirect(register_import)


@staff_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    register_import = get_object_or_404(RegisterImport, pk=pk)
    form = ConfirmEndForm(request.POST, register_import=register_import)
    if not form.is_valid():
        return _import_page(request, register_import, form)
    return _import_action(
        request,
        pk,
        partial(
            services.register_import_commit, confirmed_ended=form.cleaned_data["confirm_ended"]
        ),
        _("Het bestand ‘%(name)s’ wordt nu ingelezen."),
        _("Dit bestand kan niet (meer) worden ingelezen."),
    )


@staff_required
@require_POST
def import_retry(request: HttpRequest, pk: int) -> HttpResponse:
    return _import_action(
        request,
        pk,
        services.register_import_retry,
        _("Het bestand ‘%(name)s’ staat opnieuw in de wachtrij."),
        _("Dit bestand kan niet opnieuw worden verwerkt."),
    )


@staff_required
@require_POST
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _import_action(
        request,
        pk,
        services.register_import_cancel,
        _("De import van ‘%(name)s’ is geannuleerd en het bestand verwijderd."),
        _("Deze import kan niet (meer) worden geannuleerd."),
    )


@sensitive_variables("form")
@sensitive_post_parameters("bsn")
@staff_required
def removal(request: HttpRequest) -> HttpResponse:
    """End or remove one person's entries on request (the BSN only in the POST body)."""
    form = RemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = services.registration_remove(
            user=request.user,
            bsn=form.cleaned_data["bsn"],
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
        )
        if done.over_budget:
            messages.error(
                request,
                _(
                    "U heeft vandaag uw dagbudget voor het opzoeken van BSN's gebruikt. "
                    "Er is niets gewijzigd; probeer het morgen opnieuw."
                ),
            )
        elif done.entries:
            messages.success(
                request,
                ngettext(
                    "%(n)s inschrijving %(what)s; vastgelegd in het log.",
                    "%(n)s inschrijvingen %(what)s; vastgelegd in het log.",
                    done.entries,
                )
                % {"n": done.entries, "what": done.log.get_kind_display()},
            )
        else:
            messages.warning(
                request, _("Voor dit BSN staat geen geldige inschrijving in het register.")
            )
        return redirect("doelgroepregister:removal")
    removals = RegisterRemoval.objects.all()[:50]
    return render(request, "doelgroepregister/removal.html", {"form": form, "removals": removals})


@staff_required
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "doelgroepregister/overview.html",
        {
            "today": today,
            "counts": selectors.register_counts(on=today),
            "last_import": RegisterImport.objects.filter(status=ImportStatus.DONE).first(),
        },
    )


@staff_required
def check_log(request: HttpRequest) -> HttpResponse:
    form = CheckLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    logs = selectors.check_log_filtered(user=request.user, filters=filters)
    page = Paginator(logs, 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "doelgroepregister/check_log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "failures": selectors.repeated_failures(),
            "organisation_alerts": selectors.organisation_alerts(),
        },
    )
