"""The English page and the header's language link in Chromium on phones (390 px, and the
narrowest widths): nothing cut off, nothing scrolling sideways, the top bar on one row."""

import pytest
from factories import OrganizationFactory, PersonFactory, PositionFactory

from pages.models import PortalInformation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOP_BAR = """() => {
  const box = s => {
    const e = document.querySelector(s);
    return e ? e.getBoundingClientRect() : null;
  };
  const date = box('.site-date'), bar = box('.topbar-inner'), toggle = box('.reader-toggle');
  const language = box('.topbar-language');
  return {barHeight: bar.height, dateHeight: date.height, toggleHeight: toggle.height,
          languageWidth: language.width, languageRight: language.right, width: innerWidth};
}"""


@pytest.fixture
def portal():
    PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Bến Tre", short_name="Tỉnh ủy Bến Tre",
        owner="Tỉnh ủy Bến Tre", english_name="Ben Tre Provincial Party Committee Portal",
        english_short_name="Ben Tre Party Committee",
        english_owner="Ben Tre Provincial Party Committee",
    )
    province = OrganizationFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        name_en="Propaganda, Education and Mass Mobilisation Board of the Provincial Party "
        "Committee",
    )
    for number in range(3):
        PositionFactory(
            person=PersonFactory(full_name=f"Nguyễn Văn Thành {number}", organization=province),
            organization=province, title="Phó Trưởng Ban Thường trực",
            title_en="Standing Deputy Head of the Propaganda, Education and Mass "
            "Mobilisation Board", phone=f"0275 3599 02{number}",
            email=f"bantuyengiaodanvan{number}@bentre.example.org",
        )


def test_the_english_page_reads_on_a_phone(new_page, portal):
    page = new_page(width=390, height=844)
    page.goto("/en/")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    # Every official's cells are inside the screen, labelled.
    cells = page.locator(".officials-table tbody td").all()
    assert len(cells) == 15
    for cell in cells:
        box = cell.bounding_box()
        assert box["x"] >= 0, cell.inner_text()
        assert box["x"] + box["width"] <= 390, cell.inner_text()
    phone = page.locator(".officials-table td[data-label='Phone']").first
    assert phone.is_visible()
    assert phone.inner_text() == "0275 3599 020"
    assert phone.evaluate("e => getComputedStyle(e, '::before').content") == '"Phone: "'
    # The header: the short English name whole, one row of top bar, "Aa Display" on one line.
    name = page.locator(".site-short-name")
    assert name.inner_text() == "BEN TRE PARTY COMMITTEE"
    assert page.evaluate("(e => e.scrollHeight <= e.clientHeight + 1)"
                         "(document.querySelector('.site-short-name'))")
    bar = page.evaluate(TOP_BAR)
    assert bar["barHeight"] < 40
    assert bar["toggleHeight"] < 36
    assert page.locator(".reader-toggle").inner_text().replace("\n", " ") == "Aa Display"
    assert not page.locator("[data-search-toggle]").count()
    back = page.locator(".topbar-language a")
    assert back.inner_text() == "Tiếng Việt"
    assert back.get_attribute("lang") == "vi"
    page.locator(".site-brand").click()
    page.wait_for_url("**/en/")


@pytest.mark.parametrize(("width", "shown"), [(320, ""), (360, ""), (390, "EN"),
                                              (430, "English"), (1366, "English")])
def test_the_vietnamese_top_bar_keeps_one_row_with_the_language_link(
    new_page, portal, width, shown,
):
    page = new_page(width=width, height=844)
    page.goto("/")
    bar = page.evaluate(TOP_BAR)
    assert bar["barHeight"] < 40, bar
    if width < 960:
        assert bar["toggleHeight"] < 36, bar  # "Aa Cỡ chữ, màu nền" on one line
    link = page.locator(".topbar-language a")
    if shown:
        assert link.is_visible()
        boxes = {part: link.locator(part).bounding_box()
                 for part in (".language-code", ".language-name")}
        visible = [part for part, box in boxes.items() if box and box["width"] > 2]
        assert [link.locator(part).inner_text() for part in visible] == [shown]
        assert bar["languageRight"] <= width
        link.click()
        page.wait_for_url("**/en/")
        assert page.evaluate("document.documentElement.lang") == "en"
    else:
        assert not link.is_visible()


def test_an_unknown_english_address_reads_in_english_on_a_phone(new_page, portal):
    page = new_page(width=390, height=844)
    assert page.goto("/en/xyz/").status == 404
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.get_by_role("link", name="English home page").click()
    page.wait_for_url("**/en/")
