"""The public news pages: home, lists with their pager, the article page, feeds and sitemap."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryImageFactory,
    OrganizationFactory,
    StaffUserFactory,
    figure_html,
)

from news.models import Article
from organizations.models import Membership
from pages.models import StaticPage

pytestmark = pytest.mark.django_db

PAGE_SIZE = 20


def html(response) -> str:
    return response.content.decode()


def titles_in(response) -> list[str]:
    return [a.title for a in response.context["articles"]]


@pytest.fixture
def category():
    return CategoryFactory(name="Hoạt động Đoàn", slug="hoat-dong-doan", show_on_home=True)


@pytest.fixture
def organization():
    return OrganizationFactory(name="Tỉnh Đoàn Bến Tre", short_name="Tỉnh Đoàn")


def make_articles(count, **kwargs):
    """`count` published articles, one hour apart, newest first (index 0)."""
    now = timezone.now()
    return [
        ArticleFactory(
            title=f"Bài số {i:03d}", published_at=now - timedelta(hours=i + 1), **kwargs
        )
        for i in range(count)
    ]


def unpublished_articles(category, organization):
    future = timezone.now() + timedelta(days=1)
    return {
        "draft": ArticleFactory(
            title="Bản nháp chưa duyệt", status=Article.Status.DRAFT, published_at=None,
            category=category, organization=organization,
        ),
        "pending": ArticleFactory(
            title="Bài chờ duyệt", status=Article.Status.PENDING, published_at=None,
            category=category, organization=organization,
        ),
        "archived": ArticleFactory(
            title="Bài đã lưu trữ", status=Article.Status.ARCHIVED,
            category=category, organization=organization,
        ),
        "future": ArticleFactory(
            title="Bài hẹn giờ ngày mai", published_at=future,
            category=category, organization=organization,
        ),
    }


# Home -------------------------------------------------------------------------------------


def test_home_shows_featured_latest_category_blocks_directives_and_statistics(
    client, category, organization
):
    board_category = CategoryFactory(name="Các ban xây dựng Đảng", show_on_home=True)
    featured = ArticleFactory(title="Tin nổi bật về Đại hội Đoàn", is_featured=True,
                              category=category, organization=organization)
    board_news = ArticleFactory(title="Ban Dân vận làm việc tại huyện", category=board_category)
    youth_news = ArticleFactory(title="Tuổi trẻ ra quân mùa hè xanh", category=category)
    key = DirectiveFactory(number="20", is_key=True)
    hidden = unpublished_articles(category, organization)

    response = client.get("/")
    page = html(response)

    assert response.status_code == 200
    assert '<html lang="vi"' in page
    assert response.context["lead_article"].title == featured.title
    assert response.context["featured_articles"] == []
    assert featured.title not in [a.title for a in response.context["latest_articles"]]
    blocks = {
        cat.name: [a.title for a in articles]
        for cat, articles in response.context["category_blocks"]
    }
    assert board_news.title in blocks["Các ban xây dựng Đảng"]
    assert youth_news.title in blocks["Hoạt động Đoàn"]
    assert "Văn bản mới" in page
    assert key.get_absolute_url() in page
    assert "Thống kê truy cập" in page
    for article in hidden.values():
        assert article.title not in page


def test_home_with_no_content_is_friendly(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Chưa có bài viết nào được đăng." in html(response)


# Lists and the pager ----------------------------------------------------------------------


def test_news_list_is_newest_first_and_paginated(client, category):
    articles = make_articles(45, category=category)

    first = client.get("/tin-tuc/")
    third = client.get("/tin-tuc/?page=3")

    assert titles_in(first) == [a.title for a in articles[:PAGE_SIZE]]
    assert titles_in(third) == [a.title for a in articles[40:]]
    pager = html(first)
    assert "Trang cuối" in pager
    assert 'href="?page=3"' in pager
    assert re.search(r'class="pager-current" aria-current="page">.*?1</span>', pager)
    assert "Trang đầu" not in pager  # already on the first page
    last = html(third)
    assert "Trang đầu" in last
    assert "Trang cuối" not in last


def test_pager_shows_a_window_with_gaps(client, category):
    make_articles(PAGE_SIZE * 12, category=category)

    page = html(client.get("/tin-tuc/?page=6"))

    numbers = re.findall(r'<span class="visually-hidden">Trang </span>(\d+)', page)
    assert numbers == ["1", "4", "5", "6", "7", "8", "12"]
    assert page.count('class="pager-gap"') == 2


@pytest.mark.parametrize(
    ("requested", "expected_page"),
    [
        ("0", 1), ("-3", 1), ("abc", 1), ("", 1), ("1.5", 1), ("%00", 1),
        ("last", 3), ("2", 2), ("3", 3),
    ],
)
def test_bad_page_numbers_show_the_nearest_page(client, category, requested, expected_page):
    make_articles(45, category=category)

    response = client.get(f"/tin-tuc/?page={requested}")

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_page


def test_category_list_shows_only_its_published_articles(client, category, organization):
    other = CategoryFactory(name="Thời sự")
    mine = ArticleFactory(title="Tin của mục Đoàn", category=category)
    ArticleFactory(title="Tin thời sự", category=other)
    hidden = unpublished_articles(category, organization)

    response = client.get(f"/chuyen-muc/{category.slug}/")

    assert response.status_code == 200
    assert titles_in(response) == [mine.title]
    page = html(response)
    assert "<h1 class=\"page-title\">Hoạt động Đoàn</h1>" in page
    assert f'href="/rss/{category.slug}/"' in page
    assert all(article.title not in page for article in hidden.values())
    assert client.get("/chuyen-muc/khong-co-muc-nay/").status_code == 404


def test_all_news_list_hides_drafts_pending_archived_and_future(client, category, organization):
    hidden = unpublished_articles(category, organization)
    visible = ArticleFactory(title="Tin đã đăng", category=category)

    titles = titles_in(client.get("/tin-tuc/"))

    assert titles == [visible.title]
    assert not set(titles) & {a.title for a in hidden.values()}


# The article page -------------------------------------------------------------------------


def test_article_page_shows_everything_a_reader_needs(client, category, organization):
    directive = DirectiveFactory(number="20", symbol="CT/TW")
    published_at = datetime(2026, 3, 5, 1, 30, tzinfo=UTC)  # 08:30 in Hà Nội
    article = ArticleFactory(
        title="Tỉnh Đoàn tổng kết Chỉ thị 20",
        summary="Tóm tắt bài viết.",
        body="<p>Đoạn mở đầu.</p>"
        + figure_html(LibraryImageFactory(), caption="Quang cảnh hội nghị")
        + "<p>Đoạn thứ hai.</p>"
        + figure_html(LibraryImageFactory(alt_text="Bí thư phát biểu"),
                      caption="Đại biểu phát biểu"),
        source="Ban Tuyên giáo Tỉnh ủy",
        category=category,
        organization=organization,
        published_at=published_at,
    )
    article.directives.add(directive)

    response = client.get(article.get_absolute_url())
    page = html(response)

    assert response.status_code == 200
    assert article.get_absolute_url() == "/tin-tuc/tinh-doan-tong-ket-chi-thi-20/"
    assert '<nav class="breadcrumb"' in page
    assert f'href="/chuyen-muc/{category.slug}/"' in page
    assert "Thứ Năm, 05/03/2026, 08:30</time>" in page
    assert organization.get_absolute_url() in page
    assert "Tóm tắt bài viết." in page
    assert "<p>Đoạn mở đầu.</p>" in page
    # The photos are where the editor put them in the text.
    assert page.index("Đoạn mở đầu.") < page.index("Quang cảnh hội nghị</figcaption>")
    assert page.index("Quang cảnh hội nghị</figcaption>") < page.index("Đoạn thứ hai.")
    assert page.index("Đoạn thứ hai.") < page.index("Đại biểu phát biểu</figcaption>")
    assert 'alt="Bí thư phát biểu"' in page
    assert "Nguồn: Ban Tuyên giáo Tỉnh ủy" in page
    assert f'href="{directive.get_absolute_url()}"' in page
    assert "facebook.com/sharer" in page
    assert "Chia sẻ:" in page
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert 'id="article-content"' in page


def test_related_articles_share_a_directive_and_are_published(client, category, organization):
    directive = DirectiveFactory(number="20")
    article = ArticleFactory(category=category)
    article.directives.add(directive)
    related = ArticleFactory(title="Sơ kết Chỉ thị 20 ở huyện Ba Tri")
    related.directives.add(directive)
    draft = ArticleFactory(title="Bản nháp cùng chỉ thị", status=Article.Status.DRAFT,
                           published_at=None)
    draft.directives.add(directive)
    ArticleFactory(title="Không liên quan")

    response = client.get(article.get_absolute_url())

    assert [a.title for a in response.context["related_articles"]] == [related.title]
    assert "Tin liên quan" in html(response)


@pytest.mark.parametrize("state", ["draft", "pending", "archived", "future"])
def test_unpublished_articles_are_404_for_readers(client, category, organization, state):
    article = unpublished_articles(category, organization)[state]

    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", ["draft", "future"])
def test_staff_with_permission_preview_unpublished_articles(client, category, organization, state):
    article = unpublished_articles(category, organization)[state]
    editor = StaffUserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="change_article"),
                                Permission.objects.get(codename="change_colleagues_article"))
    Membership.objects.create(user=editor, organization=organization)
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Bản nháp" in html(response)
    assert 'class="preview-banner"' in html(response)
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]


def test_staff_without_permission_cannot_preview(client, category, organization):
    article = unpublished_articles(category, organization)["draft"]
    client.force_login(StaffUserFactory())

    assert client.get(article.get_absolute_url()).status_code == 404


def test_published_article_has_no_preview_banner(client, category):
    article = ArticleFactory(category=category)
    editor = StaffUserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert 'class="preview-banner"' not in html(response)
    assert "X-Robots-Tag" not in response


def test_unknown_article_gives_the_vietnamese_404_page(client):
    response = client.get("/tin-tuc/khong-co-bai-nay/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in html(response)


# Feeds, sitemap, robots ------------------------------------------------------------------


def test_rss_feeds_list_published_news_only(client, category, organization):
    visible = ArticleFactory(title="Tin trong RSS", category=category)
    other = ArticleFactory(title="Tin mục khác trong RSS")
    hidden = unpublished_articles(category, organization)

    site_feed = html(client.get("/rss/"))
    category_feed = client.get(f"/rss/{category.slug}/")

    assert "<rss" in site_feed
    assert visible.title in site_feed
    assert other.title in site_feed
    assert category_feed["Content-Type"].startswith("application/rss+xml")
    assert visible.title in html(category_feed)
    assert other.title not in html(category_feed)
    for article in hidden.values():
        assert article.title not in site_feed
    assert client.get("/rss/khong-co-muc/").status_code == 404


def test_sitemap_lists_every_public_thing_and_no_private_one(client, category, organization):
    article = ArticleFactory(category=category, organization=organization)
    hidden = unpublished_articles(category, organization)
    directive = DirectiveFactory(number="20")
    page = StaticPage.objects.create(title="Giới thiệu chung", body="<p>Giới thiệu</p>")
    draft_page = StaticPage.objects.create(title="Trang nháp", body="<p>…</p>", is_published=False)

    index = html(client.get("/sitemap.xml"))
    sections = re.findall(r"<loc>http://testserver(/sitemap-[\w-]+\.xml)</loc>", index)
    everything = "".join(html(client.get(section)) for section in sections)

    for url in [
        "/", "/tin-tuc/", "/van-ban/", "/to-chuc/", "/en/", "/lien-he/",
        article.get_absolute_url(), category.get_absolute_url(), organization.get_absolute_url(),
        directive.get_absolute_url(), page.get_absolute_url(),
    ]:
        assert f"<loc>http://testserver{url}</loc>" in everything, url
    for private in [*hidden.values(), draft_page]:
        assert private.get_absolute_url() not in everything


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in html(response)
