"""Loonwaarde: methods with validity, the method a region chose, certified assessors,
assessments with their tasks, and the minimum-wage table the LKS is computed from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from loonwaarde.validators import validate_no_bsn, validate_pseudonym

if TYPE_CHECKING:
    from datetime import date

    from werkkamer.accounts.models import User

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
MOTIVATION_MAX_LENGTH = 4000


def _valid_on(on: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": on})
    )


class ValidityPeriod(models.Model):
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(
        _("geldig tot en met"), null=True, blank=True, help_text=_("Leeg: zonder einddatum.")
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("De einddatum ligt vóór de begindatum.")}, code="period"
            )

    def is_valid_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


class MethodQuerySet(models.QuerySet["Method"]):
    def valid_on(self, on: date) -> MethodQuerySet:
        return self.filter(_valid_on(on))


class Method(ValidityPeriod):
    """A validated loonwaarde method (Talent6, Dariuz, ..., the national ULM since July 2021)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    national = models.BooleanField(
        _("landelijk"),
        default=False,
        help_text=_("Geldt in haar geldigheidsperiode voor elke regio (de ULM sinds 1 juli 2021)."),
    )
    source = models.CharField(_("bron"), max_length=300, blank=True)

    objects = MethodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loonwaardemethode")
        verbose_name_plural = _("loonwaardemethoden")
        ordering = ["-national", "name"]

    def __str__(self) -> str:
        return self.name


class RegionMethodChoice(ValidityPeriod):
    """Before the national method: the one method a region's Werkbedrijf chose, with its dates."""

    region = models.ForeignKey(
        "regions.Arbeidsmarktregio",
        verbose_name=_("arbeidsmarktregio"),
        on_delete=models.PROTECT,
        related_name="loonwaarde_method_choices",
    )
    method = models.ForeignKey(
        Method,
        verbose_name=_("methode"),
        on_delete=models.PROTECT,
        related_name="region_choices",
        limit_choices_to={"national": False},
    )
    decision = models.CharField(
        _("besluit van het Werkbedrijf"),
        max_length=300,
        help_text=_("Kenmerk of omschrijving van het besluit, met datum."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("methodekeuze van een regio")
        verbose_name_plural = _("methodekeuzes van regio's")
        ordering = ["region__code", "valid_from"]

    def __str__(self) -> str:
        return f"{self.region.code}: {self.method} ({self.valid_from:%d-%m-%Y})"

    def clean(self) -> None:
        super().clean()
        if not (self.region_id and self.method_id and self.valid_from):
            return
        if self.method.national:
            raise ValidationError(
                {"method": _("Een landelijke methode hoeft een regio niet te kiezen.")}
            )
        if not self.method.is_valid_on(self.valid_from):
            raise ValidationError(
                {"method": _("Deze methode is niet geldig op de begindatum van de keuze.")}
            )
        overlapping = RegionMethodChoice.objects.filter(region_id=self.region_id).exclude(
            pk=self.pk
        )
        if self.valid_until:
            overlapping = overlapping.filter(valid_from__lte=self.valid_until)
        overlapping = overlapping.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from)
        )
        if overlapping.exists():
            raise ValidationError(
                _("Deze regio heeft in (een deel van) deze periode al een andere methode gekozen."),
                code="overlap",
            )


class Certification(ValidityPeriod):
    """An assessor's certificate for one method (from the central register since July 2021)."""

    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loonwaardedeskundige"),
        on_delete=models.CASCADE,
        related_name="loonwaarde_certifications",
        limit_choices_to={"role": "assessor"},
    )
    method = models.ForeignKey(
        Method, verbose_name=_("methode"), on_delete=models.PROTECT, related_name="certifications"
    )
    number = models.CharField(_("certificaatnummer"), max_length=50)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificering")
        verbose_name_plural = _("certificeringen")
        ordering = ["assessor__email", "-valid_until"]
        constraints = [
            models.UniqueConstraint(fields=["method", "number"], name="lw_certificate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.number}"

    def clean(self) -> None:
        super().clean()
        if self.assessor_id and not self.assessor.is_assessor:
            raise ValidationError(
                {"assessor": _("Alleen gebruikers met de rol loonwaardedeskundige.")}
            )


class MinimumWage(models.Model):
    """The statutory minimum wage per hour (21 and older) from a date: data, with its source."""

    valid_from = models.DateField(_("geldig vanaf"), unique=True)
    hourly = models.DecimalField(
        _("bedrag per uur (€)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField(
        _("bron"),
        max_length=300,
        error_messages={
            "blank": _("Vermeld de bron (bijvoorbeeld het besluit in de Staatscourant)."),
        },
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wettelijk minimumloon")
        verbose_name_plural = _("wettelijke minimumlonen")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"€ {self.hourly} per uur vanaf {self.valid_from:%d-%m-%Y}"

    def clean(self) -> None:
        """Indexed twice a year: a wage starts on 1 January or 1 July, and is above € 0 (also
        in the admin)."""
        super().clean()
        errors = {}
        if self.valid_from and (self.valid_from.day != 1 or self.valid_from.month not in (1, 7)):
            errors["valid_from"] = _(
                "Het minimumloon wijzigt op 1 januari en 1 juli: kies een van die datums."
            )
        if self.hourly is not None and self.hourly <= 0:
            errors["hourly"] = _("Het bedrag per uur moet groter zijn dan € 0.")
        if errors:
            raise ValidationError(errors, code="invalid")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, user: User) -> AssessmentQuerySet:
        """Own for assessors, the region's for coordinators, the organisation's finalised ones
        for employers, all for staff."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_werkkamer_staff:
            return self.all()
        if user.is_assessor:
            return self.filter(assessor=user)
        if user.is_coordinator:
            return self.filter(region__in=user.regions.all())
        if user.is_employer and user.organisation_id:
            return self.filter(employer_id=user.organisation_id, status=Assessment.Status.FINAL)
        return self.none()

    def editable_by(self, user: User) -> AssessmentQuerySet:
        if not user.is_authenticated or not user.is_active or not user.is_assessor:
            return self.none()
        return self.filter(assessor=user, status=Assessment.Status.CONCEPT)

    def current(self) -> AssessmentQuerySet:
        """Finalised and not replaced by a finalised newer version."""
        return self.filter(status=Assessment.Status.FINAL).exclude(
            correction__status=Assessment.Status.FINAL
        )


class Assessment(models.Model):
    """A loonwaarde assessment at a workplace; finalised ones are read-only (a correction is a
    new version pointing at the previous one)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        FINAL = "definitief", _("definitief")

    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loonwaardedeskundige"),
        on_delete=models.PROTECT,
        related_name="loonwaarde_assessments",
    )
    candidate_reference = models.CharField(
        _("kenmerk kandidaat"),
        max_length=40,
        validators=[validate_pseudonym],
        help_text=_("Een pseudoniem kenmerk uit uw eigen dossier; nooit een BSN of naam."),
    )
    employer = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        related_name="loonwaarde_assessments",
    )
    region = models.ForeignKey(
        "regions.Arbeidsmarktregio",
        verbose_name=_("arbeidsmarktregio"),
        on_delete=models.PROTECT,
        related_name="loonwaarde_assessments",
    )
    method = models.ForeignKey(
        Method,
        verbose_name=_("methode"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    job_title = models.CharField(_("functie"), max_length=150, validators=[validate_no_bsn])
    workplace = models.CharField(
        _("werkplek"),
        max_length=200,
        validators=[validate_no_bsn],
        help_text=_("Afdeling en vestiging van de werkplek."),
    )
    observation_date = models.DateField(_("datum werkplekobservatie"))
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    loonwaarde = models.PositiveSmallIntegerField(_("loonwaarde (%)"), validators=PERCENT)
    motivation = models.TextField(
        _("motivering"),
        max_length=MOTIVATION_MAX_LENGTH,
        # a TextField's max_length binds only its form field: the validator binds the services
        validators=[MaxLengthValidator(MOTIVATION_MAX_LENGTH), validate_no_bsn],
    )
    reassessment_months = models.PositiveSmallIntegerField(
        _("termijn herbeoordeling (maanden)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    next_reassessment = models.DateField(_("volgende herbeoordeling"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONCEPT
    )
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("vorige versie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    # Set when finalised: a snapshot, so later edits to the wage table or the certificate do not
    # change a signed document.
    finalised_at = models.DateTimeField(_("definitief gemaakt"), null=True, blank=True)
    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certificering"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    minimum_wage_hourly = models.DecimalField(
        _("minimumloon per uur (€)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    minimum_wage_from = models.DateField(
        _("minimumloon geldig vanaf"),
        null=True,
        blank=True,
        help_text=_("De begindatum van het minimumloon waarmee de subsidie is vastgesteld."),
    )
    lks_monthly = models.DecimalField(
        _("LKS per maand (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    lks_yearly = models.DecimalField(
        _("LKS per jaar (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loonwaardebeoordeling")
        verbose_name_plural = _("loonwaardebeoordelingen")
        ordering = ["-observation_date", "-pk"]
        indexes = [models.Index(fields=["status", "next_reassessment"])]

    def __str__(self) -> str:
        return f"{self.candidate_reference} – {self.job_title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("loonwaarde:detail", kwargs={"pk": self.pk})

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class AssessmentTask(models.Model):
    """One task of the job: its share of working time and the person's T, K and I."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("beoordeling"), on_delete=models.CASCADE, related_name="tasks"
    )
    description = models.CharField(_("taak"), max_length=200, validators=[validate_no_bsn])
    share = models.DecimalField(
        _("aandeel werktijd (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    tempo = models.DecimalField(_("tempo (%)"), max_digits=5, decimal_places=2, validators=PERCENT)
    quality = models.DecimalField(
        _("kwaliteit (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    employability = models.DecimalField(
        _("inzetbaarheid (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.description


class Reminder(models.Model):
    """A re-assessment reminder that was sent: at most one per assessment and kind."""

    class Kind(models.TextChoices):
        DUE_SOON = "binnenkort", _("binnenkort")
        OVERDUE = "verlopen", _("verlopen")

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("beoordeling"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    sent_at = models.DateTimeField(_("verstuurd"), auto_now_add=True)
    recipients = models.TextField(_("ontvangers"), blank=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind"], name="lw_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.kind}"
