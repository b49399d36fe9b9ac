"""A distribution run published as a report: a frozen snapshot and exactly one PDF.

The table keeps its name from when the model lived in ``banenafspraak``
(``banenafspraak_publication``); the app's first migration moved only Django's state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from banenafspraak.models import PublicStateQuerySet, public_state_changed
from werkkamer.core.validators import NOTE_CHARS, max_text

if TYPE_CHECKING:
    from werkkamer.accounts.models import User


class PublicationStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RENDERING = "rendering", _("PDF wordt gemaakt")
    READY = "ready", _("gepubliceerd")
    FAILED = "failed", _("mislukt")


class PublicationQuerySet(PublicStateQuerySet, models.QuerySet["Publication"]):
    def visible_to(self, user: User) -> PublicationQuerySet:
        """Everyone sees published reports (also withdrawn ones, marked so); staff see all."""
        if user.is_authenticated and user.is_active and user.is_werkkamer_staff:
            return self.all()
        return self.filter(status=PublicationStatus.READY)

    def downloadable_by(self, user: User) -> PublicationQuerySet:
        """Whose files ``user`` may download: published and not withdrawn; staff all ready ones."""
        ready = self.filter(status=PublicationStatus.READY)
        if user.is_authenticated and user.is_active and user.is_werkkamer_staff:
            return ready
        return ready.filter(withdrawn_at__isnull=True)

    def public(self) -> PublicationQuerySet:
        return self.filter(status=PublicationStatus.READY, withdrawn_at__isnull=True)


class Publication(models.Model):
    """A distribution run published as a report: a frozen snapshot and exactly one PDF.

    The snapshot (``snapshot``) holds everything the report shows, taken when staff publish, so
    a later run, a renamed region or changed base data never alter what was published. The PDF
    is written once by the worker with its SHA-256 and never changes; withdrawing only marks it.
    """

    run = models.ForeignKey(
        "banenafspraak.DistributionRun",
        verbose_name=_("berekening"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(
        _("samenvatting"), max_length=NOTE_CHARS, validators=max_text(NOTE_CHARS)
    )
    snapshot = models.JSONField(_("vastgelegde gegevens"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.QUEUED,
    )
    pdf = models.FileField(_("PDF"), max_length=200, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("controlegetal PDF (SHA-256)"), max_length=64, blank=True)
    pdf_size = models.PositiveIntegerField(_("grootte (bytes)"), null=True, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("gepubliceerd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    rendering_started_at = models.DateTimeField(_("PDF gestart"), null=True, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("ingetrokken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.CharField(_("reden van intrekken"), max_length=300, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        db_table = "banenafspraak_publication"
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        ordering = ["-published_at", "-pk"]
        constraints = [
            # Publishing the same run twice gives the one publication (until it is withdrawn).
            models.UniqueConstraint(
                fields=["run"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="ba_one_live_publication_per_run",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        public_state_changed()

    def get_absolute_url(self) -> str:
        return reverse("banenafspraak:publication_detail", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        public_state_changed()
        return result

    @property
    def is_ready(self) -> bool:
        return self.status == PublicationStatus.READY

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_pending(self) -> bool:
        return self.status in (PublicationStatus.QUEUED, PublicationStatus.RENDERING)

    @property
    def is_demo(self) -> bool:
        return bool(self.snapshot.get("run", {}).get("is_demo"))
