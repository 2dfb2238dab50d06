"""Screenshots of the main public pages at phone and desktop width, saved as test
artifacts in test-artifacts/screenshots/ (gitignored), and no sideways scrolling on
a 375 px phone."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from news.models import Article
from organizations.models import Organization
from portals import hosts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
WIDTHS = [375, 1280]

LOAD_ALL_IMAGES = """Promise.all([...document.images].map(image => {
  image.loading = "eager";
  return image.decode().catch(() => null);
}))"""


@pytest.fixture
def pages():
    # Pages cached by an earlier test show photos stored in that test's MEDIA_ROOT.
    cache.clear()
    call_command("load_demo", articles=12, verbosity=0)
    # The main portal's (the live server's host): the Tỉnh Đoàn's pages live on its own portal.
    article = (
        Article.objects.shown_on(hosts.main_portal()).filter(image_uses__isnull=False).first()
    )
    organization = Organization.objects.get(slug="tinh-uy-ben-tre")
    return {
        "home": "/",
        "news-list": "/tin-tuc/",
        "article": article.get_absolute_url(),
        "directive-list": "/van-ban/",
        "organisation": organization.get_absolute_url(),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_screen_and_are_saved_as_screenshots(new_page, pages, width):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page = new_page(width=width, height=800)
    overflowing = {}

    def shoot(name):
        # Lazy images below the fold would be blank in a full-page screenshot.
        page.evaluate(LOAD_ALL_IMAGES)
        path = SCREENSHOT_DIR / f"{name}-{width}.png"
        path.unlink(missing_ok=True)
        page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 0
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll_width > width + 1:
            overflowing[name] = scroll_width

    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, f"{url}: HTTP {response.status}"
        shoot(name)

    # The article once more as a reader with poor sight would set it.
    page.goto(pages["article"])
    panel_button = page.get_by_role("button", name="Cỡ chữ, màu nền")
    if panel_button.is_visible():  # on a phone the controls wait behind their button
        panel_button.click()
    page.get_by_role("button", name="Tương phản cao").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    shoot("article-contrast-larger")

    assert not overflowing, f"wider than {width}px (horizontal scroll): {overflowing}"
