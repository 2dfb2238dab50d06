"""The reading lists of an article page (news.selectors, news/templatetags/reading_lists.py):
"Tin cùng chuyên mục" (newer and older), "Tin mới nhất", "Xem nhiều" with its view counts,
"Tin liên quan"; the date every public page shows; a page past the last list page."""

import re
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from demo_articles import article_with_every_reading_list
from django.core.management import call_command
from django.utils import timezone
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryImageFactory,
    OrganizationFactory,
)

from news.models import Article
from news.services import article_change_status

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, slug: str) -> str:
    """The HTML of the reading list whose heading is <slug>-heading."""
    match = re.search(
        rf'<section class="block reading-list" aria-labelledby="{slug}-heading">(.*?)</section>',
        page, re.S,
    )
    assert match, f"no list {slug}"
    return match.group(1)


def titles(fragment: str) -> list[str]:
    return re.findall(r'<h3 class="thumb-title"><a href="[^"]+">([^<]+)</a></h3>', fragment)


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def set_views(article, views):
    Article.objects.filter(pk=article.pk).update(view_count=views)


@pytest.fixture
def category():
    return CategoryFactory(name="Hoạt động Đoàn", slug="hoat-dong-doan")


def test_an_article_in_the_middle_of_its_category_lists_newer_and_older_ones(client, category):
    cover = LibraryImageFactory()
    articles = [
        ArticleFactory(title=f"Tin Đoàn số {n}", category=category, published_at=hours_ago(n),
                       cover=cover)
        for n in range(1, 13)
    ]  # newest first
    ArticleFactory(title="Tin của mục khác", published_at=hours_ago(3))
    current = articles[5]

    page = html(client.get(current.get_absolute_url()))

    same = section(page, "section")
    assert "Tin cùng chuyên mục" in same
    # Three newer (the nearest ones), then the older ones, eight in all, newest first.
    assert titles(same) == [a.title for a in articles[2:5] + articles[6:11]]
    assert current.title not in titles(same)
    assert "Tin của mục khác" not in same
    assert same.count('class="thumb-image"') == 8
    assert f'href="{category.get_absolute_url()}"' in same


def test_the_newest_article_of_a_category_fills_the_list_with_older_ones(client, category):
    articles = [
        ArticleFactory(title=f"Tin Đoàn số {n}", category=category, published_at=hours_ago(n))
        for n in range(1, 11)
    ]

    page = html(client.get(articles[0].get_absolute_url()))

    assert titles(section(page, "section")) == [a.title for a in articles[1:9]]


def test_an_article_alone_in_its_category_lists_its_organisations_articles(client):
    youth = OrganizationFactory(name="Tỉnh Đoàn Bến Tre", slug="tinh-doan")
    imported = ArticleFactory(
        title="Bài chuyển từ cổng cũ", category=CategoryFactory(name="Tin tức chung"),
        organization=youth, published_at=hours_ago(30),
    )
    newer = ArticleFactory(title="Tỉnh Đoàn ra quân", organization=youth, published_at=hours_ago(2))
    older = ArticleFactory(title="Tỉnh Đoàn sơ kết", organization=youth, published_at=hours_ago(50))
    ArticleFactory(title="Tin của đơn vị khác", published_at=hours_ago(1))

    page = html(client.get(imported.get_absolute_url()))

    same = section(page, "section")
    assert "Tin cùng đơn vị" in same
    assert titles(same) == [newer.title, older.title]
    assert 'href="/to-chuc/tinh-doan/tin-tuc/"' in same


def test_newest_and_most_read_of_the_portal_with_their_counts(client, category):
    current = ArticleFactory(title="Bài đang đọc", category=category, published_at=hours_ago(5))
    set_views(current, 2_500)
    newest = [
        ArticleFactory(title=f"Tin mới {n}", published_at=hours_ago(n)) for n in range(1, 9)
    ]
    read = ArticleFactory(title="Tin đọc nhiều tháng này", published_at=timezone.now()
                          - timedelta(days=10))
    set_views(read, 12_345)
    old_favourite = ArticleFactory(title="Tin đọc nhiều năm trước",
                                   published_at=timezone.now() - timedelta(days=400))
    set_views(old_favourite, 99_999)
    for position, views in enumerate((5, 6, 7, 40, 8)):
        set_views(newest[position], views)
    hidden = ArticleFactory(title="Bản nháp được xem nhiều", status=Article.Status.DRAFT,
                            published_at=None)
    set_views(hidden, 1_000_000)

    page = html(client.get(current.get_absolute_url()))

    assert re.search(r'class="view-count">2\.500 lượt xem<', page)
    assert titles(section(page, "newest")) == [a.title for a in newest[:6]]
    most_read = section(page, "most-read")
    assert "<ol " in most_read
    # The month's most read first; the archive's favourite only fills a short month.
    assert titles(most_read)[:2] == [read.title, newest[3].title]
    assert "12.345 lượt xem" in most_read
    assert old_favourite.title not in most_read
    assert current.title not in most_read
    assert hidden.title not in page


def test_a_quiet_month_is_filled_with_the_most_read_of_all_time(client, category):
    current = ArticleFactory(category=category, published_at=hours_ago(1))
    favourites = []
    for views in (700, 900, 800):
        old = ArticleFactory(published_at=timezone.now() - timedelta(days=90 + views // 100))
        set_views(old, views)
        favourites.append(old)

    page = html(client.get(current.get_absolute_url()))

    assert titles(section(page, "most-read")) == [
        favourites[1].title, favourites[2].title, favourites[0].title
    ]
    assert "900 lượt xem" in page


def test_no_most_read_list_before_anyone_has_read(client, category):
    current = ArticleFactory(category=category)
    ArticleFactory(category=category)

    page = html(client.get(current.get_absolute_url()))

    assert "Xem nhiều" not in page
    assert "lượt xem" not in page
    assert "Xem nhiều" not in html(client.get("/"))


def test_related_articles_by_directive_stay(client, category):
    directive = DirectiveFactory(number="20")
    article = ArticleFactory(category=category)
    article.directives.add(directive)
    related = ArticleFactory(title="Sơ kết Chỉ thị 20 ở Ba Tri")
    related.directives.add(directive)

    page = html(client.get(article.get_absolute_url()))

    assert titles(section(page, "related")) == [related.title]


def test_every_list_of_a_demo_article_is_there(client):
    call_command("load_demo", articles=12, verbosity=0)
    article = article_with_every_reading_list()

    page = html(client.get(article.get_absolute_url()))

    for slug in ("section", "newest", "most-read", "related"):
        assert titles(section(page, slug)), slug
    assert "lượt xem" in section(page, "most-read")


def test_publishing_renews_the_cached_article_pages_newest_list(
    client, category, page_cache_on, django_capture_on_commit_callbacks
):
    current = ArticleFactory(category=category, published_at=hours_ago(3))
    draft = ArticleFactory(title="Tin vừa duyệt đăng", status=Article.Status.DRAFT,
                           published_at=None)
    client.get(current.get_absolute_url())
    assert client.get(current.get_absolute_url())["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        article_change_status(article=draft, to=Article.Status.PUBLISHED, by=None)
    page = html(client.get(current.get_absolute_url()))
    assert "Tin vừa duyệt đăng" in section(page, "newest")

    with django_capture_on_commit_callbacks(execute=True):
        article_change_status(article=Article.objects.get(pk=draft.pk),
                              to=Article.Status.DRAFT, by=None)
    assert "Tin vừa duyệt đăng" not in html(client.get(current.get_absolute_url()))


# Dates --------------------------------------------------------------------------------------


def test_a_date_only_article_shows_no_invented_time_on_any_page(client, category):
    imported = ArticleFactory(
        title="Bài cũ chỉ có ngày đăng", category=category, published_date_only=True,
        published_at=datetime(2024, 3, 4, 17, 0, tzinfo=UTC),  # 05/03/2024 00:00 in Hà Nội
        summary="Hội nghị tổng kết công tác thanh niên.",
    )
    timed = ArticleFactory(
        title="Bài có giờ đăng", category=category,
        published_at=datetime(2024, 3, 6, 1, 30, tzinfo=UTC),  # 08:30 in Hà Nội
    )
    pages = [
        imported.get_absolute_url(), "/tin-tuc/", category.get_absolute_url(),
        "/tim-kiem/?q=tong+ket+cong+tac+thanh+nien", timed.get_absolute_url(),
    ]
    for url in pages:
        page = html(client.get(url))
        assert '<time datetime="2024-03-05">' in page, url
        assert "05/03/2024 00:00" not in page, url
        assert "05/03/2024, 00:00" not in page, url
    assert "Thứ Ba, 05/03/2024</time>" in html(client.get(imported.get_absolute_url()))
    assert "Thứ Tư, 06/03/2024, 08:30</time>" in html(client.get(timed.get_absolute_url()))
    assert "06/03/2024 08:30</time>" in html(client.get("/tin-tuc/"))


def test_the_article_form_offers_date_only_beside_the_publication_time(admin_client):
    article = ArticleFactory()

    page = html(admin_client.get(f"/admin/news/article/{article.pk}/change/"))

    assert re.search(r'class="form-row [^"]*field-published_at field-published_date_only"', page)
    assert 'name="published_date_only"' in page


# Headings -----------------------------------------------------------------------------------


def heading_levels(page: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", page)]


@pytest.mark.parametrize("url", ["/", "{article}", "/tin-tuc/", "{category}"])
def test_headings_go_down_one_level_at_a_time(client, url, category):
    category.show_on_home = True
    category.save()
    for n in range(8):
        ArticleFactory(category=category, published_at=hours_ago(n + 1), is_featured=n < 3)
    article = Article.objects.published().order_by("-published_at")[4]
    page = html(client.get(
        url.format(article=article.get_absolute_url(), category=category.get_absolute_url())
    ))

    levels = heading_levels(page)
    assert levels[0] == 1
    assert levels.count(1) == 1
    jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert not jumps, levels


# Pages past the last ------------------------------------------------------------------------


def test_a_page_past_the_last_is_not_found_on_the_lists(client, category):
    youth = OrganizationFactory(slug="tinh-doan")
    directive = DirectiveFactory()
    for n in range(25):
        article = ArticleFactory(category=category, organization=youth, published_at=hours_ago(n))
        article.directives.add(directive)

    for url in ["/tin-tuc/", category.get_absolute_url(), "/to-chuc/tinh-doan/tin-tuc/",
                directive.get_absolute_url()]:
        assert client.get(f"{url}?page=2").status_code == 200, url
        assert client.get(f"{url}?page=last").status_code == 200, url
        assert client.get(f"{url}?page=3").status_code == 404, url
        assert client.get(f"{url}?page=99999999999999999999").status_code == 404, url
        assert client.get(f"{url}?page=abc").status_code == 200, url
    assert client.get("/van-ban/?page=2").status_code == 404
    # An empty list still has its first page.
    empty = CategoryFactory(slug="chua-co-bai")
    assert client.get(f"{empty.get_absolute_url()}?page=1").status_code == 200
    assert client.get(f"{empty.get_absolute_url()}?page=2").status_code == 404
