from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = _("Arbeidsmarktregio's")

    def ready(self) -> None:
        # The home page and the dashboard (werkkamer.core) show regions without importing this app.
        from regions.models import Arbeidsmarktregio
        from werkkamer.core import providers

        regions = Arbeidsmarktregio.objects
        providers.provide("region_count", lambda: regions.count())
        providers.provide("editable_regions", lambda user: regions.editable_by(user))
