"""The trash in Chromium, as its users use it: a Người duyệt bài deletes an article, finds it
in Thùng rác and restores it; unpublishing from the list asks first; a Quản trị empties the
trash. At phone and desktop widths, with no style or script blocked by the
Content-Security-Policy. Screenshots go to test-artifacts/screenshots/."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from factories import PASSWORD, ArticleFactory, CategoryFactory, OrganizationFactory

from accounts.roles import APPROVER, SITE_ADMIN
from news import services
from news.models import Article
from organizations.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
TRASH = reverse("admin:news_article_trash")


def member(role, organization, username, last_name, first_name):
    from factories import StaffUserFactory

    user = StaffUserFactory(username=username, last_name=last_name, first_name=first_name)
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, organization=organization)
    return user


@pytest.fixture
def newsroom():
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    category = CategoryFactory(name="Xây dựng Đảng")
    reviewer = member(APPROVER, province, "duyetbai", "Trần", "Minh Thư")
    administrator = member(SITE_ADMIN, province, "quantri", "Lê", "Văn Hòa")
    titles = [
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12",
        "Tỉnh Đoàn ra quân Tháng Thanh niên năm 2026",
        "Sơ kết 6 tháng thực hiện Chỉ thị 05-CT/TW về học tập và làm theo tư tưởng, "
        "đạo đức, phong cách Hồ Chí Minh",
    ]
    articles = [
        ArticleFactory(title=title, organization=province, category=category,
                       published_at=timezone.now() - timedelta(days=n + 1))
        for n, title in enumerate(titles)
    ]
    return {"reviewer": reviewer, "administrator": administrator, "articles": articles}


def sign_in(new_page, user, width):
    page = new_page(width=width, height=900)
    violations = []
    page.on("console", lambda message: (
        "Content Security Policy" in message.text and violations.append(message.text)
    ))
    page.goto(reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page, violations


def fits(page, width) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth") <= width


def screenshot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / name, full_page=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_a_reviewer_deletes_finds_and_restores_an_article(new_page, newsroom, width):
    article = newsroom["articles"][0]
    page, violations = sign_in(new_page, newsroom["reviewer"], width)

    page.goto(reverse("admin:news_article_delete", args=[article.pk]))
    assert "vào Thùng rác?" in page.inner_text("#content")
    with page.expect_navigation():
        page.click("input[type=submit][value='Có, chuyển vào thùng rác']")
    assert "Đã chuyển bài viết" in page.inner_text(".messagelist")
    assert article.title not in page.inner_text("#result_list")

    with page.expect_navigation():
        page.click("a.trash-link")
    assert page.title().startswith("Thùng rác")
    row = page.locator(".trash-table tbody tr", has_text=article.title)
    assert "Trần Minh Thư" in row.inner_text()
    assert "30 ngày" in row.inner_text()
    assert fits(page, width)
    screenshot(page, f"admin-trash-reviewer-{width}.png")

    with page.expect_navigation():
        row.get_by_role("button", name="Khôi phục").click()
    assert "Đã khôi phục bài viết" in page.inner_text(".messagelist")
    assert "Thùng rác trống." in page.inner_text("#content")
    assert Article.objects.get(pk=article.pk).is_public
    assert violations == []


@pytest.mark.parametrize("width", [390, 1366])
def test_unpublishing_from_the_list_asks_first(new_page, newsroom, width):
    article = newsroom["articles"][1]
    page, violations = sign_in(new_page, newsroom["reviewer"], width)
    page.goto(reverse("admin:news_article_changelist"))
    page.check(f"input.action-select[value='{article.pk}']")
    page.select_option("select[name=action]", "unpublish_selected")
    with page.expect_navigation():
        page.click("button[name=index]")
    assert "Gỡ 1 bài viết sau xuống" in page.inner_text("#content")
    assert fits(page, width)
    assert Article.objects.get(pk=article.pk).is_public
    with page.expect_navigation():
        page.click("input[type=submit][value='Có, gỡ các bài này']")
    assert "Đã gỡ 1 bài viết về bản nháp." in page.inner_text(".messagelist")
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert violations == []


@pytest.mark.parametrize("width", [390, 1366])
def test_a_quan_tri_empties_the_trash(new_page, newsroom, width):
    reviewer = newsroom["reviewer"]
    for article in newsroom["articles"]:
        services.article_delete(article=article, by=reviewer)
    page, violations = sign_in(new_page, newsroom["administrator"], width)

    page.goto(TRASH)
    assert page.locator(".trash-table tbody tr").count() == 3
    assert page.get_by_role("button", name="Khôi phục").count() == 0
    assert fits(page, width)
    screenshot(page, f"admin-trash-{width}.png")

    with page.expect_navigation():
        page.click("a.trash-empty-link")
    assert "Xóa vĩnh viễn 3 bài viết trong thùng rác?" in page.inner_text("#content")
    assert fits(page, width)
    screenshot(page, f"admin-trash-empty-confirmation-{width}.png")
    with page.expect_navigation():
        page.click("input[type=submit][value='Có, xóa vĩnh viễn']")
    assert "Đã dọn thùng rác: xóa vĩnh viễn 3 bài viết." in page.inner_text(".messagelist")
    assert not Article.all_objects.exists()
    assert violations == []
