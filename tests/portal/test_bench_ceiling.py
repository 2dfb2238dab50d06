"""The benchmark's ceiling page (portal/ceiling.py): only there when DJANGO_BENCH_CEILING is set."""

import importlib

import pytest
from django.urls import clear_url_caches

import portal.urls
from portal import ceiling
from portals import hosts

URL = "/" + ceiling.PATH


def _reload_urls():
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture
def ceiling_enabled(settings):
    settings.BENCH_CEILING = True
    _reload_urls()
    yield
    settings.BENCH_CEILING = False
    _reload_urls()


@pytest.mark.django_db
def test_absent_by_default(client, settings):
    assert settings.BENCH_CEILING is False
    assert client.get(URL).status_code == 404


@pytest.mark.django_db
def test_fixed_20_kb_html_page_through_the_middleware(
    client, ceiling_enabled, django_assert_num_queries
):
    hosts.portal_map()  # the portal of a host: kept in the cache in production
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert len(response.content) == 20 * 1024
    assert response.content.startswith(b"<!DOCTYPE html>")
    assert response.content.endswith(b"</html>\n")
    assert response.content.decode("utf-8")  # whole characters only
    # The same middleware as every page: request id, security headers.
    assert response["X-Request-ID"]
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"
    assert response.content == ceiling.PAGE


@pytest.mark.django_db
def test_gone_again_when_switched_off(client, ceiling_enabled, settings):
    settings.BENCH_CEILING = False
    _reload_urls()
    assert client.get(URL).status_code == 404


@pytest.mark.django_db
def test_article_data_makes_the_article_pages_queries_and_answers_the_ceiling_page(
    client, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from factories import ArticleFactory, DirectiveFactory, LibraryImageFactory, figure_html

    article = ArticleFactory(body="<p>Mở đầu.</p>" + figure_html(LibraryImageFactory()))
    article.directives.add(DirectiveFactory())
    ArticleFactory(category=article.category)
    data_url = f"/__bench__/article-data/{article.slug}/"
    assert client.get(data_url).status_code == 404  # not without the setting

    settings.BENCH_CEILING = True
    _reload_urls()
    try:
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        with CaptureQueriesContext(connection) as data_queries:
            response = client.get(data_url)
        missing = client.get("/__bench__/article-data/khong-co-bai-nay/")
    finally:
        settings.BENCH_CEILING = False
        _reload_urls()

    assert response.status_code == 200
    assert response.content == ceiling.PAGE
    assert [q["sql"] for q in data_queries] == [q["sql"] for q in page_queries]
    assert missing.status_code == 404
