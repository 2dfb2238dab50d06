"""{% website_links %}: the "Liên kết website" block of logos (pages.WebsiteLink)."""

from django import template

from caching import page_cache
from pages.cache_tags import WEBSITE_LINKS
from pages.models import WebsiteLink
from portals import hosts

register = template.Library()

# The box each logo is drawn in (the image keeps its shape inside it: static/css/topics.css).
LOGO_WIDTH, LOGO_HEIGHT = 180, 60


@register.inclusion_tag("pages/includes/website_links.html", takes_context=True)
def website_links(context):
    """The current portal's active links in their order; a link whose address the rule of
    core/links.py refuses (a row older than the rule) is left out. The page showing the
    block is renewed when a link changes."""
    request = context.get("request")
    if request is not None:
        page_cache.tag(request, WEBSITE_LINKS)
    links = [link for link in WebsiteLink.objects.active().filter(portal=hosts.current())
             if link.href]
    return {"links": links, "logo_width": LOGO_WIDTH, "logo_height": LOGO_HEIGHT}
