"""Which portals a staff member manages (the portal's record, its information, theme, menus
and website links).

A superuser manages every portal, and alone creates or deletes one and sets its
organisation, whether it is the main one and its domains. Anyone else manages the portals
whose organisation is within their organisation scope (`Organization.objects.within_scope_of`:
their organisations and everything under them). The main portal, when it has no organisation
of its own, is managed by those whose scope holds an organisation that belongs to it (one
without a portal of its own), and by those who belong to no organisation at all: a
*Quản trị cổng* of the whole installation, as every one was before there were many portals.
What they may do there (change, view) is still their role's permissions (accounts/roles.py).
"""

from django.db.models import Q

from organizations.models import Membership, Organization

from . import hosts
from .models import Portal


def portals_managed_by(user):
    """The portals `user` manages, as a queryset."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Portal.objects.none()
    if user.is_superuser:
        return Portal.objects.all()
    scope = Organization.objects.within_scope_of(user)
    managed = Q(organization__in=scope)
    main = hosts.main_portal()
    if main.organization_id is None and _manages_main_portal(user, scope, main):
        managed |= Q(pk=main.pk)
    return Portal.objects.filter(managed)


def _manages_main_portal(user, scope, main) -> bool:
    if not Membership.objects.filter(user=user).exists():
        return True
    return scope.filter(pk__in=hosts.organization_ids(main)).exists()


def manages(user, portal) -> bool:
    if portal is None or portal.pk is None:
        return False
    return portals_managed_by(user).filter(pk=portal.pk).exists()
