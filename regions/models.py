from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
        help_text=_("Er bestaat geen officiële lijst; Werkkamer-medewerkers vullen dit aan."),
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
