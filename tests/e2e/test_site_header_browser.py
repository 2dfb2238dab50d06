"""The frame of every public page in a real Chromium: the phone's header, the menu by
keyboard, mouse and touch, the date line, the typeface, the reader controls on a list page,
the contact form's error summary and the printout."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories import ArticleFactory, CategoryFactory, DirectiveFactory, OrganizationFactory
from playwright.sync_api import expect

from demo.site import ensure_demo_site_content
from pages.date_line import date_line_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Người dân thưởng thức lời ru ngọt ngào, củng cố niềm tin vào đường lối đổi mới"
BODY = (
    "<p>Sáng nay, Tỉnh Đoàn tổ chức hội nghị sơ kết công tác Đoàn và phong trào thanh thiếu "
    "nhi sáu tháng đầu năm, với sự tham dự của đại biểu các huyện, thành Đoàn.</p>"
    + "<p>Các cơ sở Đoàn đã triển khai nhiều mô hình hay, sáng tạo và hiệu quả.</p>" * 6
)


@pytest.fixture
def site():
    """The demo menu ("Tin tức" with two categories under it) and an article."""
    politics = CategoryFactory(name="Thời sự", order=1)
    CategoryFactory(name="Xây dựng Đảng", order=2)
    ensure_demo_site_content()
    organization = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    article = ArticleFactory(
        title=HEADLINE,
        summary="Hội nghị sơ kết sáu tháng đầu năm của Tỉnh Đoàn Bến Tre.",
        body=BODY,
        category=politics,
        organization=organization,
        published_at=timezone.now() - timedelta(hours=1),
    )
    DirectiveFactory()
    return {"article": article.get_absolute_url(), "category": politics.get_absolute_url()}


def box(page, selector):
    return page.evaluate(
        f"(r => ({{top: r.top, bottom: r.bottom, height: r.height}}))"
        f"(document.querySelector({selector!r}).getBoundingClientRect())"
    )


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first, second):
    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rgb(css: str):
    return tuple(int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def style(page, selector, prop, pseudo=None):
    pseudo_arg = f", {pseudo!r}" if pseudo else ""
    return page.evaluate(
        f"getComputedStyle(document.querySelector({selector!r}){pseudo_arg})[{prop!r}]"
    )


def tab_to(page, name, *, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    pytest.fail(f"Tab never reached “{name}”")


def focused_text(page):
    return page.evaluate("document.activeElement.textContent.trim()")


# The phone's header ------------------------------------------------------------


def test_on_a_phone_the_article_starts_within_the_first_screen(new_page, site):
    page = new_page(width=390, height=844)
    page.goto(site["article"])

    header = box(page, ".site-header")
    assert header["height"] <= 110, header
    first_paragraph = box(page, ".article-body p")
    assert first_paragraph["top"] < 844 - 30, first_paragraph
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    expect(page.get_by_role("button", name="Menu")).to_be_visible()
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator("#site-search-q")).to_be_hidden()
    main_top = page.evaluate("document.querySelector('#main').offsetTop")

    page.mouse.wheel(0, 700)
    page.wait_for_function("window.scrollY > 600")

    # The bar stays at the top, smaller: the date line has scrolled away under it…
    scrolled = box(page, ".site-header")
    assert scrolled["top"] < 0, scrolled
    assert 45 <= scrolled["bottom"] <= header["bottom"] - 25, scrolled
    expect(page.get_by_role("button", name="Menu")).to_be_in_viewport()
    # …and nothing below it moved: a sticky header takes the same room all the time.
    assert page.evaluate("document.querySelector('#main').offsetTop") == main_top


def test_phone_menu_and_search_by_touch(new_page, site):
    page = new_page(width=390, height=844, has_touch=True, is_mobile=True)
    page.goto(site["article"])
    menu_button = page.get_by_role("button", name="Menu")

    menu_button.tap()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    nav = page.get_by_role("navigation", name="Menu chính")
    expect(nav).to_be_visible()
    assert box(page, ".site-nav")["bottom"] <= 844 + 1  # the menu fills the screen below the bar
    news = nav.get_by_role("button", name="Tin tức")
    expect(news).to_have_attribute("aria-expanded", "false")

    news.tap()
    expect(news).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Tất cả tin tức")).to_be_visible()
    assert nav.get_by_role("link", name="Tin tức", exact=True).count() == 0
    nav.get_by_role("link", name="Thời sự").tap()
    page.wait_for_url(f"**{site['category']}")
    expect(page.get_by_role("navigation", name="Menu chính")).to_be_hidden()

    search_button = page.get_by_role("button", name="Tìm kiếm")
    search_button.tap()
    expect(search_button).to_have_attribute("aria-expanded", "true")
    field = page.get_by_role("searchbox", name="Tìm kiếm")
    expect(field).to_be_focused()
    field.fill("hội nghị")
    field.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")


def test_phone_menu_closes_with_escape_back_on_its_button(new_page, site):
    page = new_page(width=390, height=844)
    page.goto("/")
    menu_button = page.get_by_role("button", name="Menu")
    menu_button.click()
    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Văn bản").focus()

    page.keyboard.press("Escape")

    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu_button).to_be_focused()
    expect(page.locator(".site-nav")).to_be_hidden()


# The desktop's menu ------------------------------------------------------------


def test_desktop_banner_and_menu_in_one_row(new_page, site):
    page = new_page(width=1366, height=900)
    page.goto(site["article"])

    expect(page.locator(".site-owner")).to_have_text("Đảng Cộng sản Việt Nam")
    expect(page.locator(".site-name")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    items = page.locator(".site-nav .menu > li")
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(items.count())}
    assert len(tops) == 1, "the menu wraps"
    expect(page.get_by_role("searchbox", name="Tìm kiếm")).to_be_visible()


def test_submenu_is_a_disclosure_by_keyboard(new_page, site):
    page = new_page(width=1366, height=900)
    page.goto("/van-ban/")
    news = page.get_by_role("button", name="Tin tức")
    submenu = page.locator("#" + news.get_attribute("aria-controls"))
    expect(news).to_have_attribute("aria-expanded", "false")
    expect(submenu).to_be_hidden()

    tab_to(page, "Tin tức")
    page.keyboard.press("Enter")
    expect(news).to_have_attribute("aria-expanded", "true")
    expect(submenu).to_be_visible()
    assert [text.strip() for text in submenu.locator("a").all_inner_texts()] == [
        "Tất cả tin tức", "Thời sự", "Xây dựng Đảng",
    ]

    page.keyboard.press("ArrowDown")
    assert focused_text(page) == "Tất cả tin tức"
    page.keyboard.press("ArrowDown")
    assert focused_text(page) == "Thời sự"
    page.keyboard.press("End")
    assert focused_text(page) == "Xây dựng Đảng"
    page.keyboard.press("Escape")
    expect(news).to_have_attribute("aria-expanded", "false")
    expect(news).to_be_focused()

    page.keyboard.press("ArrowRight")
    assert focused_text(page) == "Chuyên trang"  # the demo menu's item after "Tin tức"
    page.keyboard.press("ArrowLeft")
    expect(news).to_be_focused()

    # Tabbing out of the open sub-menu closes it.
    page.keyboard.press("Space")
    expect(submenu).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Tab")
    assert focused_text(page) == "Xây dựng Đảng"
    page.keyboard.press("Tab")
    assert focused_text(page) == "Chuyên trang"
    expect(news).to_have_attribute("aria-expanded", "false")
    expect(submenu).to_be_hidden()


def test_submenu_by_mouse_closes_on_a_click_outside(new_page, site):
    page = new_page(width=1366, height=900)
    page.goto("/")
    news = page.get_by_role("button", name="Tin tức")
    documents = page.get_by_role("link", name="Văn bản", exact=True)

    news.click()
    expect(page.get_by_role("link", name="Thời sự")).to_be_visible()
    page.mouse.click(1300, 700)
    expect(news).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Thời sự")).to_be_hidden()

    news.click()
    news.click()
    expect(news).to_have_attribute("aria-expanded", "false")
    documents.click()
    page.wait_for_url("**/van-ban/")


def test_without_javascript_the_menu_still_works(new_page, site):
    wide = new_page(width=1366, height=900, java_script_enabled=False)
    wide.goto("/")
    wide.locator("summary", has_text="Tin tức").click()
    wide.get_by_role("link", name="Thời sự").click()
    wide.wait_for_url(f"**{site['category']}")

    phone = new_page(width=390, height=844, java_script_enabled=False)
    phone.goto("/")
    expect(phone.get_by_role("link", name="Văn bản", exact=True)).to_be_visible()
    expect(phone.get_by_role("searchbox", name="Tìm kiếm")).to_be_visible()
    expect(phone.locator(".menu-toggle")).to_be_hidden()
    expect(phone.locator(".reader-controls")).to_be_hidden()


def test_current_item_and_focus_ring_contrast(new_page, site):
    page = new_page(width=1366, height=900)
    page.goto("/van-ban/")
    current = '.site-nav a[aria-current="page"]'
    text, background = style(page, current, "color"), style(page, current, "backgroundColor")
    assert contrast(rgb(text), rgb(background)) >= 4.5

    tab_to(page, "Giới thiệu")
    ring = rgb(page.evaluate("getComputedStyle(document.activeElement).outlineColor"))
    nav_background = rgb(style(page, ".site-nav", "backgroundColor"))
    assert contrast(ring, nav_background) >= 3
    assert contrast(ring, rgb(style(page, ".site-header", "backgroundColor"))) >= 3


# The date line, the typeface -------------------------------------------------------


def test_date_line_in_the_header(new_page, site):
    page = new_page(width=390, height=844)
    page.goto("/")
    today, text = date_line_text()
    expect(page.locator(".site-header time")).to_have_text(text)
    expect(page.locator(".site-header time")).to_have_attribute("datetime", today.isoformat())
    assert text.split(",")[0] in {
        "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật",
    }


def test_headline_renders_in_the_portals_own_font(new_page, live_server, site):
    page = new_page(width=390, height=844)
    requests = []
    page.on("request", lambda request: requests.append((request.resource_type, request.url)))
    page.goto(site["article"])
    page.evaluate("document.fonts.ready")
    page.wait_for_load_state("networkidle")

    title = page.locator(".article-title")
    expect(title).to_have_text(HEADLINE)
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    document = session.send("DOM.getDocument")
    node = session.send(
        "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": ".article-title"}
    )
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert {font["familyName"] for font in fonts} == {"Be Vietnam Pro"}, fonts
    assert all(font["isCustomFont"] for font in fonts)
    faces = page.evaluate(
        "[...document.fonts].map(face => `${face.family} ${face.weight} ${face.status}`)"
    )
    assert '"Be Vietnam Pro" 700 loaded' in faces or "Be Vietnam Pro 700 loaded" in faces, faces
    for letter in "ờụỉủếđ":
        assert page.evaluate(f"document.fonts.check('700 24px \"Be Vietnam Pro\"', {letter!r})")

    font_requests = [url for kind, url in requests if kind == "font"]
    assert font_requests, "no font was loaded"
    strangers = [url for _, url in requests if not url.startswith(live_server.url)]
    assert not strangers, f"requests to other origins: {strangers}"


# Reader controls on every page ------------------------------------------------------


def test_reader_controls_on_a_list_page_colour_the_whole_page_and_persist(new_page, site):
    page = new_page(width=390, height=844)
    page.goto(site["category"])
    title_size = "getComputedStyle(document.querySelector('.card-title, .article-list a')).fontSize"
    before = float(page.evaluate(title_size).removesuffix("px"))
    header_before = box(page, ".site-header")["height"]
    toggle = page.get_by_role("button", name="Cỡ chữ, màu nền")
    expect(page.get_by_role("group", name="Cỡ chữ")).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Nền tối").click()

    assert float(page.evaluate(title_size).removesuffix("px")) > before
    assert box(page, ".site-header")["height"] == header_before  # the frame keeps its size
    for part in ["body", ".site-main", ".site-header", ".site-footer"]:
        background = rgb(style(page, part, "backgroundColor"))
        assert luminance(background) < 0.05, f"{part} is not dark: {background}"
    text = rgb(style(page, ".site-main", "color"))
    assert contrast(text, rgb(style(page, ".site-main", "backgroundColor"))) >= 7

    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()

    page.goto("/van-ban/")
    assert page.evaluate("document.documentElement.dataset.readerTheme") == "dark"
    assert page.evaluate("document.documentElement.dataset.readerSize") == "large"
    assert luminance(rgb(style(page, ".site-main", "backgroundColor"))) < 0.05
    page.get_by_role("button", name="Cỡ chữ, màu nền").click()
    expect(page.get_by_role("button", name="Nền tối")).to_have_attribute("aria-pressed", "true")


# The contact form, print --------------------------------------------------------------


def test_contact_form_moves_focus_to_its_error_summary(new_page, site):
    page = new_page(width=390, height=844)
    page.goto("/lien-he/")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_load_state()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Chưa gửi được")
    first_link = summary.get_by_role("link").first
    target = first_link.get_attribute("href")
    first_link.click()
    expect(page.locator(target)).to_be_focused()
    # The field is not left under the phone's sticky bar.
    assert box(page, target)["top"] >= box(page, ".site-header")["bottom"]


def test_printout_carries_the_portals_name_and_the_pages_address(new_page, live_server, site):
    page = new_page(width=1366, height=900)
    page.goto(site["article"])
    page.emulate_media(media="print")

    expect(page.locator(".site-name")).to_be_visible()
    expect(page.locator(".site-emblem")).to_be_visible()
    hidden_parts = [".site-nav", ".topbar", ".site-search", ".site-footer", ".article-tools"]
    for hidden in [*hidden_parts, ".breadcrumb"]:
        expect(page.locator(hidden)).to_be_hidden()
    after = page.evaluate("getComputedStyle(document.body, '::after').content")
    assert f"{live_server.url}{site['article']}" in after
    assert "Địa chỉ trang:" in after
