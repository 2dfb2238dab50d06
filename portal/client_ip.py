"""The address a request came from, used by the contact form limit and the visit counter."""


def client_ip(request) -> str:
    """The client's IP address as seen by this server.

    This reads REMOTE_ADDR only. Behind a reverse proxy (Nginx, a load
    balancer) REMOTE_ADDR is the proxy's address, so every reader would share
    one IP; reading X-Forwarded-For from a trusted proxy belongs here then,
    and is left for the deployment step that introduces the proxy.
    """
    return request.META.get("REMOTE_ADDR") or ""
