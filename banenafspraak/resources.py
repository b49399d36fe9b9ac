"""Import and export of base data (keyed on region code) and national targets (year, sector).

Follow-up work (the recompute) is not done here but by the import services, once per import.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from import_export import fields, resources, widgets

from banenafspraak.models import BaseDataSet, NationalTarget, RegionFigures, Sector
from regions.models import Arbeidsmarktregio

_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


class RegionCodeWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(Arbeidsmarktregio, field="code")

    def clean(self, value, row=None, **kwargs):
        code = str(value or "").strip().upper()
        region = Arbeidsmarktregio.objects.filter(code=code).first()
        if region is None:
            raise ValueError(_("Onbekende regiocode: %(code)s") % {"code": value or "(leeg)"})
        return region


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole, non-negative number; a clear Dutch error otherwise (also for 1.5 or 'abc')."""

    def __init__(self, required: bool = True) -> None:
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = str(value).strip().replace(" ", "") if value is not None else ""
        if _GROUPED.match(text):
            text = text.replace(".", "")  # Dutch thousands separators: 1.234.567
        if text == "":
            if self.required:
                raise ValueError(_("Dit getal is verplicht."))
            return None
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if not text.lstrip("-").isdigit():
            raise ValueError(_("Geen geheel getal: %(value)s") % {"value": value})
        number = int(text)
        if number < 0:
            raise ValueError(_("Een aantal kan niet negatief zijn: %(value)s") % {"value": value})
        return number

    def render(self, value, obj=None, **kwargs):
        # plain digits, no locale grouping: files are for machines as much as for people
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


def _number(attribute: str, required: bool = True) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=WholeNumberWidget(required)
    )


class RegionFiguresResource(resources.ModelResource):
    """One row per region: region_code, employment, employment_market, employment_government,
    unemployed, wajong. Imports into ``dataset`` (re-import updates, never duplicates)."""

    region = fields.Field(attribute="region", column_name="region_code", widget=RegionCodeWidget())
    region_name = fields.Field(attribute="region__name", column_name="region_name", readonly=True)
    employment = _number("employment")
    employment_market = _number("employment_market", required=False)
    employment_government = _number("employment_government", required=False)
    unemployed = _number("unemployed")
    wajong = _number("wajong")

    class Meta:
        model = RegionFigures
        import_id_fields = ("region",)
        fields = (
            "region",
            "region_name",
            "employment",
            "employment_market",
            "employment_government",
            "unemployed",
            "wajong",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        store_instance = True  # the preview shows each changed figure, old → new

    def __init__(self, dataset: BaseDataSet, **kwargs) -> None:
        super().__init__(**kwargs)
        self.dataset = dataset

    def get_queryset(self):
        return RegionFigures.objects.filter(dataset=self.dataset).select_related("region")

    def init_instance(self, row=None):
        return RegionFigures(dataset=self.dataset)


class SectorWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        labels = {str(label).lower(): key for key, label in Sector.choices}
        sector = text if text in Sector.values else labels.get(text)
        if sector is None:
            raise ValueError(
                _("Onbekende sector: %(value)s (market of government)") % {"value": value}
            )
        return sector


class NationalTargetResource(resources.ModelResource):
    """One row per year and sector: year, sector (market/government), jobs, source, interpolated."""

    year = _number("year")
    sector = fields.Field(attribute="sector", column_name="sector", widget=SectorWidget())
    jobs = _number("jobs")
    interpolated = fields.Field(
        attribute="interpolated", column_name="interpolated", widget=widgets.BooleanWidget()
    )

    class Meta:
        model = NationalTarget
        import_id_fields = ("year", "sector")
        fields = ("year", "sector", "jobs", "source", "interpolated")
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
