"""Every URL of the portal answers 405 to TRACE and any method but GET, HEAD and POST, and
still answers GET as before."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from factories import ArticleFactory, DirectiveFactory, StaffUserFactory, TopicFactory

from pages.models import StaticPage

pytestmark = pytest.mark.django_db

REFUSED = ["TRACE", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "PROPFIND", "FOO"]


@pytest.fixture
def urls():
    """One URL for each route of the portal, with real content behind it."""
    article = ArticleFactory(title="Ra quân tình nguyện hè")
    directive = DirectiveFactory()
    page = StaticPage.objects.create(
        title="Giới thiệu", body="<p>Giới thiệu.</p>", is_published=True
    )
    organization = article.organization
    topic = TopicFactory()
    return {
        "home": "/",
        "news:article_list": reverse("news:article_list"),
        "news:article_detail": article.get_absolute_url(),
        "news:category": article.category.get_absolute_url(),
        "news:directive_list": reverse("news:directive_list"),
        "news:directive_detail": directive.get_absolute_url(),
        "news:search": reverse("news:search") + "?q=ra+qu%C3%A2n",
        "news:feed": reverse("news:feed"),
        "news:category_feed": reverse("news:category_feed", args=[article.category.slug]),
        "news:topic_list": reverse("news:topic_list"),
        "news:topic_detail": topic.get_absolute_url(),
        "organizations:english": reverse("organizations:english"),
        "organizations:tree": reverse("organizations:tree"),
        "organizations:detail": organization.get_absolute_url(),
        "organizations:articles": reverse("organizations:articles", args=[organization.slug]),
        "static_page": page.get_absolute_url(),
        "contact": reverse("contact"),
        "robots_txt": reverse("robots_txt"),
        "favicon": reverse("favicon"),
        "apple_touch_icon": reverse("apple_touch_icon"),
        "web_manifest": reverse("web_manifest"),
        "portal_theme_css": reverse("portal_theme_css"),
        "healthz": reverse("healthz"),
        "sitemap_index": reverse("sitemap_index"),
        "django.contrib.sitemaps.views.sitemap": reverse(
            "django.contrib.sitemaps.views.sitemap", args=["articles"]
        ),
        "editor_image_upload": reverse("editor_image_upload"),
        "library:picker": reverse("library:picker"),
        "library:image_list": reverse("library:image_list"),
        "library:image_upload": reverse("library:image_upload"),
        "admin_password_reset": reverse("admin_password_reset"),
        "password_reset_done": reverse("password_reset_done"),
        "password_reset_confirm": "/reset/MQ/khong-hop-le/",
        "password_reset_complete": reverse("password_reset_complete"),
        "admin:index": reverse("admin:index"),
        "admin:login": reverse("admin:login"),
        "admin:login_lockouts": reverse("admin:login_lockouts"),
        "admin:news_article_changelist": reverse("admin:news_article_changelist"),
    }


def route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the admin's many routes are sampled above
            yield from route_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_the_list_covers_every_route_of_the_portal(urls):
    assert set(route_names(get_resolver().url_patterns)) <= set(urls)


@pytest.mark.parametrize("signed_in", [False, True])
def test_other_methods_answer_405_everywhere(client, urls, signed_in):
    if signed_in:
        client.force_login(StaffUserFactory(is_superuser=True))
    refused = {}
    for name, url in urls.items():
        for method in REFUSED:
            response = client.generic(method, url)
            if response.status_code != 405 or response["Allow"] != "GET, HEAD, POST":
                refused[(name, method)] = response.status_code
    assert refused == {}


def test_trace_on_the_feed_no_longer_returns_it(client, urls):
    response = client.trace(urls["news:feed"])

    assert response.status_code == 405
    assert b"<rss" not in response.content
    assert "không được hỗ trợ" in response.content.decode()


def test_get_still_answers(client, urls):
    statuses = {name: client.get(url).status_code for name, url in urls.items()}
    assert statuses.pop("editor_image_upload") == 405  # POST only, as before
    assert statuses.pop("library:image_upload") == 405  # POST only
    # The editor's library picker answers signed-out visitors with a JSON refusal.
    assert statuses.pop("library:picker") == 403
    assert statuses.pop("library:image_list") == 403
    assert statuses.pop("password_reset_confirm") == 200
    assert set(statuses.values()) <= {200, 302}, statuses
