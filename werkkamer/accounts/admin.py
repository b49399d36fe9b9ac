from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from werkkamer.accounts.models import Organisation, User
from werkkamer.accounts.services import user_send_invitation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kvk_number"]
    search_fields = ["name", "kvk_number"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "regions"]
    search_fields = ["email", "first_name", "last_name"]
    filter_horizontal = ["regions"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name")}),
        (_("Rol en bereik"), {"fields": ("role", "regions", "organisation")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "role", "regions", "organisation")}),)
    actions = ["send_invitation"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Uitnodiging (wachtwoord instellen) versturen"))
    def send_invitation(self, request, queryset):
        for user in queryset:
            user_send_invitation(user=user, request=request)
        messages.success(request, _("%(n)d uitnodiging(en) verstuurd.") % {"n": queryset.count()})
