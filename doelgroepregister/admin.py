from __future__ import annotations

from django.contrib import admin

from doelgroepregister.models import CheckLog, RegisterImport
from werkkamer.core.admin import ReadOnlyAdmin


@admin.register(RegisterImport)
class RegisterImportAdmin(admin.ModelAdmin):
    list_display = ["original_name", "created_at", "status", "row_count", "error_count", "inserted"]
    list_filter = ["status", "commit"]
    readonly_fields = [f.name for f in RegisterImport._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False  # uploads go through the import page, which checks the whole file


@admin.register(CheckLog)
class CheckLogAdmin(ReadOnlyAdmin):
    """Read-only: an audit log is never edited."""

    list_display = ["created_at", "user_email", "organisation_name", "kind", "outcome"]
    list_filter = ["outcome", "kind"]
    search_fields = ["user_email", "organisation_name"]
