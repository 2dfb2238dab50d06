"""What a reader trial of the public portal found, held through the Django client: the demo
menu leads to the topic pages, the filters are folded unless one is in use, the reader
controls name their themes "Màu nền". The browser's side: tests/e2e/test_trial_reader_browser.py."""

import pytest
from factories import DirectiveFactory

from demo.site import MAIN_MENU_ITEMS, ensure_main_menu
from pages.models import Menu, MenuItem

pytestmark = pytest.mark.django_db


def top_titles():
    menu = Menu.objects.get(slug="main")
    return list(menu.items.filter(parent=None).values_list("title", flat=True))


def test_the_demo_menu_has_chuyen_trang_after_tin_tuc():
    ensure_main_menu()
    ensure_main_menu()

    titles = top_titles()
    assert titles[titles.index("Tin tức") + 1] == "Chuyên trang"
    assert titles.count("Chuyên trang") == 1
    assert MenuItem.objects.get(title="Chuyên trang").link == "/chuyen-trang/"


def test_an_existing_demo_menu_gets_chuyen_trang_after_tin_tuc_and_nothing_else_moves():
    # The menu of a demo loaded before "Chuyên trang", renumbered by an editor without gaps.
    menu = Menu.objects.create(slug="main", name="Menu chính")
    older = [item for item in MAIN_MENU_ITEMS if item[1] != "/chuyen-trang/"]
    for order, (title, link, new_tab) in enumerate(older, start=1):
        MenuItem.objects.create(
            menu=menu, title=title, link=link, order=order, open_in_new_tab=new_tab
        )

    ensure_main_menu()

    assert top_titles() == [title for title, _link, _new_tab in MAIN_MENU_ITEMS]
    kept = menu.items.filter(parent=None).exclude(link="/chuyen-trang/")
    assert list(kept.values_list("order", flat=True)) == list(range(1, len(older) + 1))
    for item in menu.items.all():
        item.full_clean()


def test_the_demo_menu_leads_to_the_topic_pages(client):
    ensure_main_menu()
    page = client.get("/").content.decode()
    assert 'href="/chuyen-trang/"' in page
    assert client.get("/chuyen-trang/").status_code == 200


@pytest.mark.parametrize(
    ("url", "summary", "opened"),
    [
        ("/tim-kiem/?q=chỉ+thị", "Bộ lọc", False),
        ("/tim-kiem/?q=chỉ+thị&category=", "Bộ lọc", False),
        ("/tim-kiem/?q=chỉ+thị&date_from=01/01/2024", "Bộ lọc", True),
        ("/tim-kiem/?q=chỉ+thị&date_from=hôm-qua", "Bộ lọc", True),  # an error shows open
        ("/van-ban/", "Lọc văn bản", False),
        ("/van-ban/?page=1", "Lọc văn bản", False),
        ("/van-ban/?doc_type=chi_thi", "Lọc văn bản", True),
        ("/van-ban/?year=abc", "Lọc văn bản", True),
    ],
)
def test_the_filters_are_folded_unless_one_is_in_use(client, url, summary, opened):
    DirectiveFactory()
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<summary class="filter-summary">{summary}</summary>' in page
    assert ('<details class="filter-details" open>' in page) is opened
    assert ("Bỏ bộ lọc" in page) is (opened and summary == "Bộ lọc")


def test_bad_filter_values_never_give_a_server_error(client):
    for url in [
        "/tim-kiem/?q=a&category=x&organization=%00&date_from=99/99/9999&date_to=' or 1=1",
        "/van-ban/?doc_type=%ff&issuer=-1&year=1e9&status=<b>",
        "/tim-kiem/?q=" + "a" * 5000,
    ]:
        assert client.get(url).status_code in (200, 400), url


def test_the_reader_controls_name_their_themes_background(client):
    page = client.get("/").content.decode()
    assert '<span id="reader-theme-label" class="reader-label">Màu nền</span>' in page
    assert "Màu chữ" not in page
    assert "Cỡ chữ, màu nền" in page


def test_the_english_pages_name_the_themes_in_english(client):
    page = client.get("/en/").content.decode()
    assert '<span id="reader-theme-label" class="reader-label">Background</span>' in page
