"""The portal a request is for, from its Host header (portals/hosts.py): an alias domain
redirects to the portal's primary domain (301), an unknown host answers 400 (or, with
PORTAL_UNKNOWN_HOST_REDIRECT, redirects to the main portal), never another portal's page."""

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponseBadRequest, HttpResponsePermanentRedirect
from django.template.loader import render_to_string

from . import hosts


class PortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        try:
            resolution = hosts.resolve(host)
        except DatabaseError:
            # No portal can be known: the maintenance page answers further down
            # (operations/maintenance.py), /healthz says what is wrong.
            return self.get_response(request)
        if resolution.portal is None:
            return self._unknown_host(request)
        if resolution.redirect_to:
            return HttpResponsePermanentRedirect(
                f"{request.scheme}://{hosts.with_port_of(resolution.redirect_to, host)}"
                f"{request.get_full_path()}"
            )
        request.portal = resolution.portal
        tokens = hosts.activate(resolution.portal, host)
        try:
            return self.get_response(request)
        finally:
            hosts.deactivate(tokens)

    @staticmethod
    def _unknown_host(request):
        target = settings.PORTAL_UNKNOWN_HOST_REDIRECT
        if target:
            return HttpResponsePermanentRedirect(target)
        return HttpResponseBadRequest(
            render_to_string("400_unknown_host.html"), content_type="text/html; charset=utf-8"
        )
