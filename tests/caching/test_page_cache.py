"""The page cache for anonymous readers (caching/page_cache.py): what it keeps, for whom,
and that each kind of change shows on the pages it touches."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryImageFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    figure_html,
    image_file,
)

from news.models import Article
from news.services import article_delete, article_save, directive_save
from pages.models import Menu, MenuItem, StaticPage
from visitors import statistics

PHONE = (
    "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/120 "
    "Mobile Safari/537.36"
)


pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run what would happen at commit (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(client, path, **extra):
    return client.get(path, HTTP_USER_AGENT=PHONE, **extra)


def without_stats(response) -> str:
    html = response.content.decode()
    start, end = html.index("<!--live:stats-->"), html.index("<!--/live:stats-->")
    return html[:start] + html[end:]


def cached(client, path):
    """Render `path` once for the cache; the second request must be a hit."""
    get(client, path)
    response = get(client, path)
    assert response["X-Page-Cache"] == "hit", path
    return response


@pytest.fixture
def article(db):
    return ArticleFactory(title="Hội nghị sơ kết công tác Đoàn sáu tháng đầu năm")


# What is kept, and for whom ---------------------------------------------------------------


def test_an_anonymous_reader_gets_the_cached_page(client, article):
    first = get(client, article.get_absolute_url())
    second = get(client, article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert without_stats(second) == without_stats(first)  # the statistics box is live
    assert second["Content-Type"] == first["Content-Type"]
    # Headers of the middleware above the cache are sent with hits as well.
    assert "Content-Security-Policy" in second
    assert second["X-Frame-Options"] == "DENY"


def test_a_hit_costs_no_database_query(client, article, django_assert_num_queries):
    path = article.get_absolute_url()
    cached(client, path)  # the first visit also flushed the visit counts once
    with django_assert_num_queries(0):
        assert get(client, path)["X-Page-Cache"] == "hit"


def test_head_is_answered_from_the_cached_page_without_a_body(client, article):
    get(client, "/")
    response = client.head("/", HTTP_USER_AGENT=PHONE)
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""


def test_each_query_string_and_host_is_its_own_page(client, db):
    ArticleFactory.create_batch(25)
    cached(client, "/tin-tuc/")
    second_page = get(client, "/tin-tuc/?page=2")
    assert second_page["X-Page-Cache"] == "miss"
    assert get(client, "/tin-tuc/", HTTP_HOST="localhost")["X-Page-Cache"] == "miss"


def test_logged_in_staff_always_bypass_the_cache(client, article, staff_user):
    cached(client, "/")
    client.force_login(staff_user)
    for _ in range(2):
        assert "X-Page-Cache" not in get(client, "/")


def test_a_page_seen_by_staff_is_not_stored_for_readers(client, article, superuser):
    client.force_login(superuser)
    get(client, article.get_absolute_url())
    client.logout()
    client.cookies.clear()
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_a_draft_preview_is_never_stored(client, superuser):
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Bản nháp chưa duyệt")
    client.force_login(superuser)
    assert get(client, draft.get_absolute_url()).status_code == 200
    client.logout()
    client.cookies.clear()
    assert get(client, draft.get_absolute_url()).status_code == 404
    assert get(client, draft.get_absolute_url()).status_code == 404


def test_contact_admin_and_pages_setting_cookies_are_not_cached(client, article):
    for path in ("/lien-he/", "/admin/login/"):
        get(client, path)
        assert "X-Page-Cache" not in get(client, path), path


def test_switched_off_nothing_is_cached(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, "/")
    assert "X-Page-Cache" not in get(client, "/")


# Visitor statistics ------------------------------------------------------------------------


def test_visits_are_counted_and_shown_on_cached_pages(client, article, monkeypatch):
    from caching import page_cache

    monkeypatch.setattr(page_cache, "STATS_BOX_SECONDS", 0)  # not kept for two seconds
    path = article.get_absolute_url()
    cached(client, path)
    before = statistics.visit_figures()
    for number in range(3):
        response = client.get(path, REMOTE_ADDR=f"198.51.100.{number + 1}", HTTP_USER_AGENT=PHONE)
        assert response["X-Page-Cache"] == "hit"
    after = statistics.visit_figures()
    assert after.today == before.today + 3
    response = client.get(path, REMOTE_ADDR="198.51.100.3", HTTP_USER_AGENT=PHONE)
    box = response.content.decode().split("<!--live:stats-->")[1].split("<!--/live:stats-->")[0]
    assert f"<dt>Hôm nay</dt><dd>{after.today}</dd>" in box


# Invalidation: publish, unpublish, edit, delete ---------------------------------------------


def test_publishing_an_article_shows_it_on_cached_pages(client, article, commits):
    category_path = article.category.get_absolute_url()
    for path in ("/", "/tin-tuc/", category_path, article.get_absolute_url()):
        cached(client, path)
    draft = ArticleFactory(
        status=Article.Status.DRAFT, category=article.category,
        title="Tuổi trẻ ra quân tình nguyện hè",
    )
    assert draft.title not in get(client, "/").content.decode()
    with commits():
        draft.publish()
        article_save(article=draft)
    for path in ("/", "/tin-tuc/", category_path):
        response = get(client, path)
        assert response["X-Page-Cache"] == "miss", path
        assert draft.title in response.content.decode(), path


def test_unpublishing_removes_the_article_from_cached_pages(client, article, commits):
    cached(client, "/")
    cached(client, article.get_absolute_url())
    with commits():
        article.unpublish()
        article_save(article=article)
    assert article.title not in get(client, "/").content.decode()
    assert get(client, article.get_absolute_url()).status_code == 404


def test_deleting_an_article_removes_it(client, article, commits):
    cached(client, "/tin-tuc/")
    path = article.get_absolute_url()
    cached(client, path)
    with commits():
        article_delete(article=article)
    assert article.title not in get(client, "/tin-tuc/").content.decode()
    assert get(client, path).status_code == 404


def test_editing_the_text_renews_only_the_article_page(client, article, commits):
    path = article.get_absolute_url()
    cached(client, "/")
    cached(client, path)
    with commits():
        article.body = "<p>Đã cập nhật: 1.200 đoàn viên tham gia.</p>"
        article_save(article=article)
    assert "1.200 đoàn viên" in get(client, path).content.decode()
    assert get(client, "/")["X-Page-Cache"] == "hit"


def test_search_results_are_cached_and_renewed_by_any_public_change(client, article, commits):
    path = "/tim-kiem/?q=tuoi+tre+tinh+nguyen"
    assert "Không có tin bài nào" in cached(client, path).content.decode()
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Tuổi trẻ tình nguyện về nguồn")
    with commits():
        article_save(article=draft)
    assert get(client, path)["X-Page-Cache"] == "hit"  # a draft changes no result
    with commits():
        draft.publish()
        article_save(article=draft)
    response = get(client, path)
    assert response["X-Page-Cache"] == "miss"
    assert "nguồn" in response.content.decode()

    # Text-only edits leave the lists alone but not the results: the body is searched.
    body_path = "/tim-kiem/?q=ngay+hoi+hien+mau"
    cached(client, body_path)
    cached(client, "/")
    with commits():
        article.body = "<p>Ngày hội hiến máu tình nguyện thu về 500 đơn vị máu.</p>"
        article_save(article=article)
    response = get(client, body_path)
    assert response["X-Page-Cache"] == "miss"
    assert article.get_absolute_url() in response.content.decode()
    assert get(client, "/")["X-Page-Cache"] == "hit"

    caption_path = "/tim-kiem/?q=cau+lac+bo+lan+bien"
    cached(client, caption_path)
    with commits():
        article.body += figure_html(LibraryImageFactory(), caption="Câu lạc bộ lặn biển ra mắt")
        article_save(article=article)
    assert article.get_absolute_url() in get(client, caption_path).content.decode()


def test_search_results_are_kept_a_minute_at_most(client, article):
    path = "/tim-kiem/?q=so+ket"
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        cached(client, path)
        traveller.shift(timedelta(seconds=50))
        assert get(client, path)["X-Page-Cache"] == "hit"
        traveller.shift(timedelta(seconds=11))
        assert get(client, path)["X-Page-Cache"] == "miss"


def test_editing_the_title_renews_the_lists(client, article, commits):
    cached(client, "/")
    other = ArticleFactory(organization=article.organization)
    organization_path = article.organization.get_absolute_url()
    cached(client, organization_path)
    with commits():
        other.title = "Tiêu đề đã sửa cho danh sách"
        article_save(article=other)
    assert other.title in get(client, "/").content.decode()
    assert other.title in get(client, organization_path).content.decode()


def test_moving_an_article_renews_both_categories(client, article, commits):
    old_path = article.category.get_absolute_url()
    new_category = CategoryFactory(name="Thời sự")
    cached(client, old_path)
    cached(client, new_category.get_absolute_url())
    with commits():
        article.category = new_category
        article_save(article=article)
    assert article.title not in get(client, old_path).content.decode()
    assert article.title in get(client, new_category.get_absolute_url()).content.decode()


def test_a_new_photo_renews_the_article_page(client, article, commits):
    path = article.get_absolute_url()
    cached(client, path)
    with commits():
        article.body += figure_html(LibraryImageFactory(), caption="Quang cảnh hội nghị sơ kết")
        article_save(article=article)
    assert "Quang cảnh hội nghị sơ kết" in get(client, path).content.decode()


def test_new_renditions_of_a_library_photo_renew_the_pages_showing_it(db, client, commits):
    photo = LibraryImageFactory()
    shown = ArticleFactory(body=figure_html(photo, caption="Quang cảnh"))
    elsewhere = ArticleFactory(title="Tin không có ảnh này")
    cached(client, shown.get_absolute_url())
    cached(client, elsewhere.get_absolute_url())
    with commits():
        photo.file = image_file("anh-moi.jpg")
        photo.save()  # the task worker makes its renditions and says so
    assert get(client, shown.get_absolute_url())["X-Page-Cache"] == "miss"
    assert get(client, elsewhere.get_absolute_url())["X-Page-Cache"] == "hit"


def test_featuring_in_bulk_renews_the_home_page(client, article, superuser, commits):
    cached(client, "/")
    client.force_login(superuser)
    with commits():
        client.post(
            "/admin/news/article/",
            {"action": "feature_selected", "_selected_action": [article.pk]},
        )
    client.logout()
    client.cookies.clear()
    assert get(client, "/")["X-Page-Cache"] == "miss"


def test_a_directive_change_renews_its_page_and_citing_articles(client, article, commits):
    directive = DirectiveFactory()
    with commits():
        article_save(article=article, directives=[directive])
    article_path = article.get_absolute_url()
    cached(client, article_path)
    cached(client, directive.get_absolute_url())
    cached(client, "/van-ban/")
    with commits():
        directive.issued_on = date(2013, 1, 7)
        directive_save(directive=directive)
    for path in (article_path, directive.get_absolute_url(), "/van-ban/"):
        assert "07/01/2013" in get(client, path).content.decode(), path


def test_linking_an_article_to_a_directive_renews_the_directive_page(client, article, commits):
    directive = DirectiveFactory()
    cached(client, directive.get_absolute_url())
    with commits():
        article_save(article=article, directives=[directive])
    assert article.title in get(client, directive.get_absolute_url()).content.decode()
    with commits():
        article_save(article=article, directives=[])
    assert article.title not in get(client, directive.get_absolute_url()).content.decode()


def test_a_menu_change_renews_every_page(client, article, commits):
    menu = Menu.objects.create(name="Menu chính", slug="main")
    cached(client, "/")
    cached(client, article.get_absolute_url())
    with commits():
        MenuItem.objects.create(menu=menu, title="Thanh niên tình nguyện", link="/tin-tuc/")
    for path in ("/", article.get_absolute_url()):
        assert "Thanh niên tình nguyện" in get(client, path).content.decode(), path


def test_a_category_rename_renews_its_articles(client, article, commits):
    cached(client, article.get_absolute_url())
    with commits():
        article.category.name = "Công tác Đoàn và phong trào"
        article.category.save()
    assert "Công tác Đoàn và phong trào" in get(client, article.get_absolute_url()).content.decode()


def test_a_static_page_edit_shows_and_unpublishing_hides_it(client, db, commits):
    page = StaticPage.objects.create(
        title="Giới thiệu", slug="gioi-thieu", body="<p>Phiên bản một</p>"
    )
    path = "/trang/gioi-thieu/"
    cached(client, path)
    with commits():
        page.body = "<p>Phiên bản hai</p>"
        page.save()
    assert "Phiên bản hai" in get(client, path).content.decode()
    with commits():
        page.is_published = False
        page.save()
    assert get(client, path).status_code == 404


def test_organisation_people_and_renames_show(client, db, commits):
    organization = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    path = organization.get_absolute_url()
    cached(client, path)
    cached(client, "/to-chuc/")
    with commits():
        position = PositionFactory(
            organization=organization, person=PersonFactory(full_name="Trần Thị Mai")
        )
    assert "Trần Thị Mai" in get(client, path).content.decode()
    cached(client, path)
    with commits():
        position.person.full_name = "Trần Thị Ngọc Mai"
        position.person.save()
    assert "Trần Thị Ngọc Mai" in get(client, path).content.decode()
    with commits():
        organization.name = "Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre"
        organization.save()
    assert "Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre" in get(client, "/to-chuc/").content.decode()


def test_an_article_scheduled_for_later_appears_when_its_time_comes(client, article):
    later = ArticleFactory(
        title="Bài hẹn giờ đăng lúc tám giờ", published_at=timezone.now() + timedelta(minutes=2)
    )
    cached(client, "/")
    assert later.title not in get(client, "/").content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=3), tick=False):
        assert later.title in get(client, "/").content.decode()


def test_a_page_rendered_during_an_edit_is_not_kept(client, article, monkeypatch):
    """An invalidation between the start and the end of rendering: the page may be stale."""
    from caching import page_cache

    original = page_cache.PageCacheMiddleware._current_tokens

    def invalidated_meanwhile(tags):
        page_cache.invalidate_now(tags)
        return original(tags)

    monkeypatch.setattr(
        page_cache.PageCacheMiddleware, "_current_tokens", staticmethod(invalidated_meanwhile)
    )
    get(client, "/")
    monkeypatch.undo()
    assert get(client, "/")["X-Page-Cache"] == "miss"


# Through the admin and the real commit, and with Redis -----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_publishing_through_the_admin_changes_the_cached_page(client, superuser):
    article = ArticleFactory(status=Article.Status.DRAFT, title="Tin chờ đăng qua trang quản trị")
    cached(client, "/tin-tuc/")
    client.force_login(superuser)
    response = client.post(
        "/admin/news/article/", {"action": "publish_selected", "_selected_action": [article.pk]}
    )
    assert response.status_code == 302
    client.logout()
    client.cookies.clear()
    assert article.title in get(client, "/tin-tuc/").content.decode()


def test_with_redis_two_servers_share_pages_and_invalidation(client, article, redis_cache, commits):
    cached(client, "/")
    with override_settings():  # a second app server: its own cache client, the same Redis
        from django.core.cache import caches

        caches["default"].close()
        assert get(client, "/")["X-Page-Cache"] == "hit"
    with commits():
        article.title = "Tiêu đề mới thấy ngay trên mọi máy chủ"
        article_save(article=article)
    assert article.title in get(client, "/").content.decode()


def test_clear_page_cache_command_makes_every_page_stale(client, article):
    from django.core.management import call_command

    cached(client, "/")
    cached(client, article.get_absolute_url())
    call_command("clear_page_cache")
    assert get(client, "/")["X-Page-Cache"] == "miss"
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "miss"
