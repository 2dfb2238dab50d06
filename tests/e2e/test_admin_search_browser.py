"""Finding things in the admin, in a real Chromium, as a Người duyệt bài does it: "khoi" in
the organisation box of the article form offers "Khối…" (and nothing of another
province), "tuyen giao" in the article list's search box finds "Tuyên giáo", and the
list's filters (organisation box, dates) work with a pointer and a keyboard, at 1366 and
390 px. Screenshots go to test-artifacts/screenshots/ (gitignored)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from factories import (
    PASSWORD,
    ArticleFactory,
    CategoryFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffUserFactory,
)
from playwright.sync_api import expect

from accounts.roles import APPROVER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


@pytest.fixture
def newsroom():
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre", short_name="TU BT")
    bloc = OrganizationFactory(parent=province, name="Đảng ủy Khối các cơ quan tỉnh Bến Tre",
                               short_name="ĐUK")
    board = OrganizationFactory(parent=province, name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
                                short_name="BTGDV")
    neighbour = OrganizationFactory(name="Tỉnh ủy Trà Vinh", short_name="TU TV")
    OrganizationFactory(parent=neighbour, name="Đảng ủy Khối doanh nghiệp Trà Vinh",
                        short_name="ĐUKDN")
    category = CategoryFactory(name="Xây dựng Đảng")
    found = ArticleFactory(organization=board, category=category,
                           title="Hội nghị công tác Tuyên giáo năm 2026")
    ArticleFactory(organization=bloc, category=category, title="Đại hội Chi bộ cơ quan")
    ArticleFactory(organization=neighbour, category=category, status="draft",
                   title="Bản nháp Tuyên giáo của tỉnh bạn")
    reviewer = StaffUserFactory(first_name="Mai", last_name="Nguyễn")
    reviewer.groups.add(Group.objects.get(name=APPROVER))
    MembershipFactory(user=reviewer, organization=province)
    return {"reviewer": reviewer, "bloc": bloc, "board": board, "found": found}


def sign_in(page, user):
    page.goto(reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def shoot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / name, full_page=False)


def choose_in_autocomplete(page, select_id: str, typed: str, option_text: str):
    """Open the select2 box next to <select id=select_id>, type, and pick an option."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    option = page.locator(".select2-results__option", has_text=option_text)
    option.wait_for()
    return option


@pytest.mark.parametrize("width", [1366, 390])
def test_a_reviewer_finds_khoi_and_tuyen_giao_without_marks(new_page, newsroom, width):
    page = new_page(width=width, height=900)
    sign_in(page, newsroom["reviewer"])

    page.goto(reverse("admin:news_article_add"))
    option = choose_in_autocomplete(page, "id_organization", "khoi", "Khối các cơ quan")
    # Only this province's "Khối", once the answer to "khoi" has replaced the first list.
    expect(page.locator(".select2-results__option")).to_have_text(
        ["Đảng ủy Khối các cơ quan tỉnh Bến Tre"]
    )
    shoot(page, f"admin-autocomplete-khoi-{width}.png")
    option.click()
    assert page.locator("#id_organization").input_value() == str(newsroom["bloc"].pk)

    page.goto(reverse("admin:news_article_changelist"))
    page.fill("#searchbar", "tuyen giao")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=tuyen+giao**")
    titles = page.locator("#result_list tbody .field-title_with_presence")
    assert [title.strip() for title in titles.all_inner_texts()] == [
        "Hội nghị công tác Tuyên giáo năm 2026"
    ]
    shoot(page, f"admin-search-tuyen-giao-{width}.png")


def test_the_organisation_and_date_filters_in_the_sidebar(new_page, newsroom):
    page = new_page(width=1366, height=1000)
    sign_in(page, newsroom["reviewer"])
    page.goto(reverse("admin:news_article_changelist"))
    # Below 1500 px the filters are folded behind their button; opened, they stay open.
    page.get_by_role("button", name="Bộ lọc").click()

    option = choose_in_autocomplete(page, "loc-don_vi", "tuyen giao", "Ban Tuyên giáo")
    with page.expect_navigation():
        option.click()
    assert f"don_vi={newsroom['board'].pk}" in page.url
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "Hội nghị công tác Tuyên giáo" in rows.first.inner_text()
    shoot(page, "admin-articles-filter-organisation-1366.png")

    page.fill("#loc-tu-ngay", "32/13/2026")
    with page.expect_navigation():
        page.click("text=Lọc theo ngày")
    assert "dạng ngày/tháng/năm, ví dụ 05/11/2026" in page.locator(".messagelist").inner_text()
    # The organisation chosen before is still applied; the bad date is shown to correct.
    assert f"don_vi={newsroom['board'].pk}" in page.url
    assert page.locator("#loc-tu-ngay").input_value() == "32/13/2026"
    assert page.locator("#result_list tbody tr").count() == 1
    shoot(page, "admin-articles-bad-date-1366.png")

    # Clearing the box lists every organisation's articles again.
    with page.expect_navigation():
        page.locator("#loc-don_vi + .select2 .select2-selection__clear").click()
    assert "don_vi" not in page.url
