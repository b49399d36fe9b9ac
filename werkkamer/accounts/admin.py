from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from werkkamer.accounts.models import Organisation, Role, User
from werkkamer.accounts.services import user_send_invitation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kvk_number"]
    search_fields = ["name", "kvk_number"]


class UserAddForm(forms.ModelForm):
    """A new user: e-mail, name, role and scope. No password field: the invitation that goes out
    on saving lets the user choose one."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "role", "regions", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A person is shown by name in history, signatures and PDFs: required for new accounts.
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Er bestaat al een gebruiker met dit e-mailadres."))
        return email


class NameMissingFilter(admin.SimpleListFilter):
    """Accounts from before names were required: staff complete them, nothing is guessed."""

    title = _("naam")
    parameter_name = "naam"

    def lookups(self, request, model_admin):
        return [("ontbreekt", _("Naam ontbreekt"))]

    def queryset(self, request, queryset):
        if self.value() == "ontbreekt":
            return queryset.filter(first_name="") | queryset.filter(last_name="")
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "regions", NameMissingFilter]
    search_fields = ["email", "first_name", "last_name"]
    filter_horizontal = ["regions"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name")}),
        (_("Rol en bereik"), {"fields": ("role", "regions", "organisation")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_form = UserAddForm
    add_fieldsets = (
        (None, {"fields": ("email",)}),
        (_("Persoon"), {"fields": ("first_name", "last_name")}),
        (_("Rol en bereik"), {"fields": ("role", "regions", "organisation")}),
    )
    actions = ["send_invitation"]

    def save_model(self, request, obj, form, change):
        if not change:
            # As user_invite: no password until the invitation is used; staff get the admin.
            obj.set_unusable_password()
            obj.is_staff = obj.role == Role.STAFF
            transaction.on_commit(lambda: user_send_invitation(user=obj, request=request))
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Uitnodiging (wachtwoord instellen) versturen"))
    def send_invitation(self, request, queryset):
        for user in queryset:
            user_send_invitation(user=user, request=request)
        messages.success(request, _("%(n)d uitnodiging(en) verstuurd.") % {"n": queryset.count()})
