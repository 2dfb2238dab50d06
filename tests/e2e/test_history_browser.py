"""An article's history in Chromium, as a Người duyệt bài uses it: the versions, two of them
compared side by side and inline (on a desktop and on a phone, where the sides stack), and
a version restored in one click (confirmed in the browser). No CSP violation, nothing wider
than the screen. Screenshots go to test-artifacts/screenshots/."""

from datetime import timedelta
from pathlib import Path

import pytest
from browser_steps import log_in
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from factories import (
    CategoryFactory,
    OrganizationFactory,
    image_bytes,
    member,
)
from playwright.sync_api import expect

from accounts.roles import APPROVER, REPORTER
from audit.models import AuditEvent
from news.models import Article
from news.services import article_change_status, article_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"

FIGURE = '<figure class="image"><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>'
FIRST_BODY = (
    "<h2>Ra quân chiến dịch</h2>"
    "<p>Sáng 7/12, Tỉnh Đoàn Bến Tre tổ chức lễ ra quân chiến dịch thanh niên tình nguyện "
    "mùa đông năm 2026 với hơn 500 đoàn viên tham gia.</p>"
    "<p>Các đội hình sẽ sửa chữa nhà nhân ái, làm đường giao thông nông thôn và tặng quà "
    "cho học sinh nghèo vượt khó.</p>"
    "<p>Phát biểu tại buổi lễ, đồng chí Bí thư Tỉnh Đoàn đề nghị các đội hình phát huy "
    "tinh thần xung kích, sáng tạo.</p>"
    + FIGURE.format("{old_image}", "Đoàn viên xếp hàng", "Đoàn viên ra quân sáng chủ nhật")
)
SECOND_BODY = (
    "<h2>Ra quân chiến dịch tình nguyện</h2>"
    "<p>Sáng 7/12, Tỉnh Đoàn Bến Tre tổ chức lễ ra quân chiến dịch thanh niên tình nguyện "
    "mùa đông năm 2026 với hơn 800 đoàn viên, thanh niên tham gia.</p>"
    "<p>Các đội hình sẽ sửa chữa nhà nhân ái, làm đường giao thông nông thôn và tặng quà "
    "cho học sinh nghèo vượt khó.</p>"
    "<ul><li>Xây 5 căn nhà nhân ái.</li><li>Tặng 300 suất quà.</li></ul>"
    + FIGURE.format("{new_image}", "Đoàn viên diễu hành", "Đoàn viên ra quân chiều thứ bảy")
)


def media_image(name, color):
    saved = default_storage.save(f"editor/{name}", ContentFile(image_bytes(size=(320, 200),
                                                                           color=color)))
    return default_storage.url(saved)


@pytest.fixture
def story():
    """An article with three versions: the reporter's draft, their rewrite, published by
    the reviewer."""
    province = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    reporter = member(REPORTER, province, username="phongvien",
                      last_name="Trần Minh", first_name="Thư")
    reviewer = member(APPROVER, province, username="duyetbai",
                      last_name="Nguyễn Văn", first_name="An")
    old_image = media_image("cu.jpg", (40, 90, 160))
    new_image = media_image("moi.jpg", (200, 60, 40))
    article = Article(
        title="Tuổi trẻ Bến Tre ra quân mùa đông tình nguyện",
        summary="Hơn 500 đoàn viên tham gia lễ ra quân.",
        body=FIRST_BODY.replace("{old_image}", old_image),
        organization=province, category=CategoryFactory(name="Hoạt động Đoàn"), author=reporter,
    )
    article._history_user = reporter
    article_save(article=article, by=reporter)
    article.summary = "Hơn 800 đoàn viên, thanh niên tham gia lễ ra quân."
    article.body = SECOND_BODY.replace("{new_image}", new_image)
    article._history_user = reporter
    article_save(article=article, by=reporter)
    article._history_user = reviewer
    article_change_status(article=article, to=Article.Status.PUBLISHED, by=reviewer,
                          at=timezone.now() - timedelta(minutes=1))
    return {"article": article, "reviewer": reviewer}


def watch_csp(page):
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security" in message.text else None)
    return refused


def fits(page, width):
    return page.evaluate("document.scrollingElement.scrollWidth") <= width


def shoot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)


def cell_tops(page):
    """Where the summary's new cell stands beside its old one, both measured in one layout
    (two separate measurements can straddle a reflow while the page's pictures load)."""
    return page.evaluate(
        """() => {
            const top = (side) => document.querySelector(`.field-summary .cell.${side}`)
                .getBoundingClientRect().top;
            const oldTop = top('old'), newTop = top('new');
            return oldTop === newTop ? 'side by side' : (newTop > oldTop ? 'stacked' : 'other');
        }"""
    )


def test_a_reviewer_compares_two_versions_and_restores_one(new_page, story):
    article, reviewer = story["article"], story["reviewer"]
    page = new_page(width=1366, height=900)
    refused = watch_csp(page)
    log_in(page, reviewer)

    read_the_history(page, article)
    compare_the_first_two_versions(page)
    restore_the_older_in_one_click(page)

    article.refresh_from_db()
    assert article.summary == "Hơn 500 đoàn viên tham gia lễ ra quân."
    assert article.status == Article.Status.PUBLISHED
    assert AuditEvent.objects.filter(action="restore", object_id=str(article.pk)).count() == 1
    assert refused == []


def read_the_history(page, article):
    page.goto(reverse("admin:news_article_history", args=[article.pk]))
    rows = page.locator("table.version-list tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Đăng bài")
    expect(rows.nth(0)).to_contain_text("Nguyễn Văn An")
    expect(rows.nth(2)).to_contain_text("Tạo bài")
    expect(rows.nth(2)).to_contain_text("Trần Minh Thư")
    expect(rows.nth(1)).to_contain_text("Sapo, Nội dung")
    shoot(page, "admin-article-history-1366")
    assert fits(page, 1366)


def compare_the_first_two_versions(page):
    rows = page.locator("table.version-list tbody tr")
    rows.nth(2).locator("input[name=from]").check()
    rows.nth(1).locator("input[name=to]").check()
    page.get_by_role("button", name="So sánh hai phiên bản đã chọn").click()
    expect(page.locator("h1")).to_contain_text("So sánh phiên bản")
    expect(page.locator(".field-summary ins")).to_have_text(["800", ", thanh niên"])
    expect(page.locator(".field-body ins").first).to_be_visible()
    expect(page.get_by_text("Ảnh mới")).to_be_visible()
    expect(page.get_by_text("Ảnh đã bỏ")).to_be_visible()
    assert cell_tops(page) == "side by side"
    pictures = page.locator(".field-body img.version-picture")
    expect(pictures).to_have_count(2)
    assert all(picture.evaluate("img => img.naturalWidth") > 0 for picture in pictures.all())
    shoot(page, "admin-article-compare-1366")
    assert fits(page, 1366)

    page.get_by_role("link", name="Gộp").click()
    expect(page.locator('strong[aria-current="page"]')).to_have_text("Gộp")
    expect(page.locator(".field-summary .block-change.inline del")).to_have_text(["500"])


def restore_the_older_in_one_click(page):
    page.get_by_role("link", name="Cạnh nhau").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".version-heading.older").get_by_role(
        "button", name="Khôi phục phiên bản này"
    ).click()
    expect(page.locator(".messagelist")).to_contain_text("Đã khôi phục nội dung phiên bản")
    expect(page.locator(".messagelist")).to_contain_text("Đã đăng")
    expect(page.locator("table.version-list tbody tr").first).to_contain_text(
        "Khôi phục phiên bản"
    )


def test_a_dismissed_confirmation_restores_nothing(new_page, story):
    article, reviewer = story["article"], story["reviewer"]
    page = new_page(width=1366, height=900)
    log_in(page, reviewer)
    page.goto(reverse("admin:news_article_history", args=[article.pk]))
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("table.version-list tbody tr").nth(2).get_by_role(
        "button", name="Khôi phục phiên bản này"
    ).click()
    page.wait_for_timeout(300)
    assert article.history.count() == 3


def test_on_a_phone_the_sides_stack_and_nothing_is_wider_than_the_screen(new_page, story):
    article, reviewer = story["article"], story["reviewer"]
    page = new_page(width=390, height=844)
    refused = watch_csp(page)
    log_in(page, reviewer)

    page.goto(reverse("admin:news_article_history", args=[article.pk]))
    shoot(page, "admin-article-history-390")
    assert fits(page, 390)
    page.goto(reverse("admin:news_article_compare", args=[article.pk])
              + "?from={}&to={}".format(*article.history.order_by("history_date")
                                        .values_list("history_id", flat=True)[:2]))
    assert cell_tops(page) == "stacked"
    shoot(page, "admin-article-compare-390")
    assert fits(page, 390)

    first = article.history.order_by("history_date").first()
    page.goto(reverse("admin:news_article_simple_history", args=[article.pk, first.history_id]))
    expect(page.locator(".breadcrumbs")).to_contain_text("Khôi phục có chỉnh sửa")
    assert fits(page, 390)
    assert refused == []
