from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    """Published reports of the distribution (``docs/publications.md``): an app nested in
    ``banenafspraak`` that depends on it, never the other way round."""

    name = "banenafspraak.publications"
    label = "publications"
    verbose_name = _("Publicaties")
