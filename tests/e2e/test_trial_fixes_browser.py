"""What a trial of the newsroom admin in Chromium found, fixed and held here: the article
list readable at 1366 px, the "Bình luận đoạn này" button beside the selection on a desktop,
long file names wrapped on a phone, the admin's icon. Screenshots go to
test-artifacts/screenshots/ (copied by hand to docs/screenshots/newsroom-*.png)."""

from pathlib import Path

import pytest
from browser_steps import log_in, select_text
from django.conf import settings
from factories import LibraryImageFactory, image_bytes, image_file
from playwright.sync_api import expect

from news.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
LIST = "/admin/news/article/"


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / name)


def cut_columns(page) -> list[str]:
    """The list's column headings that end beyond the right edge of the list's box."""
    return page.evaluate("""() => {
        const box = document.querySelector("#changelist .results").getBoundingClientRect();
        return [...document.querySelectorAll("#result_list thead th")]
            .filter(th => th.getBoundingClientRect().right > box.right + 1)
            .map(th => th.className);
    }""")


# 7. The article list at 1366 px ------------------------------------------------------------


def test_the_article_list_shows_every_column_at_1366(new_page, newsroom):
    for index in range(3):
        newsroom.article(
            title=f"Ban Thường vụ Tỉnh ủy cho ý kiến về kế hoạch tổ chức đại hội số {index}",
            status=Article.Status.PUBLISHED, published_at=None,
        )
    page = new_page(width=1366, height=900)
    log_in(page, newsroom.people.approver)
    page.goto(LIST)

    expect(page.locator("#nav-sidebar")).to_be_hidden()
    expect(page.locator("#changelist-filter")).to_be_hidden()
    toggle = page.get_by_role("button", name="Bộ lọc")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert cut_columns(page) == []
    width = page.evaluate("document.querySelector('#result_list').getBoundingClientRect().width")
    assert width > 1100
    shoot(page, "newsroom-article-list-1366.png")

    # The filters open beside the list when asked for, and stay open from page to page.
    toggle.click()
    expect(page.locator("#changelist-filter")).to_be_visible()
    page.goto(LIST + "?trang_thai=published")
    expect(page.locator("#changelist-filter")).to_be_visible()
    page.get_by_role("button", name="Bộ lọc").click()
    expect(page.locator("#changelist-filter")).to_be_hidden()
    page.goto(LIST)
    expect(page.locator("#changelist-filter")).to_be_hidden()

    # The menu opens on demand and stays open on lists; other pages keep Django's choice.
    page.click("#toggle-nav-sidebar")
    expect(page.locator("#nav-sidebar")).to_be_visible()
    page.goto(LIST)
    expect(page.locator("#nav-sidebar")).to_be_visible()
    page.click("#toggle-nav-sidebar")
    page.goto("/admin/news/category/")
    expect(page.locator("#nav-sidebar")).to_be_hidden()  # a list too
    page.goto(f"/admin/news/article/{Article.objects.first().pk}/change/")
    expect(page.locator("#nav-sidebar")).to_be_visible()


def test_a_wide_screen_keeps_the_menu_and_the_filters_beside_the_list(new_page, newsroom):
    newsroom.article()
    page = new_page(width=1600, height=900)
    log_in(page, newsroom.people.approver)
    page.goto(LIST)

    expect(page.locator("#nav-sidebar")).to_be_visible()
    expect(page.locator("#changelist-filter")).to_be_visible()
    expect(page.locator(".cong-filter-toggle")).to_be_hidden()


# 10. "Bình luận đoạn này" beside the selection on a desktop ---------------------------------


def select_in_read_only_body(page, text):
    select_text(page, "[data-review-body]", text)


def selection_box(page) -> dict:
    return page.evaluate("""() => {
        const rects = window.getSelection().getRangeAt(0).getClientRects();
        const last = rects[rects.length - 1];
        return {left: last.left, right: last.right, top: last.top, bottom: last.bottom};
    }""")


@pytest.mark.parametrize("width", [1366, 390])
def test_the_quote_button_is_beside_the_selection_on_a_desktop(new_page, newsroom, width):
    pending = newsroom.article(status=Article.Status.PENDING)
    page = new_page(width=width, height=800)
    log_in(page, newsroom.people.reporter)  # the read-only page of their submission
    page.goto(f"/admin/news/article/{pending.pk}/change/")
    page.locator("[data-review-body]").scroll_into_view_if_needed()

    select_in_read_only_body(page, "với 500 đoàn viên")
    button = page.locator("[data-review-quote-button]")
    expect(button).to_be_visible()
    shown = button.bounding_box()
    chosen = selection_box(page)

    if width >= 768:
        # Just under the selection's end, not in the screen's corner.
        assert 0 <= shown["y"] - chosen["bottom"] <= 16
        assert chosen["left"] - shown["width"] <= shown["x"] <= chosen["right"]
        shoot(page, f"newsroom-quote-button-{width}.png")
    else:
        assert shown["y"] + shown["height"] >= 800 - 20  # the corner, as before
        assert shown["x"] + shown["width"] >= width - 20

    button.click()
    expect(page.locator("[data-review-quote-preview]")).to_be_visible()
    expect(page.locator("[data-review-quote-input]")).to_have_value("với 500 đoàn viên")


# 11. Long file names wrap on a phone --------------------------------------------------------

LONG_NAME = "Anh_hoi_nghi_tong_ket_cong_tac_Doan_va_phong_trao_thanh_nien_Ben_Tre_2026.jpg"


def overflowing(page, scope) -> list[str]:
    """What sticks out of the box of `scope` (a field's row) or of the screen."""
    return page.evaluate("""(scope) => {
        const row = document.querySelector(scope);
        const edge = Math.min(row.getBoundingClientRect().right, window.innerWidth);
        return [...row.querySelectorAll("*")]
            .filter(e => !e.classList.contains("cong-file-input"))
            .filter(e => e.getBoundingClientRect().width > 0)
            .filter(e => e.getBoundingClientRect().right > edge + 1
                         || e.scrollWidth > e.clientWidth + 1)
            .map(e => e.tagName + "." + e.className + ": " + e.textContent.trim().slice(0, 40));
    }""", scope)


def test_long_file_names_wrap_on_a_phone(new_page, newsroom):
    cover = LibraryImageFactory(
        organization=newsroom.board, file=image_file(name=LONG_NAME), caption="",
    )
    draft = newsroom.article(cover=cover)
    page = new_page(width=390, height=844)
    log_in(page, newsroom.people.reporter)
    page.goto(f"/admin/news/article/{draft.pk}/change/")

    saved = page.locator(".field-cover .cover-label").filter(has_text=LONG_NAME).first
    expect(saved).to_be_visible()
    page.set_input_files("#id_cover_upload", files=[{
        "name": "Moi_" + LONG_NAME, "mimeType": "image/jpeg", "buffer": image_bytes(),
    }])
    expect(page.locator(".field-cover_upload .cong-file-name")).to_have_text("Moi_" + LONG_NAME)

    assert overflowing(page, ".field-cover_upload") == []
    assert overflowing(page, ".field-cover") == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    saved.scroll_into_view_if_needed()
    shoot(page, "newsroom-file-names-390.png")


# 13. Files chosen for a refused save --------------------------------------------------------


def test_a_refused_save_says_which_chosen_files_to_choose_again(new_page, newsroom, superuser):
    page = new_page(width=1366, height=900)
    log_in(page, superuser)
    page.goto("/admin/organizations/person/add/")
    page.set_input_files("#id_photo", files=[{
        "name": "chan-dung.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(),
    }])
    # The name is missing: the server refuses the save (the browser's own check aside).
    page.evaluate("document.getElementById('person_form').noValidate = true")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu lại").first.click()

    expect(page.locator(".errornote")).to_be_visible()
    note = page.locator(".field-photo .cong-file-lost")
    expect(note).to_have_text(
        "Tệp “chan-dung.jpg” chưa được lưu vì biểu mẫu còn lỗi; hãy chọn lại tệp."
    )

    # Choosing it again removes the note; opening the page afresh shows none.
    page.set_input_files("#id_photo", files=[{
        "name": "chan-dung.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(),
    }])
    expect(note).to_have_count(0)
    page.goto("/admin/organizations/person/add/")
    expect(page.locator(".cong-file-lost")).to_have_count(0)


def test_a_cover_uploaded_with_a_refused_save_stays_chosen_and_says_nothing_lost(
    new_page, newsroom
):
    page = new_page(width=1366, height=900)
    log_in(page, newsroom.people.reporter)
    page.goto("/admin/news/article/add/")
    page.set_input_files("#id_cover_upload", files=[{
        "name": "anh-bia.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(),
    }])
    page.evaluate("document.getElementById('article_form').noValidate = true")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu lại").first.click()

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".cong-file-lost")).to_have_count(0)
    chosen = page.locator(".field-cover input[type=radio]:checked")
    expect(chosen).to_have_count(1)
    assert chosen.get_attribute("value") != ""
    shoot(page, "newsroom-file-to-choose-again-1366.png")
    assert not Article.objects.exists()


