"""What a reader trial of the public portal found, fixed and held here in Chromium: long
unbroken words wrap on a 390 px phone, the filters of /tim-kiem/ and /van-ban/ fold so the
first result is on the first screen, the reader controls' panel closes when the reader
moves on and has 44 px buttons, the dark theme's website-link tile, the portal's name at
the largest text size, the labels of /to-chuc/."""

from datetime import date

import pytest
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    OrganizationFactory,
    WebsiteLinkFactory,
)
from playwright.sync_api import expect

from demo.site import PORTAL_INFORMATION, ensure_portal_information

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_WORD = "Đảngbộtỉnh" * 20  # 200 characters, no space (within every column's length)
QUERY = "a" * 300  # what the trial typed: no article has it
PHONE = {"width": 390, "height": 844}
SCROLL_WIDTH = "document.documentElement.scrollWidth"


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"


def phone(new_page, **options):
    return new_page(**PHONE, has_touch=True, **options)


# 1. Long words ----------------------------------------------------------------------------


def test_a_long_word_never_widens_a_phone_page(new_page):
    category = CategoryFactory(name=f"Chuyên mục {LONG_WORD[:130]}")
    article = ArticleFactory(
        title=f"Hội nghị {LONG_WORD}", summary=LONG_WORD, category=category,
    )
    page = phone(new_page)
    for url in [
        f"/tim-kiem/?q={QUERY}",  # the query echoed in "Không có tin bài nào…"
        "/tim-kiem/?q=Hội+nghị",  # a result's title
        article.get_absolute_url(),  # the title, the breadcrumb
        category.get_absolute_url(),  # cards, the breadcrumb
        "/tin-tuc/",
        "/",
    ]:
        visit(page, url)
        assert page.evaluate(SCROLL_WIDTH) <= 390, url
    visit(page, f"/tim-kiem/?q={QUERY}")
    expect(page.get_by_text("Không có tin bài nào chứa đủ các từ")).to_be_visible()


# 2. Filters folded on a phone --------------------------------------------------------------


def first_screen_holds(page, selector):
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + min(box["height"], 40) <= PHONE["height"]


def test_search_results_come_first_on_a_phone(new_page):
    for number in range(4):
        ArticleFactory(title=f"Hội nghị cán bộ chủ chốt lần {number}")
    page = phone(new_page)
    visit(page, "/tim-kiem/?q=Hội+nghị")

    summary = page.locator("summary", has_text="Bộ lọc")
    expect(summary).to_be_visible()
    expect(page.get_by_label("Chuyên mục")).to_be_hidden()
    assert first_screen_holds(page, ".search-result")

    summary.click()  # a <details>: no script needed
    expect(page.get_by_label("Chuyên mục")).to_be_visible()

    # A filter in use: the filters are open, and "Bỏ bộ lọc" leads back to the query alone.
    visit(page, "/tim-kiem/?q=Hội+nghị&date_from=01/01/2020")
    expect(page.get_by_label("Từ ngày")).to_be_visible()
    page.get_by_role("link", name="Bỏ bộ lọc").click()
    expect(page.get_by_label("Từ ngày")).to_be_hidden()


def test_directive_list_comes_first_on_a_phone(new_page):
    for number in range(3):
        DirectiveFactory(issued_on=date(2020 + number, 1, 5))
    page = phone(new_page)
    visit(page, "/van-ban/")

    expect(page.locator("summary", has_text="Lọc văn bản")).to_be_visible()
    expect(page.get_by_label("Loại văn bản")).to_be_hidden()
    assert first_screen_holds(page, ".directive-table tbody tr")

    visit(page, "/van-ban/?status=in_force")
    expect(page.get_by_label("Loại văn bản")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_wide_screen_the_filters_are_shown_without_a_summary(new_page, javascript):
    DirectiveFactory()
    page = new_page(width=1366, height=900, java_script_enabled=javascript)
    visit(page, "/van-ban/")
    expect(page.locator("summary", has_text="Lọc văn bản")).to_be_hidden()
    expect(page.get_by_label("Loại văn bản")).to_be_visible()
    visit(page, "/tim-kiem/?q=chỉ+thị")
    expect(page.locator("summary", has_text="Bộ lọc")).to_be_hidden()
    expect(page.get_by_label("Chuyên mục")).to_be_visible()


# 3. The reader controls' panel on a phone ---------------------------------------------------


@pytest.fixture
def long_article():
    body = "".join(f"<p>Đoạn {n}: nội dung về công tác xây dựng Đảng.</p>" for n in range(60))
    return ArticleFactory(title="Sơ kết công tác xây dựng Đảng", body=body).get_absolute_url()


def open_panel(page):
    toggle = page.get_by_role("button", name="Cỡ chữ, màu nền")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#reader-panel")).to_be_visible()
    return toggle


def test_the_panel_closes_when_the_reader_scrolls(new_page, long_article):
    page = phone(new_page)
    visit(page, long_article)
    toggle = open_panel(page)
    # Its choices do not close it, even when the new size moves the page.
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.wait_for_timeout(300)
    expect(page.locator("#reader-panel")).to_be_visible()

    page.mouse.wheel(0, 400)
    expect(page.locator("#reader-panel")).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_the_panel_closes_on_a_tap_outside_and_on_escape(new_page, long_article):
    page = phone(new_page)
    visit(page, long_article)
    toggle = open_panel(page)
    page.locator(".article-body p").nth(2).tap()  # plain text, not a link
    expect(page.locator("#reader-panel")).to_be_hidden()

    open_panel(page)
    page.get_by_role("button", name="Nền tối").focus()
    page.keyboard.press("Escape")
    expect(page.locator("#reader-panel")).to_be_hidden()
    expect(toggle).to_be_focused()


def test_the_panels_buttons_are_44_px_on_a_phone_and_the_themes_are_backgrounds(
    new_page, long_article
):
    page = phone(new_page)
    visit(page, long_article)
    open_panel(page)
    sizes = page.evaluate(
        """[...document.querySelectorAll('#reader-panel button')]
             .map(b => b.getBoundingClientRect()).map(r => [r.width, r.height])"""
    )
    assert len(sizes) == 7
    assert all(width >= 44 and height >= 44 for width, height in sizes), sizes
    expect(page.get_by_role("group", name="Màu nền")).to_be_visible()
    assert page.evaluate(SCROLL_WIDTH) <= 390


# 5. Looks -----------------------------------------------------------------------------------


def luminance(page, selector):
    return page.evaluate(
        """selector => {
            const [r, g, b] = getComputedStyle(document.querySelector(selector))
                .backgroundColor.match(/\\d+/g).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        }""",
        selector,
    )


def test_the_website_link_text_tile_is_dark_in_the_dark_theme(new_page):
    WebsiteLinkFactory(name="Quốc hội", address="https://quochoi.vn/")
    page = new_page(width=1366, height=900)
    visit(page, "/")
    assert luminance(page, ".website-link-text") > 0.8
    page.get_by_role("button", name="Nền tối").click()
    assert luminance(page, ".website-link-text") < 0.3


def test_the_portal_name_stays_on_one_line_at_the_largest_size(new_page):
    ensure_portal_information()
    page = new_page(width=1366, height=900)
    page.add_init_script("localStorage.setItem('cong.reader.size', 'largest')")
    visit(page, "/")
    name = page.locator(".site-name")
    expect(name).to_have_text(PORTAL_INFORMATION["full_name"], ignore_case=True)
    lines = page.evaluate(
        """(el => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))
             (document.querySelector('.site-name'))"""
    )
    assert lines < 1.5
    # The reading text did grow.
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "24px"


def test_the_organisation_trees_labels_stay_on_one_line(new_page):
    root = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    OrganizationFactory(
        name="Ban Tuyên giáo Tỉnh ủy Bến Tre (trước sắp xếp)", parent=root,
        active_until=date(2025, 2, 28),
    )
    page = phone(new_page)
    page.add_init_script("localStorage.setItem('cong.reader.size', 'largest')")
    visit(page, "/to-chuc/")
    label = page.locator(".org-tree .badge", has_text="hoạt động đến 28/02/2025")
    expect(label).to_be_visible()
    assert page.evaluate(
        "el => el.getClientRects().length", label.element_handle()
    ) == 1
    assert page.evaluate(SCROLL_WIDTH) <= 390
