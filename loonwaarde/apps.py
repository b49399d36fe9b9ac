from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoonwaardeConfig(AppConfig):
    name = "loonwaarde"
    verbose_name = _("Loonwaarde")

    def ready(self) -> None:
        # Beslispunt 5 of a Werkbedrijf links to the method in force, without importing this app.
        from loonwaarde.selectors import method_in_force
        from werkkamer.core import providers

        providers.provide("loonwaarde_method", method_in_force)
