"""{% portal_theme_stylesheet %}: the link to the current portal's theme colours
(pages/theme_views.py), nothing for a portal that keeps the default colours."""

from django import template
from django.utils.html import format_html

from pages.theme_views import theme_url
from portals import hosts

register = template.Library()


@register.simple_tag
def portal_theme_stylesheet():
    url = theme_url(hosts.current())
    if not url:
        return ""
    return format_html('<link rel="stylesheet" href="{}">', url)
