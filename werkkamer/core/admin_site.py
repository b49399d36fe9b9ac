"""The portal's admin site (/beheer/): every model admin registered on it answers a malformed
action request (an empty or foreign selection) with a message, never with a server error."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _


class SafeActionsMixin:
    """Refuse an action whose selection holds no valid primary key (e.g. an empty value)."""

    def response_action(self, request, queryset):
        pk = self.model._meta.pk
        try:
            selected = [
                pk.to_python(value)
                for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
                if value.strip()
            ]
        except ValidationError:
            selected = []
        if not selected:
            messages.warning(
                request,
                _(
                    "Selecteer eerst een of meer items om een actie op uit te voeren. "
                    "Er is niets gewijzigd."
                ),
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


class PortalAdminSite(admin.AdminSite):
    site_header = "Werkkamer portaal – beheer"

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SafeActionsMixin):
            admin_class = type(
                admin_class.__name__,
                (SafeActionsMixin, admin_class),
                {"__module__": admin_class.__module__},
            )
        return super().register(model_or_iterable, admin_class, **options)


class PortalAdminConfig(AdminConfig):
    default_site = "werkkamer.core.admin_site.PortalAdminSite"
