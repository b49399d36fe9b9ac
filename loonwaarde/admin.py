from django.contrib import admin

from import_export.admin import ImportExportModelAdmin

from loonwaarde.models import (
    Assessment,
    AssessmentTask,
    Certification,
    Method,
    MinimumWage,
    RegionMethodChoice,
    Reminder,
)
from loonwaarde.resources import MethodResource, MinimumWageResource


@admin.register(Method)
class MethodAdmin(ImportExportModelAdmin):
    resource_classes = [MethodResource]
    list_display = ["name", "code", "national", "valid_from", "valid_until"]
    list_filter = ["national"]


@admin.register(RegionMethodChoice)
class RegionMethodChoiceAdmin(admin.ModelAdmin):
    list_display = ["region", "method", "valid_from", "valid_until", "decision"]
    list_filter = ["method"]
    list_select_related = ["region", "method"]
    search_fields = ["region__code", "region__name", "decision"]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["assessor", "method", "number", "valid_from", "valid_until"]
    list_filter = ["method"]
    list_select_related = ["assessor", "method"]
    search_fields = ["assessor__email", "number"]


@admin.register(MinimumWage)
class MinimumWageAdmin(ImportExportModelAdmin):
    resource_classes = [MinimumWageResource]
    list_display = ["valid_from", "hourly", "source"]


class AssessmentTaskInline(admin.TabularInline):
    model = AssessmentTask
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read-only for finalised assessments: a correction is a new version, made by the assessor."""

    list_display = ["candidate_reference", "version", "status", "region", "employer", "loonwaarde"]
    list_filter = ["status", "region", "method"]
    list_select_related = ["region", "employer"]
    search_fields = ["candidate_reference", "job_title"]
    inlines = [AssessmentTaskInline]
    raw_id_fields = ["previous", "certification"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_final:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_final:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["assessment", "kind", "sent_at"]
    list_filter = ["kind"]
    readonly_fields = ["assessment", "kind", "sent_at", "recipients"]
