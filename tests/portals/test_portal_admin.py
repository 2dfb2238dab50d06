"""The portals in the admin ("Cổng"): a superuser creates a portal with its domains and
information; the Quản trị cổng of the Tỉnh Đoàn changes the Tỉnh Đoàn portal's information,
theme, menus and website links, and nothing of the Tỉnh ủy portal, creates no portal and
changes no domain or organisation, tampered POSTs included; colours too pale for their text
and bad or taken domains are refused in Vietnamese."""

import pytest
from admin_forms import browser_form_data
from django.urls import reverse
from factories import OrganizationFactory, PortalFactory, SuperUserFactory, member

from accounts.roles import PORTAL_ADMIN
from organizations.models import Organization
from pages.models import Menu, MenuItem, PortalInformation, WebsiteLink
from portals import hosts
from portals.models import Portal, PortalDomain
from portals.theme import contrast_ratio

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

ADD_URL = reverse("admin:portals_portal_add")
CHANGELIST = reverse("admin:portals_portal_changelist")


def change_url(portal):
    return reverse("admin:portals_portal_change", args=[portal.pk])


@pytest.fixture
def world():
    youth = OrganizationFactory(name="Tỉnh Đoàn Cà Mau", kind=Organization.Kind.YOUTH_UNION)
    province = OrganizationFactory(name="Tỉnh ủy Cà Mau")
    youth_portal = PortalFactory(organization=youth, domain="tinhdoan.example.vn")
    province_portal = PortalFactory(organization=province, domain="tinhuy.example.vn")
    PortalInformation.objects.create(
        portal=youth_portal, full_name="Cổng Thông tin điện tử Tỉnh Đoàn Cà Mau",
        owner="Tỉnh Đoàn Cà Mau",
    )
    PortalInformation.objects.create(
        portal=province_portal, full_name="Cổng Thông tin điện tử Tỉnh ủy Cà Mau",
        owner="Tỉnh ủy Cà Mau",
    )
    return {
        "youth": youth, "province": province,
        "youth_portal": youth_portal, "province_portal": province_portal,
        "youth_admin": member(PORTAL_ADMIN, youth),
    }


def page_data(client, portal, **changes):
    """The portal's page as the logged-in user's browser posts it, with `changes`."""
    page = client.get(change_url(portal))
    assert page.status_code == 200
    return {**browser_form_data(page.content.decode(), form_id="portal_form"), **changes}


def superuser_data(client, portal, **changes):
    client.force_login(SuperUserFactory())
    return page_data(client, portal, **changes)


# A superuser creates a portal -----------------------------------------------------------

def test_a_superuser_creates_a_portal_with_its_domains_and_information(client):
    district = OrganizationFactory(name="Huyện ủy Năm Căn")
    client.force_login(SuperUserFactory())
    response = client.post(ADD_URL, {
        "organization": str(district.pk),
        "theme_primary": "#1a5fb4",
        "domains-TOTAL_FORMS": "2", "domains-INITIAL_FORMS": "0",
        "domains-0-domain": "https://NamCan.Example.vn/", "domains-0-is_primary": "on",
        "domains-1-domain": "www.namcan.example.vn",
        "information-TOTAL_FORMS": "1", "information-INITIAL_FORMS": "0",
        "information-0-full_name": "Cổng Thông tin điện tử Huyện ủy Năm Căn",
        "information-0-owner": "Huyện ủy Năm Căn",
        "information-0-visitors_start_total": "0",
    })
    assert response.status_code == 302, response.context and response.context["errors"]
    portal = Portal.objects.get(organization=district)
    assert portal.primary_domain == "namcan.example.vn"
    assert set(portal.domains.values_list("domain", flat=True)) == {
        "namcan.example.vn", "www.namcan.example.vn",
    }
    assert portal.information.full_name == "Cổng Thông tin điện tử Huyện ủy Năm Căn"
    assert portal.theme_primary == "#1a5fb4"
    # The new portal answers on its domain at once, with its own name.
    page = client.get("/", headers={"host": "namcan.example.vn"})
    assert page.status_code == 200
    assert "Cổng Thông tin điện tử Huyện ủy Năm Căn" in page.content.decode()
    assert client.get("/", headers={"host": "www.namcan.example.vn"}).status_code == 301


@pytest.mark.parametrize(("rows", "message"), [
    ([("tinh doan!.vn", True)], "Tên miền không hợp lệ"),
    ([("Tinhuy.Example.vn", True)], "Tên miền tinhuy.example.vn đã thuộc cổng"),
    ([("a.example.vn", True), ("b.example.vn", True)], "đúng một tên miền chính"),
    ([("a.example.vn", False)], "đúng một tên miền chính"),
    ([("a.example.vn", True), ("https://a.example.vn/", False)], "được nhập hai lần"),
    ([], "Cổng cần ít nhất một tên miền"),
])
def test_bad_or_taken_domains_are_refused_in_vietnamese(client, world, rows, message):
    district = OrganizationFactory(name="Huyện ủy Đầm Dơi")
    client.force_login(SuperUserFactory())
    data = {
        "organization": str(district.pk),
        "domains-TOTAL_FORMS": str(len(rows)), "domains-INITIAL_FORMS": "0",
        "information-TOTAL_FORMS": "0", "information-INITIAL_FORMS": "0",
    }
    for index, (domain, primary) in enumerate(rows):
        data[f"domains-{index}-domain"] = domain
        if primary:
            data[f"domains-{index}-is_primary"] = "on"
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Portal.objects.filter(organization=district).exists()


def test_the_primary_domain_moves_from_one_row_to_another(client, world):
    portal = world["province_portal"]
    PortalDomain.objects.create(portal=portal, domain="www.tinhuy.example.vn")
    data = superuser_data(client, portal)
    rows = {data[f"domains-{index}-domain"]: index for index in range(2)}
    data.pop(f"domains-{rows['tinhuy.example.vn']}-is_primary", None)
    data[f"domains-{rows['www.tinhuy.example.vn']}-is_primary"] = "on"
    response = client.post(change_url(portal), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert hosts.primary_domain(portal) == "www.tinhuy.example.vn"
    assert client.get("/", headers={"host": "tinhuy.example.vn"}).status_code == 301


def test_a_second_main_portal_is_refused(client, world):
    data = superuser_data(client, world["province_portal"], is_main="on")
    response = client.post(change_url(world["province_portal"]), data)
    assert response.status_code == 200
    assert "Đã có một cổng chính." in response.content.decode()
    assert Portal.objects.filter(is_main=True).count() == 1


# The Tỉnh Đoàn's Quản trị cổng ------------------------------------------------------------

def test_the_portal_administrator_lists_and_opens_only_their_portal(client, world):
    client.force_login(world["youth_admin"])
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert [portal.pk for portal in listing.context["cl"].result_list] == [
        world["youth_portal"].pk
    ]
    assert "Tỉnh ủy Cà Mau" not in listing.content.decode()
    page = client.get(change_url(world["youth_portal"]))
    assert page.status_code == 200
    # Their domains are shown, not offered for editing; the organisation likewise.
    html = page.content.decode()
    assert "tinhdoan.example.vn" in html
    assert 'name="domains-0-domain"' not in html
    assert 'name="organization"' not in html
    for url in [
        change_url(world["province_portal"]),
        reverse("admin:portals_portal_history", args=[world["province_portal"].pk]),
        reverse("admin:portals_portal_delete", args=[world["province_portal"].pk]),
    ]:
        assert client.get(url).status_code in (302, 403, 404), url


def test_the_portal_administrator_changes_information_and_theme(client, world):
    portal = world["youth_portal"]
    client.force_login(world["youth_admin"])
    data = page_data(
        client, portal, theme_primary="#0b5394", theme_primary_dark="#073763",
        theme_link="#0b5394", **{
            "information-0-full_name": "Cổng Thông tin điện tử Đoàn TNCS Hồ Chí Minh Cà Mau",
            "information-0-phone": "0290 3831 234",
        },
    )
    response = client.post(change_url(portal), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    portal.refresh_from_db()
    assert portal.theme_primary == "#0b5394"
    assert portal.information.full_name == "Cổng Thông tin điện tử Đoàn TNCS Hồ Chí Minh Cà Mau"
    assert portal.information.phone == "0290 3831 234"

    # The portal's pages read the theme from a stylesheet of their own origin.
    home = client.get("/", headers={"host": "tinhdoan.example.vn"}).content.decode()
    assert '<link rel="stylesheet" href="/mau-giao-dien.css?v=' in home
    stylesheet = client.get("/mau-giao-dien.css", headers={"host": "tinhdoan.example.vn"})
    css = stylesheet.content.decode()
    assert stylesheet["Content-Type"].startswith("text/css")
    assert "--header-bg: #0b5394;" in css
    assert "--nav-bg: #073763;" in css
    assert "--link: #0b5394;" in css
    # Another portal keeps the default colours.
    other = client.get("/", headers={"host": "tinhuy.example.vn"}).content.decode()
    assert "mau-giao-dien.css" not in other


def test_a_colour_too_pale_for_its_text_is_refused_naming_the_ratio(client, world):
    portal = world["youth_portal"]
    client.force_login(world["youth_admin"])
    response = client.post(change_url(portal), page_data(
        client, portal, theme_primary="#f4c430", theme_link="#999999",
    ))
    assert response.status_code == 200
    html = response.content.decode()
    ratio = f"{contrast_ratio('#f4c430', '#ffffff'):.2f}".rstrip("0").replace(".", ",")
    assert f"Màu chính #f4c430 chỉ đạt độ tương phản {ratio}:1 với chữ trắng" in html
    assert "Màu liên kết #999999 chỉ đạt độ tương phản" in html
    assert "cần ít nhất 4,5:1" in html
    portal.refresh_from_db()
    assert portal.theme_primary == ""


@pytest.mark.parametrize("colour", ["red", "#12345", "#gggggg", "1a5fb4"])
def test_a_colour_not_written_as_rrggbb_is_refused(client, world, colour):
    portal = world["youth_portal"]
    client.force_login(world["youth_admin"])
    response = client.post(change_url(portal), page_data(client, portal, theme_link=colour))
    assert response.status_code == 200
    assert "Màu phải viết ở dạng #RRGGBB" in response.content.decode()


def test_the_portal_administrator_creates_no_portal(client, world):
    client.force_login(world["youth_admin"])
    assert client.get(ADD_URL).status_code == 403
    count = Portal.objects.count()
    response = client.post(ADD_URL, {
        "organization": str(world["youth"].pk),
        "domains-TOTAL_FORMS": "1", "domains-INITIAL_FORMS": "0",
        "domains-0-domain": "gia-mao.example.vn", "domains-0-is_primary": "on",
        "information-TOTAL_FORMS": "0", "information-INITIAL_FORMS": "0",
    })
    assert response.status_code == 403
    assert Portal.objects.count() == count
    assert not PortalDomain.objects.filter(domain="gia-mao.example.vn").exists()


def test_tampered_posts_change_no_domain_organisation_or_main_flag(client, world):
    portal = world["youth_portal"]
    alias = PortalDomain.objects.create(portal=portal, domain="www.tinhdoan.example.vn")
    # What a superuser's browser posts for the page, with every setting changed.
    data = superuser_data(
        client, portal, organization=str(world["province"].pk), is_main="on",
        theme_primary="#0b5394",
    )
    for index in range(int(data["domains-TOTAL_FORMS"])):
        data[f"domains-{index}-domain"] = f"chiem-doat-{index}.example.vn"
    data["domains-1-DELETE"] = "on"
    data.update({
        "domains-TOTAL_FORMS": str(int(data["domains-TOTAL_FORMS"]) + 1),
        f"domains-{data['domains-TOTAL_FORMS']}-domain": "them-moi.example.vn",
    })
    client.force_login(world["youth_admin"])
    response = client.post(change_url(portal), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    portal.refresh_from_db()
    assert portal.theme_primary == "#0b5394"  # what they may change is saved
    assert portal.organization == world["youth"]
    assert not portal.is_main
    assert sorted(portal.domains.values_list("domain", "is_primary")) == [
        ("tinhdoan.example.vn", True), ("www.tinhdoan.example.vn", False),
    ]
    assert PortalDomain.objects.filter(pk=alias.pk).exists()


def test_tampered_posts_change_nothing_of_another_portal(client, world):
    portal = world["province_portal"]
    data = superuser_data(client, portal, theme_primary="#0b5394", **{
        "information-0-full_name": "Đã bị sửa trái phép",
    })
    client.force_login(world["youth_admin"])
    response = client.post(change_url(portal), data)
    assert response.status_code in (302, 403, 404)
    portal.refresh_from_db()
    assert portal.theme_primary == ""
    assert portal.information.full_name == "Cổng Thông tin điện tử Tỉnh ủy Cà Mau"
    assert client.post(
        reverse("admin:portals_portal_delete", args=[portal.pk]), {"post": "yes"}
    ).status_code in (302, 403, 404)
    assert Portal.objects.filter(pk=portal.pk).exists()


# Menus and website links of the portals they manage ------------------------------------------

def test_the_portal_administrator_keeps_their_portals_menu(client, world):
    client.force_login(world["youth_admin"])
    form = client.get(reverse("admin:pages_menu_add"))
    choices = list(form.context["adminform"].form.fields["portal"].queryset)
    assert choices == [world["youth_portal"]]
    response = client.post(reverse("admin:pages_menu_add"), {
        "portal": str(world["youth_portal"].pk), "name": "Menu chính", "slug": "main",
        "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0",
        "items-0-title": "Tuổi trẻ Cà Mau", "items-0-link": "/tin-tuc/",
        "items-0-order": "10", "items-0-is_active": "on",
    })
    assert response.status_code == 302, response.context and response.context["errors"]
    menu = Menu.objects.get(portal=world["youth_portal"], slug="main")
    assert menu.items.get().title == "Tuổi trẻ Cà Mau"
    page = client.get("/", headers={"host": "tinhdoan.example.vn"}).content.decode()
    assert "Tuổi trẻ Cà Mau" in page
    assert "Tuổi trẻ Cà Mau" not in client.get(
        "/", headers={"host": "tinhuy.example.vn"}
    ).content.decode()


def test_a_menu_or_link_for_another_portal_is_refused(client, world):
    client.force_login(world["youth_admin"])
    other = world["province_portal"]
    response = client.post(reverse("admin:pages_menu_add"), {
        "portal": str(other.pk), "name": "Menu chính", "slug": "main",
        "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200
    assert "portal" in response.context["adminform"].form.errors
    response = client.post(reverse("admin:pages_websitelink_add"), {
        "portal": str(other.pk), "name": "Giả mạo", "address": "https://example.vn/",
        "order": "1", "is_active": "on",
    })
    assert response.status_code == 200
    assert not Menu.objects.filter(portal=other).exists()
    assert not WebsiteLink.objects.filter(portal=other).exists()


def test_another_portals_menu_and_links_are_neither_listed_nor_opened(client, world):
    menu = Menu.objects.create(portal=world["province_portal"], name="Menu Tỉnh ủy", slug="main")
    MenuItem.objects.create(menu=menu, title="Xây dựng Đảng", link="/tin-tuc/")
    link = WebsiteLink.objects.create(
        portal=world["province_portal"], name="Báo Cà Mau", address="https://baocamau.vn/",
    )
    own = WebsiteLink.objects.create(
        portal=world["youth_portal"], name="Trung ương Đoàn", address="https://doanthanhnien.vn/",
    )
    client.force_login(world["youth_admin"])
    menus = client.get(reverse("admin:pages_menu_changelist"))
    assert list(menus.context["cl"].result_list) == []
    links = client.get(reverse("admin:pages_websitelink_changelist"))
    assert list(links.context["cl"].result_list) == [own]
    for url in [
        reverse("admin:pages_menu_change", args=[menu.pk]),
        reverse("admin:pages_websitelink_change", args=[link.pk]),
    ]:
        assert client.get(url).status_code in (302, 403, 404), url
    # Moving their own link onto the other portal is refused too.
    response = client.post(reverse("admin:pages_websitelink_change", args=[own.pk]), {
        "portal": str(world["province_portal"].pk), "name": "Trung ương Đoàn",
        "address": "https://doanthanhnien.vn/", "order": "1", "is_active": "on",
    })
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.portal == world["youth_portal"]


@pytest.mark.usefixtures("page_cache_on")
def test_a_new_theme_renews_the_portals_cached_pages(
    client, world, django_capture_on_commit_callbacks
):
    reader = client.__class__(headers={"host": "tinhdoan.example.vn"})
    reader.get("/")
    assert reader.get("/")["X-Page-Cache"] == "hit"

    portal = world["youth_portal"]
    client.force_login(world["youth_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(portal), page_data(
            client, portal, theme_primary="#0b5394"
        ))
    assert response.status_code == 302, response.context and response.context["errors"]

    renewed = reader.get("/")
    assert renewed["X-Page-Cache"] == "miss"
    assert "/mau-giao-dien.css?v=" in renewed.content.decode()
