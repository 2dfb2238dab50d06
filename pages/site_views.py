"""Site-wide public pages: static pages, the contact form and robots.txt."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from caching import page_cache
from core.client_ip import client_ip
from organizations.models import Organization
from pages import cache_tags, contact
from pages.forms import ContactForm
from pages.models import StaticPage

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
    """The organisation whose address the contact page shows: the provincial Party committee."""
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


@require_safe
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap_index"))},
        content_type="text/plain; charset=utf-8",
    )
