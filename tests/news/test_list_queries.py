"""The list queries that the indexes serve give the same articles as before, on both
databases: home category blocks (UNION on PostgreSQL, a window function on SQLite), deep
pages looked up by their ids, related articles through EXISTS, the sitemap's lastmod."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from factories import ArticleFactory, CategoryFactory, DirectiveFactory

from news import list_views
from news.models import Article
from news.selectors import latest_per_category

pytestmark = pytest.mark.django_db


def dated(title, hours_ago, **kwargs):
    return ArticleFactory(
        title=title, published_at=timezone.now() - timedelta(hours=hours_ago), **kwargs
    )


def test_each_home_block_has_the_newest_published_articles_of_its_category():
    youth, party, empty = (CategoryFactory(name=name) for name in ("Đoàn", "Đảng", "Trống"))
    for hours in range(7):
        dated(f"Đoàn {hours}", hours + 1, category=youth)
        dated(f"Đảng {hours}", hours + 1.5, category=party)
    dated("Đoàn nháp", 0, category=youth, status=Article.Status.DRAFT)
    dated("Đoàn ngày mai", -24, category=youth)

    blocks = latest_per_category([party, youth, empty], per_category=3)

    assert [(category.name, [a.title for a in articles]) for category, articles in blocks] == [
        ("Đảng", ["Đảng 0", "Đảng 1", "Đảng 2"]),
        ("Đoàn", ["Đoàn 0", "Đoàn 1", "Đoàn 2"]),
        ("Trống", []),
    ]
    assert latest_per_category([], per_category=3) == []


def test_a_deep_page_looked_up_by_ids_shows_the_same_articles_in_order(client, monkeypatch):
    monkeypatch.setattr(list_views, "IDS_FIRST_FROM_OFFSET", 20)
    category = CategoryFactory(slug="hoat-dong")
    titles = [dated(f"Bài {n:02d}", n + 1, category=category).title for n in range(45)]
    dated("Bài nháp", 0.5, category=category, status=Article.Status.DRAFT)

    pages = {}
    for url in ("/tin-tuc/", "/chuyen-muc/hoat-dong/"):
        pages[url] = [
            [a.title for a in client.get(url, {"page": number}).context["articles"]]
            for number in (1, 2, 3)
        ]

    for url, shown in pages.items():
        assert shown == [titles[:20], titles[20:40], titles[40:]], url


def test_related_articles_are_the_newest_linked_once_each_without_the_article(client):
    first, second = DirectiveFactory(number="20"), DirectiveFactory(number="21")
    article = dated("Bài đang đọc", 1)
    article.directives.add(first, second)
    linked = []
    for n in range(7):
        other = dated(f"Liên quan {n}", n + 2)
        other.directives.add(first)
        if n % 2:
            other.directives.add(second)  # found through both, listed once
        linked.append(other.title)
    dated("Không liên quan", 0.5)

    response = client.get(article.get_absolute_url())

    assert [a.title for a in response.context["related_articles"]] == linked[:5]


def test_the_sitemap_index_dates_each_section_by_its_newest_public_change(client):
    old = dated("Bài cũ", 48)
    newest = dated("Bài mới sửa", 24)
    Article.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    Article.objects.filter(pk=newest.pk).update(updated_at=timezone.now() - timedelta(days=1))
    draft = dated("Bản nháp vừa sửa", 1, status=Article.Status.DRAFT)
    Article.objects.filter(pk=draft.pk).update(updated_at=timezone.now())

    index = client.get("/sitemap.xml").content.decode()

    entry = re.search(
        r"<loc>http://testserver/sitemap-articles\.xml</loc>\s*<lastmod>([^<]+)</lastmod>", index
    )
    expected = Article.objects.get(pk=newest.pk).updated_at
    assert entry is not None, index
    assert entry.group(1).startswith(expected.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%dT%H:%M"))
