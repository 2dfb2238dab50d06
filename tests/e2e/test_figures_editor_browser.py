"""Library images in the article's editor, in a real Chromium (static/js/library-picker.js):
a reporter puts a library photo between two paragraphs with "Chèn ảnh từ thư viện", edits
its caption in CKEditor and saves; the dialog works with the keyboard and on a 390 px phone;
a photo uploaded from the dialog or pasted into the editor lands in the library of the
organisation chosen in the article."""

import re
from pathlib import Path

import pytest
from browser_steps import log_in
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from factories import (
    CategoryFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffUserFactory,
)
from playwright.sync_api import expect
from sample_files import jpeg_bytes, upload

from accounts.roles import REPORTER
from library.models import LibraryImage
from library.services import upload_image
from news.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
TITLE = "Tuổi trẻ Bến Tre ra quân Tháng Thanh niên"


@pytest.fixture
def newsroom(db):
    home = OrganizationFactory(name="Tỉnh Đoàn Bến Tre", short_name="TĐ")
    city = OrganizationFactory(name="Thành Đoàn Bến Tre", short_name="TP", parent=home)
    other = OrganizationFactory(name="Tỉnh Đoàn Trà Vinh", short_name="TV")
    CategoryFactory(name="Hoạt động Đoàn")
    reporter = StaffUserFactory(username="phongvien")
    reporter.groups.add(Group.objects.get(name=REPORTER))
    MembershipFactory(user=reporter, organization=home)
    photo = upload_image(
        file=upload(jpeg_bytes(size=(800, 600)), "ra-quan.jpg"), organization=home,
        uploaded_by=None, caption="Đoàn viên ra quân tại Quảng trường Đồng Khởi",
        alt_text="Hàng trăm đoàn viên áo xanh xếp hàng", credit="Minh Thư",
    )
    upload_image(
        file=upload(jpeg_bytes(), "tra-vinh.jpg"), organization=other, uploaded_by=None,
        caption="Ảnh của Trà Vinh",
    )
    return {"home": home, "city": city, "reporter": reporter, "photo": photo}


def choose(page, field, words):
    """Pick a choice in one of the admin's autocomplete boxes (select2)."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-dropdown .select2-search__field", words)
    expect(page.locator(".select2-dropdown .loading-results")).to_have_count(0)
    expect(page.locator(".select2-dropdown .select2-results__option--highlighted")).to_contain_text(
        words
    )
    page.keyboard.press("Enter")


def write_two_paragraphs(page):
    editable = page.locator(".field-body .ck-editor__editable")
    editable.click()
    page.keyboard.type("Sáng 26/3, 500 đoàn viên ra quân.")
    page.keyboard.press("Enter")
    page.keyboard.type("Chiến dịch kéo dài đến hết tháng.")
    # The cursor back at the end of the first paragraph.
    page.keyboard.press("Control+Home")
    page.keyboard.press("End")
    return editable


def open_picker(page):
    page.get_by_role("button", name="Chèn ảnh từ thư viện").click()
    dialog = page.get_by_role("dialog", name="Chèn ảnh từ thư viện")
    expect(dialog).to_be_visible()
    return dialog


def body_data(page) -> str:
    return page.evaluate("window.editors['id_body'].getData()")


def paste_picture(page, name, editable=".ck-editor__editable"):
    """Paste a JPEG into the editor as the clipboard of the system would hand it over."""
    page.evaluate(
        """([bytes, name, editable]) => {
            const file = new File([new Uint8Array(bytes)], name, {type: "image/jpeg"});
            const data = new DataTransfer();
            data.items.add(file);
            const box = document.querySelector(editable);
            box.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true,
            }));
        }""",
        [list(jpeg_bytes(size=(320, 240))), name, editable],
    )


@pytest.mark.parametrize("width", [1366, 390])
def test_a_reporter_puts_a_library_photo_between_two_paragraphs(new_page, newsroom, width):
    page = new_page(width=width, height=900 if width > 400 else 844)
    log_in(page, newsroom["reporter"])
    page.goto(reverse("admin:news_article_add"))
    page.fill("#id_title", TITLE)
    choose(page, "organization", "Tỉnh Đoàn Bến Tre")
    choose(page, "category", "Hoạt động Đoàn")
    write_two_paragraphs(page)

    dialog = open_picker(page)
    items = dialog.locator(".library-picker__item")
    # The reporter's organisation's photo; not another province's.
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Đoàn viên ra quân tại Quảng trường Đồng Khởi")
    expect(items.first).to_contain_text("Ảnh: Minh Thư")
    box = dialog.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"library-picker-{width}.png")
    items.first.click()
    expect(dialog).to_be_hidden()

    # The figure is in the editor with its caption, the cursor in the caption: edit it.
    caption = page.locator(".field-body .ck-editor__editable figure figcaption")
    expect(caption).to_have_text("Đoàn viên ra quân tại Quảng trường Đồng Khởi")
    page.keyboard.press("Control+a")
    page.keyboard.type("Đoàn viên Thành Đoàn ra quân sáng 26/3")
    expect(caption).to_have_text("Đoàn viên Thành Đoàn ra quân sáng 26/3")

    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(title=TITLE)
    photo = newsroom["photo"]
    assert article.body == (
        "<p>Sáng 26/3, 500 đoàn viên ra quân.</p>"
        f'<figure class="image"><img src="{photo.file.url}" '
        'alt="Hàng trăm đoàn viên áo xanh xếp hàng" loading="lazy" decoding="async">'
        "<figcaption>Đoàn viên Thành Đoàn ra quân sáng 26/3</figcaption></figure>"
        "<p>Chiến dịch kéo dài đến hết tháng.</p>"
    )
    # The library keeps its own caption; the article changed only its copy.
    photo.refresh_from_db()
    assert photo.caption == "Đoàn viên ra quân tại Quảng trường Đồng Khởi"


def test_the_dialog_with_the_keyboard_only(new_page, newsroom):
    page = new_page(width=1366)
    log_in(page, newsroom["reporter"])
    page.goto(reverse("admin:news_article_add"))
    write_two_paragraphs(page)
    # CKEditor's own file box offers what the server accepts, no BMP or TIFF.
    assert page.locator(".field-body .ck-file-dialog-button input[type=file]").first.get_attribute(
        "accept"
    ) == "image/jpeg,image/png,image/webp,image/gif"
    button = page.get_by_role("button", name="Chèn ảnh từ thư viện")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Chèn ảnh từ thư viện")
    expect(dialog).to_be_visible()
    search = dialog.get_by_role("searchbox", name="Tìm ảnh")
    expect(search).to_be_focused()

    # A search without diacritics, sent with Enter.
    page.keyboard.type("quang truong dong khoi")
    page.keyboard.press("Enter")
    expect(dialog.locator("[data-picker-status]")).to_have_text("Đang hiện 1 trên 1 ảnh.")
    page.keyboard.press("Control+a")
    page.keyboard.type("không có ảnh này")
    page.keyboard.press("Enter")
    expect(dialog.locator("[data-picker-status]")).to_contain_text("Không có ảnh nào khớp")
    expect(dialog.locator(".library-picker__item")).to_have_count(0)

    # Escape empties the search box first (as every search box does), then closes the
    # dialog and gives the focus back to the button.
    page.keyboard.press("Escape")
    expect(search).to_have_value("")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()

    page.keyboard.press("Enter")
    search.fill("")
    page.keyboard.press("Enter")
    expect(dialog.locator(".library-picker__item")).to_have_count(1)
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # the photo
    expect(dialog.locator(".library-picker__item").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    assert 'alt="Hàng trăm đoàn viên áo xanh xếp hàng"' in body_data(page)


def test_a_photo_uploaded_from_the_dialog_goes_into_the_articles_organisation(
    new_page, newsroom
):
    page = new_page(width=1366)
    log_in(page, newsroom["reporter"])
    page.goto(reverse("admin:news_article_add"))
    choose(page, "organization", "Thành Đoàn Bến Tre")
    write_two_paragraphs(page)
    dialog = open_picker(page)
    dialog.get_by_text("Tải ảnh mới lên thư viện").click()
    # The file box offers what the server accepts, nothing more.
    file_box = dialog.get_by_label("Tệp ảnh")
    assert "bmp" not in file_box.get_attribute("accept")
    assert "tif" not in file_box.get_attribute("accept")

    # A file that is not an image: the server's Vietnamese message, nothing saved.
    file_box.set_input_files(
        {"name": "anh.jpg", "mimeType": "image/jpeg", "buffer": b"khong phai anh"}
    )
    dialog.get_by_role("button", name="Tải lên và chèn").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Tệp không phải là ảnh hợp lệ")
    assert LibraryImage.objects.count() == 2

    file_box.set_input_files(
        {"name": "dong-khoi.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(size=(640, 480))}
    )
    dialog.get_by_label("Chú thích").fill("Lễ ra quân ở Thành phố")
    dialog.get_by_label("Mô tả ảnh cho người khiếm thị").fill("Đoàn viên cầm cờ")
    dialog.get_by_role("button", name="Tải lên và chèn").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".field-body .ck-editor__editable figcaption")).to_have_text(
        "Lễ ra quân ở Thành phố"
    )
    image = LibraryImage.objects.get(original_name="dong-khoi.jpg")
    assert image.organization == newsroom["city"]
    assert image.uploaded_by == newsroom["reporter"]
    assert f'<img src="{image.file.url}" alt="Đoàn viên cầm cờ">' in body_data(page)


def test_a_pasted_photo_goes_into_the_library_of_the_articles_organisation(new_page, newsroom):
    page = new_page(width=1366)
    log_in(page, newsroom["reporter"])
    page.goto(reverse("admin:news_article_add"))
    choose(page, "organization", "Thành Đoàn Bến Tre")
    write_two_paragraphs(page)
    paste_picture(page, "dan.jpg", ".field-body .ck-editor__editable")
    image_in_editor = page.locator(".field-body .ck-editor__editable figure img")
    expect(image_in_editor).to_have_attribute("src", re.compile(r"/media/library/images/"))
    image = LibraryImage.objects.get(original_name="dan.jpg")
    assert image.organization == newsroom["city"]
    assert image.file.url in body_data(page)


def test_a_photo_pasted_in_an_organisations_introduction_goes_into_its_library(
    new_page, newsroom
):
    """An organisation's page has no organisation box: the organisation is the page's own."""
    from accounts.roles import SITE_ADMIN

    admin = StaffUserFactory(username="quantri")
    admin.groups.add(Group.objects.get(name=SITE_ADMIN))
    MembershipFactory(user=admin, organization=newsroom["home"])
    page = new_page(width=1366)
    log_in(page, admin)
    page.goto(reverse("admin:organizations_organization_change", args=[newsroom["city"].pk]))
    page.locator(".ck-editor__editable").first.click()
    paste_picture(page, "tru-so.jpg")
    expect(page.locator(".ck-editor__editable figure img").first).to_have_attribute(
        "src", re.compile(r"/media/library/images/")
    )
    assert LibraryImage.objects.get(original_name="tru-so.jpg").organization == newsroom["city"]
    # Quản trị does not use the library's dialog (no library permission): no button.
    expect(page.get_by_role("button", name="Chèn ảnh từ thư viện")).to_have_count(0)


def test_the_dialog_marks_the_photos_that_still_need_a_description(new_page, newsroom):
    upload_image(
        file=upload(jpeg_bytes(), "chua-mo-ta.jpg"), organization=newsroom["home"],
        uploaded_by=None, caption="Lễ chào cờ đầu tuần",
    )
    page = new_page(width=1366, height=900)
    log_in(page, newsroom["reporter"])
    page.goto(reverse("admin:news_article_add"))

    dialog = open_picker(page)
    items = dialog.locator(".library-picker__item")
    expect(items).to_have_count(2)
    undescribed = items.filter(has_text="Lễ chào cờ đầu tuần")
    expect(undescribed.locator(".library-picker__warning")).to_have_text("Chưa có mô tả ảnh")
    described = items.filter(has_text="Đoàn viên ra quân tại Quảng trường Đồng Khởi")
    expect(described.locator(".library-picker__warning")).to_have_count(0)
