"""Links to what belongs to a portal: an organisation's page lives on the portal the
organisation belongs to (portals/hosts.py), a full address when that is another portal."""

from django import template

from portals import hosts

register = template.Library()


@register.filter
def on_its_portal(organization) -> str:
    """The address of an organisation's page on its own portal."""
    if organization is None:
        return ""
    return hosts.url_on(
        hosts.portal_of_organization(organization.pk), organization.get_absolute_url()
    )
