from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from doelgroepregister.extract import UPLOAD_EXTENSIONS
from doelgroepregister.models import CheckKind, CheckOutcome, RemovalKind
from doelgroepregister.protection import bsn_clean
from werkkamer.core.validators import holds_bsn


class NoEchoTextInput(forms.TextInput):
    """Never renders the submitted value back: a BSN must not travel in a response."""

    def format_value(self, value):
        return None


class CheckForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN van de kandidaat of werknemer"),
        max_length=20,
        help_text=_("9 cijfers. Na de controle wordt het veld leeggemaakt."),
        widget=NoEchoTextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class _UploadForm(forms.Form):
    extensions = UPLOAD_EXTENSIONS
    max_mb = 10

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in self.extensions:
            raise forms.ValidationError(_("Kies een CSV- of XLSX-bestand."))
        if upload.size > self.max_mb * 1024 * 1024:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(max)s MB.") % {"max": self.max_mb}
            )
        return upload


class BulkCheckForm(_UploadForm):
    file = forms.FileField(
        label=_("Lijst met BSN's (CSV of XLSX)"),
        help_text=_(
            "Een kolom 'bsn' en eventueel een kolom 'kenmerk' (bijvoorbeeld uw personeelsnummer; "
            "zet daar geen BSN in)."
        ),
    )
    own_staff = forms.BooleanField(
        label=_(
            "Ik verklaar dat deze lijst alleen sollicitanten en (uitzend)werknemers van mijn "
            "organisatie bevat."
        )
    )


class ImportForm(_UploadForm):
    file = forms.FileField(
        label=_("Extract van het doelgroepregister (CSV of XLSX)"),
        help_text=_(
            "Kolommen: bsn, grondslag, begindatum, einddatum en eventueel regio (de CBS-code, "
            "bijvoorbeeld AM01). "
            "CSV met ; of , in UTF-8 of Windows-1252."
        ),
    )
    commit = forms.TypedChoiceField(
        label=_("Wat wilt u doen?"),
        choices=[
            ("0", _("Alleen controleren (proefrun); daarna kunt u inlezen")),
            ("1", _("Controleren en inlezen als het hele bestand foutloos is")),
        ],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )
    full_refresh = forms.BooleanField(
        label=_("Dit bestand is het volledige register (periodiek extract van UWV)"),
        required=False,
        help_text=_(
            "Wie niet meer in het bestand staat, wordt beëindigd. De proefrun laat per "
            "grondslag zien wat er nieuw, gewijzigd, ongewijzigd en beëindigd zou worden."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_mb = settings.DOELGROEPREGISTER_IMPORT_MAX_MB


class ConfirmEndForm(forms.Form):
    """Staff confirm a full refresh that ends more than the threshold by typing the number."""

    confirm_ended = forms.IntegerField(
        label=_("Aantal te beëindigen inschrijvingen"), required=False, min_value=0
    )

    def __init__(self, *args, register_import, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.register_import = register_import

    def clean_confirm_ended(self):
        typed = self.cleaned_data["confirm_ended"]
        if self.register_import.needs_confirmation and typed != self.register_import.ended:
            raise forms.ValidationError(
                _("Typ precies het aantal dat beëindigd wordt (%(n)s) om te bevestigen.")
                % {"n": self.register_import.ended}
            )
        return typed if self.register_import.needs_confirmation else None


class RemovalForm(forms.Form):
    """Staff end or remove one person's entries on request; the BSN only travels in a POST."""

    bsn = forms.CharField(
        label=_("BSN"),
        max_length=20,
        widget=NoEchoTextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(
        label=_("Wat moet er gebeuren?"),
        choices=RemovalKind.choices,
        initial=RemovalKind.END,
        widget=forms.RadioSelect,
        help_text=_(
            "Beëindigen: de inschrijvingen gelden vanaf vandaag niet meer en worden na de "
            "bewaartermijn verwijderd. Verwijderen: direct en volledig weg (bijvoorbeeld een "
            "verzoek tot verwijdering of een inschrijving die nooit had mogen bestaan)."
        ),
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: verzoek van de persoon, correctie door UWV (met kenmerk)."),
    )

    def clean_bsn(self) -> str:
        return bsn_clean(self.cleaned_data["bsn"])  # the one canonical form, or invalid

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"]
        if holds_bsn(reason):  # any spelling: ¹²³, １２３, "12 123 456 782", "123/456/782"
            raise ValidationError(_("Zet geen BSN in de reden: die wordt bewaard."))
        return reason


class CheckLogFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    user = forms.CharField(label=_("Gebruiker (e-mail)"), required=False, max_length=254)
    organisation = forms.CharField(label=_("Organisatie"), required=False, max_length=200)
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", _("alle"))] + CheckOutcome.choices
    )
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("alle"))] + CheckKind.choices
    )
