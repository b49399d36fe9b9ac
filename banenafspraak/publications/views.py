"""Publications: staff publish and withdraw; everyone reads what is published."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from banenafspraak import public_cache
from banenafspraak.publications import services
from banenafspraak.publications.exports import publication_export
from banenafspraak.publications.forms import PublicationForm, WithdrawForm
from banenafspraak.publications.models import Publication
from banenafspraak.publications.selectors import report_context
from werkkamer.core import access
from werkkamer.core.access import staff_required
from werkkamer.core.exports import FORMATS, attachment


class _NotAllowed(Exception):
    pass


def _publication(request: HttpRequest, pk: int, *, download: bool = False) -> Publication:
    """The publication if ``request.user`` may see it (or, with ``download``, its files).

    404 when it does not exist, or when staff ask for the files of one that is not ready yet.
    Otherwise 403 for a logged-in user without the right, and ``_NotAllowed``
    (answered with the login page) for an anonymous visitor.
    """
    publication = get_object_or_404(Publication.objects.select_related("run"), pk=pk)
    allowed = Publication.objects.visible_to(request.user).filter(pk=pk).exists()
    if allowed and download:
        if not publication.is_ready:
            raise Http404(_("Deze publicatie heeft nog geen bestand."))
        allowed = Publication.objects.downloadable_by(request.user).filter(pk=pk).exists()
    if not allowed and not request.user.is_authenticated:
        raise _NotAllowed
    access.require(allowed)
    return publication


def scoped(view):
    """Answer ``_NotAllowed`` from ``_publication`` with the login page (anonymous visitors)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _NotAllowed:
            return redirect_to_login(request.get_full_path())

    return wrapper


@require_GET
def publication_list(request: HttpRequest) -> HttpResponse:
    publications = Publication.objects.visible_to(request.user).order_by("-published_at", "-pk")
    if public_cache.is_anonymous(request):
        # the list changes with every publication and withdrawal: that state is the key
        state = public_cache.remembered(
            ("publication list",),
            lambda: list(
                publications.values_list("pk", "pdf_sha256", "published_at", "withdrawn_at")
            ),
        )
        return public_cache.public_page(
            request,
            template="publications/list.html",
            key_parts=tuple(state),
            context=lambda: {"publications": publications.defer("snapshot")},
            last_modified=max((m for row in state for m in row[2:] if m), default=None),
        )
    return render(request, "publications/list.html", {"publications": publications})


def _confirmed(request: HttpRequest) -> bool:
    """An irreversible step runs on the second POST, from the page that says what it fixes."""
    return request.POST.get("confirm") == "1"


@staff_required
def publication_create(request: HttpRequest) -> HttpResponse:
    form = PublicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and "edit" not in request.POST:
        if not _confirmed(request):
            return render(request, "publications/create_confirm.html", {"form": form})
        publication, created = services.publication_create(
            run=form.cleaned_data["run"],
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            user=request.user,
        )
        if created:
            messages.success(
                request,
                _(
                    "De publicatie ‘%(title)s’ is opgeslagen. De PDF wordt nu gemaakt; daarna "
                    "staat zij voor iedereen op de publicatiepagina."
                )
                % {"title": publication.title},
            )
        else:
            messages.info(request, _("Deze berekening is al gepubliceerd; dit is die publicatie."))
        return redirect(publication)
    return render(request, "publications/create.html", {"form": form})


@require_GET
@scoped
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _publication(request, pk)
    if public_cache.is_anonymous(request):
        # a publication is frozen: only its file and a withdrawal change the page
        changed = publication.withdrawn_at or publication.published_at
        return public_cache.public_page(
            request,
            template="publications/detail.html",
            key_parts=(pk, publication.pdf_sha256, publication.withdrawn_at),
            context=lambda: {**report_context(publication), "publication": publication},
            last_modified=changed,
            max_age=public_cache.MAX_AGE_FIXED,
        )
    context = report_context(publication) if publication.is_ready else {}
    context.update(publication=publication, withdraw_form=WithdrawForm())
    return render(request, "publications/detail.html", context)


@require_GET
@scoped
def publication_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status fragment the detail page polls (htmx) until the PDF is ready or failed."""
    publication = _publication(request, pk)
    response = render(
        request,
        "publications/snippets/status.html",
        {"publication": publication},
    )
    if request.htmx and not publication.is_pending:
        response["HX-Refresh"] = "true"  # show the whole page with the report once it is done
    return response


@require_GET
@scoped
def publication_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _publication(request, pk, download=True)
    try:
        content = services.publication_pdf_bytes(publication=publication)
    except services.PublicationFileError as exc:
        raise Http404(_("Het bestand van deze publicatie is niet beschikbaar.")) from exc
    return _attachment(content, "application/pdf", f"{_file_stem(publication)}.pdf")


@require_GET
@scoped
def publication_table(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404
    publication = _publication(request, pk, download=True)
    content = publication_export(publication, file_format)
    return _attachment(content, FORMATS[file_format], f"{_file_stem(publication)}.{file_format}")


@require_GET
@scoped
def publication_region_pdf(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    publication = _publication(request, pk, download=True)
    content = services.region_report_pdf(publication=publication, code=code)
    if content is None:
        raise Http404
    return _attachment(content, "application/pdf", f"{_file_stem(publication)}-{code}.pdf")


@staff_required
@require_POST
def publication_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    publication = get_object_or_404(Publication, pk=pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        context = {"publication": publication, "withdraw_form": form}
        if publication.is_ready:
            context = {**report_context(publication), **context}
        return render(request, "publications/detail.html", context, status=400)
    if not _confirmed(request):
        return render(
            request,
            "publications/withdraw_confirm.html",
            {"publication": publication, "withdraw_form": form},
        )
    services.publication_withdraw(
        publication=publication, user=request.user, reason=form.cleaned_data["reason"]
    )
    messages.success(
        request,
        _("De publicatie ‘%(title)s’ is ingetrokken; zij blijft bewaard.")
        % {"title": publication.title},
    )
    return redirect(publication)


@staff_required
@require_POST
def publication_retry(request: HttpRequest, pk: int) -> HttpResponse:
    publication = get_object_or_404(Publication, pk=pk)
    if services.publication_retry(publication=publication):
        messages.success(
            request,
            _("De PDF van ‘%(title)s’ wordt opnieuw gemaakt.") % {"title": publication.title},
        )
    else:
        messages.info(request, _("Er is niets opnieuw te doen voor deze publicatie."))
    return redirect(publication)


def _file_stem(publication: Publication) -> str:
    return f"{slugify(publication.title)[:60] or 'publicatie'}-{publication.pk}"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return attachment(
        content, filename=filename, content_type=content_type, cache_control="private, no-cache"
    )
