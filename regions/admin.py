from django.contrib import admin

from regions.models import Arbeidsmarktregio, Gemeente


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
