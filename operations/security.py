"""Security headers Django does not set itself: Permissions-Policy, and the admin's CSP.

The site-wide Content-Security-Policy is SECURE_CSP in settings, sent by
django.middleware.csp.ContentSecurityPolicyMiddleware.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override


class PermissionsPolicyMiddleware:
    """Sends PERMISSIONS_POLICY (a dict of feature -> allowed origins) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            policy = getattr(settings, "PERMISSIONS_POLICY", {})
            if policy:
                response["Permissions-Policy"] = ", ".join(
                    f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
                )
        return response


def admin_csp(policy: dict) -> dict:
    """The site policy with what CKEditor 5 needs in the admin.

    CKEditor 5's colour picker (table and cell properties) adds <style> elements,
    so style-src must allow 'unsafe-inline' in the admin (checked in a real browser
    by tests/e2e/test_csp_browser.py). A nonce next to 'unsafe-inline' would make
    browsers ignore 'unsafe-inline', so style-src carries no nonce here; Django's
    admin marks its few inline styles with the nonce, which 'unsafe-inline' covers
    as well. Image previews of pending uploads are blob: URLs. Scripts stay as
    strict as on public pages.
    """
    relaxed = {directive: list(values) for directive, values in policy.items()}
    relaxed["style-src"] = [CSP.SELF, CSP.UNSAFE_INLINE]
    relaxed.pop("style-src-attr", None)
    relaxed["img-src"] = [*relaxed.get("img-src", [CSP.SELF]), "blob:"]
    return relaxed


class AdminContentSecurityPolicyMiddleware:
    """Relaxes SECURE_CSP under the admin's URL prefix only (see admin_csp).

    Must come after ContentSecurityPolicyMiddleware in MIDDLEWARE: it marks the
    response with Django's csp_override, which that middleware reads on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefix = _admin_prefix(request)
        if settings.SECURE_CSP and prefix and request.path.startswith(prefix):
            return csp_override(admin_csp(settings.SECURE_CSP))(self.get_response)(request)
        return self.get_response(request)


def _admin_prefix(request) -> str | None:
    try:
        return reverse("admin:index", urlconf=getattr(request, "urlconf", None))
    except NoReverseMatch:  # a URLconf without the admin
        return None
