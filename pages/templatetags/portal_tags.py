"""Site-wide template tags: the main menu, the breadcrumb and the visitor statistics box."""

import logging

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

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


@register.inclusion_tag("includes/breadcrumb.html")
def breadcrumb(*labels_and_urls):
    """The trail from "Trang chủ" to the current page.

    Arguments come in pairs, label then address: {% breadcrumb "Văn bản" directives_url
    directive.code %}. A last label without an address is the current page. A pair whose
    label is empty is left out, so an optional level (a parent that may not exist) is
    passed as it is: {% breadcrumb category.parent.name category.parent.get_absolute_url
    category.name %}.
    """
    pairs = [labels_and_urls[i : i + 2] for i in range(0, len(labels_and_urls), 2)]
    items = [("Trang chủ", reverse("home"))]
    items += [(pair[0], pair[1] if len(pair) == 2 else "") for pair in pairs if pair[0]]
    return {"items": items}


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
