"""The doelgroepregister: entries (BSN only as a keyed hash), imports of extracts, the check log.

No model here holds a plaintext BSN: ``bsn_hash`` is HMAC-SHA256 with the secret
``DOELGROEPREGISTER_BSN_KEY`` (see ``doelgroepregister.protection``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
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
    CANCELLED = "cancelled", _("geannuleerd")


class RegisterImport(models.Model):
    """One uploaded extract and what became of it.

    The upload is parsed once: valid rows go, hashed, to ``staged_file`` (no plaintext BSN), bad
    rows to ``report_file``; the uploaded file itself is deleted right after parsing.
    """

    RUNNING = (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.LOADING)
    CLAIMED = (ImportStatus.VALIDATING, ImportStatus.LOADING)  # a worker is at it (or died)

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
    full_refresh = models.BooleanField(
        _("volledig register"),
        default=False,
        help_text=_(
            "Het bestand is het hele register: wie er niet meer in staat, wordt beëindigd."
        ),
    )
    # A full refresh: the entries it ends (or would end), the entries valid before it, and the
    # number staff typed to confirm ending more than DOELGROEPREGISTER_REFRESH_MAX_END_PERCENT.
    ended = models.PositiveIntegerField(_("beëindigd"), default=0)
    active_before = models.PositiveIntegerField(default=0)
    confirmed_ended = models.PositiveIntegerField(null=True, blank=True)
    # {grondslag: {"new": n, "changed": n, "unchanged": n, "ended": n}}
    per_grondslag = models.JSONField(default=dict, blank=True)
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
    # Each claim by a worker counts an attempt; the worker writes a heartbeat with its progress.
    # A claimed import without a recent heartbeat lost its worker: the sweep queues it again, or
    # fails it after DOELGROEPREGISTER_IMPORT_MAX_ATTEMPTS.
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    heartbeat_at = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)

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
    def is_stalled(self) -> bool:
        """Claimed, but its worker has given no sign of life for too long (it died)."""
        stuck_before = timezone.now() - timedelta(
            seconds=settings.DOELGROEPREGISTER_IMPORT_STUCK_AFTER
        )
        return (
            self.status in self.CLAIMED
            and self.heartbeat_at is not None
            and self.heartbeat_at < stuck_before
        )

    @property
    def may_retry(self) -> bool:
        """Stalled, or a failed load of a clean dry run (whose staged rows are kept)."""
        return self.is_stalled or (
            self.status == ImportStatus.FAILED
            and self.commit
            and not self.upload
            and bool(self.staged_file)
        )

    @property
    def may_cancel(self) -> bool:
        return (
            self.status in (ImportStatus.QUEUED, ImportStatus.CHECKED)
            or self.is_stalled
            or (self.status == ImportStatus.FAILED and bool(self.staged_file))
        )

    @property
    def needs_confirmation(self) -> bool:
        """A full refresh that ends more than the safety threshold: staff type the number."""
        limit = settings.DOELGROEPREGISTER_REFRESH_MAX_END_PERCENT
        return self.full_refresh and self.ended * 100 > limit * self.active_before

    @property
    def differences(self) -> list[tuple[str, dict]]:
        """(grondslag label, counts) in the order of ``Grondslag``, for the grondslagen seen."""
        return [
            (g.label, self.per_grondslag[g.value]) for g in Grondslag if g in self.per_grondslag
        ]

    @property
    def progress_percent(self) -> int:
        if self.status in (ImportStatus.DONE, ImportStatus.CHECKED, ImportStatus.INVALID):
            return 100
        if not self.total_bytes:
            return 0
        return min(99, int(100 * self.processed_bytes / self.total_bytes))


class RemovalKind(models.TextChoices):
    END = "end", _("beëindigd")
    DELETE = "delete", _("verwijderd")


class RegisterRemoval(models.Model):
    """Staff ended or removed one person's entries on request: who, why, how many. The person
    only as the keyed hash (never the BSN); the user copied in, like the check log."""

    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    user_id = models.BigIntegerField(_("gebruiker-id"))
    user_email = models.CharField(_("gebruiker"), max_length=254)
    bsn_hash = models.CharField(_("BSN (versleutelde hash)"), max_length=64)
    kind = models.CharField(_("soort"), max_length=8, choices=RemovalKind.choices)
    reason = models.CharField(_("reden"), max_length=500)
    entries = models.PositiveIntegerField(_("inschrijvingen"))

    class Meta:
        verbose_name = _("verwijdering op verzoek")
        verbose_name_plural = _("verwijderingen op verzoek")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user_email}: {self.get_kind_display()}"


class CheckOutcome(models.TextChoices):
    NOT_FOUND = "not_found", _("niet in het register")
    COUNTS = "counts", _("in het register, telt mee")
    NOT_COUNTED = "not_counted", _("in het register, telt niet mee voor de Banenafspraak")
    INVALID = "invalid", _("ongeldig BSN")
    RATE_LIMITED = "rate_limited", _("geweigerd: limiet bereikt")
    OVER_BUDGET = "over_budget", _("geweigerd: dagbudget op")


FAILED_OUTCOMES = (CheckOutcome.INVALID, CheckOutcome.RATE_LIMITED, CheckOutcome.OVER_BUDGET)
# Outcomes that told the user something about the register: these spend the budgets.
ANSWERED_OUTCOMES = (CheckOutcome.NOT_FOUND, CheckOutcome.COUNTS, CheckOutcome.NOT_COUNTED)


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
    # Enough to trace a check back to the person the user meant, never the number itself.
    bsn_masked = models.CharField(_("BSN (laatste cijfers)"), max_length=12, blank=True)
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
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
