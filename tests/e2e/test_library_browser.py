"""The photo library in Chromium, as a Phóng viên uses it: uploads three photos through the
drop zone's file box and watches each one's progress, goes to the grid, finds a photo by
typing without diacritics, gives it a caption, a credit and a focal point; deleting a photo
an article shows is refused, naming the article. At phone and desktop widths, with nothing
blocked by the Content-Security-Policy. Screenshots go to test-artifacts/screenshots/
(copied by hand to docs/screenshots/library-*.png when the look changes)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from factories import (
    PASSWORD,
    ArticleFactory,
    ImageUseFactory,
    LibraryImageFactory,
    OrganizationFactory,
    member,
)

from accounts.roles import REPORTER
from demo.images import draw_photo
from library.models import LibraryImage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


@pytest.fixture
def newsroom():
    province = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    reporter = member(
        REPORTER, province, username="phongvien", last_name="Nguyễn", first_name="Minh Thư"
    )
    congress = LibraryImageFactory(
        organization=province, caption="Đại hội Đoàn tỉnh lần thứ XI", alt_text="", credit="",
        tags="", file=_photo_file(1, "quang-canh.jpg"),
    )
    article = ArticleFactory(organization=province, title="Khai mạc Đại hội Đoàn tỉnh")
    ImageUseFactory(image=congress, article=article)
    return {"reporter": reporter, "congress": congress, "article": article}


def _photo_file(number, name):
    return ContentFile(draw_photo(number), name=name)


@pytest.fixture
def photos(tmp_path):
    paths = []
    for number, name in enumerate(["le-ra-quan.jpg", "hien-mau.jpg", "trao-hoc-bong.jpg"], 2):
        path = tmp_path / name
        path.write_bytes(draw_photo(number))
        paths.append(str(path))
    return paths


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


def screenshot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / name, full_page=True)


def fits(page, width) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1366])
def test_a_reporter_uploads_finds_and_describes_photos(new_page, newsroom, photos, width):
    page, violations = sign_in(new_page, newsroom["reporter"], width)

    upload_three_photos(page, photos, width)
    assert LibraryImage.objects.filter(uploaded_by=newsroom["reporter"]).count() == 3
    find_and_describe(page, width)
    congress = newsroom["congress"]
    congress.refresh_from_db()
    assert congress.caption == "Đại hội đại biểu Đoàn TNCS Hồ Chí Minh tỉnh lần thứ XI"
    assert congress.credit == "Hữu Đức"
    assert congress.focal_x == pytest.approx(0.25, abs=0.02)
    assert congress.focal_y == pytest.approx(0.5, abs=0.02)

    # Deleting it is refused: an article shows it.
    page.goto(reverse("admin:library_libraryimage_change", args=[congress.pk]))
    page.click("a.deletelink")
    page.wait_for_selector(".messagelist .error")
    refusal = page.locator(".messagelist .error").inner_text()
    assert "Không xóa được" in refusal
    assert "Khai mạc Đại hội Đoàn tỉnh" in refusal
    assert LibraryImage.objects.filter(pk=congress.pk).exists()
    assert violations == []


def upload_three_photos(page, photos, width):
    """From the list's button, through the drop zone's file box, to three finished rows."""
    page.goto(reverse("admin:library_libraryimage_changelist"))
    page.click("text=Tải ảnh lên")
    page.wait_for_selector(".library-dropzone")
    assert page.locator("#id_organization option:checked").inner_text() == "Tỉnh Đoàn Bến Tre"
    screenshot(page, f"library-upload-empty-{width}.png")

    page.set_input_files("#library-files", photos)
    page.wait_for_selector(".library-upload-done:not([hidden])")
    items = page.locator(".library-upload-item")
    assert items.count() == 3
    assert page.locator(".library-upload-item progress").count() == 3
    assert [int(value) for value in page.locator(".library-upload-item progress").evaluate_all(
        "bars => bars.map(bar => bar.value)"
    )] == [100, 100, 100]
    assert page.locator(".library-upload-summary").inner_text() == "Đã tải lên 3 tệp."
    assert page.locator(".library-upload-edit").count() == 3
    assert fits(page, width)
    screenshot(page, f"library-upload-{width}.png")


def find_and_describe(page, width):
    """The grid, a search typed without diacritics, then caption, credit and focal point."""
    page.click("text=Về thư viện ảnh")
    page.wait_for_selector("#result_list.library-grid")
    assert page.locator(".library-tile").count() == 4
    assert fits(page, width)
    screenshot(page, f"library-grid-{width}.png")
    page.fill("#searchbar", "dai hoi")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=dai+hoi**")
    assert page.locator(".library-tile").count() == 1
    assert "Đại hội Đoàn tỉnh lần thứ XI" in page.locator(".library-tile").inner_text()

    # Its page: caption, credit, and a click on the preview for the focal point.
    page.click(".library-tile-link")
    page.wait_for_selector(".library-preview img")
    page.fill("#id_caption", "Đại hội đại biểu Đoàn TNCS Hồ Chí Minh tỉnh lần thứ XI")
    page.fill("#id_credit", "Hữu Đức")
    preview = page.locator(".library-preview img").bounding_box()
    page.mouse.click(preview["x"] + preview["width"] * 0.25, preview["y"] + preview["height"] / 2)
    assert page.locator(".library-focal-marker").is_visible()
    assert float(page.input_value("#id_focal_x")) == pytest.approx(0.25, abs=0.02)
    assert "Khai mạc Đại hội Đoàn tỉnh" in page.locator(".field-uses_display").inner_text()
    screenshot(page, f"library-image-{width}.png")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")


def test_a_refused_file_does_not_stop_the_others(new_page, newsroom, photos, tmp_path):
    page, _ = sign_in(new_page, newsroom["reporter"], 1366)
    fake = tmp_path / "khong-phai-anh.jpg"
    fake.write_bytes(b"MZ\x90\x00 not a photo")

    page.goto(reverse("admin:library_libraryimage_upload"))
    page.set_input_files("#library-files", [photos[0], str(fake), photos[1]])
    page.wait_for_selector(".library-upload-done:not([hidden])")

    refused = page.locator(".library-upload-item.is-refused")
    assert refused.count() == 1
    assert "không phải là ảnh hợp lệ" in refused.inner_text()
    assert page.locator(".library-upload-item.is-done").count() == 2
    assert page.locator(".library-upload-summary").inner_text() == (
        "Đã tải lên 2 tệp, 1 tệp bị từ chối."
    )
