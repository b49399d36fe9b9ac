"""Template filters for the "why this number?" explanation (exact fractions shown in Dutch)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from banenafspraak.explanation import to_decimal
from werkkamer.core.templatetags.portal import nl_decimal

register = template.Library()


@register.filter
def nl_exact(value, places: int = 4) -> str:
    """A Fraction or Decimal as a Dutch decimal number with ``places`` decimals."""
    if value is None or value == "":
        return "–"
    return nl_decimal(to_decimal(value, int(places)), places)


@register.filter
def nl_share(value, places: int = 4) -> str:
    """A share (0..1) as a Dutch percentage."""
    if value is None or value == "":
        return "–"
    return nl_decimal(to_decimal(value * 100, int(places)), places) + " %"


@register.filter
def sector_label(value: str) -> str:
    return {"market": _("marktsector"), "government": _("overheid"), "total": _("totaal")}.get(
        value, value
    )
