"""Queries per public page: a fixed budget, the same with 10 or 200 articles (no N+1)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article, ArticleImage, Category, Directive
from organizations.models import Organization, Person, Position
from portal.models import StaticPage
from tests.factories import (
    CategoryFactory,
    DirectiveFactory,
    OrganizationFactory,
    PositionFactory,
    image_file,
)

pytestmark = pytest.mark.django_db

BUDGET = 10

PAGES = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/?page=2",
    "/chuyen-muc/hoat-dong-doan/",
    "{article}",
    "/van-ban/",
    "/van-ban/?doc_type=chi_thi&q=20",
    "{directive}",
    "/to-chuc/",
    "{organization}",
    "{organization}tin-tuc/",
    "/en/",
    "/rss/",
    "/lien-he/",
    "/trang/gioi-thieu/",
    "/sitemap-articles.xml",
]


def build_portal(article_count: int) -> dict[str, str]:
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    youth = Organization.objects.add_child(
        province, instance=Organization(name="Tỉnh Đoàn Bến Tre", short_name="Tỉnh Đoàn")
    )
    for index in range(3):
        PositionFactory(organization=youth, title=f"Phó Bí thư {index}")
    categories = [
        CategoryFactory(name="Hoạt động Đoàn", slug="hoat-dong-doan", show_on_home=True),
        CategoryFactory(name="Các ban xây dựng Đảng", show_on_home=True),
        CategoryFactory(name="Thời sự", show_on_home=True),
    ]
    directives = [DirectiveFactory(number=str(20 + i), issuer=province) for i in range(3)]
    cover = image_file("bia.jpg", size=(400, 300))
    now = timezone.now()
    articles = []
    for index in range(article_count):
        article = Article(
            title=f"Tin hoạt động số {index}",
            summary="Tóm tắt.",
            body="<p>Nội dung.</p>",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=index + 1),
            category=categories[index % 3],
            organization=youth if index % 2 else province,
            is_featured=index < 6,
        )
        if index < 3:
            article.cover_image.save(f"bia-{index}.jpg", cover, save=False)
        article.save()
        articles.append(article)
    target = articles[article_count // 2]
    for directive in directives:
        for article in articles[: article_count // 2 + 1]:
            article.directives.add(directive)
    for order in range(3):
        ArticleImage.objects.create(article=target, image=image_file(), caption=f"Ảnh {order}", order=order)
    StaticPage.objects.create(title="Giới thiệu", slug="gioi-thieu", body="<p>Giới thiệu.</p>")
    return {
        "article": target.get_absolute_url(),
        "directive": directives[0].get_absolute_url(),
        "organization": youth.get_absolute_url(),
    }


def query_counts(client, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for template in PAGES:
        url = template.format(**urls)
        assert client.get(url).status_code == 200, url  # warms thumbnails and lookups
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[template] = len(queries)
    return counts


def test_every_public_page_keeps_its_query_budget_whatever_the_number_of_articles(client):
    cache.clear()
    small = query_counts(client, build_portal(10))
    for model in (Article, Directive, StaticPage, Category, Position, Person, Organization):
        model.objects.all().delete()
    cache.clear()
    large = query_counts(client, build_portal(200))

    over_budget = {page: count for page, count in large.items() if count > BUDGET}
    assert not over_budget, f"more than {BUDGET} queries: {over_budget}"
    grown = {page: (small[page], large[page]) for page in PAGES if large[page] != small[page]}
    assert not grown, f"queries grow with the number of articles: {grown}"
