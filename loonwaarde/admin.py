from django.contrib import admin

from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

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
from werkkamer.core.admin import ReadOnlyAdmin


@admin.register(Method)
class MethodAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [MethodResource]
    list_display = ["name", "code", "national", "valid_from", "valid_until"]
    list_filter = ["national"]


@admin.register(RegionMethodChoice)
class RegionMethodChoiceAdmin(SimpleHistoryAdmin):
    list_display = ["region", "method", "valid_from", "valid_until", "decision"]
    list_filter = ["method"]
    list_select_related = ["region", "method"]
    search_fields = ["region__code", "region__name", "decision"]


@admin.register(Certification)
class CertificationAdmin(SimpleHistoryAdmin):
    list_display = ["assessor", "method", "number", "valid_from", "valid_until"]
    list_filter = ["method"]
    list_select_related = ["assessor", "method"]
    search_fields = ["assessor__email", "number"]


@admin.register(MinimumWage)
class MinimumWageAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [MinimumWageResource]
    list_display = ["valid_from", "hourly", "source"]


class AssessmentTaskInline(admin.TabularInline):
    model = AssessmentTask
    extra = 0
    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_change_permission = ReadOnlyAdmin.has_change_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Staff read here; assessments are written only through the services, which compute the
    loonwaarde and check the method and the certification."""

    list_display = ["candidate_reference", "version", "status", "region", "employer", "loonwaarde"]
    list_filter = ["status", "region", "method"]
    list_select_related = ["region", "employer"]
    search_fields = ["candidate_reference", "job_title"]
    inlines = [AssessmentTaskInline]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "kind", "sent_at"]
    list_filter = ["kind"]
