from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from werkkamer.core.navigation import NavItem


def items(user) -> list[NavItem]:
    return [NavItem(_("Regio's"), reverse("regions:index"), section="/regios/")]
