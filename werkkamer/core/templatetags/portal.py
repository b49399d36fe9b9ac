"""Dutch number formatting for templates (1.234; 12,5; 12,5%), independent of the active language
only where a figure must read the same in every report."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def nl_int(value) -> str:
    if value is None or value == "":
        return "–"
    return number_format(int(round(Decimal(str(value)))), 0, use_l10n=True, force_grouping=True)


@register.filter
def nl_decimal(value, places: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return number_format(Decimal(str(value)), int(places), use_l10n=True, force_grouping=True)


@register.filter
def nl_percent(value, places: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return f"{nl_decimal(value, places)}%"
