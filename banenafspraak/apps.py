from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BanenafspraakConfig(AppConfig):
    name = "banenafspraak"
    verbose_name = _("Banenafspraak")

    def ready(self) -> None:
        # A region's page and its plans read the allocation without importing this app.
        from banenafspraak.models import DistributionRun
        from banenafspraak.selectors import region_allocation
        from werkkamer.core import providers

        def allocation_version() -> int | None:
            run = DistributionRun.objects.current()
            return run.pk if run else None

        # The public distribution page shows the regions' names: a rename changes its key.
        from django.db.models.signals import post_delete, post_save

        from banenafspraak.models import public_state_changed
        from regions.models import Arbeidsmarktregio

        def region_changed(**kwargs) -> None:
            public_state_changed()

        post_save.connect(region_changed, sender=Arbeidsmarktregio, weak=False)
        post_delete.connect(region_changed, sender=Arbeidsmarktregio, weak=False)

        providers.provide("region_allocation", region_allocation)
        providers.provide("allocation_version", allocation_version)
