"""The address a request came from: for rate limits, login throttling, visit counts and logs."""

import ipaddress
from functools import lru_cache

from django.conf import settings


def client_ip(request) -> str:
    """The client's IP address.

    Without trusted proxies this is REMOTE_ADDR. Behind a reverse proxy
    (Nginx, a load balancer) REMOTE_ADDR is the proxy's address, so every
    reader would share one address: list the proxies in TRUSTED_PROXIES
    (DJANGO_TRUSTED_PROXIES, addresses or networks). When REMOTE_ADDR is one
    of them, the answer is the right-most X-Forwarded-For entry that is not a
    trusted proxy. Entries further left were written by the client itself and
    can be forged, so they are never used.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    networks = _trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _in(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part.strip() for part in forwarded.split(",")]):
        if not entry:
            continue
        if _parse(entry) is None:  # garbage in the header: stop trusting it here
            return remote
        if not _in(entry, networks):
            return entry
    return remote


@lru_cache(maxsize=8)
def _trusted_networks(entries: tuple[str, ...]) -> tuple:
    return tuple(
        ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip()
    )


def _parse(address: str):
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def _in(address: str, networks) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in networks)
