from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Staff read here; these records are written only through the portal's services (or never)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
