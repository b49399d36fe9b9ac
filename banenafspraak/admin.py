"""Admin for the Banenafspraak inputs and runs. Every write goes through the services, so a
change here is recomputed just like one on the staff pages; runs are read-only."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from banenafspraak import services
from banenafspraak.models import (
    BaseDataSet,
    DistributionRun,
    MethodParameters,
    NationalTarget,
    RegionFigures,
)
from werkkamer.core.admin import ReadOnlyAdmin


class RegionFiguresInline(admin.TabularInline):
    model = RegionFigures
    extra = 0
    can_delete = False
    readonly_fields = ["region"]
    fields = [
        "region",
        "employment",
        "employment_market",
        "employment_government",
        "unemployed",
        "wajong",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BaseDataSet)
class BaseDataSetAdmin(admin.ModelAdmin):
    list_display = ["reference_date", "source", "is_demo", "updated_at"]
    inlines = [RegionFiguresInline]

    def save_related(self, request, form, formsets, change) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            services.distribution_request(reason="Basisgegevens gewijzigd (beheer)")

    def delete_model(self, request, obj) -> None:
        services.base_data_set_delete(dataset=obj)

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            for dataset in queryset:
                services.base_data_set_delete(dataset=dataset)


@admin.register(NationalTarget)
class NationalTargetAdmin(admin.ModelAdmin):
    list_display = ["year", "sector", "jobs", "interpolated", "source"]
    list_filter = ["sector", "interpolated"]

    def save_model(self, request, obj, form, change) -> None:
        services.national_targets_save(targets=[obj])

    def delete_model(self, request, obj) -> None:
        services.national_targets_save(targets=[], deleted=[obj])

    def delete_queryset(self, request, queryset) -> None:
        services.national_targets_save(targets=[], deleted=list(queryset))


@admin.register(MethodParameters)
class MethodParametersAdmin(ReadOnlyAdmin):
    """New versions are made on the staff page "Methode" (and recomputed from there)."""

    list_display = ["version", "alpha", "beta", "created_at"]


@admin.register(DistributionRun)
class DistributionRunAdmin(ReadOnlyAdmin):
    list_display = ["pk", "status", "reason", "dataset", "method_version", "finished_at"]
    list_filter = ["status"]
    exclude = ["inputs"]
