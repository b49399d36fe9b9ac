from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoonwaardeConfig(AppConfig):
    name = "loonwaarde"
    verbose_name = _("Loonwaarde")
