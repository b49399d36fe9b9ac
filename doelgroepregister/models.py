"""The doelgroepregister: entries (BSN only as a keyed hash), imports of extracts, the check log.

No model here holds a plaintext BSN: ``bsn_hash`` is HMAC-SHA256 with the secret
``DOELGROEPREGISTER_BSN_KEY`` (see ``doelgroepregister.protection``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from werkkamer.accounts.models import User


def outside_transaction() -> str:
    """The database alias whose writes do not wait for (or roll back with) the current
    transaction: ``audit`` on PostgreSQL; on SQLite (development only) the default one."""
    return "audit" if "audit" in connections.settings else DEFAULT_DB_ALIAS


class Grondslag(models.TextChoices):
    """The ground for inclusion (Wfsv art. 38b). The codes are the ones used in extract files."""

    PW_WML = "pw", _("a. Participatiewet, niet in staat het minimumloon te verdienen")
    WSW = "wsw", _("b. Wsw-indicatie")
    WAJONG = "wajong", _("c. Wajong met arbeidsvermogen")
    AMVB = "amvb", _("d. Indicatie bij algemene maatregel van bestuur")
    PW_VERZOEK = "pw_verzoek", _("e. Participatiewet, vaststelling op eigen verzoek")
    OVERGANG = "overgang", _("f. Overgangsrecht (Wsw of Wajong op of na 1 januari 2013)")
    IVA = "iva", _("g. IVA met experimentele loondispensatie")
    WIW_ID = "wiw_id", _("WIW- of ID-baan")
    VSO = "vso", _("Schoolverlater voortgezet speciaal onderwijs (VSO)")
    PRO = "pro", _("Schoolverlater praktijkonderwijs (PrO)")
    LID2 = "lid2", _("Lid 2: ziek voor 18 jaar of tijdens studie, telt niet voor de Banenafspraak")


# In the register, but not counted for the Banenafspraak (only for the quotum).
NOT_COUNTED = frozenset({Grondslag.LID2})


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active_on(self, day: date) -> RegistrationQuerySet:
        """Entries whose interval [start_date, end_date] contains ``day`` (no end: open)."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Registration(models.Model):
    """One entry of the register. Natural key: (bsn_hash, grondslag, start_date)."""

    bsn_hash = models.CharField(_("BSN (versleutelde hash)"), max_length=64)
    grondslag = models.CharField(_("grondslag"), max_length=16, choices=Grondslag.choices)
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    region = models.ForeignKey(
        "regions.Arbeidsmarktregio",
        verbose_name=_("arbeidsmarktregio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registratie")
        verbose_name_plural = _("registraties")
        constraints = [
            models.UniqueConstraint(
                fields=["bsn_hash", "grondslag", "start_date"], name="dgr_registration_natural_key"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="dgr_registration_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        # never the hash in full: it is a pseudonym, still personal data
        return f"{self.get_grondslag_display()} {self.start_date}–{self.end_date or ''}"

    @property
    def counts_for_banenafspraak(self) -> bool:
        return self.grondslag not in NOT_COUNTED


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    VALIDATING = "validating", _("bezig met controleren")
    INVALID = "invalid", _("afgekeurd: fouten in het bestand")
    CHECKED = "checked", _("gecontroleerd, nog niet ingelezen")
    LOADING = "loading", _("bezig met inlezen")
    DONE = "done", _("ingelezen")
    FAILED = "failed", _("mislukt")


class RegisterImport(models.Model):
    """One uploaded extract and what became of it.

    The upload is parsed once: valid rows go, hashed, to ``staged_file`` (no plaintext BSN), bad
    rows to ``report_file``; the uploaded file itself is deleted right after parsing.
    """

    RUNNING = (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.LOADING)

    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    commit = models.BooleanField(
        _("inlezen"), default=False, help_text=_("Uit: alleen controleren (proefrun).")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    upload = models.FileField(_("upload"), upload_to="doelgroepregister/uploads/", blank=True)
    staged_file = models.FileField(upload_to="doelgroepregister/staged/", blank=True)
    report_file = models.FileField(upload_to="doelgroepregister/reports/", blank=True)
    total_bytes = models.PositiveBigIntegerField(default=0)
    processed_bytes = models.PositiveBigIntegerField(default=0)
    row_count = models.PositiveIntegerField(_("rijen"), default=0)
    error_count = models.PositiveIntegerField(_("fouten"), default=0)
    inserted = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("gewijzigd"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    message = models.TextField(_("melding"), blank=True)

    class Meta:
        verbose_name = _("import van het register")
        verbose_name_plural = _("imports van het register")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("doelgroepregister:import_detail", kwargs={"pk": self.pk})

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def progress_percent(self) -> int:
        if self.status in (ImportStatus.DONE, ImportStatus.CHECKED, ImportStatus.INVALID):
            return 100
        if not self.total_bytes:
            return 0
        return min(99, int(100 * self.processed_bytes / self.total_bytes))


class CheckOutcome(models.TextChoices):
    NOT_FOUND = "not_found", _("niet in het register")
    COUNTS = "counts", _("in het register, telt mee")
    NOT_COUNTED = "not_counted", _("in het register, telt niet mee voor de Banenafspraak")
    INVALID = "invalid", _("ongeldig BSN")
    RATE_LIMITED = "rate_limited", _("geweigerd: limiet bereikt")


FAILED_OUTCOMES = (CheckOutcome.INVALID, CheckOutcome.RATE_LIMITED)


class CheckKind(models.TextChoices):
    SINGLE = "single", _("enkele controle")
    BULK = "bulk", _("bulkcontrole")


class CheckLogQuerySet(models.QuerySet["CheckLog"]):
    def visible_to(self, user: User) -> CheckLogQuerySet:
        """Staff see every check; employers their organisation's; everybody else their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_werkkamer_staff:
            return self.all()
        if user.is_employer and user.organisation_id:
            return self.filter(organisation_id=user.organisation_id)
        return self.filter(user_id=user.pk)


class CheckLog(models.Model):
    """One check of one BSN. Written on its own connection (the ``audit`` database alias) so it
    survives a rolled-back request; who and which organisation are copied in, not linked, so the
    log also outlives deleted accounts."""

    created_at = models.DateTimeField(_("tijdstip"), db_index=True)
    user_id = models.BigIntegerField(_("gebruiker-id"), db_index=True)
    user_email = models.CharField(_("gebruiker"), max_length=254)
    role = models.CharField(_("rol"), max_length=20)
    organisation_id = models.BigIntegerField(_("organisatie-id"), null=True, db_index=True)
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    kind = models.CharField(_("soort"), max_length=8, choices=CheckKind.choices)
    bsn_hash = models.CharField(_("BSN (versleutelde hash)"), max_length=64, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=CheckOutcome.choices)
    end_date = models.DateField(_("einddatum registratie"), null=True, blank=True)

    objects = CheckLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("controle")
        verbose_name_plural = _("controlelog")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        when = localtime(self.created_at)
        return f"{when:%Y-%m-%d %H:%M} {self.user_email}: {self.get_outcome_display()}"
