"""Topic pages (chuyên trang): their addresses, the public pages, who keeps them in the admin,
articles attached to them, the home page's featured topics, the sitemap and the page cache."""

from datetime import timedelta

import pytest
from admin_forms import browser_data
from django.utils import timezone
from factories import (
    ArticleFactory,
    LibraryImageFactory,
    OrganizationFactory,
    member,
)

from accounts.roles import APPROVER, EDITOR, PORTAL_ADMIN, REPORTER, SITE_ADMIN
from news.models import Article, Topic
from news.services import article_delete, article_save
from news.topic_views import TopicDetailView

pytestmark = pytest.mark.django_db

TOPIC_ADD = "/admin/news/topic/add/"


@pytest.fixture
def topic(db):
    return Topic.objects.create(
        title="Đại hội Đảng bộ tỉnh lần thứ XII",
        description="Tin tức về công tác chuẩn bị Đại hội.",
        banner=LibraryImageFactory(caption="Hội trường Đại hội", is_shared=True),
        is_featured=True,
    )


def in_topic(topic, **fields):
    article = ArticleFactory(**fields)
    article.topics.add(topic)
    return article


# Addresses ------------------------------------------------------------------------------


def test_the_address_comes_from_the_title_by_the_vietnamese_rule(topic):
    assert topic.slug == "dai-hoi-dang-bo-tinh-lan-thu-xii"
    assert topic.get_absolute_url() == "/chuyen-trang/dai-hoi-dang-bo-tinh-lan-thu-xii/"
    second = Topic.objects.create(title="Đại hội Đảng bộ tỉnh lần thứ XII")
    assert second.slug == "dai-hoi-dang-bo-tinh-lan-thu-xii-2"


def test_a_corrected_address_keeps_the_old_one_as_a_redirect(client, topic):
    old = topic.get_absolute_url()
    topic.slug = "dai-hoi-xii"
    topic.save()
    response = client.get(old + "?page=1")
    assert response.status_code == 301
    assert response["Location"] == "/chuyen-trang/dai-hoi-xii/?page=1"
    topic.is_active = False
    topic.save()
    assert client.get(old).status_code == 404


# Public pages ---------------------------------------------------------------------------


def test_the_topic_page_lists_only_its_published_articles_newest_first(client, topic):
    now = timezone.now()
    older = in_topic(topic, title="Hội nghị Ban Chấp hành bàn về công tác nhân sự",
                     published_at=now - timedelta(days=2))
    newer = in_topic(topic, title="Khai mạc Đại hội đại biểu Đảng bộ tỉnh",
                     published_at=now - timedelta(hours=1))
    draft = in_topic(topic, title="Dự thảo báo cáo chính trị", status=Article.Status.DRAFT,
                     published_at=None)
    scheduled = in_topic(topic, title="Bế mạc Đại hội (hẹn giờ)",
                         published_at=now + timedelta(days=1))
    trashed = in_topic(topic, title="Tin đã xóa về Đại hội")
    article_delete(article=trashed)
    elsewhere = ArticleFactory(title="Tin không thuộc chuyên trang")

    response = client.get(topic.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert list(response.context["articles"]) == [newer, older]
    for hidden in (draft, scheduled, trashed, elsewhere):
        assert hidden.title not in html
    assert "<h1" in html
    assert "Tin tức về công tác chuẩn bị Đại hội." in html
    assert '<ol><li><a href="/">Trang chủ</a>' in html
    assert '<li><a href="/chuyen-trang/">Chuyên trang</a></li>' in html
    assert '<li aria-current="page">Đại hội Đảng bộ tỉnh lần thứ XII</li>' in html
    assert "/static/css/topics.css" in html
    assert 'property="og:image"' in html  # the banner, when shared


def test_an_inactive_or_unknown_topic_is_not_found(client, topic):
    assert client.get("/chuyen-trang/khong-co/").status_code == 404
    topic.is_active = False
    topic.save()
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert topic.title not in client.get("/chuyen-trang/").content.decode()


def test_pages_past_the_last_are_not_found(client, topic, monkeypatch):
    monkeypatch.setattr(TopicDetailView, "paginate_by", 2)
    for number in range(3):
        in_topic(topic, title=f"Tin Đại hội số {number}")
    url = topic.get_absolute_url()
    assert client.get(url + "?page=2").status_code == 200
    assert len(client.get(url + "?page=2").context["articles"]) == 1
    assert client.get(url + "?page=3").status_code == 404
    assert client.get(url + "?page=99999999999999999999").status_code == 404
    # Not a page number: the first page, as every list of the portal answers.
    assert client.get(url + "?page=abc").status_code == 200
    assert client.get(url + "?page=last").context["page_obj"].number == 2


def test_an_empty_topic_has_its_page(client, topic):
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert "Chuyên trang chưa có bài viết nào." in response.content.decode()
    assert client.get(topic.get_absolute_url() + "?page=2").status_code == 404


def test_the_list_of_topics_shows_the_active_ones_in_their_order(client, topic):
    first = Topic.objects.create(title="Bảo vệ nền tảng tư tưởng của Đảng", order=1)
    Topic.objects.create(title="Chuyên trang đã ẩn", is_active=False)
    response = client.get("/chuyen-trang/")
    assert response.status_code == 200
    assert list(response.context["topics"]) == [first, topic]
    html = response.content.decode()
    assert "Chuyên trang đã ẩn" not in html
    assert f'href="{topic.get_absolute_url()}"' in html


def test_the_sitemap_lists_the_active_topics(client, topic):
    hidden = Topic.objects.create(title="Chuyên trang đã ẩn", is_active=False)
    section = client.get("/sitemap-topics.xml").content.decode()
    assert topic.get_absolute_url() in section
    assert hidden.get_absolute_url() not in section
    assert "/sitemap-topics.xml" in client.get("/sitemap.xml").content.decode()
    assert "/chuyen-trang/</loc>" in client.get("/sitemap-pages.xml").content.decode()


def test_the_home_page_features_the_featured_active_topics(client, topic):
    Topic.objects.create(title="Chuyên trang không nổi bật")
    Topic.objects.create(title="Chuyên trang nổi bật đã ẩn", is_featured=True, is_active=False)
    html = client.get("/").content.decode()
    block = html[html.index('<section class="block featured-topics"'):]
    block = block[: block.index("</section>")]
    assert f'href="{topic.get_absolute_url()}"' in block
    assert "Đại hội Đảng bộ tỉnh lần thứ XII" in block
    assert "không nổi bật" not in html
    assert "nổi bật đã ẩn" not in html
    assert "/static/css/topics.css" in html


def test_without_featured_topics_the_home_page_has_no_block(client):
    Topic.objects.create(title="Chuyên trang không nổi bật")
    assert "featured-topics" not in client.get("/").content.decode()


# The admin ------------------------------------------------------------------------------


@pytest.fixture
def home():
    return OrganizationFactory(name="Tỉnh Đoàn Bến Tre")


def topic_form(banner="", **changes):
    return {
        "title": "Bảo vệ nền tảng tư tưởng của Đảng", "slug": "", "description": "Giới thiệu.",
        "banner": str(banner), "order": "10", "is_active": "on", "is_featured": "on",
        **changes,
    }


@pytest.mark.parametrize("role", [EDITOR, APPROVER, SITE_ADMIN, PORTAL_ADMIN])
def test_these_roles_create_and_edit_topics(client, home, role):
    client.force_login(member(role, home))
    image = LibraryImageFactory(organization=home, caption="Ảnh của đơn vị")
    assert client.get(TOPIC_ADD).status_code == 200
    response = client.post(TOPIC_ADD, topic_form(banner=image.pk))
    assert response.status_code == 302, response.context and response.context["errors"]
    created = Topic.objects.get()
    assert created.slug == "bao-ve-nen-tang-tu-tuong-cua-dang"
    assert created.banner == image
    change = f"/admin/news/topic/{created.pk}/change/"
    response = client.post(change, topic_form(banner=image.pk, title="Tên mới"))
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.title == "Tên mới"


def test_a_reporter_may_not_create_or_edit_topics(client, home, topic):
    client.force_login(member(REPORTER, home))
    assert client.get(TOPIC_ADD).status_code == 403
    change = f"/admin/news/topic/{topic.pk}/change/"
    page = client.get(change)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    client.post(change, topic_form(title="Sửa trái phép"))
    client.post(f"/admin/news/topic/{topic.pk}/delete/", {"post": "yes"})
    topic.refresh_from_db()
    assert topic.title == "Đại hội Đảng bộ tỉnh lần thứ XII"
    assert Topic.objects.count() == 1


def test_a_banner_from_another_organisations_private_library_is_refused(client, home):
    client.force_login(member(EDITOR, home))
    private = LibraryImageFactory(organization=OrganizationFactory(name="Ban Tổ chức"))
    response = client.post(TOPIC_ADD, topic_form(banner=private.pk))
    assert response.status_code == 200
    assert "không thuộc thư viện ảnh mà bạn được dùng" in (
        response.context["adminform"].form.errors["banner"][0]
    )
    assert not Topic.objects.exists()


def test_a_reporter_attaches_their_article_to_a_topic(client, home, topic):
    reporter = member(REPORTER, home)
    article = ArticleFactory(
        organization=home, author=reporter, status=Article.Status.DRAFT, published_at=None,
        title="Đoàn viên tìm hiểu văn kiện Đại hội",
    )
    client.force_login(reporter)
    found = client.get("/admin/autocomplete/", {
        "app_label": "news", "model_name": "article", "field_name": "topics", "term": "dai hoi",
    })
    assert [item["id"] for item in found.json()["results"]] == [str(topic.pk)]
    change = f"/admin/news/article/{article.pk}/change/"
    response = client.post(change, browser_data(client.get(change), topics=[str(topic.pk)]))
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(article.topics.all()) == [topic]
    response = client.post(change, browser_data(client.get(change), topics=[]))
    assert response.status_code == 302
    assert not article.topics.exists()


def test_the_topic_list_counts_published_articles(client, home, topic):
    in_topic(topic)
    in_topic(topic, status=Article.Status.DRAFT, published_at=None)
    client.force_login(member(PORTAL_ADMIN, home))
    response = client.get("/admin/news/topic/")
    assert [row.published_total for row in response.context["cl"].result_list] == [1]


# The page cache ---------------------------------------------------------------------------


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cached(client, path):
    client.get(path)
    response = client.get(path)
    assert response["X-Page-Cache"] == "hit", path
    return response


@pytest.mark.usefixtures("page_cache_on")
def test_publishing_editing_and_unpublishing_an_article_renews_its_topic(client, topic, commits):
    path = topic.get_absolute_url()
    draft = in_topic(topic, title="Đại hội thông qua nghị quyết", status=Article.Status.DRAFT,
                     published_at=None)
    cached(client, path)
    with commits():
        draft.publish()
        article_save(article=draft)
    assert draft.title in client.get(path).content.decode()
    cached(client, path)
    with commits():
        draft.title = "Đại hội thông qua nghị quyết nhiệm kỳ mới"
        article_save(article=draft)
    assert "nghị quyết nhiệm kỳ mới" in client.get(path).content.decode()
    cached(client, path)
    with commits():
        draft.unpublish()
        article_save(article=draft)
    assert "Đại hội thông qua" not in client.get(path).content.decode()


@pytest.mark.usefixtures("page_cache_on")
def test_attaching_detaching_and_trashing_renew_the_topic(client, topic, commits):
    path = topic.get_absolute_url()
    article = ArticleFactory(title="Tin về công tác nhân sự Đại hội")
    cached(client, path)
    with commits():
        article_save(article=article, topics=[topic])
    assert article.title in client.get(path).content.decode()
    cached(client, path)
    with commits():
        article_save(article=article, topics=[])
    assert article.title not in client.get(path).content.decode()
    with commits():
        article_save(article=article, topics=[topic])
    cached(client, path)
    with commits():
        article_delete(article=article)
    assert article.title not in client.get(path).content.decode()


@pytest.mark.usefixtures("page_cache_on")
def test_a_topic_change_renews_its_page_the_list_and_the_home_page(client, topic, commits):
    for path in (topic.get_absolute_url(), "/chuyen-trang/", "/"):
        cached(client, path)
    with commits():
        topic.title = "Đại hội đại biểu Đảng bộ tỉnh lần thứ XII"
        topic.save()
    for path in (topic.get_absolute_url(), "/chuyen-trang/", "/"):
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        assert "Đại hội đại biểu Đảng bộ tỉnh lần thứ XII" in response.content.decode(), path


def test_an_article_links_to_its_active_topics(client):
    from factories import ArticleFactory, TopicFactory

    shown = TopicFactory(title="Đại hội Đảng bộ tỉnh lần thứ XII")
    hidden = TopicFactory(title="Chuyên trang đã tắt", is_active=False)
    article = ArticleFactory()
    article.topics.set([shown, hidden])
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{shown.get_absolute_url()}">Đại hội Đảng bộ tỉnh lần thứ XII</a>' in page
    assert "Chuyên trang đã tắt" not in page
