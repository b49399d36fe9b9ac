from contextlib import suppress

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoelgroepregisterConfig(AppConfig):
    name = "doelgroepregister"
    verbose_name = _("Doelgroepregister")

    def ready(self) -> None:
        from doelgroepregister.workspace import work_root

        # FILE_UPLOAD_TEMP_DIR is this folder: it must exist before the first large upload (a
        # read-only build step, e.g. collectstatic, may not make it; the first upload then would)
        with suppress(OSError):
            work_root()
