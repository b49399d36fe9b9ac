from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from doelgroepregister.views import may_check
from werkkamer.core.navigation import NavItem


def items(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    if user.is_werkkamer_staff:
        return [
            NavItem(
                _("Doelgroepregister"),
                reverse("doelgroepregister:overview"),
                section="/doelgroepregister/",
            )
        ]
    if may_check(user):
        return [
            NavItem(
                _("Doelgroepregister controleren"),
                reverse("doelgroepregister:check"),
                section="/doelgroepregister/",
            )
        ]
    return []
