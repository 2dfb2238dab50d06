"""Site-wide template tags: the main menu, the date line, the breadcrumb and the visitor
statistics box."""

import logging

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from pages.date_line import date_line_text
from pages.menus import main_menu_tree, mark_current
from pages.models import PortalInformation
from pages.structured_data import as_script, breadcrumb_list
from visitors import statistics

logger = logging.getLogger(__name__)
register = template.Library()


@register.inclusion_tag("pages/includes/menu.html", takes_context=True)
def main_menu(context):
    """The active items of the header's menu ("main", or "main-en" on English pages) with
    their sub-items, the current page marked."""
    request = context.get("request")
    path = request.path if request is not None else ""
    return {"items": mark_current(main_menu_tree(), path), "request": request}


@register.simple_tag(takes_context=True)
def date_line(context):
    """Today in the portal's time zone, "Thứ Hai, 07/12/2026" (pages/date_line.py)."""
    today, text = date_line_text(context.get("request"))
    return format_html('<time datetime="{}">{}</time>', today.isoformat(), text)


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, *labels_and_urls):
    """The trail from "Trang chủ" to the current page.

    Arguments come in pairs, label then address: {% breadcrumb "Văn bản" directives_url
    directive.code %}. A last label without an address is the current page. A pair whose
    label is empty is left out, so an optional level (a parent that may not exist) is
    passed as it is: {% breadcrumb category.parent.name category.parent.get_absolute_url
    category.name %}.

    On a page (a request in the context) the same trail follows as a schema.org
    BreadcrumbList for search engines (pages/structured_data.py).
    """
    pairs = [labels_and_urls[i : i + 2] for i in range(0, len(labels_and_urls), 2)]
    items = [("Trang chủ", reverse("home"))]
    items += [(pair[0], pair[1] if len(pair) == 2 else "") for pair in pairs if pair[0]]
    request = context.get("request")
    if request is None:
        return {"items": items}
    return {"items": items, "json_ld": as_script(breadcrumb_list(request, items))}


@register.inclusion_tag("pages/includes/visitor_stats.html", takes_context=True)
def visitor_stats(context=None):
    """The four figures, "Tổng" counted from the portal's starting total."""
    try:
        portal = (context or {}).get("portal") or PortalInformation.current()
        figures = statistics.visit_figures().starting_from(portal.visitors_start_total)
    except Exception:  # a cache or database outage hides the box instead of breaking the page
        logger.exception("Could not read the visit figures")
        return {"figures": None}
    return {"figures": figures}


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
