"""Base data, national targets, method parameters and the versioned distribution runs.

A ``DistributionRun`` is the published result: its inputs are a snapshot (JSON, with a checksum),
its allocations rows per region × year × sector. A done run never changes; the current
distribution is the latest done run (``DistributionRun.objects.current()``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from banenafspraak import public_cache
from banenafspraak.distribution import GOVERNMENT, MARKET
from werkkamer.core.validators import NOTE_CHARS, max_text

if TYPE_CHECKING:
    from werkkamer.accounts.models import User


class Sector(models.TextChoices):
    MARKET = MARKET, _("marktsector")
    GOVERNMENT = GOVERNMENT, _("overheid")


class BaseDataSetQuerySet(models.QuerySet["BaseDataSet"]):
    def active(self) -> BaseDataSet | None:
        """The data set the distribution uses: the latest reference date."""
        return self.order_by("-reference_date", "-pk").first()


class BaseDataSet(models.Model):
    """Base data per region at one reference date, from one source (e.g. CBS StatLine 70072NED)."""

    reference_date = models.DateField(_("peildatum"), unique=True)
    source = models.CharField(_("bron"), max_length=300)
    note = models.TextField(_("toelichting"), blank=True, validators=max_text(NOTE_CHARS))
    is_demo = models.BooleanField(
        _("fictief (demo)"), default=False, help_text=_("Gegenereerde demogegevens, niet echt.")
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = BaseDataSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("basisgegevensset")
        verbose_name_plural = _("basisgegevenssets")
        ordering = ["-reference_date"]

    def __str__(self) -> str:
        label = f"{self.reference_date:%d-%m-%Y} ({self.source})"
        return f"{label} – {_('fictief (demo)')}" if self.is_demo else label


def _grouped(number: int) -> str:
    """1234567 as 1.234.567 (Dutch thousands separators)."""
    return f"{number:,}".replace(",", ".")


class RegionFigures(models.Model):
    """The figures of one region in a base data set (DOMAIN.md, step 1 of the method)."""

    dataset = models.ForeignKey(
        BaseDataSet,
        verbose_name=_("basisgegevensset"),
        on_delete=models.CASCADE,
        related_name="figures",
    )
    region = models.ForeignKey(
        "regions.Arbeidsmarktregio",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="banenafspraak_figures",
    )
    employment = models.PositiveIntegerField(
        _("werkgelegenheid (banen van werknemers)"), help_text=_("Totaal, alle sectoren.")
    )
    employment_market = models.PositiveIntegerField(
        _("werkgelegenheid marktsector"), null=True, blank=True
    )
    employment_government = models.PositiveIntegerField(
        _("werkgelegenheid overheid"), null=True, blank=True
    )
    unemployed = models.PositiveIntegerField(_("werkloosheid (aantal werklozen)"))
    wajong = models.PositiveIntegerField(_("aantal Wajongers"))

    class Meta:
        verbose_name = _("regiocijfers")
        verbose_name_plural = _("regiocijfers")
        ordering = ["region__code"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "region"], name="ba_figures_one_per_region")
        ]

    def __str__(self) -> str:
        return f"{self.region} – {self.dataset}"

    def clean(self) -> None:
        market, government = self.employment_market, self.employment_government
        if self.employment is None:
            return
        if market is not None and government is not None:
            if market + government != self.employment:
                raise ValidationError(
                    _(
                        "Marktsector (%(market)s) en overheid (%(government)s) samen zijn "
                        "%(sum)s, maar de totale werkgelegenheid is %(total)s. Die moeten gelijk "
                        "zijn."
                    )
                    % {
                        "market": _grouped(market),
                        "government": _grouped(government),
                        "sum": _grouped(market + government),
                        "total": _grouped(self.employment),
                    }
                )
        elif (market or 0) + (government or 0) > self.employment:
            raise ValidationError(
                _("Markt en overheid samen kunnen niet meer zijn dan de totale werkgelegenheid.")
            )


class NationalTarget(models.Model):
    """The cumulative national target for a year and sector: extra jobs against end 2012."""

    year = models.PositiveSmallIntegerField(
        _("jaar (eind)"), validators=[MinValueValidator(2013), MaxValueValidator(2100)]
    )
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices)
    jobs = models.PositiveIntegerField(_("extra banen (cumulatief)"))
    source = models.CharField(_("bron"), max_length=300, blank=True)
    interpolated = models.BooleanField(
        _("geïnterpoleerd"), default=False, help_text=_("Niet in een bron gevonden, afgeleid.")
    )

    class Meta:
        verbose_name = _("landelijke doelstelling")
        verbose_name_plural = _("landelijke doelstellingen")
        ordering = ["year", "sector"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sector"], name="ba_target_one_per_year_sector")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_sector_display()}: {self.jobs}"


class MethodParametersQuerySet(models.QuerySet["MethodParameters"]):
    def active(self) -> MethodParameters | None:
        return self.order_by("-version").first()


class MethodParameters(models.Model):
    """A version of the method's parameters (α: Wajong correction, β: unemployment correction).

    Staff changing a parameter add a new version; the highest version is the one in use.
    """

    version = models.PositiveIntegerField(_("versie"), unique=True)
    alpha = models.DecimalField(
        _("α (Wajong-correctie)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(3)],
    )
    beta = models.DecimalField(
        _("β (werkloosheidscorrectie)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(3)],
    )
    note = models.TextField(_("toelichting"), blank=True, validators=max_text(NOTE_CHARS))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = MethodParametersQuerySet.as_manager()

    class Meta:
        verbose_name = _("methodeparameters")
        verbose_name_plural = _("methodeparameters")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}: α={self.alpha}, β={self.beta}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


def public_state_changed() -> None:
    """The public pages and the API key their caches on runs and publications: every write to
    either tells them (``public_cache.remembered``), now and once more after the commit."""
    public_cache.state_changed()
    connection = transaction.get_connection()
    if not any(f is public_cache.state_changed for _, f, *_ in connection.run_on_commit):
        transaction.on_commit(public_cache.state_changed)  # once per transaction


class PublicStateQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        changed = super().update(**kwargs)
        if changed:
            public_state_changed()
        return changed

    def delete(self):
        result = super().delete()
        public_state_changed()
        return result


class DistributionRunQuerySet(PublicStateQuerySet, models.QuerySet["DistributionRun"]):
    def done(self) -> DistributionRunQuerySet:
        return self.filter(status=RunStatus.DONE)

    def current(self) -> DistributionRun | None:
        """The published distribution: the latest done run (by creation, so a slow older run
        finishing after a newer one never takes its place; failed runs never count)."""
        return self.done().order_by("-pk").first()

    def pending(self) -> DistributionRunQuerySet:
        return self.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])

    def visible_to(self, user: User) -> DistributionRunQuerySet:
        """Everyone sees done runs; Werkkamer staff also see queued, running and failed ones."""
        if user.is_authenticated and user.is_active and user.is_werkkamer_staff:
            return self.all()
        return self.done()


class DistributionRun(models.Model):
    """One computation of the distribution: inputs snapshot, checksum, status and allocations."""

    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    reason = models.CharField(_("aanleiding"), max_length=200, blank=True)
    dataset = models.ForeignKey(
        BaseDataSet,
        verbose_name=_("basisgegevensset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
    )
    method = models.ForeignKey(
        MethodParameters,
        verbose_name=_("methodeparameters"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
    )
    # The snapshot below is what the run used; the foreign keys above are only for navigation.
    inputs = models.JSONField(_("invoer"), null=True, blank=True)
    checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64, blank=True)
    algorithm_version = models.CharField(_("versie rekenmethode"), max_length=20, blank=True)
    method_version = models.PositiveIntegerField(_("versie parameters"), null=True, blank=True)
    alpha = models.DecimalField(_("α"), max_digits=4, decimal_places=2, null=True, blank=True)
    beta = models.DecimalField(_("β"), max_digits=4, decimal_places=2, null=True, blank=True)
    is_demo = models.BooleanField(_("fictief (demo)"), default=False)
    error = models.TextField(_("foutmelding"), blank=True)
    created_at = models.DateTimeField(_("aangevraagd"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)

    objects = DistributionRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("verdelingsberekening")
        verbose_name_plural = _("verdelingsberekeningen")
        ordering = ["-pk"]
        constraints = [
            # Coalescing: at most one queued run; every change joins it until a worker claims it.
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="queued"), name="ba_one_queued_run"
            ),
        ]

    def __str__(self) -> str:
        return _("Verdeling versie %(pk)s (%(status)s)") % {
            "pk": self.pk,
            "status": self.get_status_display(),
        }

    def save(self, *args, **kwargs) -> None:
        _refuse_if_done(self.pk)
        super().save(*args, **kwargs)
        public_state_changed()

    def get_absolute_url(self) -> str:
        return reverse("banenafspraak:run_detail", kwargs={"pk": self.pk})

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        _refuse_if_done(self.pk)
        result = super().delete(*args, **kwargs)
        public_state_changed()
        return result

    @property
    def is_done(self) -> bool:
        return self.status == RunStatus.DONE


class ImmutableRunError(RuntimeError):
    """A done run and its allocations are a published version: they never change."""


def _refuse_if_done(run_pk: int | None) -> None:
    # A data-integrity guard, not business logic: nothing may rewrite a published version.
    if run_pk and DistributionRun.objects.filter(pk=run_pk, status=RunStatus.DONE).exists():
        raise ImmutableRunError(f"distribution run {run_pk} is done and cannot change")


class RegionAllocation(models.Model):
    """The jobs a done run allocates to one region for one year and sector."""

    run = models.ForeignKey(
        DistributionRun,
        verbose_name=_("berekening"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    region = models.ForeignKey(
        "regions.Arbeidsmarktregio",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="banenafspraak_allocations",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices)
    jobs = models.PositiveIntegerField(_("banen"))
    share = models.DecimalField(_("aandeel"), max_digits=13, decimal_places=12)

    class Meta:
        verbose_name = _("regionale toedeling")
        verbose_name_plural = _("regionale toedelingen")
        ordering = ["region__code", "year", "sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "region", "year", "sector"], name="ba_allocation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region.code} {self.year} {self.sector}: {self.jobs}"

    def save(self, *args, **kwargs) -> None:
        _refuse_if_done(self.run_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_done(self.run_id)
        return super().delete(*args, **kwargs)


# --- imports waiting for confirmation: the upload lives here, not in the session ---------------


class PendingImport(models.Model):
    """An uploaded base-data or targets file between its preview and the staff's confirmation.

    The session holds only this row's id. The row is deleted on confirm and on cancel, and the
    beat task ``pending_import_purge`` deletes rows older than the configured minutes.
    """

    kind = models.CharField(_("soort"), max_length=20)
    extension = models.CharField(_("bestandstype"), max_length=4)
    content = models.BinaryField(_("inhoud"))
    options = models.JSONField(_("keuzes"), default=dict)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("geüpload door"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        verbose_name = _("import in afwachting")
        verbose_name_plural = _("imports in afwachting")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"
