from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from werkkamer.core.validators import DECISION_CHARS, PLAN_SECTION_CHARS, max_text

if TYPE_CHECKING:
    from werkkamer.accounts.models import User


class RegionQuerySet(models.QuerySet["Arbeidsmarktregio"]):
    def editable_by(self, user: User) -> RegionQuerySet:
        """Regions whose plans and data ``user`` may edit: all for staff, own for coordinators."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_werkkamer_staff:
            return self.all()
        if user.is_coordinator:
            return self.filter(pk__in=user.regions.values("pk"))
        return self.none()


class Arbeidsmarktregio(models.Model):
    """One of the 35 labour-market regions, identified by its CBS code (AM01..AM38, with gaps)."""

    code = models.CharField(
        _("CBS-code"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^AM\d{2}$", _("Een regiocode heeft de vorm AM01."))],
    )
    name = models.CharField(_("naam"), max_length=100)
    centrumgemeente = models.ForeignKey(
        "Gemeente",
        verbose_name=_("centrumgemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Aangewezen door de minister van SZW (Regeling SUWI). Waar die nog niet is "
            "vastgelegd, vullen Werkkamer-medewerkers haar aan."
        ),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("arbeidsmarktregio")
        verbose_name_plural = _("arbeidsmarktregio's")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("regions:detail", kwargs={"code": self.code})

    def clean(self) -> None:
        if self.centrumgemeente_id and self.centrumgemeente.region_id != self.pk:
            raise ValidationError(
                {"centrumgemeente": _("De centrumgemeente moet in deze regio liggen.")}
            )


class Gemeente(models.Model):
    """A municipality (CBS code GMxxxx) in its labour-market region (boundaries of 2025)."""

    code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een gemeentecode heeft de vorm GM0014."))],
    )
    name = models.CharField(_("naam"), max_length=100)
    region = models.ForeignKey(
        Arbeidsmarktregio,
        verbose_name=_("arbeidsmarktregio"),
        on_delete=models.PROTECT,
        related_name="gemeenten",
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# --- Werkbedrijf ------------------------------------------------------------------------------
# One per region: its members (organisations with representatives), its decisions and its action
# plan. Editable rows carry a ``version`` for optimistic locking (services compare and bump it) and
# a simple-history table for the audit trail.


class WerkbedrijfQuerySet(models.QuerySet["Werkbedrijf"]):
    def editable_by(self, user: User) -> WerkbedrijfQuerySet:
        return self.filter(region__in=Arbeidsmarktregio.objects.editable_by(user))


class Werkbedrijf(models.Model):
    """The regional Werkbedrijf (Besluit SUWI art. 2.3): a network of the region's partners."""

    region = models.OneToOneField(
        Arbeidsmarktregio,
        verbose_name=_("arbeidsmarktregio"),
        on_delete=models.PROTECT,
        related_name="werkbedrijf",
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = WerkbedrijfQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Werkbedrijf")
        verbose_name_plural = _("Werkbedrijven")
        ordering = ["region__code"]

    def __str__(self) -> str:
        return self.name or gettext("Werkbedrijf %(region)s") % {"region": self.region.name}

    def get_absolute_url(self) -> str:
        return reverse("regions:werkbedrijf", kwargs={"code": self.region.code})


class MemberKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    UWV = "uwv", _("UWV")
    WERKGEVERS = "werkgevers", _("Werkgeversorganisatie")
    WERKNEMERS = "werknemers", _("Werknemersorganisatie")
    SW_BEDRIJF = "sw_bedrijf", _("SW-bedrijf")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    OTHER = "other", _("Overig")


class DatedQuerySet(models.QuerySet):
    def active_on(self, day: date) -> DatedQuerySet:
        return self.filter(
            models.Q(start_date__lte=day),
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day),
        )


class DatedModel(models.Model):
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum ligt vóór de begindatum.")})


class Member(DatedModel):
    """An organisation taking part in the Werkbedrijf, from ``start_date`` until ``end_date``."""

    werkbedrijf = models.ForeignKey(
        Werkbedrijf, verbose_name=_("Werkbedrijf"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("organisatie"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=MemberKind.choices)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class RepresentativeRole(models.TextChoices):
    CHAIR = "chair", _("Voorzitter")
    MEMBER = "member", _("Lid")
    AMBASSADOR = "ambassador", _("Ambassadeur")


class Representative(DatedModel):
    """A person representing a member organisation in the Werkbedrijf."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="representatives",
    )
    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("rol"), max_length=20, choices=RepresentativeRole.choices)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vertegenwoordiger")
        verbose_name_plural = _("vertegenwoordigers")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


# --- Decisions --------------------------------------------------------------------------------


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PREPARING = "preparing", _("In voorbereiding")
    TAKEN = "taken", _("Genomen")


class Decision(models.Model):
    """A decision of the Werkbedrijf: one of the five standard beslispunten or a free one."""

    werkbedrijf = models.ForeignKey(
        Werkbedrijf,
        verbose_name=_("Werkbedrijf"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    standard_point = models.PositiveSmallIntegerField(
        _("standaard beslispunt"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("1 tot en met 5: de beslispunten bij de start van het Werkbedrijf."),
    )
    title = models.CharField(_("onderwerp"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    decided_on = models.DateField(_("datum besluit"), null=True, blank=True)
    text = models.TextField(_("besluit"), blank=True, validators=max_text(DECISION_CHARS))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = [models.F("standard_point").asc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkbedrijf", "standard_point"],
                condition=models.Q(standard_point__isnull=False),
                name="regions_one_standard_point_each",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.status == DecisionStatus.TAKEN and not self.decided_on:
            raise ValidationError({"decided_on": _("Een genomen besluit heeft een datum.")})


def attachment_path(instance: DecisionAttachment, filename: str) -> str:
    # A random name: the stored path reveals nothing and cannot be guessed; the original name is
    # kept in the row. Files live under MEDIA_ROOT, which no URL serves.
    return f"werkbedrijf/besluiten/{uuid.uuid4().hex}"


class DecisionAttachment(models.Model):
    """A PDF, DOCX or XLSX file with a decision, streamed only to the region's editors."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("besluit"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("bestand"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=4)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


# --- Action plan ------------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    ADOPTED = "adopted", _("Vastgesteld")


class PlanPdfStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RENDERING = "rendering", _("wordt gemaakt")
    READY = "ready", _("klaar")
    FAILED = "failed", _("mislukt")


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def adopted(self) -> ActionPlanQuerySet:
        return self.filter(status=PlanStatus.ADOPTED)

    def visible_to(self, user: User) -> ActionPlanQuerySet:
        """Adopted plans for everyone; drafts only for the region's editors."""
        return self.filter(
            models.Q(status=PlanStatus.ADOPTED)
            | models.Q(werkbedrijf__in=Werkbedrijf.objects.editable_by(user))
        )


class ActionPlan(models.Model):
    """The regional action plan (plan van aanpak / marktbewerkingsplan).

    A draft is edited section by section; once adopted (vastgesteld) it never changes again and
    the next draft starts as a copy of it (``based_on``).
    """

    werkbedrijf = models.ForeignKey(
        Werkbedrijf, verbose_name=_("Werkbedrijf"), on_delete=models.CASCADE, related_name="plans"
    )
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("gebaseerd op"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # What the plan was adopted against, kept as data: the region's garantiebanen
    # allocation then, ``{"year": {"market": m, "government": g, "total": t}}``, and its run.
    adopted_allocation = models.JSONField(
        _("verdeling bij vaststelling"), null=True, blank=True, editable=False
    )
    adopted_allocation_run = models.PositiveIntegerField(
        _("versie van de verdeling bij vaststelling"), null=True, blank=True, editable=False
    )
    # The adopted plan's PDF: rendered once by the worker, stored with its SHA-256, served as is.
    pdf_status = models.CharField(
        _("status PDF"), max_length=10, choices=PlanPdfStatus.choices, blank=True, editable=False
    )
    pdf = models.FileField(_("PDF"), max_length=200, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("controlegetal PDF (SHA-256)"), max_length=64, blank=True)
    pdf_size = models.PositiveIntegerField(_("grootte PDF (bytes)"), null=True, blank=True)
    pdf_attempts = models.PositiveSmallIntegerField(_("pogingen PDF"), default=0)
    pdf_queued_at = models.DateTimeField(_("PDF aangevraagd"), null=True, blank=True)
    pdf_started_at = models.DateTimeField(_("PDF gestart"), null=True, blank=True)
    pdf_error = models.TextField(_("foutmelding PDF"), blank=True)

    objects = ActionPlanQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "pdf_status",
            "pdf",
            "pdf_sha256",
            "pdf_size",
            "pdf_attempts",
            "pdf_queued_at",
            "pdf_started_at",
            "pdf_error",
        ]
    )

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkbedrijf"],
                condition=models.Q(status="draft"),
                name="regions_one_draft_plan_per_werkbedrijf",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "regions:plan_detail", kwargs={"code": self.werkbedrijf.region.code, "pk": self.pk}
        )

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def pdf_is_ready(self) -> bool:
        return self.pdf_status == PlanPdfStatus.READY


class SectionKey(models.TextChoices):
    """The standard sections of a plan van aanpak (DOMAIN.md, Programmaraad's handreiking)."""

    DEMAND_SUPPLY = "vraag_aanbod", _("Vraag en aanbod in de regio")
    LABOUR_MARKET = "arbeidsmarkt", _("De regionale arbeidsmarkt: ontwikkelingen en plannen")
    EMPLOYER_SERVICES = "werkgevers", _("Werkgeversdienstverlening")
    BASIC_PACKAGE = "basispakket", _("Instrumenten in het basispakket")
    TARGETS = "doelen", _("Doelstellingen")


class PlanSection(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections"
    )
    key = models.CharField(_("onderdeel"), max_length=20, choices=SectionKey.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"), editable=False)
    body = models.TextField(_("tekst"), blank=True, validators=max_text(PLAN_SECTION_CHARS))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("onderdeel van het plan")
        verbose_name_plural = _("onderdelen van het plan")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="regions_one_section_per_key")
        ]

    def __str__(self) -> str:
        return self.get_key_display()


class YearFigures(models.Model):
    """Garantiebanen of one year, split into the market and government sectors."""

    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2014), MaxValueValidator(2040)]
    )
    market = models.PositiveIntegerField(_("marktsector"))
    government = models.PositiveIntegerField(_("overheid"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.year)

    @property
    def total(self) -> int:
        return self.market + self.government


class PlanGoal(YearFigures):
    """The plan's goal for one year: extra garantiebanen in the market and government sectors."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="regions_one_goal_per_year")
        ]


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    ONGOING = "ongoing", _("Loopt")
    DONE = "done", _("Afgerond")
    DROPPED = "dropped", _("Vervallen")


class PlanAction(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("actie"), max_length=300)
    owner = models.CharField(_("eigenaar"), max_length=200)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title


class Realisation(YearFigures):
    """Garantiebanen realised in the region in a year, as entered by its coordinators."""

    werkbedrijf = models.ForeignKey(
        Werkbedrijf,
        verbose_name=_("Werkbedrijf"),
        on_delete=models.CASCADE,
        related_name="realisations",
    )
    source = models.CharField(_("bron"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisatie")
        verbose_name_plural = _("realisaties")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkbedrijf", "year"], name="regions_one_realisation_per_year"
            )
        ]
