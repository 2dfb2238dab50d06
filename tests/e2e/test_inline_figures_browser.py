"""Figures in an article's text in Chromium (news/figures.py): two library photos between
paragraphs, numbered, credited, shown from a WebP rendition no wider than the column, on a
phone and on a desktop; and the comparison of two versions whose caption changed.
Screenshots go to test-artifacts/screenshots/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from factories import PASSWORD, CategoryFactory, OrganizationFactory, member
from playwright.sync_api import expect

from accounts.roles import REPORTER
from demo.images import draw_photo
from library.models import LibraryImage
from news.models import Article
from news.services import article_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
PARAGRAPH = (
    "<p>Sáng 7/12, Tỉnh Đoàn Bến Tre tổ chức lễ ra quân chiến dịch thanh niên tình nguyện mùa "
    "đông năm 2026 với hơn 500 đoàn viên, thanh niên tham gia. Các đội hình sẽ sửa chữa nhà "
    "nhân ái, làm đường giao thông nông thôn và tặng quà cho học sinh vượt khó.</p>"
)


def library_photo(number, organization, **fields) -> LibraryImage:
    image = LibraryImage(
        file=ContentFile(draw_photo(number), name=f"anh-{number}.jpg"),
        organization=organization, **fields,
    )
    image.save()
    image.refresh_from_db()
    return image


def figure(image, caption):
    return (
        f'<figure class="image"><img src="{image.file.url}" alt="">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


@pytest.fixture
def story():
    province = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    reporter = member(REPORTER, province, username="phongvien",
                      last_name="Trần Minh", first_name="Thư")
    rally = library_photo(7, province, credit="Minh Thư",
                          alt_text="Đoàn viên áo xanh xếp hàng trước lễ đài")
    gifts = library_photo(9, province, credit="Hữu Phước")
    body = (
        PARAGRAPH + figure(rally, "Hình 1: Đoàn viên ra quân sáng chủ nhật") + PARAGRAPH
        + figure(gifts, "Bí thư Tỉnh Đoàn trao quà cho thiếu nhi") + PARAGRAPH
    )
    article = Article(
        title="Tuổi trẻ Bến Tre ra quân mùa đông tình nguyện",
        summary="Hơn 500 đoàn viên tham gia lễ ra quân.", body=body,
        organization=province, category=CategoryFactory(name="Hoạt động Đoàn"),
        author=reporter, status=Article.Status.PUBLISHED,
    )
    article._history_user = reporter
    article_save(article=article, by=None)
    article.body = body.replace("sáng chủ nhật", "chiều thứ bảy tại quảng trường")
    article._history_user = reporter
    article_save(article=article, by=None)
    return {"article": article, "reporter": reporter, "rally": rally}


def shoot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_a_reader_sees_numbered_credited_figures_between_paragraphs(new_page, story, width):
    page = new_page(width=width, height=900)
    page.goto(story["article"].get_absolute_url())

    figures = page.locator(".article-body figure.article-figure")
    expect(figures).to_have_count(2)
    expect(figures.nth(0).locator("figcaption")).to_have_text(
        "Hình 1: Đoàn viên ra quân chiều thứ bảy tại quảng trường (Ảnh: Minh Thư)"
    )
    expect(figures.nth(1).locator("figcaption")).to_have_text(
        "Hình 2: Bí thư Tỉnh Đoàn trao quà cho thiếu nhi (Ảnh: Hữu Phước)"
    )
    expect(figures.nth(0).locator("img")).to_have_attribute(
        "alt", "Đoàn viên áo xanh xếp hàng trước lễ đài"
    )
    # Between the paragraphs, where the editor put them.
    assert page.evaluate(
        "[...document.querySelector('.article-body').children].map(e => e.tagName).join(',')"
    ) == "P,FIGURE,P,FIGURE,P"
    figures.nth(1).scroll_into_view_if_needed()
    for index in range(2):
        img = figures.nth(index).locator("img")
        img.evaluate("img => img.decode()")  # loaded (the second one lazily)
        shown = img.evaluate(
            "img => ({src: img.currentSrc, natural: img.naturalWidth, width: img.width,"
            " column: img.closest('.article-body').clientWidth})"
        )
        assert "/renditions/" in shown["src"]
        assert shown["src"].endswith(".webp")
        assert shown["natural"] > 0
        assert shown["width"] <= shown["column"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    page.locator("#hinh-2").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, f"article-inline-figures-{width}")


def test_an_editor_compares_a_changed_caption_beside_the_picture(new_page, story):
    page = new_page(width=1366, height=900)
    page.goto(reverse("admin:login"))
    page.fill("#id_username", story["reporter"].username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    article = story["article"]
    older, newer = article.history.order_by("history_date", "history_id")
    page.goto(
        reverse("admin:news_article_compare", args=[article.pk])
        + f"?from={older.history_id}&to={newer.history_id}"
    )

    change = page.locator(".field-body .block-change.kind-figure.op-change")
    expect(change).to_have_count(1)
    expect(change.locator(".cell.old del")).to_have_text("sáng chủ nhật")
    expect(change.locator(".cell.new ins")).to_have_text("chiều thứ bảy tại quảng trường")
    expect(change.locator(".cell.old .figure-number")).to_have_text("Hình 1:")
    pictures = change.locator("img.version-picture")
    expect(pictures).to_have_count(2)
    for index in range(2):
        size = pictures.nth(index).evaluate(
            "img => img.decode().then(() => [img.naturalWidth, img.width])"
        )
        assert size[0] > 0
        assert size[1] <= 160
    assert story["rally"].picture.jpeg[0].url in pictures.nth(0).get_attribute("src")
    shoot(page, "history-compare-figures-1366")
