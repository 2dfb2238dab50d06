"""The Content-Security-Policy in a real Chromium: public pages and the admin with
CKEditor 5 work without a single violation, and inline script really is refused."""

import pytest
from django.urls import reverse
from factories import PASSWORD, ArticleFactory
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    '<p style="text-align:center">Đoạn văn căn giữa.</p>'
    '<figure class="table"><table style="border-collapse:collapse;width:80%">'
    '<tbody><tr><td style="border:1px solid #999">Ô bảng</td></tr></tbody></table></figure>'
    '<figure class="media"><iframe src="https://www.youtube.com/embed/abc123"></iframe></figure>'
)


def watch_console(page):
    """Console messages about the CSP or the Permissions-Policy header."""
    problems = []

    def collect(message):
        text = message.text
        if "Content Security Policy" in text or "Permissions-Policy" in text:
            problems.append(text)

    page.on("console", collect)
    return problems


def test_public_article_page_has_no_violations(page, live_server):
    article = ArticleFactory(body=BODY)
    problems = watch_console(page)
    # The embedded player is answered locally: the test must not depend on YouTube.
    page.route("https://www.youtube.com/**", lambda route: route.fulfill(body="<p>video</p>"))
    response = page.goto(article.get_absolute_url())
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Style attributes of the article body apply (style-src-attr).
    align = page.evaluate("getComputedStyle(document.querySelector('.article-body p')).textAlign")
    assert align == "center"
    expect(page.frame_locator("figure.media iframe").locator("p")).to_have_text("video")
    page.goto(reverse("home"))
    assert problems == []


def test_inline_script_is_refused_on_public_pages(page, live_server):
    problems = watch_console(page)
    page.goto(reverse("home"))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.head.appendChild(s); }"
    )
    assert page.evaluate("window.injected === undefined")
    assert any("inline script" in text for text in problems), problems


def test_admin_and_ckeditor_work_under_the_policy(page, live_server, superuser):
    """Styled content in the editor and the colour picker of the table cell properties
    (which adds <style> elements) need the admin's relaxed style-src; nothing is refused."""
    article = ArticleFactory(body=BODY)
    problems = watch_console(page)
    page.goto(reverse("admin:login"))
    page.fill("#id_username", superuser.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()

    page.goto(reverse("admin:news_article_change", args=[article.pk]))
    editable = page.locator(".ck-editor__editable").first
    expect(editable).to_be_visible()
    # CKEditor's own styles are in force: its toolbar is laid out as a flex row.
    toolbar = page.locator(".ck-toolbar__items").first
    assert toolbar.evaluate("el => getComputedStyle(el).display") == "flex"
    # The body's style attributes show in the editor as on the page.
    assert editable.locator("p").first.evaluate("p => getComputedStyle(p).textAlign") == "center"
    editable.locator("p").first.click()
    page.keyboard.type("Nội dung gõ thêm ")
    expect(editable).to_contain_text("Nội dung gõ thêm")

    editable.locator("td").first.click()
    page.locator(".ck-balloon-panel button[data-cke-tooltip-text='Thuộc tính của ô']").click()
    page.locator(".ck-input-color__button").first.click()
    page.locator(".ck-color-selector__color-picker").first.click()
    expect(page.locator("hex-color-picker").first).to_be_visible()
    assert problems == []
