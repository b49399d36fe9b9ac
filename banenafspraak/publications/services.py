"""Writes for publications: publish a run, render its PDF once, retry, withdraw.

A publication freezes what it shows (``snapshot``) when staff publish; the worker renders the
PDF from that snapshot exactly once: it claims the publication with a conditional UPDATE, writes
the file under a name fixed by the publication's id (a retry after a crash overwrites its own
unfinished file, it never adds a second), and records the SHA-256 in the same conditional
UPDATE that marks it ready. A ready publication is never claimed again, so its file never
changes.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from banenafspraak.models import DistributionRun
from banenafspraak.publications.models import Publication, PublicationStatus
from banenafspraak.publications.selectors import (
    previous_publication,
    publication_snapshot,
    region_report_context,
    report_context,
)
from werkkamer.core.pdf import StoredFileError, read_verified, render_to_pdf, write_file
from werkkamer.core.tasks import send_or_leave_to_sweep

if TYPE_CHECKING:
    from werkkamer.accounts.models import User

logger = logging.getLogger(__name__)

NATIONAL_TEMPLATE = "publications/pdf/national_report.html"
REGION_TEMPLATE = "publications/pdf/region_report.html"


class PublicationFileError(RuntimeError):
    """The stored PDF is missing or no longer matches its recorded SHA-256."""


def publication_create(
    *, run: DistributionRun, title: str, summary: str, user: User
) -> tuple[Publication, bool]:
    """Publish the done run ``run``: freeze its report data and queue the PDF.

    Publishing a run that already has a live (not withdrawn) publication returns that one
    (``created`` is False): one run, one publication, one file.
    """
    if not run.is_done:
        raise ValidationError(
            {"run": _("Alleen een afgeronde berekening kan worden gepubliceerd.")}
        )
    with transaction.atomic():
        # Serialise concurrent publishes of the same run (the partial unique constraint is the
        # backstop): the second one waits here, then finds the first one's publication.
        DistributionRun.objects.select_for_update().filter(pk=run.pk).first()
        existing = Publication.objects.filter(run=run, withdrawn_at__isnull=True).first()
        if existing is not None:
            return existing, False
        publication = Publication(
            run=run,
            title=title,
            summary=summary,
            snapshot=publication_snapshot(run=run, previous=previous_publication()),
            created_by=user,
        )
        publication.full_clean()
        try:
            with transaction.atomic():
                publication.save()
        except IntegrityError:
            return Publication.objects.get(run=run, withdrawn_at__isnull=True), False
        transaction.on_commit(partial(publication_enqueue, publication_id=publication.pk))
    logger.info("publication %s of run %s queued", publication.pk, run.pk)
    return publication, True


def publication_enqueue(*, publication_id: int) -> bool:
    """Send the render task; a broker outage never fails the request (the sweep resends)."""
    from banenafspraak.publications.tasks import publication_render

    return send_or_leave_to_sweep(publication_render, publication_id, label="publication")


def _stale_before() -> datetime:
    return timezone.now() - timedelta(seconds=settings.BANENAFSPRAAK_PUBLICATION_STALE_AFTER)


def publication_file_name(publication_id: int) -> str:
    return f"publicaties/{publication_id}/verdeling-banenafspraak-{publication_id}.pdf"


def publication_render(*, publication_id: int) -> str:
    """Render and store the PDF of ``publication_id`` (the worker's task calls this).

    Returns "skipped" (missing, ready, or claimed by another worker), "ready" or "failed".
    Transient database errors give the claim back and propagate, so the task retries.
    """
    claimed = (
        Publication.objects.filter(pk=publication_id)
        .filter(
            Q(status=PublicationStatus.QUEUED)
            | Q(status=PublicationStatus.RENDERING, rendering_started_at__lt=_stale_before())
        )
        .update(
            status=PublicationStatus.RENDERING,
            rendering_started_at=timezone.now(),
            attempts=F("attempts") + 1,
            error="",
        )
    )
    if not claimed:
        return "skipped"
    publication = Publication.objects.get(pk=publication_id)
    try:
        with translation.override("nl"):
            _html, pdf = render_to_pdf(NATIONAL_TEMPLATE, report_context(publication))
        done = _store(publication_id, attempt=publication.attempts, pdf=pdf)
    except (OperationalError, InterfaceError):
        Publication.objects.filter(pk=publication_id, status=PublicationStatus.RENDERING).update(
            status=PublicationStatus.QUEUED
        )
        raise
    except Exception as exc:
        logger.exception("publication %s: PDF failed", publication_id)
        Publication.objects.filter(
            pk=publication_id, status=PublicationStatus.RENDERING, attempts=publication.attempts
        ).update(status=PublicationStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        return "failed"
    logger.info("publication %s: PDF %s", publication_id, "ready" if done else "not ours")
    return "ready" if done else "skipped"


def _store(publication_id: int, *, attempt: int, pdf: bytes) -> bool:
    """Write the file and mark the publication ready, only if ``attempt`` still holds the claim.

    The row lock keeps a worker that re-claims a stalled publication out until this commits
    (it then finds it ready); a worker whose claim was taken over writes nothing.
    """
    with transaction.atomic():
        mine = list(
            Publication.objects.select_for_update()
            .filter(pk=publication_id, status=PublicationStatus.RENDERING, attempts=attempt)
            .values_list("pk", flat=True)
        )
        if not mine:
            return False
        name = publication_file_name(publication_id)
        write_file(name, pdf)
        Publication.objects.filter(pk=publication_id).update(
            status=PublicationStatus.READY,
            pdf=name,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            pdf_size=len(pdf),
            published_at=timezone.now(),
        )
    return True


def publication_retry(*, publication: Publication) -> bool:
    """Queue a failed (or stalled) publication's PDF again. False when there is nothing to do."""
    with transaction.atomic():
        queued = (
            Publication.objects.filter(pk=publication.pk, withdrawn_at__isnull=True)
            .filter(
                Q(status=PublicationStatus.FAILED)
                | Q(status=PublicationStatus.QUEUED, created_at__lt=_stale_before())
                | Q(status=PublicationStatus.RENDERING, rendering_started_at__lt=_stale_before())
            )
            .update(status=PublicationStatus.QUEUED, rendering_started_at=None)
        )
        if queued:
            transaction.on_commit(partial(publication_enqueue, publication_id=publication.pk))
    return bool(queued)


def publication_withdraw(*, publication: Publication, user: User, reason: str = "") -> bool:
    """Mark the publication withdrawn (it stays on record, with its file). False if it was."""
    return bool(
        Publication.objects.filter(pk=publication.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_by=user, withdrawal_reason=reason[:300]
        )
    )


def publication_sweep() -> list[int]:
    """Beat: resend publications whose message never reached a worker, or whose worker died."""
    stale = list(
        Publication.objects.filter(withdrawn_at__isnull=True)
        .filter(
            Q(status=PublicationStatus.QUEUED, created_at__lt=_stale_before())
            | Q(status=PublicationStatus.RENDERING, rendering_started_at__lt=_stale_before())
        )
        .values_list("pk", flat=True)
    )
    for publication_id in stale:
        publication_enqueue(publication_id=publication_id)
    return stale


def publication_pdf_bytes(*, publication: Publication) -> bytes:
    """The stored PDF, after checking it against its recorded SHA-256."""
    try:
        return read_verified(publication.pdf.name or "", publication.pdf_sha256)
    except StoredFileError as exc:
        logger.error("publication %s: stored PDF missing or changed", publication.pk)
        raise PublicationFileError(f"publication {publication.pk}: {exc}") from exc


def region_report_pdf(*, publication: Publication, code: str) -> bytes | None:
    """A region's one-pager from the publication's snapshot (rendered on demand, cached).

    The cache key holds the Werkbedrijf's current facts, so a change there shows at once.
    """
    context = region_report_context(publication, code)
    if context is None:
        return None
    facts = hashlib.sha256(repr(context["werkbedrijf"]).encode()).hexdigest()[:16]
    key = (
        f"banenafspraak:region-report:{publication.pk}:{code}:{publication.pdf_sha256[:16]}:{facts}"
    )
    cached: bytes | None = cache.get(key)
    if cached is not None:
        return cached
    with translation.override("nl"):
        _html, pdf = render_to_pdf(REGION_TEMPLATE, context)
    cache.set(key, pdf, timeout=settings.BANENAFSPRAAK_REGION_REPORT_CACHE_SECONDS)
    return pdf
