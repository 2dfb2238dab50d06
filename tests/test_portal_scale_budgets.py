"""Queries per public page with 50 portals: a portal's pages ask the database exactly as many
queries as the same pages of an installation with one portal (issue 19; figures with 1,000
articles per portal in bench/PORTALS.md).

One installation is built once for the module (tests/test_query_budgets.py's province: its
organisations, menus, directives, topics and articles) and measured as it is, with its one
portal. Then its province becomes the organisation of a portal of its own, on
tinhuy.example.vn, beside 48 more portals (each an organisation under the province with its
own domain and a few articles) and the main one: 50 in all. Every page of
test_query_budgets.PAGES is measured again on tinhuy.example.vn and must ask the same number
of queries; the pages of a small portal keep the query budget. Built inside a transaction
that is rolled back; page caching is off in the test settings: these are uncached counts.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from test_query_budgets import BROWSER, BUDGET, PAGES, build_portal, listing

from news.models import Article, Category
from news.search_document import article_document
from organizations.models import Organization
from portals import hosts
from portals.models import Portal, PortalDomain

pytestmark = pytest.mark.django_db

ARTICLES = 100
PORTALS = 50  # the main portal, the province's and 48 more
ARTICLES_PER_SMALL_PORTAL = 3
PROVINCE_DOMAIN = "tinhuy.example.vn"
SMALL_DOMAIN = f"cong{PORTALS - 2}.example.vn"
# What a reader of a small portal opens: home, list, article, category, search, RSS, sitemap.
SMALL_PORTAL_PAGES = [
    "/", "/tin-tuc/", "{article}", "/chuyen-muc/hoat-dong-doan/", "/tim-kiem/?q=tin",
    "/rss/", "/sitemap.xml", "/sitemap-articles.xml",
]


def measure(urls: dict[str, str], pages: list[str], host: str) -> dict[str, tuple[int, list]]:
    """page -> (number of queries, their SQL) of the second request of each page on `host`."""
    client = Client(headers={"host": host, "user-agent": BROWSER})
    measured = {}
    for page in pages:
        url = page.format(**urls)
        assert client.get(url).status_code == 200, f"{host}{url}"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{host}{url}"
        assert response.wsgi_request.portal == hosts.resolve(host).portal, host
        measured[page] = (len(queries), [query["sql"] for query in queries])
    return measured


def add_portals(province: Organization) -> str:
    """The province's own portal and PORTALS - 2 small ones under it, each with its domain
    and a few older articles; the address of the newest article of the last small portal."""
    Portal.objects.create(organization=province)
    PortalDomain.objects.create(
        portal=Portal.objects.get(organization=province), domain=PROVINCE_DOMAIN,
        is_primary=True,
    )
    category = Category.objects.get(slug="hoat-dong-doan")
    long_ago = timezone.now() - timedelta(days=400)
    articles = []
    for number in range(1, PORTALS - 1):
        organization = Organization.objects.add_child(
            Organization.objects.get(pk=province.pk),
            instance=Organization(name=f"Đảng ủy xã số {number}", short_name=f"Xã {number}"),
        )
        portal = Portal.objects.create(organization=organization)
        PortalDomain.objects.create(
            portal=portal, domain=f"cong{number}.example.vn", is_primary=True
        )
        for index in range(ARTICLES_PER_SMALL_PORTAL):
            title = f"Xã {number} tổ chức hoạt động tình nguyện (tin {index})"
            published_at = long_ago - timedelta(minutes=number * 10 + index)
            articles.append(Article(
                title=title, slug=f"xa-{number}-tin-{index}", summary="Tóm tắt.",
                body="<p>Nội dung.</p>", status=Article.Status.PUBLISHED,
                published_at=published_at, first_published_at=published_at,
                category=category, organization=organization,
                search_document=article_document(title=title, summary="Tóm tắt.", body=""),
            ))
    Article.objects.bulk_create(articles)
    hosts.forget()
    last = Article.objects.filter(slug=f"xa-{PORTALS - 2}-tin-0").get()
    return last.get_absolute_url()


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """{"one": counts with one portal, "many": the province's portal among PORTALS,
    "small": a small portal among them}."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        hosts.forget()
        urls = build_portal(ARTICLES)
        results = {"one": measure(urls, PAGES, "testserver")}
        province = Organization.objects.get(name="Tỉnh ủy Bến Tre")
        small_article = add_portals(province)
        assert Portal.objects.count() == PORTALS
        assert hosts.resolve(PROVINCE_DOMAIN).portal.organization_id == province.pk
        assert not hosts.resolve(SMALL_DOMAIN).portal.is_main
        cache.clear()
        hosts.forget()
        results["many"] = measure(urls, PAGES, PROVINCE_DOMAIN)
        results["small"] = measure(
            {**urls, "article": small_article}, SMALL_PORTAL_PAGES, SMALL_DOMAIN
        )
        transaction.set_rollback(True)
    cache.clear()
    hosts.forget()
    return results


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_asks_no_more_queries_with_fifty_portals_than_with_one(measured, page):
    one, one_sql = measured["one"][page]
    many, many_sql = measured["many"][page]
    # Never more; one fewer where a page reads what the portal's own organisation gives
    # without a query (the contact page's address: the main portal has one among fifty).
    assert many <= one, (
        f"{page}: {one} queries with one portal, {many} with {PORTALS}:\n"
        f"one:\n{listing(one_sql)}\n{PORTALS}:\n{listing(many_sql)}"
    )


@pytest.mark.parametrize("page", SMALL_PORTAL_PAGES, ids=str)
def test_a_small_portal_among_fifty_keeps_the_budget(measured, page):
    count, sql = measured["small"][page]
    assert count <= BUDGET, f"{page}: {count} queries (budget {BUDGET}):\n{listing(sql)}"
