"""Every Django form renders with the NL Design System form components (static/vendor/utrecht).

The renderer (``FORM_RENDERER``) uses the project's templates (``templates/django/forms/``: field
wrapper, label, error list) and a bound field that gives each widget its component class, plus the
``--invalid`` modifier when the field has errors (Django already sets ``aria-invalid``)."""

from __future__ import annotations

from typing import Any

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
WIDGET_CLASSES = {
    **dict.fromkeys(
        (
            "text",
            "email",
            "number",
            "password",
            "url",
            "tel",
            "search",
            "date",
            "datetime",
            "time",
            "clearablefile",
            "file",
        ),
        _TEXTBOX,
    ),
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "nullbooleanselect": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "checkboxselectmultiple": "utrecht-checkbox utrecht-checkbox--html-input",
    "radioselect": "utrecht-radio-button utrecht-radio-button--html-input",
}
_INVALID = {
    "utrecht-textbox": "utrecht-textbox--invalid",
    "utrecht-textarea": "utrecht-textarea--invalid",
    "utrecht-select": "utrecht-select--invalid",
    "utrecht-radio-button": "utrecht-radio-button--invalid",
}


class NLDesignBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget=None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        classes = WIDGET_CLASSES.get(self.widget_type)
        if classes is None:
            return attrs
        if self.form.is_bound and self.errors:
            invalid = _INVALID.get(classes.split()[0])
            classes = f"{classes} {invalid}" if invalid else classes
        existing = attrs.get("class", "")
        attrs["class"] = f"{classes} {existing}".strip()
        return attrs


class NLDesignFormRenderer(TemplatesSetting):
    field_template_name = "django/forms/field.html"
    bound_field_class = NLDesignBoundField
