from django.utils.functional import SimpleLazyObject

from pages.languages import portal_names
from pages.models import PortalInformation


def site(request):
    """`portal`: the portal's information (read once per request, when a template asks);
    `portal_name` and `portal_owner` for the templates that name it, in the page's language."""
    portal = SimpleLazyObject(PortalInformation.current)
    return {
        "portal": portal,
        "portal_name": SimpleLazyObject(lambda: portal_names(portal)[0]),
        "portal_owner": SimpleLazyObject(lambda: portal_names(portal)[1]),
    }
