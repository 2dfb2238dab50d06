"""Topic pages and the home page's "Chuyên trang" and "Liên kết website" blocks in Chromium,
at phone and desktop width: they fit the screen, their pictures load, the tiles lead to
the topic pages and the website links open in a new tab. Screenshots are saved in
test-artifacts/screenshots/ (gitignored)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from news.models import Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
SIZES = [(390, 844), (1366, 900)]

LOAD_ALL_IMAGES = """Promise.all([...document.images].map(image => {
  image.loading = "eager";
  return image.decode().catch(() => null);
}))"""
BROKEN_IMAGES = """[...document.images].filter(image => image.complete && image.naturalWidth === 0)
  .map(image => image.src)"""


@pytest.fixture
def demo():
    cache.clear()
    call_command("load_demo", articles=12, verbosity=0)
    return Topic.objects.get(slug="dai-hoi-dang-bo-tinh-lan-thu-xii")


def fits(page, width) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth") <= width + 1


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_topic_page_at_phone_and_desktop_width(new_page, demo, width, height):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page = new_page(width=width, height=height)
    assert page.goto(demo.get_absolute_url()).status == 200
    page.evaluate(LOAD_ALL_IMAGES)

    banner = page.locator(".topic-banner img")
    assert banner.is_visible()
    box = banner.bounding_box()
    assert box["width"] <= width
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.05  # cut as cards are
    assert page.locator("h1").inner_text() == "Đại hội Đảng bộ tỉnh lần thứ XII"
    assert page.locator(".topic-articles .card").count() == demo.articles.count()
    assert page.evaluate(BROKEN_IMAGES) == []
    assert fits(page, width)
    page.screenshot(path=SCREENSHOT_DIR / f"topic-{width}.png", full_page=True)

    # The breadcrumb's link (the demo's main menu has one too).
    page.get_by_role("navigation", name="Đường dẫn").get_by_role(
        "link", name="Chuyên trang", exact=True
    ).click()
    page.wait_for_url("**/chuyen-trang/")
    assert page.locator(".topic-tile").count() == 2
    assert fits(page, width)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_home_page_blocks_at_phone_and_desktop_width(new_page, demo, width, height):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page = new_page(width=width, height=height)
    assert page.goto("/").status == 200
    page.evaluate(LOAD_ALL_IMAGES)

    topics = page.locator(".featured-topics")
    links = page.locator(".website-links")
    topics.scroll_into_view_if_needed()
    assert topics.get_by_role("heading", name="Chuyên trang").is_visible()
    assert topics.locator(".topic-tile").count() == 2
    for tile in topics.locator(".topic-tile-link").all():
        tile_box = tile.bounding_box()
        assert tile_box["x"] >= 0
        assert tile_box["x"] + tile_box["width"] <= width
    assert links.get_by_role("heading", name="Liên kết website").is_visible()
    anchors = links.locator("a")
    assert anchors.count() == 5
    for anchor in anchors.all():
        assert anchor.get_attribute("target") == "_blank"
        assert anchor.get_attribute("rel") == "noopener external"
        # The accessible name: the site's name and that a new tab opens.
        hint = anchor.locator(".visually-hidden")
        assert hint.inner_text().strip() == "(mở trong tab mới)"
        assert hint.bounding_box()["width"] <= 1
    named = links.get_by_role(
        "link", name="Cổng Thông tin điện tử Chính phủ (mở trong tab mới)", exact=True
    )
    assert named.count() == 1
    assert links.locator("img").count() == 4
    assert links.locator(".website-link-name").inner_text() == "Quốc hội"
    assert page.evaluate(BROKEN_IMAGES) == []
    assert fits(page, width)

    top = topics.bounding_box()["y"] + page.evaluate("window.scrollY")
    last = links.bounding_box()
    bottom = last["y"] + last["height"] + page.evaluate("window.scrollY")
    page.screenshot(
        path=SCREENSHOT_DIR / f"home-topics-links-{width}.png", full_page=True,
        clip={"x": 0, "y": top - 8, "width": width, "height": bottom - top + 16},
    )

    topics.get_by_role("link", name="Bảo vệ nền tảng tư tưởng của Đảng").click()
    page.wait_for_url("**/chuyen-trang/bao-ve-nen-tang-tu-tuong-cua-dang/")
    assert page.locator("h1").inner_text() == "Bảo vệ nền tảng tư tưởng của Đảng"
