"""Security headers on every page: CSP (strict on public pages, relaxed for CKEditor in the
admin only), Permissions-Policy, X-Content-Type-Options, Referrer-Policy, X-Frame-Options,
and the production defaults behind them."""

import re

import pytest
from django.http import HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import path, reverse
from factories import ArticleFactory, DirectiveFactory, OrganizationFactory

from core.sanitize import ALLOWED_IFRAME_HOSTS
from pages.models import StaticPage

pytestmark = pytest.mark.django_db


def policy(response, header="Content-Security-Policy") -> dict[str, list[str]]:
    """The CSP header as {directive: [values]}."""
    directives = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def public_urls():
    organization = OrganizationFactory(name="Tỉnh Đoàn Nghệ An")
    article = ArticleFactory(organization=organization)
    directive = DirectiveFactory()
    StaticPage.objects.create(title="Giới thiệu", slug="gioi-thieu", body="<p>Trang.</p>")
    return [
        reverse("home"),
        reverse("news:article_list"),
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        reverse("news:directive_list"),
        directive.get_absolute_url(),
        reverse("news:search") + "?q=thanh+niên",
        reverse("organizations:tree"),
        organization.get_absolute_url(),
        reverse("organizations:english"),
        reverse("contact"),
        reverse("static_page", args=["gioi-thieu"]),
        reverse("robots_txt"),
        reverse("sitemap_index"),
        reverse("news:feed"),
        reverse("healthz"),
        "/khong-co-trang-nay/",
    ]


def assert_common_headers(response, url=""):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    if url != reverse("healthz"):  # answered above XFrameOptionsMiddleware; CSP covers it
        assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_every_public_page_carries_the_headers_and_a_strict_policy(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_common_headers(response, url)
        csp = policy(response)
        assert csp["default-src"] == ["'self'"], url
        assert csp["script-src"] == ["'self'"], url  # no nonce unless a page uses one
        assert "'unsafe-inline'" not in csp["style-src"], url
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["form-action"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert sorted(csp["frame-src"]) == sorted(f"https://{h}" for h in ALLOWED_IFRAME_HOSTS)
        assert csp["img-src"][:2] == ["'self'", "data:"]


def test_public_templates_have_no_inline_script_or_handler(client, public_urls):
    """Inline code would be blocked by the policy: pages must load scripts from files."""
    for url in public_urls:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag, (url, tag)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), url
        assert "javascript:" not in html, url


def test_article_with_embedded_video_and_aligned_text_is_allowed_by_the_policy(client):
    """The body keeps CKEditor's style attributes and a YouTube frame; the policy lets both
    through (style-src-attr, frame-src) while scripts stay 'self' only."""
    article = ArticleFactory(
        body='<p style="text-align:center">Giữa trang</p>'
        '<iframe src="https://www.youtube.com/embed/abc123"></iframe>'
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert 'style="text-align:center"' in html
    assert 'src="https://www.youtube.com/embed/abc123"' in html
    csp = policy(response)
    assert csp["style-src-attr"] == ["'unsafe-inline'"]
    assert "https://www.youtube.com" in csp["frame-src"]
    assert csp["script-src"] == ["'self'"]


def test_admin_pages_carry_the_headers_with_a_policy_ckeditor_can_work_with(superuser_client):
    for url in (reverse("admin:index"), reverse("admin:news_article_add")):
        response = superuser_client.get(url)
        assert response.status_code == 200
        assert_common_headers(response)
        csp = policy(response)
        # CKEditor 5 injects <style> elements: allowed here, and only here.
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
        assert not any(value.startswith("'nonce-") for value in csp["style-src"])
        assert "blob:" in csp["img-src"]
        # Scripts are as strict as on public pages (plus the nonce the admin uses).
        assert "'unsafe-inline'" not in csp["script-src"]
        assert "'unsafe-eval'" not in csp["script-src"]
        assert csp["frame-ancestors"] == ["'none'"]
    html = response.content.decode()
    assert "django_ckeditor_5/dist/bundle.js" in html


def test_admin_login_page_nonce_matches_its_header(client):
    response = client.get(reverse("admin:login"))
    nonces = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
    assert len(nonces) == 1, "Django's admin marks its scripts and styles with one nonce"
    assert f"'nonce-{nonces.pop()}'" in policy(response)["script-src"]
    assert "'unsafe-inline'" in policy(response)["style-src"]


def test_the_relaxed_policy_stays_under_the_admin_prefix(client):
    response = client.get("/adminx/")  # looks like the admin, is not
    assert "'unsafe-inline'" not in policy(response)["style-src"]


def nonce_view(request):
    template = engines["django"].from_string(
        '<!doctype html><script nonce="{{ csp_nonce }}">window.ok = 1;</script>'
    )
    return HttpResponse(template.render({}, request))


urlpatterns = [path("nonce/", nonce_view)]


@pytest.mark.urls(__name__)
def test_a_nonce_used_by_a_template_is_added_to_the_policy(client):
    first = client.get("/nonce/")
    second = client.get("/nonce/")
    nonce = re.search(r'nonce="([^"]+)"', first.content.decode()).group(1)
    assert len(nonce) >= 16
    assert policy(first)["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert nonce not in second.content.decode(), "a new nonce for every response"


@override_settings(SECURE_CSP={})
def test_without_a_policy_the_admin_sends_none_either(superuser_client):
    response = superuser_client.get(reverse("admin:index"))
    assert "Content-Security-Policy" not in response
