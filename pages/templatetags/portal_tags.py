"""Site-wide template tags: the main menu and the visitor statistics box."""

import logging

from django import template
from django.template.loader import render_to_string

from pages.menus import mark_current, menu_tree
from visitors import statistics

logger = logging.getLogger(__name__)
register = template.Library()

MAIN_MENU = "main"


@register.inclusion_tag("pages/includes/menu.html", takes_context=True)
def main_menu(context):
    """The active items of menu "main" with their sub-items, the current page marked."""
    request = context.get("request")
    path = request.path if request is not None else ""
    return {"items": mark_current(menu_tree(MAIN_MENU), path), "request": request}


@register.inclusion_tag("pages/includes/visitor_stats.html")
def visitor_stats():
    try:
        figures = statistics.visit_figures()
    except Exception:  # a cache outage hides the box instead of breaking the page
        logger.exception("Could not read the visit figures")
        return {"figures": None}
    # Whoever reads the box is online, even before their first page view is counted.
    return {"figures": figures, "online": max(figures.online, 1)}


def render_visitor_stats() -> str:
    """The box as it stands now, for the page cache to put into a cached page."""
    return render_to_string("pages/includes/visitor_stats.html", visitor_stats())


@register.filter
def vn_number(value):
    """12345 -> '12.345': Vietnamese thousand separators, whatever the active language."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value
