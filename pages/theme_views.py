"""The current portal's theme colours as a stylesheet (/mau-giao-dien.css).

A stylesheet of the site's own origin rather than a <style> in the page: the CSP allows it
without a nonce, so pages stay in the page cache (a nonce is for one response only). Its
address carries the theme's version, so browsers keep it until the colours change."""

import hashlib

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from portals import hosts

YEAR = 365 * 24 * 3600


def theme_stylesheet(variables: list[tuple[str, str]]) -> str:
    lines = "".join(f"  {name}: {value};\n" for name, value in variables)
    return f":root {{\n{lines}}}\n"


def theme_version(variables: list[tuple[str, str]]) -> str:
    return hashlib.sha256(theme_stylesheet(variables).encode()).hexdigest()[:12]


def theme_url(portal) -> str:
    """The address of `portal`'s theme stylesheet, '' when it keeps the default colours."""
    variables = portal.theme_css_variables()
    if not variables:
        return ""
    return f"{reverse('portal_theme_css')}?v={theme_version(variables)}"


@require_safe
def portal_theme_css(request):
    variables = hosts.current().theme_css_variables()
    response = HttpResponse(theme_stylesheet(variables), content_type="text/css; charset=utf-8")
    if variables and request.GET.get("v") == theme_version(variables):
        response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response["Cache-Control"] = "public, max-age=300"
    return response
