from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BanenafspraakConfig(AppConfig):
    name = "banenafspraak"
    verbose_name = _("Banenafspraak")
