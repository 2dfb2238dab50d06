"""Which portal answers a host, which portal each organisation belongs to, and the portal
of the request being served.

The whole map (domains → portal, organisation → portal, each portal's record) is built in a
few queries, kept in the cache and in the process for HOSTS_SECONDS, and forgotten at once in
this process and in the shared cache when a portal, a domain or an organisation changes, so a
request reads no table to know its portal and no query grows with the number of portals."""

import time
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port, validate_host

from organizations.models import Organization

from .models import Portal, PortalDomain, normalise_domain

CACHE_KEY = "portals:map"
HOSTS_SECONDS = 300
LOCAL_SECONDS = 5


@dataclass
class PortalMap:
    portals: dict[int, Portal] = field(default_factory=dict)
    main_id: int | None = None
    by_domain: dict[str, int] = field(default_factory=dict)
    primary: dict[int, str] = field(default_factory=dict)
    # organisation id → the portal it belongs to; organisations absent belong to the main one
    owner: dict[int, int] = field(default_factory=dict)
    # portal id → ids of the organisations belonging to it
    organizations: dict[int, frozenset[int]] = field(default_factory=dict)

    @property
    def main(self) -> Portal:
        return self.portals[self.main_id]

    def portal_of_organization(self, organization_id: int | None) -> Portal:
        return self.portals[self.owner.get(organization_id, self.main_id)]


_local: tuple[float, PortalMap] | None = None
_current: ContextVar[Portal | None] = ContextVar("current_portal", default=None)
# The port the request came on (":8000" under `make run`; "" behind a proxy on 80/443): the
# installation's portals share it, so links to another portal keep it.
_port: ContextVar[str] = ContextVar("current_port", default="")


def _build() -> PortalMap:
    portals = list(
        Portal.objects.select_related("organization", "information").prefetch_related("domains")
    )
    if not any(portal.is_main for portal in portals):
        main, _ = Portal.objects.get_or_create(is_main=True)
        portals.insert(0, Portal.objects.select_related("organization").get(pk=main.pk))
    found = PortalMap()
    tops = []  # (path, portal id), the portals' organisations
    for portal in portals:
        found.portals[portal.pk] = portal
        if portal.is_main:
            found.main_id = portal.pk
        for domain in portal.domains.all():
            found.by_domain[domain.domain] = portal.pk
            if domain.is_primary:
                found.primary[portal.pk] = domain.domain
        if portal.organization is not None:
            tops.append((portal.organization.path, portal.pk))
    tops.sort(key=lambda top: len(top[0]), reverse=True)  # the nearest portal first
    members: dict[int, set[int]] = {pk: set() for pk in found.portals}
    for pk, path in Organization.objects.values_list("pk", "path"):
        owner = next((portal for top, portal in tops if path.startswith(top)), found.main_id)
        members[owner].add(pk)
        if owner != found.main_id:
            found.owner[pk] = owner
    found.organizations = {pk: frozenset(ids) for pk, ids in members.items()}
    return found


def portal_map() -> PortalMap:
    global _local
    now = time.monotonic()
    if _local is not None and now - _local[0] < LOCAL_SECONDS:
        return _local[1]
    found = cache.get(CACHE_KEY)
    if found is None:
        found = _build()
        cache.set(CACHE_KEY, found, HOSTS_SECONDS)
    _local = (now, found)
    return found


def forget() -> None:
    global _local
    _local = None
    cache.delete(CACHE_KEY)


@receiver(post_save, sender=Portal)
@receiver(post_delete, sender=Portal)
@receiver(post_save, sender=PortalDomain)
@receiver(post_delete, sender=PortalDomain)
@receiver(post_save, sender=Organization)
@receiver(post_delete, sender=Organization)
def _portals_changed(**kwargs):
    forget()
    transaction.on_commit(forget)  # a request that read the old rows meanwhile


def with_port_of(domain: str, host: str) -> str:
    """`domain` with the port `host` came on, when the domain names none (the portals of an
    installation share the port: tinhdoan.localhost:8000 under `make run`)."""
    if split_domain_port(domain)[1]:
        return domain
    port = split_domain_port(normalise_domain(host))[1]
    return f"{domain}:{port}" if port else domain


def fallback_hosts() -> list[str]:
    """Hosts that serve the main portal besides its own domains: the server's own names
    (DJANGO_ALLOWED_HOSTS; localhost and 127.0.0.1 in development)."""
    return list(settings.PORTAL_FALLBACK_HOSTS)


@dataclass(frozen=True)
class Resolution:
    portal: Portal | None
    redirect_to: str = ""  # the primary domain, when the host is an alias


def resolve(host: str) -> Resolution:
    """The portal answering `host` (as the Host header gives it, port included)."""
    host = normalise_domain(host)
    found = portal_map()
    portal_id = found.by_domain.get(host)
    if portal_id is None:
        domain, _port = split_domain_port(host)
        portal_id = found.by_domain.get(domain)
    if portal_id is not None:
        primary = found.primary.get(portal_id, "")
        alias = primary and host != primary and split_domain_port(host)[0] != primary
        return Resolution(found.portals[portal_id], primary if alias else "")
    domain, _port = split_domain_port(host)
    if domain and validate_host(domain, fallback_hosts()):
        return Resolution(found.main)
    return Resolution(None)


def current() -> Portal:
    """The portal of the request being served; the main portal outside a request (a
    command, a task)."""
    portal = _current.get()
    return portal if portal is not None else portal_map().main


def served_portal() -> Portal | None:
    """The portal of the request being served, or None (outside a request, or before the
    portal middleware knew it); never reads the map."""
    return _current.get()


def main_portal() -> Portal:
    return portal_map().main


def activate(portal: Portal, host: str = ""):
    _domain, port = split_domain_port(normalise_domain(host))
    return _current.set(portal), _port.set(f":{port}" if port else "")


def deactivate(tokens) -> None:
    portal_token, port_token = tokens
    _current.reset(portal_token)
    _port.reset(port_token)


def organization_ids(portal: Portal) -> frozenset[int]:
    """The organisations whose articles are this portal's own."""
    return portal_map().organizations.get(portal.pk, frozenset())


def portal_of_organization(organization_id: int | None) -> Portal:
    return portal_map().portal_of_organization(organization_id)


def primary_domain(portal: Portal) -> str:
    return portal_map().primary.get(portal.pk, "")


def url_on(portal: Portal, path: str) -> str:
    """`path` on `portal`: the path itself on the current portal (or when the portal has no
    domain yet), else the full address on the portal's primary domain."""
    if portal.pk == current().pk:
        return path
    domain = primary_domain(portal)
    if not domain:
        return path
    if not split_domain_port(domain)[1]:
        domain += _port.get()
    return f"{settings.PORTAL_URL_SCHEME}://{domain}{path}"


def address_elsewhere(portal: Portal, path: str) -> str | None:
    """The full address of `path` on `portal` when that is another portal than the current
    one and has a domain: where a page that belongs there redirects."""
    address = url_on(portal, path)
    return None if address == path else address
