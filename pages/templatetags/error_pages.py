"""What the 500 page may know about the portal without touching the database.

Django renders templates/500.html without a context (django.views.defaults.server_error),
and the page must not query: the error may be the database itself. The portal being
served is known all the same, without a query: PortalMiddleware put it in portals.hosts'
context variable before the view ran, with its information and its organisation already
read (portals.hosts builds the map with select_related). Outside a portal's request (an
error above PortalMiddleware) the page names no portal."""

from django import template
from django.conf import settings

from portals import hosts

register = template.Library()

GENERIC_NAME = "Cổng thông tin điện tử"


@register.simple_tag
def error_portal_name() -> str:
    """The served portal's full name, or the generic "Cổng thông tin điện tử"."""
    return _names()[0]


@register.simple_tag
def error_portal_short_name() -> str:
    """The name a phone's header shows: the portal's short name, else its full name."""
    return _names()[1]


def _names() -> tuple[str, str]:
    """(full name, short name) of the portal being served, from what its request holds."""
    portal = hosts.served_portal()  # the request's portal only: current() may read the map
    if portal is None:
        return GENERIC_NAME, GENERIC_NAME
    cached = portal._state.fields_cache  # only what was read with the portal: no query
    information = cached.get("information")
    if information is not None and information.full_name:
        return information.full_name, information.display_short_name
    if portal.is_main:
        return settings.PORTAL_NAME, settings.PORTAL_OWNER
    organization = cached.get("organization")
    if organization is None:
        return GENERIC_NAME, GENERIC_NAME
    return f"{GENERIC_NAME} {organization.name}", organization.name
