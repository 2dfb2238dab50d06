"""Site-wide public pages: static pages, the contact form, robots.txt, /favicon.ico,
/apple-touch-icon.png and the web manifest."""

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from caching import page_cache
from core.client_ip import client_ip
from organizations.models import Organization
from pages import cache_tags, contact, portal_images
from pages.forms import ContactForm
from pages.models import PortalInformation, StaticPage
from portals import hosts

SENT_FLAG = "da-gui"


def static_page(request, slug):
    """A published page; a draft only for staff who may change pages, marked as such."""
    page = get_object_or_404(StaticPage, slug=slug)
    is_preview = not page.is_published
    if is_preview and not request.user.has_perm("pages.change_staticpage"):
        raise Http404("Trang chưa được đăng.")
    page_cache.tag(request, cache_tags.static_page(page.pk))
    response = render(request, "pages/page_detail.html", {"page": page, "is_preview": is_preview})
    if is_preview:
        add_never_cache_headers(response)
    return response


def contact_organization():
    """The organisation whose address the contact page shows: the current portal's own, or
    for a main portal without one, the provincial Party committee."""
    portal = hosts.current()
    if portal.organization is not None:
        return portal.organization
    return (
        Organization.objects.filter(
            kind=Organization.Kind.PARTY_COMMITTEE, level=Organization.Level.PROVINCE
        )
        .order_by("depth", "path")
        .first()
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact_page(request):
    form = ContactForm(request.POST) if request.method == "POST" else ContactForm()
    status = 200
    rate_limited = False
    if request.method == "POST":
        if form.is_spam:
            return redirect(f"{reverse('contact')}?{SENT_FLAG}=1")
        if form.is_valid():
            ip = client_ip(request)
            if contact.register_message_from(ip):
                message = form.save(commit=False)
                message.ip_address = ip or None
                message.save()
                contact.notify_staff(message, request)
                return redirect(f"{reverse('contact')}?{SENT_FLAG}=1")
            status, rate_limited = 429, True
    response = render(
        request,
        "pages/contact.html",
        {
            "form": form,
            "sent": request.method == "GET" and request.GET.get(SENT_FLAG) == "1",
            "rate_limited": rate_limited,
            "organization": contact_organization(),
        },
        status=status,
    )
    if rate_limited:
        response["Retry-After"] = str(contact.LIMIT_WINDOW)
    return response


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (the page was open too long, cookies were
    blocked): the contact form comes back with what the reader typed and a fresh token, so
    sending again loses nothing; any other form answers the portal's own 403 page, in
    Vietnamese, instead of Django's technical one."""
    if request.method == "POST" and request.path == reverse("contact"):
        typed = {
            name: value for name, value in request.POST.items()
            if name in ContactForm.base_fields and name != ContactForm.HONEYPOT
        }
        response = render(
            request, "pages/contact.html",
            {"form": ContactForm(initial=typed), "session_expired": True,
             "organization": contact_organization()},
            status=403,
        )
    else:
        response = render(request, "403_csrf.html", status=403)
    add_never_cache_headers(response)
    return response


@require_safe
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap_index"))},
        content_type="text/plain; charset=utf-8",
    )


ICON_MAX_AGE = 86400


def _icon_redirect(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = f"public, max-age={ICON_MAX_AGE}"
    return response


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for by themselves: the one made from the portal's
    logo, else the emblem's (pages/portal_images.py)."""
    return _icon_redirect(portal_images.favicon_url(PortalInformation.current()))


@require_safe
def apple_touch_icon(request):
    """/apple-touch-icon.png, which iPhones ask for by themselves (180 × 180)."""
    return _icon_redirect(portal_images.icon(PortalInformation.current(), 180).url)


@require_safe
def web_manifest(request):
    """/manifest.webmanifest: the portal's name and icons for a phone's home screen."""
    info = PortalInformation.current()
    manifest = {
        "name": info.full_name,
        "short_name": info.display_short_name,
        "description": info.description or f"Tin tức, văn bản chỉ đạo và tổ chức của {info.owner}.",
        "lang": "vi",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "minimal-ui",
        "theme_color": portal_images.THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            {"src": icon.url, "sizes": icon.sizes, "type": icon.type, "purpose": "any"}
            for icon in portal_images.icons(info) if icon.size in (192, 512)
        ],
    }
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = f"public, max-age={ICON_MAX_AGE}"
    return response
