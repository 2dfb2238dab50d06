"""Two people, one article, in a real Chromium: each browser context is one person. The
second is told at once who has the article open, the first sees the second appear without
reloading, both learn about changes not saved yet, the save of one tells the other that a
newer version exists, and the other's save is then refused. Screenshots of the banner at
390 and 1366 px go to test-artifacts/screenshots/ (gitignored)."""

import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from factories import (
    PASSWORD,
    ArticleFactory,
    CategoryFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffUserFactory,
)
from playwright.sync_api import expect

from accounts.roles import APPROVER, EDITOR
from news.models import Article, ArticleEditingSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
CHANGE = "/admin/news/article/{}/change/"


@pytest.fixture(autouse=True)
def one_request_at_a_time_on_sqlite(live_server):
    """On SQLite the live server's threads share one in-memory connection, and two pages
    beating at once make it answer "database table is locked": there the requests take
    turns (on PostgreSQL each has its own connection, as in production)."""
    if connection.vendor != "sqlite":
        yield
        return
    server = live_server.thread.httpd
    app = server.get_app()
    turn = threading.Lock()

    def in_turn(environ, start_response):
        with turn:
            return list(app(environ, start_response))

    server.set_app(in_turn)
    yield
    server.set_app(app)


@pytest.fixture
def article_and_people(settings):
    # A heartbeat a second, so that the test waits seconds, not minutes.
    settings.ARTICLE_PRESENCE_HEARTBEAT_SECONDS = 1
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    people = {}
    for key, role, last_name, first_name in [
        ("editor", EDITOR, "Nguyễn Văn", "An"),
        ("approver", APPROVER, "Võ Minh", "Châu"),
    ]:
        user = StaffUserFactory(username=key, last_name=last_name, first_name=first_name)
        user.groups.add(Group.objects.get(name=role))
        MembershipFactory(user=user, organization=province)
        people[key] = user
    article = ArticleFactory(
        title="Hội nghị sơ kết công tác Đoàn sáu tháng đầu năm", organization=province,
        category=CategoryFactory(name="Hoạt động Đoàn"), status=Article.Status.PENDING,
        published_at=None, author=people["editor"],
    )
    return article, people


def signed_in(new_page, user, *, width):
    page = new_page(width=width, height=900)
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text
        and violations.append(message.text),
    )
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    page.csp_violations = violations
    return page


def shoot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / name
    page.screenshot(path=path)
    assert path.stat().st_size > 0


NEW_TITLE = "Hội nghị sơ kết công tác Đoàn và phong trào thanh niên"
TYPED_SUMMARY = "Sapo mới của người duyệt bài."


def test_two_people_on_one_article_see_each_other_and_the_newer_version(
    new_page, article_and_people
):
    article, people = article_and_people
    url = CHANGE.format(article.pk)
    first = signed_in(new_page, people["editor"], width=1366)
    second = signed_in(new_page, people["approver"], width=390)

    both_open_the_article_and_see_each_other(first, second, url)
    first_saves_and_the_second_is_told(first, second, url)
    the_second_s_save_is_refused_and_the_link_loads_the_new_version(second, article)

    assert first.csp_violations == []
    assert second.csp_violations == []


def both_open_the_article_and_see_each_other(first, second, url):
    first.goto(url)
    first_banner = first.locator("#article-presence")
    expect(first_banner).to_have_text("")
    first.evaluate("window.notReloaded = true")

    second.goto(url)
    # Told by the page itself, before any heartbeat, in a live region.
    expect(second.locator("#article-presence")).to_have_text("Nguyễn Văn An đang sửa bài này.")

    # The first person sees the second arrive, without reloading.
    expect(first_banner).to_have_text("Võ Minh Châu đang sửa bài này.", timeout=5000)
    assert first.evaluate("window.notReloaded") is True

    # The second starts typing: the first learns there are changes not saved yet.
    second.locator("#id_summary").fill(TYPED_SUMMARY)
    expect(first_banner).to_have_text(
        "Võ Minh Châu đang sửa bài này và có thay đổi chưa lưu.", timeout=5000
    )
    shoot(first, "admin-article-presence-1366.png")


def first_saves_and_the_second_is_told(first, second, url):
    # The first saves and stays on the article (a new page, a new session).
    first.locator("#id_title").fill(NEW_TITLE)
    first.locator("input[name=_continue]").click()
    first.wait_for_load_state()
    expect(first.locator(".messagelist")).to_contain_text("thành công")

    # The second is told a newer version exists, with a link to load it.
    stale = second.locator("#article-presence .article-presence__notice--new-version")
    expect(stale).to_have_text(
        "Nguyễn Văn An vừa lưu một phiên bản mới — tải lại trước khi sửa tiếp. Tải lại bài viết",
        timeout=5000,
    )
    expect(stale.get_by_role("link", name="Tải lại bài viết")).to_have_attribute("href", url)
    # Also above the save buttons at the bottom of the form, where it matters most.
    expect(second.locator("#article-presence-save")).to_contain_text(
        "Nguyễn Văn An vừa lưu một phiên bản mới"
    )
    # The banner is part of the page, above the form's fields: it covers none of them.
    banner_box = second.locator("#article-presence").bounding_box()
    title_box = second.locator("#id_title").bounding_box()
    assert banner_box["y"] + banner_box["height"] <= title_box["y"]
    assert banner_box["width"] <= 390
    shoot(second, "admin-article-presence-390.png")


def the_second_s_save_is_refused_and_the_link_loads_the_new_version(second, article):
    # The save is refused, as before, and what was typed is still there.
    second.locator("input[name=_save]").click()
    second.wait_for_load_state()
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.locator("body")).to_contain_text("sau khi bạn mở")
    expect(second.locator("#id_summary")).to_have_value(TYPED_SUMMARY)
    article.refresh_from_db()
    assert article.title == NEW_TITLE
    assert article.summary != TYPED_SUMMARY

    # Following the link loads the current version; nothing stale is said any more.
    second.locator("#article-presence .article-presence__notice--new-version a").click()
    second.wait_for_load_state()
    expect(second.locator("#id_title")).to_have_value(NEW_TITLE)
    expect(second.locator("#article-presence")).to_have_text("Nguyễn Văn An đang sửa bài này.")


def test_leaving_the_page_releases_the_session(new_page, article_and_people):
    article, people = article_and_people
    url = CHANGE.format(article.pk)
    first = signed_in(new_page, people["editor"], width=1366)
    first.goto(url)
    second = signed_in(new_page, people["approver"], width=1366)
    second.goto(url)
    expect(first.locator("#article-presence")).to_have_text(
        "Võ Minh Châu đang sửa bài này.", timeout=5000
    )

    second.goto("/admin/news/article/")  # pagehide: the beacon releases the session

    expect(first.locator("#article-presence")).to_have_text("", timeout=5000)
    assert not ArticleEditingSession.objects.filter(user=people["approver"]).exists()
    # The list the second went to marks the article the first still has open.
    expect(second.locator("#result_list .article-presence-marker")).to_have_text(
        "Đang được sửa bởi Nguyễn Văn An"
    )
    shoot(second, "admin-article-list-presence-1366.png")
