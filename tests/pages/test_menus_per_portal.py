"""Each portal's header menu and "Liên kết website" block, read through the test client on
two hosts: a portal shows its own, a portal without a menu yet shows the default one (never
the main portal's), and existing menus became the main portal's."""

import pytest
from factories import OrganizationFactory, PortalFactory

from pages.menus import DEFAULT_MAIN_MENU
from pages.models import Menu, MenuItem, WebsiteLink
from portals.hosts import main_portal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

YOUTH = {"host": "tinhdoan.example.vn"}


@pytest.fixture
def youth_portal():
    return PortalFactory(
        organization=OrganizationFactory(name="Tỉnh Đoàn Bến Tre"), domain="tinhdoan.example.vn"
    )


def header_menu(response) -> str:
    html = response.content.decode()
    start = html.index('aria-label="Menu chính"')
    return html[start:html.index("</nav>", start)]


def test_each_portal_shows_its_own_menu(client, youth_portal):
    main = Menu.objects.create(name="Menu chính", slug="main")  # the main portal's
    MenuItem.objects.create(menu=main, title="Xây dựng Đảng", link="/chuyen-muc/xay-dung-dang/")
    youth = Menu.objects.create(portal=youth_portal, name="Menu chính", slug="main")
    MenuItem.objects.create(menu=youth, title="Tuổi trẻ sáng tạo", link="/tin-tuc/")

    on_main = header_menu(client.get("/"))
    on_youth = header_menu(client.get("/", headers=YOUTH))

    assert main.portal == main_portal()
    assert "Xây dựng Đảng" in on_main
    assert "Tuổi trẻ sáng tạo" not in on_main
    assert "Tuổi trẻ sáng tạo" in on_youth
    assert "Xây dựng Đảng" not in on_youth


def test_a_portal_without_a_menu_shows_the_default_not_the_main_portals(client, youth_portal):
    main = Menu.objects.create(name="Menu chính", slug="main")
    MenuItem.objects.create(menu=main, title="Xây dựng Đảng", link="/chuyen-muc/xay-dung-dang/")

    on_youth = header_menu(client.get("/", headers=YOUTH))

    assert "Xây dựng Đảng" not in on_youth
    positions = [on_youth.index(f'href="{link}"') for _title, link in DEFAULT_MAIN_MENU]
    assert positions == sorted(positions)
    for title, _link in DEFAULT_MAIN_MENU:
        assert f">{title}</a>" in on_youth


def test_a_menu_made_empty_on_purpose_stays_empty(client, youth_portal):
    Menu.objects.create(portal=youth_portal, name="Menu chính", slug="main")
    on_youth = header_menu(client.get("/", headers=YOUTH))
    assert "/van-ban/" not in on_youth


def test_menu_slugs_are_unique_per_portal_only(youth_portal):
    from django.core.exceptions import ValidationError

    Menu.objects.create(name="Menu chính", slug="main")
    Menu.objects.create(portal=youth_portal, name="Menu chính", slug="main")
    duplicate = Menu(portal=youth_portal, name="Menu chính thứ hai", slug="main")
    with pytest.raises(ValidationError, match=r"Cổng này đã có một menu với mã này\."):
        duplicate.full_clean()


def test_a_change_to_one_portals_menu_shows_at_once(client, youth_portal):
    menu = Menu.objects.create(portal=youth_portal, name="Menu chính", slug="main")
    item = MenuItem.objects.create(menu=menu, title="Hoạt động Đoàn", link="/tin-tuc/")
    assert "Hoạt động Đoàn" in header_menu(client.get("/", headers=YOUTH))
    item.title = "Phong trào thanh niên"
    item.save()
    assert "Phong trào thanh niên" in header_menu(client.get("/", headers=YOUTH))


def test_each_portal_shows_its_own_website_links(client, youth_portal):
    WebsiteLink.objects.create(name="Báo Đồng Khởi", address="https://baodongkhoi.vn/")
    WebsiteLink.objects.create(
        portal=youth_portal, name="Trung ương Đoàn", address="https://doanthanhnien.vn/"
    )

    on_main = client.get("/").content.decode()
    on_youth = client.get("/", headers=YOUTH).content.decode()

    assert "https://baodongkhoi.vn/" in on_main
    assert "https://doanthanhnien.vn/" not in on_main
    assert "https://doanthanhnien.vn/" in on_youth
    assert "https://baodongkhoi.vn/" not in on_youth
