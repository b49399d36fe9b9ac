from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from loonwaarde import subsidy
from loonwaarde.models import Assessment, AssessmentTask, Method
from loonwaarde.services import AssessmentInput, TaskInput

BLANK_TASK_ROWS = 5


class MinimumWageForm(forms.Form):
    valid_from = forms.DateField(
        label=_("Geldig vanaf"),
        help_text=_("1 januari of 1 juli."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hourly = forms.DecimalField(
        label=_("Bedrag per uur (€), 21 jaar en ouder"),
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
        localize=True,
    )
    source = forms.CharField(
        label=_("Bron"),
        max_length=300,
        help_text=_("Het besluit of de publicatie van het ministerie van SZW, met datum."),
    )
    confirm = forms.BooleanField(
        label=_("Ik heb het bedrag gecontroleerd: het is lager dan het vorige, of veel hoger."),
        required=False,
    )


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = [
            "candidate_reference",
            "employer",
            "region",
            "method",
            "job_title",
            "workplace",
            "observation_date",
            "hours_per_week",
            "reassessment_months",
            "motivation",
        ]
        widgets = {
            "observation_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "motivation": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "method": _("De methode die op de observatiedatum in de regio geldt."),
            "reassessment_months": _("Standaard 12 maanden na de werkplekobservatie."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = Method.objects.order_by("-national", "name")
        national = Method.objects.filter(national=True).order_by("-valid_from").first()
        if national and not self.instance.pk:
            self.initial.setdefault("method", national.pk)

    def to_input(self) -> AssessmentInput:
        return AssessmentInput(**{name: self.cleaned_data[name] for name in self.Meta.fields})


class TaskForm(forms.ModelForm):
    class Meta:
        model = AssessmentTask
        fields = ["description", "share", "tempo", "quality", "employability"]


class BaseTaskFormSet(forms.BaseFormSet):
    def initial_form_count(self) -> int:
        # On submit every row may be left blank (and is then skipped), the existing ones too.
        return 0 if self.is_bound else super().initial_form_count()

    def filled_forms(self) -> list[forms.Form]:
        deleted = set(self.deleted_forms) if self.can_delete else set()
        return [f for f in self.forms if f.cleaned_data and f not in deleted]

    def clean(self) -> None:
        if any(self.errors):
            return
        try:
            self.loonwaarde = subsidy.loonwaarde_from_tasks(
                subsidy.Task(
                    f.cleaned_data["share"],
                    f.cleaned_data["tempo"],
                    f.cleaned_data["quality"],
                    f.cleaned_data["employability"],
                )
                for f in self.filled_forms()
            )
        except subsidy.SubsidyError as error:
            raise ValidationError(str(error), code="tasks") from error

    def to_inputs(self) -> list[TaskInput]:
        return [
            TaskInput(**{name: f.cleaned_data[name] for name in TaskForm.Meta.fields})
            for f in self.filled_forms()
        ]


MAX_TASKS = 30

# validate_max: without it max_num only limits the blank rows shown, and a crafted post with a
# thousand task rows was computed and stored.
TaskFormSet = forms.formset_factory(
    TaskForm,
    formset=BaseTaskFormSet,
    extra=BLANK_TASK_ROWS,
    can_delete=True,
    max_num=MAX_TASKS,
    validate_max=True,
)


def assessment_forms(
    data=None, assessment: Assessment | None = None
) -> tuple[AssessmentForm, BaseTaskFormSet]:
    initial_tasks = (
        [
            {name: getattr(task, name) for name in TaskForm.Meta.fields}
            for task in assessment.tasks.all()
        ]
        if assessment
        else []
    )
    return (
        AssessmentForm(data, instance=assessment),
        TaskFormSet(data, initial=None if data else initial_tasks, prefix="taken"),
    )


def add_service_errors(
    form: AssessmentForm, formset: BaseTaskFormSet, error: ValidationError
) -> None:
    """Show a service's validation errors next to the fields they concern."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        if field == "tasks":
            formset._non_form_errors = formset.error_class(
                [e for err in errors for e in err.messages], error_class="nonform"
            )
        else:
            form.add_error(field if field in form.fields else None, errors)
