from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regions.models import (
    Decision,
    Member,
    PlanAction,
    PlanSection,
    Realisation,
    Representative,
)
from werkkamer.core.validators import DECISION_CHARS, PLAN_SECTION_CHARS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionedForm(forms.ModelForm):
    """A model form carrying the version the editor started from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def with_version(self, version: int) -> VersionedForm:
        """The same input, unbound, offered again against ``version`` (after a conflict)."""
        form = type(self)(instance=self.instance, initial=self.changes())
        form.fields["version"].initial = version
        return form


class MemberForm(VersionedForm):
    class Meta:
        model = Member
        fields = ["name", "kind", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class RepresentativeForm(VersionedForm):
    class Meta:
        model = Representative
        fields = ["name", "role", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class DecisionForm(VersionedForm):
    class Meta:
        model = Decision
        fields = ["title", "status", "decided_on", "text"]
        widgets = {
            "decided_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 6, "maxlength": DECISION_CHARS}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.standard_point:
            # the wording of a standard beslispunt is fixed
            self.fields["title"].disabled = True


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Bijlage"), help_text=_("PDF, Word (DOCX) of Excel (XLSX)."))


class SectionForm(VersionedForm):
    class Meta:
        model = PlanSection
        fields = ["body"]
        # htmx honours autofocus in swapped content: the keyboard lands in the editor it opened
        widgets = {
            "body": forms.Textarea(
                attrs={"rows": 10, "autofocus": True, "maxlength": PLAN_SECTION_CHARS}
            )
        }


class ActionForm(VersionedForm):
    class Meta:
        model = PlanAction
        fields = ["title", "owner", "deadline", "status"]
        widgets = {"deadline": DateInput()}


# More extra jobs than the whole national target (125,000) is a typing error; the bound also
# keeps the number inside the database's integer range.
MAX_JOBS = 1_000_000


class GoalForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2014, max_value=2040)
    market = forms.IntegerField(label=_("Marktsector"), min_value=0, max_value=MAX_JOBS)
    government = forms.IntegerField(label=_("Overheid"), min_value=0, max_value=MAX_JOBS)


class BaseGoalFormSet(forms.BaseFormSet):
    def _kept(self) -> list[forms.Form]:
        return [
            form
            for form in self.forms
            if form.cleaned_data and not (self.can_delete and self._should_delete_form(form))
        ]

    def clean(self) -> None:
        # a form whose year was refused (e.g. 1999) has no year: its own error is shown
        years = [form.cleaned_data["year"] for form in self._kept() if "year" in form.cleaned_data]
        if len(years) != len(set(years)):
            raise forms.ValidationError(_("Elk jaar mag maar één keer voorkomen."))

    def goals(self) -> dict[int, tuple[int, int]]:
        return {
            form.cleaned_data["year"]: (
                form.cleaned_data["market"],
                form.cleaned_data["government"],
            )
            for form in self._kept()
        }


GoalFormSet = forms.formset_factory(GoalForm, formset=BaseGoalFormSet, extra=2, can_delete=True)


class RealisationForm(forms.ModelForm):
    class Meta:
        model = Realisation
        fields = ["year", "market", "government", "source"]

    def validate_unique(self) -> None:
        # a year entered again corrects the earlier figure (the service upserts)
        pass
