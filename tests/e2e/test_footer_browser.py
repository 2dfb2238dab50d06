"""The footer and the English page in Chromium at a 390 px phone and a 1366 px office screen:
everything fits, the text meets WCAG AA contrast on the footer's red, the languages link to
each other, and a reader's page loads show in the statistics box."""

import re

import pytest
from factories import ArticleFactory

from pages.models import PortalInformation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 1366]
# A reader's Chrome on Android; Chromium run by a test calls itself HeadlessChrome, which the
# statistics do not count (visitors.statistics.BOT_PATTERN).
READER = (
    "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/131.0 "
    "Mobile Safari/537.36"
)

COLOURS = """() => [...document.querySelectorAll(
    '.site-footer p, .site-footer dt, .site-footer dd, .site-footer a, .stats-row')]
  .filter(el => el.offsetParent !== null)
  .map(el => {
    let node = el, background = 'rgba(0, 0, 0, 0)';
    const layers = [];
    while (node) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour !== 'rgba(0, 0, 0, 0)') layers.push(colour);
      if (colour.startsWith('rgb(')) break;
      node = node.parentElement;
    }
    return {text: el.textContent.trim().slice(0, 40), color: getComputedStyle(el).color, layers};
  })"""


@pytest.fixture
def portal():
    ArticleFactory(title="Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ năm")
    return PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Bến Tre", owner="Tỉnh ủy Bến Tre",
        address="Số 7, đường Cách Mạng Tháng Tám, phường An Hội, tỉnh Bến Tre",
        phone="0275 3599 009", email="congthongtin@bentre.example.org",
        responsible_person="Trần Văn Minh — Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        licence="Giấy phép số 15/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 12/3/2024",
        english_name="Ben Tre Provincial Party Committee Portal",
        english_owner="Ben Tre Provincial Party Committee", visitors_start_total=5000,
    )


def rgba(text: str) -> tuple[float, ...]:
    values = [float(v) for v in re.findall(r"[\d.]+", text)]
    return (*values[:3], values[3] if len(values) > 3 else 1.0)


def luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def flatten(layers: list[str]) -> tuple[float, float, float]:
    """The colour seen through the translucent layers, over the first opaque one."""
    colour = rgba(layers[-1])[:3]
    for layer in reversed(layers[:-1]):
        *rgb, alpha = rgba(layer)
        colour = tuple(
            alpha * top + (1 - alpha) * below for top, below in zip(rgb, colour, strict=True)
        )
    return colour


def contrast(foreground, background) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_footer_fits_and_reads_well(new_page, portal, width, path):
    page = new_page(width=width, height=900 if width > 400 else 844, user_agent=READER)
    assert page.goto(path).status == 200
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    footer = page.locator("footer.site-footer")
    assert footer.get_by_role("link", name="0275 3599 009").get_attribute("href") == (
        "tel:+842753599009"
    )
    low, items = [], page.evaluate(COLOURS)
    assert len(items) >= 10
    for item in items:
        ratio = contrast(rgba(item["color"]), flatten(item["layers"]))
        if ratio < 4.5:
            low.append((item["text"], round(ratio, 2)))
    assert low == []
    link_height = footer.locator(".footer-links a").first.bounding_box()["height"]
    assert link_height >= 24  # WCAG 2.2 target size, minimum


def test_the_languages_link_to_each_other(new_page, portal):
    page = new_page(width=390, height=844, user_agent=READER)
    page.goto("/")
    assert page.evaluate("document.documentElement.lang") == "vi"
    page.locator("footer").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("footer").get_by_text("Governing body: Ben Tre Provincial Party "
                                               "Committee").is_visible()
    back = page.locator("footer").get_by_role("link", name="Tiếng Việt")
    assert back.get_attribute("lang") == "vi"
    back.click()
    page.wait_for_url(lambda url: url.endswith("/"))
    assert page.evaluate("document.documentElement.lang") == "vi"


def figures(page) -> dict[str, str]:
    rows = page.locator(".stats-row").all()
    return {row.locator("dt").inner_text(): row.locator("dd").inner_text() for row in rows}


@pytest.mark.usefixtures("clear_cache")
def test_a_readers_page_loads_show_in_the_box(new_page, portal):
    reader = new_page(width=390, height=844, user_agent=READER)
    reader.goto("/")
    assert figures(reader)["Hôm nay"] == "0"
    for _ in range(3):
        reader.reload()
    shown = figures(reader)
    assert (shown["Đang truy cập"], shown["Hôm nay"], shown["Tháng này"]) == ("1", "1", "1")
    assert shown["Tổng lượt truy cập"] == "5.001"

    robot = new_page(width=1366, height=900)  # Chromium's own HeadlessChrome: not a reader
    for _ in range(3):
        robot.goto("/")
    assert figures(robot)["Hôm nay"] == "1"
