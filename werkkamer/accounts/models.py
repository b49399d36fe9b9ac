from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_MISSING = _("naam niet vastgelegd")


class Role(models.TextChoices):
    STAFF = "staff", _("Werkkamer-medewerker")
    COORDINATOR = "coordinator", _("Regionaal coördinator")
    EMPLOYER = "employer", _("Werkgever")
    ASSESSOR = "assessor", _("Loonwaardedeskundige")


class Organisation(models.Model):
    """An employer (or other organisation) that users act for; identified by its KvK number."""

    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."))],
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} (KvK {self.kvk_number})"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.STAFF)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A portal user, logging in with e-mail. Invited by staff; there is no open sign-up.

    The role decides what the user may do; the scope (regions, organisation) decides on what.
    """

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    regions = models.ManyToManyField(
        "regions.Arbeidsmarktregio",
        verbose_name=_("regio's"),
        blank=True,
        related_name="coordinators",
        help_text=_("Voor regionaal coördinatoren: de regio's waarvoor zij werken."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Voor werkgevers: de organisatie waarvoor zij kandidaten controleren."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]

    def __str__(self) -> str:
        # People are shown by name. An account from before names were required keeps a blank
        # name (nothing is guessed from the address) and says so, with its address to tell it apart.
        return self.get_full_name() or f"{self.email} ({NAME_MISSING})"

    @property
    def display_name(self) -> str:
        """The name for signatures and PDFs: never the e-mail address."""
        return self.get_full_name() or str(NAME_MISSING)

    @property
    def is_werkkamer_staff(self) -> bool:
        return self.role == Role.STAFF

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_employer(self) -> bool:
        return self.role == Role.EMPLOYER

    @property
    def is_assessor(self) -> bool:
        return self.role == Role.ASSESSOR

    @property
    def mfa_required(self) -> bool:
        from django.conf import settings

        return self.role in settings.MFA_REQUIRED_ROLES
