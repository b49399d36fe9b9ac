from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from regions.models import (
    ActionPlan,
    Arbeidsmarktregio,
    Decision,
    Gemeente,
    Member,
    Representative,
    Werkbedrijf,
)


class GemeenteInline(admin.TabularInline):
    model = Gemeente
    fields = ["code", "name"]
    readonly_fields = ["code", "name"]
    extra = 0
    can_delete = False


@admin.register(Arbeidsmarktregio)
class ArbeidsmarktregioAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "centrumgemeente"]
    search_fields = ["code", "name"]
    readonly_fields = ["code"]
    inlines = [GemeenteInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "centrumgemeente":
            region_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Gemeente.objects.filter(region_id=region_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]


# --- Werkbedrijf: staff can look up any change; editing happens in the portal ----------------


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 0
    fields = ["name", "role", "start_date", "end_date"]


@admin.register(Werkbedrijf)
class WerkbedrijfAdmin(SimpleHistoryAdmin):
    list_display = ["region", "name", "created_at"]
    search_fields = ["region__code", "region__name", "name"]
    readonly_fields = ["region"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "werkbedrijf", "start_date", "end_date"]
    list_filter = ["kind", "werkbedrijf__region"]
    search_fields = ["name"]
    inlines = [RepresentativeInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "standard_point", "status", "decided_on", "werkbedrijf"]
    list_filter = ["status", "standard_point", "werkbedrijf__region"]


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "werkbedrijf", "status", "adopted_on"]
    list_filter = ["status"]
    # an adopted plan never changes; the portal's services guard drafts
    readonly_fields = ["werkbedrijf", "status", "based_on", "adopted_on", "adopted_by"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            return False
        return super().has_change_permission(request, obj)
