from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoelgroepregisterConfig(AppConfig):
    name = "doelgroepregister"
    verbose_name = _("Doelgroepregister")
