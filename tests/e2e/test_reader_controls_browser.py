"""Reader controls ("Cỡ chữ", "Màu nền" in the header of every page, "In bài" on the
article page) in a real Chromium, on an article."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories import ArticleFactory, CategoryFactory, OrganizationFactory
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "<p>Sáng nay, Tỉnh Đoàn tổ chức hội nghị sơ kết công tác Đoàn và phong trào thanh "
    "thiếu nhi sáu tháng đầu năm, với sự tham dự của đại biểu các huyện, thành Đoàn.</p>"
    "<h2>Kết quả nổi bật</h2>"
    "<p>Các cơ sở Đoàn đã triển khai nhiều mô hình hay; xem thêm tại "
    '<a href="https://example.org/bao-cao">báo cáo đầy đủ</a>.</p>'
    "<p>Hội nghị cũng thống nhất phương hướng, nhiệm vụ trọng tâm sáu tháng cuối năm.</p>"
)

FONT_SIZE = "getComputedStyle(document.querySelector('.article-body p')).fontSize"


@pytest.fixture
def articles():
    """Two published articles of one category; the older is in the newer one's
    "Tin cùng chuyên mục"."""
    category = CategoryFactory(name="Hoạt động Đoàn")
    organization = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    now = timezone.now()
    newer = ArticleFactory(
        title="Sơ kết công tác Đoàn sáu tháng đầu năm",
        body=BODY,
        category=category,
        organization=organization,
        published_at=now - timedelta(hours=1),
    )
    older = ArticleFactory(
        title="Ra quân chiến dịch Thanh niên tình nguyện hè",
        body=BODY,
        category=category,
        organization=organization,
        published_at=now - timedelta(days=2),
    )
    return newer.get_absolute_url(), older.get_absolute_url()


def px(value: str) -> float:
    return float(value.removesuffix("px"))


def visit(page, url, **options):
    response = page.goto(url, **options)
    assert response.status == 200, f"{url}: HTTP {response.status}"


def html_attr(page, name):
    return page.evaluate(f"document.documentElement.getAttribute('{name}')")


def test_larger_button_enlarges_the_article_text_at_once(page, articles):
    visit(page, articles[0])
    before = px(page.evaluate(FONT_SIZE))

    page.get_by_role("button", name="Tăng cỡ chữ").click()

    assert px(page.evaluate(FONT_SIZE)) > before
    assert html_attr(page, "data-reader-size") == "large"
    expect(page.get_by_role("status")).to_have_text("Cỡ chữ: lớn")


def test_choice_persists_across_articles_and_is_applied_before_first_paint(
    page, new_page, articles
):
    visit(page, articles[0])
    bigger = page.get_by_role("button", name="Tăng cỡ chữ")
    bigger.click()
    bigger.click()
    page.get_by_role("button", name="Nền vàng nhạt").click()
    size = page.evaluate(FONT_SIZE)

    page.get_by_role("region", name="Tin cùng chuyên mục").get_by_role(
        "link", name="Ra quân chiến dịch Thanh niên tình nguyện hè"
    ).click()
    page.wait_for_url(f"**{articles[1]}")
    assert html_attr(page, "data-reader-size") == "larger"
    assert page.evaluate(FONT_SIZE) == size
    expect(page.get_by_role("button", name="Nền vàng nhạt")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("button", name="Mặc định", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )

    # A new load of the page with reader.js blocked: only the synchronous script in
    # <head> can have applied the choice, and it has done so by DOMContentLoaded.
    fresh = page.context.new_page()
    fresh.route("**/js/reader.js", lambda route: route.abort())
    visit(fresh, articles[0], wait_until="domcontentloaded")
    assert html_attr(fresh, "data-reader-size") == "larger"
    assert html_attr(fresh, "data-reader-theme") == "sepia"
    assert fresh.evaluate(FONT_SIZE) == size
    assert (
        fresh.evaluate("getComputedStyle(document.querySelector('.site-main')).backgroundColor")
        == "rgb(248, 240, 220)"
    )
    # base.html loads it in <head>, synchronously (the article page may name it again).
    loads = fresh.evaluate(
        """[...document.querySelectorAll('script[src*="reader-init"]')]
             .map(s => s.parentNode === document.head && !s.defer && !s.async)"""
    )
    assert loads
    assert all(loads)

    # Another browser profile knows nothing of it.
    stranger = new_page()
    visit(stranger, articles[0])
    assert html_attr(stranger, "data-reader-size") is None
    assert px(stranger.evaluate(FONT_SIZE)) < px(size)


def test_high_contrast_changes_colour_and_background(page, articles):
    visit(page, articles[0])
    text_colour = "getComputedStyle(document.querySelector('.article-body p')).color"
    background = "getComputedStyle(document.querySelector('.site-main')).backgroundColor"
    link_weight = "getComputedStyle(document.querySelector('.article-body a')).fontWeight"
    default_colour = page.evaluate(text_colour)

    page.get_by_role("button", name="Tương phản cao").click()

    assert page.evaluate(text_colour) == "rgb(255, 255, 0)"
    assert page.evaluate(background) == "rgb(0, 0, 0)"
    assert page.evaluate(link_weight) == "700"
    expect(page.get_by_role("status")).to_have_text("Màu nền: tương phản cao")

    page.get_by_role("button", name="Mặc định", exact=True).click()
    assert page.evaluate(text_colour) == default_colour
    assert html_attr(page, "data-reader-theme") is None
    assert page.evaluate("localStorage.getItem('cong.reader.theme')") is None


def test_aria_pressed_limits_and_announcements(page, articles):
    visit(page, articles[0])
    size_group = page.get_by_role("group", name="Cỡ chữ")
    theme_group = page.get_by_role("group", name="Màu nền")
    smaller = size_group.get_by_role("button", name="Giảm cỡ chữ")
    normal = size_group.get_by_role("button", name="Cỡ chữ mặc định")
    bigger = size_group.get_by_role("button", name="Tăng cỡ chữ")
    status = page.get_by_role("status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(normal).to_have_attribute("aria-pressed", "true")
    expect(theme_group.get_by_role("button", name="Mặc định", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    for _ in range(3):
        expect(bigger).to_have_attribute("aria-disabled", "false")
        bigger.click()
    assert html_attr(page, "data-reader-size") == "largest"
    expect(bigger).to_have_attribute("aria-disabled", "true")
    bigger.click(force=True)  # aria-disabled, not disabled: still focusable, does nothing
    assert html_attr(page, "data-reader-size") == "largest"
    expect(normal).to_have_attribute("aria-pressed", "false")
    expect(status).to_have_text("Cỡ chữ: lớn nhất")

    normal.click()
    assert html_attr(page, "data-reader-size") is None
    expect(normal).to_have_attribute("aria-pressed", "true")
    expect(status).to_have_text("Cỡ chữ: vừa (mặc định)")

    smaller.click()
    assert html_attr(page, "data-reader-size") == "small"
    expect(smaller).to_have_attribute("aria-disabled", "true")
    expect(status).to_have_text("Cỡ chữ: nhỏ")

    dark = theme_group.get_by_role("button", name="Nền tối")
    dark.click()
    expect(dark).to_have_attribute("aria-pressed", "true")
    assert theme_group.locator('[aria-pressed="true"]').count() == 1
    expect(status).to_have_text("Màu nền: nền tối")


def test_controls_work_with_the_keyboard_alone(page, articles):
    visit(page, articles[0])
    before = px(page.evaluate(FONT_SIZE))

    def tab_to(name):
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()").endswith(name):
                return
        pytest.fail(f"Tab never reached the button “{name}”")

    tab_to("Tăng cỡ chữ")
    outline = page.evaluate(
        "(s => [s.outlineStyle, s.outlineWidth])(getComputedStyle(document.activeElement))"
    )
    assert outline[0] != "none", "focus must be visible"
    assert px(outline[1]) >= 2, "focus must be visible"
    page.keyboard.press("Enter")
    assert px(page.evaluate(FONT_SIZE)) > before
    assert page.evaluate("document.activeElement.getAttribute('aria-disabled')") == "false"

    tab_to("Tương phản cao")
    page.keyboard.press("Space")
    assert html_attr(page, "data-reader-theme") == "contrast"
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"


def test_without_javascript_the_text_is_readable_and_the_controls_hidden(new_page, articles):
    page = new_page(java_script_enabled=False)
    visit(page, articles[0])

    expect(page.locator(".article-body")).to_contain_text("Hội nghị cũng thống nhất")
    expect(page.locator(".article-body")).to_be_visible()
    expect(page.locator(".reader-controls")).to_be_hidden()
    expect(page.get_by_role("button", name="In bài")).to_be_hidden()
    assert html_attr(page, "data-reader-js") is None


def test_storage_blocked_still_works_for_the_page(new_page, articles):
    page = new_page()
    page.add_init_script(
        """Object.defineProperty(window, 'localStorage', {configurable: true,
             get() { throw new DOMException('blocked', 'SecurityError'); }});"""
    )
    visit(page, articles[0])
    before = px(page.evaluate(FONT_SIZE))

    page.get_by_role("button", name="Tăng cỡ chữ").click()

    assert px(page.evaluate(FONT_SIZE)) > before
    expect(page.get_by_role("status")).to_have_text("Cỡ chữ: lớn")


def test_print_button_and_print_stylesheet(page, articles):
    page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")
    visit(page, articles[0])
    page.get_by_role("button", name="Tương phản cao").click()

    page.get_by_role("button", name="In bài").click()
    assert page.evaluate("window.printed") == 1

    page.emulate_media(media="print")
    for hidden in [".topbar", ".site-nav", ".reader-controls", ".share-links", ".site-footer"]:
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".site-name")).to_be_visible()  # the printout says whose page it is
    expect(page.locator(".article-body")).to_be_visible()
    expect(page.locator(".article-title")).to_be_visible()
    # The screen-only themes do not reach the paper: no yellow text on white.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.article-body p')).color")
        != "rgb(255, 255, 0)"
    )
