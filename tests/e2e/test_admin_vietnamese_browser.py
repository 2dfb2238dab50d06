"""The admin in Chromium speaks Vietnamese to every role, including what its JavaScript
adds after the page loads (calendars and clocks, the filter button, the file boxes,
CKEditor, the presence banner, the review's buttons). The crawl through the test client
(tests/accounts/test_admin_vietnamese.py) reads the HTML the server sends; this one reads
the page as the browser shows it, with the same detector (tests/visible_english.py)."""

import pytest
from django.contrib.auth.models import Group
from factories import PASSWORD, MembershipFactory, SuperUserFactory, member
from visible_english import english_on

from accounts.roles import SITE_ADMIN
from news.models import Article
from news.services import article_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user):
    page.context.clear_cookies()
    page.goto("/admin/login/")
    assert not english_on(page.content()), "login page"
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def pages_of(article):
    """What a day's work opens: the dashboard, the lists with their filters, the forms,
    an article's history and comparison, the trash, the user's own settings."""
    versions = list(article.history.order_by("history_date").values_list("history_id", flat=True))
    base = f"/admin/news/article/{article.pk}"
    return [
        "/admin/",
        "/admin/news/article/",
        "/admin/news/article/?trang_thai=pending&cua_toi=viet",
        "/admin/news/article/add/",
        f"{base}/change/",
        f"{base}/history/",
        f"{base}/history/compare/?from={versions[0]}&to={versions[-1]}",
        "/admin/news/article/thung-rac/",
        "/admin/news/directive/",
        "/admin/news/directive/add/",
        "/admin/organizations/organization/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/thong-bao-cua-toi/",
        "/admin/password_change/",
    ]


@pytest.fixture
def people(newsroom):
    administrator = member(SITE_ADMIN, newsroom.board, username="quantri",
                           last_name="Đỗ Thị", first_name="Hoa")
    superuser = SuperUserFactory(username="sieuquantri", last_name="Trần", first_name="Minh")
    MembershipFactory(user=superuser, organization=newsroom.province)
    p = newsroom.people
    return {
        "superuser": superuser, "Phóng viên": p.reporter, "Biên tập viên": p.editor,
        "Người duyệt bài": p.approver, "Quản trị": administrator,
    }


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize(
    "who", ["superuser", "Phóng viên", "Biên tập viên", "Người duyệt bài", "Quản trị"]
)
def test_every_page_of_a_days_work_is_vietnamese_in_the_browser(
    new_page, newsroom, people, who, width
):
    article = newsroom.article("Tuổi trẻ Bến Tre ra quân tình nguyện hè")
    article.title = "Tuổi trẻ Bến Tre ra quân chiến dịch tình nguyện hè"
    article.status = Article.Status.DRAFT
    article_save(article=article, by=people["Phóng viên"])
    assert Group.objects.filter(name=SITE_ADMIN).exists()
    page = new_page(width=width, height=900)
    log_in(page, people[who])

    english = {}
    for url in pages_of(article):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        found = english_on(page.content())
        if found:
            english[url] = sorted(found)
    assert not english, f"English seen by {who} at {width} px: {english}"
