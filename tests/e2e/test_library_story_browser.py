"""The library's whole story in Chromium, as its people live it: a Phóng viên uploads three
photos, writes an article with two of them between its paragraphs, captions them, swaps
them, describes them (one in the library, one in the editor) and sends it for review; a
Người duyệt bài publishes it; a reader finds "Hình 1:" and "Hình 2:" where the editor put
them, from renditions, at 1366 and 390 px; a second article reuses a photo, which the
library then lists under both articles and refuses to delete, while the unused photo goes.
Screenshots go to test-artifacts/screenshots/library-story-article-{1366,390}.png (copied
by hand to docs/screenshots/ when the look changes)."""

import re
from pathlib import Path

import pytest
from browser_steps import log_in
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from demo.images import draw_photo
from library.models import LibraryImage
from news.figures import figures_in
from news.models import Article, ImageUse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
TITLE = "Tuổi trẻ Bến Tre hiến máu và ra quân tình nguyện"
SECOND_TITLE = "Nhìn lại một năm tình nguyện của tuổi trẻ Bến Tre"
PARAGRAPHS = [
    "Sáng 7/12, Tỉnh Đoàn ra quân chiến dịch tình nguyện mùa đông.",
    "Hơn 300 đoàn viên đã hiến máu tại nhà văn hóa tỉnh.",
    "Chiến dịch kéo dài đến hết tháng 1 năm sau.",
]
FILES = ["ra-quan.jpg", "hien-mau.jpg", "trao-hoc-bong.jpg"]
RALLY_CAPTION = "Đoàn viên ra quân trước nhà văn hóa tỉnh"
BLOOD_CAPTION = "Đoàn viên hiến máu tình nguyện"
RALLY_ALT = "Hàng trăm đoàn viên áo xanh xếp hàng trên quảng trường"
BLOOD_ALT = "Một nữ đoàn viên nằm hiến máu, bác sĩ đứng bên"


@pytest.fixture
def photos(tmp_path):
    paths = []
    for number, name in enumerate(FILES, 3):
        path = tmp_path / name
        path.write_bytes(draw_photo(number))
        paths.append(str(path))
    return paths


def choose(page, field, words):
    """Pick a choice in one of the admin's autocomplete boxes (select2)."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-dropdown .select2-search__field", words)
    expect(page.locator(".select2-dropdown .loading-results")).to_have_count(0)
    expect(page.locator(".select2-dropdown .select2-results__option--highlighted")).to_contain_text(
        words
    )
    page.keyboard.press("Enter")


def editable(page):
    return page.locator(".field-body .ck-editor__editable_inline")


def body_data(page) -> str:
    return page.evaluate("window.editors['id_body'].getData()")


def caret_at_end_of_paragraph(page, number):
    """A click in the paragraph, then End: the caret where a reporter would put it."""
    paragraph = editable(page).locator("> p").nth(number - 1)
    paragraph.click()
    page.keyboard.press("End")


def insert_from_library(page, image):
    """"Chèn ảnh từ thư viện", then the photo recognised by its thumbnail (uploaded photos
    have no caption yet), leaving the caret in the new figure's caption."""
    page.get_by_role("button", name="Chèn ảnh từ thư viện").click()
    dialog = page.get_by_role("dialog", name="Chèn ảnh từ thư viện")
    expect(dialog).to_be_visible()
    token = image.file.name.rsplit("/", 1)[-1]
    item = dialog.locator(f".library-picker__item:has(img[src*='{token}'])")
    expect(item).to_have_count(1)
    item.click()
    expect(dialog).to_be_hidden()


def figure_in_editor(page, image):
    token = image.file.name.rsplit("/", 1)[-1]
    return editable(page).locator(f"figure:has(img[src*='{token}'])")


def order_in_editor(page) -> list[str]:
    """The editor's blocks as P or the caption of a figure."""
    return editable(page).evaluate(
        """box => [...box.children].filter(e => !e.matches('.ck-fake-selection-container'))
            .map(e => e.tagName === 'FIGURE'
                ? (e.querySelector('figcaption') || {}).textContent
                : e.tagName)"""
    )


def move_figure_after_paragraph(page, image, number):
    """Select the figure (a click on its photo), cut it, remove the empty paragraph CKEditor
    leaves in its place (Backspace), paste it at the end of paragraph `number`: CKEditor
    puts the pasted figure after that paragraph."""
    figure_in_editor(page, image).locator("img").click()
    expect(figure_in_editor(page, image)).to_have_class(
        re.compile(r"ck-widget_selected")
    )
    page.keyboard.press("Control+x")
    expect(figure_in_editor(page, image)).to_have_count(0)
    expect(editable(page).locator("> p")).to_have_count(4)
    page.keyboard.press("Backspace")
    expect(editable(page).locator("> p")).to_have_count(3)
    caret_at_end_of_paragraph(page, number)
    page.keyboard.press("Control+v")
    expect(figure_in_editor(page, image)).to_have_count(1)
    expect(editable(page).locator("> p")).to_have_count(3)


def test_the_library_from_upload_to_a_refused_delete(new_page, newsroom, photos):
    people = newsroom.people
    page = new_page(width=1366, height=900)
    log_in(page, people.reporter)
    rally, blood, prize = reporter_uploads_three_photos(page, photos, newsroom)
    describe_in_the_library(page, blood, BLOOD_ALT)
    article = reporter_writes_swaps_and_submits(page, rally, blood)
    reviewer_publishes(page, people, article)
    for width in (1366, 390):
        reader_sees_the_figures(new_page(width=width, height=900), article, width, [
            (blood, BLOOD_CAPTION, BLOOD_ALT), (rally, RALLY_CAPTION, RALLY_ALT),
        ])
    second = reporter_reuses_a_photo(page, people, blood)
    library_lists_both_and_refuses_the_delete(page, blood, [article, second])
    the_unused_photo_is_deleted(page, prize, kept=[rally, blood])


def reporter_uploads_three_photos(page, photos, newsroom):
    """The library: three photos through the upload page's file box, each to its end."""
    page.goto(reverse("admin:library_libraryimage_changelist"))
    page.click("text=Tải ảnh lên")
    expect(page.locator(".library-dropzone")).to_be_visible()
    # static/js/library-upload.js (deferred) listens to the file box once the page has loaded.
    page.wait_for_load_state("load")
    expect(page.locator("#id_organization option:checked")).to_have_text("Ban Tuyên giáo")
    page.set_input_files("#library-files", photos)
    expect(page.locator(".library-upload-done")).to_be_visible(timeout=20_000)
    expect(page.locator(".library-upload-item.is-done")).to_have_count(3)
    assert page.locator(".library-upload-item progress").evaluate_all(
        "bars => bars.map(bar => bar.value)"
    ) == [100, 100, 100]
    expect(page.locator(".library-upload-summary")).to_have_text("Đã tải lên 3 tệp.")
    page.click("text=Về thư viện ảnh")
    expect(page.locator("#result_list.library-grid .library-tile")).to_have_count(3)
    for tile in page.locator(".library-tile img").all():
        assert tile.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    rally, blood, prize = (LibraryImage.objects.get(original_name=name) for name in FILES)
    assert {rally.organization, blood.organization, prize.organization} == {newsroom.board}
    return rally, blood, prize


def describe_in_the_library(page, image, alt):
    """A photo's description for the blind written on its page in the library."""
    page.goto(reverse("admin:library_libraryimage_change", args=[image.pk]))
    page.fill("#id_alt_text", alt)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    image.refresh_from_db()
    assert image.alt_text == alt


def reporter_writes_swaps_and_submits(page, rally, blood):
    """Three paragraphs, a photo after the first and one after the second, captioned; the
    rally described in the editor; the two swapped; sent for review."""
    page.goto(reverse("admin:news_article_add"))
    page.fill("#id_title", TITLE)
    choose(page, "organization", "Ban Tuyên giáo")
    choose(page, "category", "Tin tức")
    editable(page).click()
    for index, text in enumerate(PARAGRAPHS):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.type(text)
    expect(editable(page).locator("> p")).to_have_count(3)

    caret_at_end_of_paragraph(page, 1)
    insert_from_library(page, rally)
    # The caption's placeholder is not confused with the description for the blind.
    expect(figure_in_editor(page, rally).locator("figcaption")).to_have_attribute(
        "data-placeholder", "Nhập chú thích ảnh"
    )
    page.keyboard.type(RALLY_CAPTION)
    caret_at_end_of_paragraph(page, 2)
    insert_from_library(page, blood)
    page.keyboard.type(BLOOD_CAPTION)
    assert order_in_editor(page) == ["P", RALLY_CAPTION, "P", BLOOD_CAPTION, "P"]

    # The rally photo described in the editor ("Sửa mô tả ảnh cho người khiếm thị").
    figure_in_editor(page, rally).locator("img").click()
    page.get_by_role("button", name="Sửa mô tả ảnh cho người khiếm thị").click()
    page.locator(".ck-balloon-panel").get_by_label("Mô tả ảnh cho người khiếm thị").fill(RALLY_ALT)
    page.keyboard.press("Enter")
    expect(figure_in_editor(page, rally).locator("img")).to_have_attribute("alt", RALLY_ALT)

    # Swapped: the blood donation photo goes above the rally, the rally where it stood.
    move_figure_after_paragraph(page, blood, 1)
    move_figure_after_paragraph(page, rally, 2)
    assert order_in_editor(page) == ["P", BLOOD_CAPTION, "P", RALLY_CAPTION, "P"]

    with page.expect_navigation():
        page.click("button.review-move--submit")
    expect(page.locator(".messagelist")).to_contain_text("Đã gửi duyệt bài")
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PENDING
    # The stored text: the figures where they now stand, captions and descriptions kept.
    assert [(f.src, f.caption, f.alt) for f in figures_in(article.body)] == [
        (blood.file.url, BLOOD_CAPTION, BLOOD_ALT), (rally.file.url, RALLY_CAPTION, RALLY_ALT)
    ]
    assert "style=" not in article.body  # CKEditor's aspect-ratio on the moved images
    assert re.sub(r"<figure .*?</figure>", "<figure>", article.body) == (
        f"<p>{PARAGRAPHS[0]}</p><figure><p>{PARAGRAPHS[1]}</p><figure><p>{PARAGRAPHS[2]}</p>"
    )
    return article


def reviewer_publishes(page, people, article):
    log_in(page, people.approver)
    page.goto(reverse("admin:news_article_change", args=[article.pk]))
    with page.expect_navigation():
        page.click("button.review-move--publish")
    expect(page.locator(".messagelist")).to_contain_text("Đã đăng bài")
    article.refresh_from_db()
    assert article.is_public


def reporter_reuses_a_photo(page, people, image):
    """A second article shows the same library photo, picked again; saved as a draft."""
    log_in(page, people.reporter)
    page.goto(reverse("admin:news_article_add"))
    page.fill("#id_title", SECOND_TITLE)
    choose(page, "organization", "Ban Tuyên giáo")
    choose(page, "category", "Tin tức")
    editable(page).click()
    page.keyboard.type("Một năm qua, tuổi trẻ tỉnh nhà đã tổ chức 12 đợt hiến máu.")
    insert_from_library(page, image)
    page.keyboard.type("Hiến máu đợt cuối năm")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    return Article.objects.get(title=SECOND_TITLE)


def library_lists_both_and_refuses_the_delete(page, image, articles):
    assert set(ImageUse.objects.filter(image=image).values_list("article", flat=True)) == {
        article.pk for article in articles
    }
    page.goto(reverse("admin:library_libraryimage_change", args=[image.pk]))
    uses = page.locator("fieldset:has(h2:text('Dùng trong các bài')) .library-uses li")
    expect(uses).to_have_count(len(articles))
    for article in articles:
        expect(uses.filter(has_text=article.title)).to_have_count(1)

    page.click("a.deletelink")
    refusal = page.locator(".messagelist .error")
    expect(refusal).to_contain_text(f"Không xóa được “{image}” vì đang được dùng trong:")
    for article in articles:
        expect(refusal).to_contain_text(f"“{article.title}”")
    expect(page.locator(".field-uses_display")).to_be_visible()  # back on its page
    assert LibraryImage.objects.filter(pk=image.pk).exists()


def the_unused_photo_is_deleted(page, prize, kept):
    page.goto(reverse("admin:library_libraryimage_change", args=[prize.pk]))
    expect(page.locator(".field-uses_display")).to_contain_text("Chưa dùng ở đâu.")
    page.click("a.deletelink")
    with page.expect_navigation():
        page.click("#content form input[type=submit]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert not LibraryImage.objects.filter(pk=prize.pk).exists()
    expect(page.locator("#result_list.library-grid .library-tile")).to_have_count(2)
    assert set(LibraryImage.objects.values_list("pk", flat=True)) == {image.pk for image in kept}


def reader_sees_the_figures(page, article, width, expected):
    page.goto(article.get_absolute_url())
    body = page.locator(".article-body")
    figures = page.locator("figure")
    expect(figures).to_have_count(2)  # no photo list after the text, no figure twice
    assert body.evaluate(
        "box => [...box.children].map(e => e.tagName).join(',')"
    ) == "P,FIGURE,P,FIGURE,P"
    for index, (image, caption, alt) in enumerate(expected):
        figure = body.locator(f"figure#hinh-{index + 1}")
        expect(figure.locator("figcaption")).to_have_text(f"Hình {index + 1}: {caption}")
        figure.scroll_into_view_if_needed()
        img = figure.locator("picture img")
        expect(img).to_have_attribute("alt", alt)
        assert int(img.get_attribute("width")) > 0
        assert int(img.get_attribute("height")) > 0
        webp = figure.locator("picture source[type='image/webp']")
        expect(webp).to_have_count(1)
        assert "/renditions/" in webp.get_attribute("srcset")
        shown = img.evaluate(
            "img => img.decode().then(() => ({src: img.getAttribute('src'),"
            " srcset: img.srcset, current: img.currentSrc, natural: img.naturalWidth,"
            " width: img.width, column: img.closest('.article-body').clientWidth}))"
        )
        for address in (shown["src"], *shown["srcset"].split(", ")):
            assert "/renditions/" in address
        assert shown["src"] != image.file.url
        assert shown["current"].endswith(".webp")
        assert shown["natural"] > 0
        assert shown["width"] <= shown["column"]
    # Each photo once on the page (the upload itself never).
    sources = page.evaluate("[...document.images].map(img => img.getAttribute('src'))")
    for image, _, _ in expected:
        assert sum(image.file.name.rsplit("/", 1)[-1] in src for src in sources) == 1
        assert image.file.url not in sources
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"library-story-article-{width}.png", full_page=True)
