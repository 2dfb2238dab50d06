"""The admin on a 390 px phone and in CKEditor 5, in a real Chromium: a reporter files a short
item with a photo and its caption without scrolling sideways, the article list's filters fold
behind a "Bộ lọc" button, file boxes and the editor speak Vietnamese.

static/js/admin-phone.js and static/css/admin.css (the phone layout), static/js/ckeditor-vi.js
(the editor's wording); docs/translations.md.
"""

import re
from pathlib import Path

import pytest
from browser_steps import log_in
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from factories import (
    ArticleFactory,
    CategoryFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffUserFactory,
)
from playwright.sync_api import expect
from sample_files import jpeg_bytes

from accounts.roles import EDITOR, REPORTER
from news.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# Copied by hand to docs/screenshots/ when the look changes (admin-article-add-390.png,
# admin-article-list-filters-390.png).
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


@pytest.fixture
def newsroom(db):
    home = OrganizationFactory(name="Tỉnh Đoàn Bến Tre", short_name="TĐ")
    CategoryFactory(name="Hoạt động Đoàn")
    users = {}
    for role in (REPORTER, EDITOR):
        user = StaffUserFactory()
        user.groups.add(Group.objects.get(name=role))
        MembershipFactory(user=user, organization=home)
        users[role] = user
    return {"home": home, "users": users}


@pytest.fixture(autouse=True)
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def no_sideways_scrolling(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width} px wide"


def on_screen(page, selector):
    """The element lies within the screen's width."""
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= page.viewport_size["width"], (selector, box)


def choose(page, field, words):
    """Pick a choice in one of the admin's autocomplete boxes (select2)."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    # The open dropdown's box (the directives' many-choice box has one of its own).
    page.fill(".select2-dropdown .select2-search__field", words)
    # The answer to the typed words, not the list shown while they were being typed.
    expect(page.locator(".select2-dropdown .loading-results")).to_have_count(0)
    expect(page.locator(".select2-dropdown .select2-results__option--highlighted")).to_contain_text(
        words
    )
    page.keyboard.press("Enter")
    expect(page.locator(f"#id_{field} + .select2")).not_to_have_class(
        re.compile("select2-container--open")
    )


def test_a_reporter_files_an_item_with_a_cover_photo_on_a_phone(new_page, newsroom):
    page = new_page(**PHONE)
    log_in(page, newsroom["users"][REPORTER])
    page.goto(reverse("admin:news_article_add"))
    no_sideways_scrolling(page)
    # The photos of the text are placed in the text; there is no table of them under it.
    expect(page.locator("#images-group")).to_have_count(0)

    page.fill("#id_title", "Đoàn viên ra quân dọn vệ sinh bờ sông")
    editable = page.locator(".ck-editor__editable").first
    editable.click()
    page.keyboard.type("Sáng Chủ nhật, 200 đoàn viên đã dọn sạch 2 km bờ sông.")
    choose(page, "organization", "Tỉnh Đoàn")
    choose(page, "category", "Hoạt động Đoàn")

    # The photo's file box is Vietnamese, whatever the browser's language.
    photo = page.locator("#id_cover_upload")
    button = page.locator("label.cong-file-button[for=id_cover_upload]")
    expect(button).to_have_text("Chọn tệp")
    photo.set_input_files(
        {"name": "ra-quan.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(size=(1200, 800))}
    )
    expect(page.locator(".field-cover_upload .cong-file-name")).to_have_text("ra-quan.jpg")
    button.scroll_into_view_if_needed()
    on_screen(page, "label.cong-file-button[for=id_cover_upload]")
    no_sideways_scrolling(page)
    page.locator(".field-cover_upload").screenshot(
        path=str(SCREENSHOTS / "admin-article-add-390.png")
    )

    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title="Đoàn viên ra quân dọn vệ sinh bờ sông")
    assert article.cover.original_name == "ra-quan.jpg"
    assert "200 đoàn viên" in article.body


def test_the_article_lists_filters_fold_behind_a_button_on_a_phone(new_page, newsroom):
    home = newsroom["home"]
    for index in range(3):
        ArticleFactory(
            title=f"Tin hoạt động số {index}", organization=home, is_featured=index == 0,
        )
    page = new_page(**PHONE)
    log_in(page, newsroom["users"][EDITOR])
    page.goto(reverse("admin:news_article_changelist"))

    toggle = page.get_by_role("button", name="Bộ lọc")
    filters = page.locator("#changelist-filter")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(filters).to_be_hidden()
    # Each article is a card: its title, then its values under their names.
    first_row = page.locator("#result_list tbody tr").first
    expect(first_row.locator(".field-title_with_presence")).to_be_visible()
    expect(page.locator("#result_list td.field-state").first).to_have_attribute(
        "data-label", "Trạng thái"
    )
    no_sideways_scrolling(page)

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(filters).to_be_visible()
    on_screen(page, "#changelist-filter")
    no_sideways_scrolling(page)
    filters.get_by_role("link", name="Có").first.click()

    # After filtering, the button says how many filters apply; the panel is closed again.
    toggle = page.get_by_role("button", name="Bộ lọc")
    expect(toggle).to_contain_text("1 đang áp dụng")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    toggle.click()
    expect(filters).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "admin-article-list-filters-390.png"))
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(filters).to_be_hidden()

    # On a wide desktop the panel is where it always was, and there is no button (below
    # 1500 px it folds too: tests/e2e/test_trial_fixes_browser.py).
    page.set_viewport_size({"width": 1600, "height": 900})
    expect(filters).to_be_visible()
    expect(page.locator(".cong-filter-toggle")).to_be_hidden()


def tooltips(page, scope=".ck-toolbar"):
    """The names the editor's visible buttons show on hover and give screen readers."""
    return page.locator(f"{scope} .ck-button:visible").evaluate_all(
        "buttons => buttons.map(b => b.dataset.ckeTooltipText"
        " || b.getAttribute('aria-label') || b.innerText).filter(Boolean)"
    )


def looks_english(text):
    words = text.replace("(", " ").replace(")", " ").split()
    shortcut = {"Ctrl+B", "Ctrl+I", "Ctrl+U", "Ctrl+K", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+X"}
    return all(word.isascii() for word in words if word not in shortcut)


# The editor's open balloon (its "Powered by CKEditor" badge is another one).
BALLOON = ".ck-balloon-panel_visible:not(.ck-powered-by-balloon)"


def test_ckeditor_speaks_vietnamese(page, newsroom):
    log_in(page, newsroom["users"][REPORTER])
    page.goto(reverse("admin:news_article_add"))
    editable = page.locator(".ck-editor__editable").first
    expect(editable).to_be_visible()

    names = tooltips(page)
    assert "Đậm (Ctrl+B)" in names
    assert "Xóa định dạng" in names  # the shipped vi.js says "Xóa định dang"
    assert "Làm lại (Ctrl+Y)" in names
    english = [name for name in names if looks_english(name)]
    assert not english, f"English in the editor's toolbar: {english}"

    # Hovering a button shows its Vietnamese tooltip.
    page.locator(".ck-toolbar .ck-button", has=page.locator("svg")).nth(1).hover()
    expect(page.locator(".ck-tooltip")).to_contain_text("Đậm")

    # The link dialog.
    editable.click()
    page.keyboard.type("Tỉnh Đoàn Bến Tre")
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+K")
    balloon = page.locator(BALLOON)
    expect(balloon).to_contain_text("Đường dẫn liên kết")
    assert not [name for name in tooltips(page, BALLOON) if looks_english(name)]
    page.keyboard.press("Escape")

    # A photo and a table: their toolbars and the alt text form.
    page.evaluate(
        """() => Object.values(window.editors)[0].setData(
            '<figure class="image"><img src="/static/img/emblem.svg" alt=""></figure>'
            + '<figure class="table"><table><tbody><tr><td>Ô</td><td>Ô</td></tr>'
            + '</tbody></table></figure>')"""
    )
    editable.locator("figure.image img").click()
    image_tools = tooltips(page, BALLOON)
    assert "Sửa mô tả ảnh cho người khiếm thị" in image_tools
    assert not [name for name in image_tools if looks_english(name)], image_tools
    page.locator(BALLOON).get_by_role("button", name="Sửa mô tả ảnh cho người khiếm thị").click()
    expect(page.locator(BALLOON)).to_contain_text(
        "Mô tả ảnh cho người khiếm thị"
    )
    page.keyboard.press("Escape")
    editable.locator("figure.table td").first.click()
    table_tools = tooltips(page, BALLOON)
    assert "Cột" in table_tools
    assert not [name for name in table_tools if looks_english(name)], table_tools


def test_the_browsers_own_form_checks_are_vietnamese(page, live_server):
    """The login form lets the browser check it: its message for an empty box follows the
    browser's language ("Please fill out this field.") unless the admin's script words it."""
    page.goto(reverse("admin:login"))
    page.click("input[type=submit]")
    username = page.locator("#id_username")
    assert username.evaluate("input => input.validationMessage") == "Trường này là bắt buộc."
    expect(page).to_have_url(f"{live_server.url}{reverse('admin:login')}")  # not sent
    username.fill("phongvien")
    assert username.evaluate("input => input.validationMessage") == ""
