"""The review of an article as its people do it in Chromium: a reporter writes and submits;
a reviewer selects a passage, comments on it and asks for changes; the reporter finds it on
the dashboard, jumps to the passage, edits and resubmits; the reviewer publishes. At 1366
and 390 px, with the Content Security Policy enforced (no inline script runs).
Screenshots go to test-artifacts/screenshots/."""

from pathlib import Path

import pytest
from browser_steps import log_in, select_text
from django.conf import settings
from django.core import mail

from news.models import Article, ArticleComment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
PASSAGE = "với 500 đoàn viên"


def select_in_editor(page, text):
    """Select `text` in the article's editor, as a mouse drag would."""
    page.locator(".field-body .ck-editor__editable").click()  # the editor takes the focus
    page.wait_for_timeout(300)
    select_text(page, ".field-body .ck-editor__editable", text)


def shoot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / name)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_review_as_a_conversation_in_the_browser(new_page, newsroom, width):
    people = newsroom.people
    draft = newsroom.article("Tuổi trẻ Bến Tre ra quân tình nguyện hè")
    page = new_page(width=width, height=900)
    refused = []
    page.on("console", lambda message: (
        refused.append(message.text) if "Content Security" in message.text else None
    ))

    reporter_writes_and_submits(page, people, draft)
    reviewer_asks_for_changes_on_a_passage(page, people, draft)
    reporter_replies_edits_and_resubmits(page, people, draft, width)
    reviewer_reads_the_thread_and_publishes(page, people, draft, width)
    assert refused == []


def reporter_writes_and_submits(page, people, draft):
    log_in(page, people.reporter)
    page.goto(f"/admin/news/article/{draft.pk}/change/")
    page.locator(".field-body .ck-editor__editable").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Lực lượng chia thành 12 đội hình.")
    with page.expect_navigation():
        page.click("button.review-move--submit")
    assert "Đã gửi duyệt bài" in page.inner_text(".messagelist")
    assert "Bài đang chờ duyệt; bạn có thể rút lại để sửa." in page.inner_text("body")
    assert "<p>" not in page.inner_text(".field-rendered_body")
    assert "12 đội hình" in page.inner_text(".field-rendered_body")
    assert [m.to for m in mail.outbox] == [[people.approver.email]]
    shoot(page, f"admin-article-pending-read-only-{page.viewport_size['width']}.png")


def reviewer_asks_for_changes_on_a_passage(page, people, draft):
    log_in(page, people.approver)
    page.goto(f"/admin/news/article/{draft.pk}/change/")
    select_in_editor(page, PASSAGE)
    page.locator("[data-review-quote-button]").click()
    assert page.locator("[data-review-quote-preview]").is_visible()
    page.fill("#id_review_comment", "Ghi rõ số đoàn viên của từng huyện.")
    with page.expect_navigation():
        page.click(".review-composer button[value=send_back]")
    assert "Đã yêu cầu sửa bài" in page.inner_text(".messagelist")
    request = ArticleComment.objects.get(move="send_back")
    assert (request.quote, request.body) == (PASSAGE, "Ghi rõ số đoàn viên của từng huyện.")


def reporter_replies_edits_and_resubmits(page, people, draft, width):
    log_in(page, people.reporter)
    page.goto("/admin/")
    box = page.locator(".dashboard-sent-back")
    assert "Ghi rõ số đoàn viên của từng huyện." in box.inner_text()
    assert "Phạm Quốc Bảo" in box.inner_text()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    with page.expect_navigation():
        box.locator("a").first.click()
    page.locator(".review-quote-link").first.click()
    assert page.evaluate("CSS.highlights.has('review-passage')")
    assert page.locator("[data-review-missing]").is_hidden()
    page.fill("#id_review_comment", "Em bổ sung số đoàn viên theo từng huyện ạ.")
    with page.expect_navigation():
        page.click(".review-composer button.default")
    page.locator(".field-body .ck-editor__editable").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Mỗi huyện có 40 đến 50 đoàn viên.")
    with page.expect_navigation():
        page.click("button.review-move--submit")
    draft.refresh_from_db()
    assert draft.status == Article.Status.PENDING
    assert "40 đến 50 đoàn viên" in draft.body


def reviewer_reads_the_thread_and_publishes(page, people, draft, width):
    log_in(page, people.approver)
    page.goto("/admin/")
    assert draft.title in page.inner_text(".dashboard-waiting")
    assert "Em bổ sung số đoàn viên" in page.inner_text(".dashboard-comments")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    shoot(page, f"admin-dashboard-notifications-{width}.png")
    page.goto(f"/admin/news/article/{draft.pk}/change/")
    assert "yêu cầu sửa" in page.inner_text("#binh-luan")
    assert "(bài đã sửa sau đó)" in page.inner_text("#binh-luan")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    page.locator(".review-actions").evaluate("box => box.scrollIntoView({block: 'start'})")
    shoot(page, f"admin-article-review-comments-{width}.png")
    with page.expect_navigation():
        page.click("button.review-move--publish")
    draft.refresh_from_db()
    assert draft.is_public
    assert "Đã đăng bài" in page.inner_text(".messagelist")
