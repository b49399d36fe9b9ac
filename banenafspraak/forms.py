from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

import tablib

from banenafspraak.models import DistributionRun, NationalTarget, RegionFigures
from werkkamer.core.uploads import SpreadsheetRefused, XlsxLimits, xlsx_check

FORMATS = {"csv": "csv", "xlsx": "xlsx"}


class RegionFiguresForm(forms.ModelForm):
    class Meta:
        model = RegionFigures
        fields = [
            "employment",
            "employment_market",
            "employment_government",
            "unemployed",
            "wajong",
        ]


class NationalTargetForm(forms.ModelForm):
    class Meta:
        model = NationalTarget
        fields = ["year", "sector", "jobs", "source", "interpolated"]


NationalTargetFormSet = forms.modelformset_factory(
    NationalTarget, form=NationalTargetForm, extra=1, can_delete=True
)


# Base data has 35 rows and targets a few dozen: these bounds leave ample room and refuse
# anything that would make the import parse for long (every expensive input has a bound).
IMPORT_LIMITS = XlsxLimits(max_rows=1_000, max_columns=30, max_uncompressed_bytes=5 * 1024 * 1024)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_("Maak eerst een export: die heeft de juiste kolommen."),
    )

    def clean_file(self) -> tablib.Dataset:
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower()
        if extension not in FORMATS:
            raise forms.ValidationError(_("Kies een CSV- of XLSX-bestand."))
        limit = settings.BANENAFSPRAAK_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Het bestand is te groot: hoogstens %(kb)s kB.") % {"kb": limit // 1024}
            )
        content = upload.read(limit + 1)
        self.raw = (extension, content)
        try:
            return load_dataset(extension, content)
        except SpreadsheetRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        except Exception as exc:
            raise forms.ValidationError(
                _("Het bestand kon niet worden gelezen: %(error)s"), params={"error": exc}
            ) from exc


def load_dataset(extension: str, content: bytes) -> tablib.Dataset:
    """The file as a tablib Dataset, after bounding it (an XLSX is checked before parsing)."""
    if extension == "csv":
        text = content.decode("utf-8-sig")
        if text.count("\n") > IMPORT_LIMITS.max_rows:
            raise SpreadsheetRefused(
                _("Het bestand heeft te veel rijen: hoogstens %(max)s.")
                % {"max": IMPORT_LIMITS.max_rows}
            )
        return tablib.Dataset().load(text, format="csv")
    xlsx_check(content, limits=IMPORT_LIMITS)
    return tablib.Dataset().load(content, format="xlsx")


class BaseDataImportForm(ImportForm):
    reference_date = forms.DateField(
        label=_("Peildatum"),
        help_text=_("Bestaat er al een set met deze peildatum, dan wordt die bijgewerkt."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    source = forms.CharField(label=_("Bron"), max_length=300)
    note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=forms.Textarea
    )


def _exponent(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=4,
        decimal_places=2,
        initial=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(3)],
        help_text=_("0 = geen correctie; standaard 0,5."),
    )


class ParametersForm(forms.Form):
    alpha = _exponent(_("α (Wajong-correctie)"))
    beta = _exponent(_("β (werkloosheidscorrectie)"))


class MethodParametersForm(ParametersForm):
    note = forms.CharField(label=_("Toelichting"), max_length=2000, widget=forms.Textarea)


def run_label(run: DistributionRun) -> str:
    """A version as people recognise it: number, when it was computed (Europe/Amsterdam) and why."""
    when = localtime(run.finished_at or run.created_at)
    label = _("versie %(pk)s van %(when)s") % {
        "pk": run.pk,
        "when": date_format(when, "j F Y H:i"),
    }
    return f"{label} – {run.reason}" if run.reason else label


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Versie (oud)"), coerce=int)
    b = forms.TypedChoiceField(label=_("Versie (nieuw)"), coerce=int)
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int)
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("beide")), ("market", _("marktsector")), ("government", _("overheid"))],
    )

    def __init__(self, *args, runs, years, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(run.pk, run_label(run)) for run in runs]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices
        self.fields["year"].choices = [(y, str(y)) for y in years]
