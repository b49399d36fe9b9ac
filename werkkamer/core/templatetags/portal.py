"""Dutch number formatting for templates (1.234; 12,5; 12,5%), independent of the active language
only where a figure must read the same in every report; and the scroll region for wide tables."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


class ScrollRegionNode(template.Node):
    def __init__(self, label: template.base.FilterExpression, nodelist: template.NodeList):
        self.label = label
        self.nodelist = nodelist

    def render(self, context) -> str:
        return format_html(
            '<div class="utrecht-table-container utrecht-table-container--overflow-inline'
            ' table-scroll" role="region" tabindex="0" aria-label="{}">{}</div>',
            self.label.resolve(context),
            mark_safe(self.nodelist.render(context)),  # noqa: S308 - rendered template output
        )


@register.tag
def scroll_region(parser, token) -> ScrollRegionNode:
    """``{% scroll_region _("Label") %}<table>…</table>{% endscroll_region %}``: a wide table
    scrolls sideways inside its own keyboard-focusable, named region, never the whole page."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("scroll_region takes one argument: the region's name")
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(parser.compile_filter(bits[1]), nodelist)
