from __future__ import annotations

from django import forms
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from banenafspraak.models import DistributionRun


class RunChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, run: DistributionRun) -> str:
        # Europe/Amsterdam, as on every page (the stored UTC value printed 18:23 for 19:23).
        finished = f"{localtime(run.finished_at):%d-%m-%Y %H:%M}" if run.finished_at else ""
        label = _("Versie %(pk)s, berekend %(when)s (controlegetal %(checksum)s…)") % {
            "pk": run.pk,
            "when": finished,
            "checksum": run.checksum[:12],
        }
        return f"{label} – {_('fictief (demo)')}" if run.is_demo else label


class PublicationForm(forms.Form):
    run = RunChoiceField(
        label=_("Berekening"),
        queryset=DistributionRun.objects.done().order_by("-pk"),
        empty_label=None,
        help_text=_("Alleen afgeronde berekeningen kunnen worden gepubliceerd."),
        error_messages={"invalid_choice": _("Kies een afgeronde berekening.")},
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geef de publicatie een titel.")},
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf een korte samenvatting.")},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekken"),
        max_length=300,
        error_messages={"required": _("Geef een reden op; die blijft bij de publicatie bewaard.")},
    )
