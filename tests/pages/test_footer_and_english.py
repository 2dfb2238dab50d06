"""The footer an official portal shows (Nghị định 42/2022/NĐ-CP), and the English pages:
English by their address alone, hreflang both ways, a way back to Vietnamese."""

import re

import pytest
from django.urls import reverse
from factories import OrganizationFactory, PersonFactory, PositionFactory, image_file
from visible_vietnamese import vietnamese_letters, vietnamese_on

from pages.models import PortalInformation

pytestmark = pytest.mark.django_db

FULL = {
    "full_name": "Cổng Thông tin điện tử Tỉnh ủy Bến Tre",
    "owner": "Tỉnh ủy Bến Tre",
    "address": "Số 7, đường Cách Mạng Tháng Tám, phường An Hội, tỉnh Bến Tre",
    "phone": "0275 3599 009",
    "email": "congthongtin@bentre.example.org",
    "responsible_person": "Trần Văn Minh — Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "licence": "Giấy phép số 15/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 12/3/2024",
    "english_name": "Ben Tre Provincial Party Committee Portal",
    "english_owner": "Ben Tre Provincial Party Committee",
}


def footer_of(response) -> str:
    html = response.content.decode()
    return html[html.index('<footer class="site-footer">'):html.index("</footer>")]


def test_the_footer_shows_what_an_official_portal_must(client):
    PortalInformation.objects.create(**FULL)
    footer = footer_of(client.get("/"))
    assert "Cổng Thông tin điện tử Tỉnh ủy Bến Tre" in footer
    assert "Cơ quan chủ quản: Tỉnh ủy Bến Tre" in footer
    assert FULL["address"] in footer
    assert '<a href="tel:+842753599009">0275 3599 009</a>' in footer
    assert f'<a href="mailto:{FULL["email"]}">{FULL["email"]}</a>' in footer
    assert FULL["responsible_person"] in footer
    assert FULL["licence"] in footer
    assert (
        "Ghi rõ nguồn “Cổng Thông tin điện tử Tỉnh ủy Bến Tre” khi phát hành lại thông tin từ "
        "cổng này." in footer
    )
    for link in (reverse("contact"), reverse("news:feed"), reverse("organizations:tree")):
        assert f'href="{link}"' in footer
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in footer
    assert 'src="/static/img/emblem.svg"' in footer
    assert "Thống kê truy cập" in footer


def test_lines_without_a_value_are_left_out(client):
    PortalInformation.objects.create(full_name="Cổng Thông tin điện tử Tỉnh ủy", owner="Tỉnh ủy")
    footer = footer_of(client.get("/"))
    for label in ("Địa chỉ", "Điện thoại", "Thư điện tử", "Chịu trách nhiệm", "Giấy phép"):
        assert label not in footer
    assert "<dd></dd>" not in footer
    assert "Cơ quan chủ quản: Tỉnh ủy" in footer


def test_before_the_record_is_saved_the_settings_name_the_portal(client, settings):
    footer = footer_of(client.get("/"))
    assert settings.PORTAL_NAME in footer
    assert f"Ghi rõ nguồn “{settings.PORTAL_NAME}”" in footer


def test_an_own_reuse_notice_and_logo_replace_the_defaults(client):
    information = PortalInformation.objects.create(
        **FULL, reuse_notice="Phát hành lại thông tin phải ghi rõ nguồn và dẫn liên kết.",
        logo=image_file("logo.png", fmt="PNG", size=(512, 512)),
    )
    footer = footer_of(client.get("/"))
    assert "Phát hành lại thông tin phải ghi rõ nguồn và dẫn liên kết." in footer
    assert "Ghi rõ nguồn “" not in footer
    assert f'src="{information.logo.url}"' in footer


@pytest.mark.parametrize(("phone", "href"), [
    ("0275 3599 009", "tel:+842753599009"),
    ("0275.3599.009", "tel:+842753599009"),
    ("+84 912 345 678", "tel:+84912345678"),
    ("0912-345-678", "tel:+84912345678"),
])
def test_telephone_links_dial_from_anywhere(phone, href):
    from pages.templatetags.footer_tags import tel_href

    assert tel_href(phone) == href


# The English pages -------------------------------------------------------------------------


@pytest.fixture
def portal():
    information = PortalInformation.objects.create(**FULL)
    province = OrganizationFactory(
        name="Tỉnh ủy Bến Tre", name_en="Ben Tre Provincial Party Committee",
        address="Thành phố Bến Tre, tỉnh Bến Tre", phone="0275 3599 001",
    )
    OrganizationFactory(parent=province, name="Ban Tổ chức Tỉnh ủy")  # no English name yet
    PositionFactory(
        person=PersonFactory(full_name="Nguyễn Thị Mai", organization=province),
        organization=province, title="Bí thư Tỉnh ủy", title_en="Secretary",
    )
    return information


def test_the_english_page_is_english(client, portal):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "Ben Tre Provincial Party Committee Portal" in html
    assert "Governing body: Ben Tre Provincial Party Committee" in html
    assert "Skip to main content" in html
    assert (
        "Please credit “Ben Tre Provincial Party Committee Portal” when republishing" in html
    )
    assert 'lang="vi" hreflang="vi">Tiếng Việt</a>' in html
    assert "Thống kê truy cập" not in html


def test_the_english_page_shows_no_vietnamese_but_what_is_marked_so(client, portal):
    """Names, addresses and titles without an English version are marked lang="vi"; nothing
    else is Vietnamese, the header (its names, date line, menu, search and reader controls)
    included."""
    html = client.get("/en/").content.decode()
    assert vietnamese_on(html) == set()
    assert '<a href="/to-chuc/ban-to-chuc-tinh-uy/" hreflang="vi" lang="vi">' in html or (
        re.search(r'<a href="[^"]+" hreflang="vi" lang="vi">Ban Tổ chức Tỉnh ủy</a>', html)
    )
    assert '<td lang="vi">Nguyễn Thị Mai</td>' in html


def test_the_detector_finds_vietnamese_and_passes_english():
    assert vietnamese_letters("Cơ cấu tổ chức")
    assert vietnamese_letters("Đà Nẵng")
    assert not vietnamese_letters("Organisational structure, Tel: 0275 3599 001")
    assert vietnamese_on('<p>Home</p><p lang="vi">Tỉnh ủy</p><p>Liên hệ</p>') == {"Liên hệ"}
    assert vietnamese_on('<img alt="Huy hiệu">') == {"[alt] Huy hiệu"}


def hreflang_links(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_the_home_page_and_the_english_page_name_each_other(client, portal):
    expected = {
        "vi": "http://testserver/", "en": "http://testserver/en/",
        "x-default": "http://testserver/",
    }
    assert hreflang_links(client.get("/").content.decode()) == expected
    assert hreflang_links(client.get("/en/").content.decode()) == expected


def test_pages_without_a_counterpart_name_none(client, portal):
    for path in ("/tin-tuc/", "/to-chuc/", "/lien-he/"):
        assert hreflang_links(client.get(path).content.decode()) == {}, path
    footer = footer_of(client.get("/tin-tuc/"))
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in footer


def test_the_language_follows_the_address_not_the_browser(client, portal, superuser):
    english_browser = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
    home = client.get("/", **english_browser)
    assert '<html lang="vi">' in home.content.decode()
    assert home["Content-Language"] == "vi"
    assert "Cơ quan chủ quản: Tỉnh ủy Bến Tre" in footer_of(home)
    assert '<html lang="en">' in client.get("/en/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    client.force_login(superuser)
    admin = client.get("/admin/", **english_browser).content.decode()
    assert "Quản trị" in admin
    assert "Site administration" not in admin


@pytest.mark.usefixtures("page_cache_on")
def test_cached_pages_keep_their_language(client, portal):
    client.get("/en/")
    client.get("/")
    english, vietnamese = client.get("/en/"), client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["X-Page-Cache"] == vietnamese["X-Page-Cache"] == "hit"
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="vi">' in vietnamese.content.decode()
    assert "<!--live:stats-->" not in english.content.decode()


def test_the_english_catalogue_is_compiled_from_its_po(settings):
    """locale/en/LC_MESSAGES/django.mo says what django.po says (make messages)."""
    import gettext
    from pathlib import Path

    from visible_english import read_po

    directory = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
    compiled = gettext.GNUTranslations((directory / "django.mo").open("rb"))
    for entry in read_po(directory / "django.po"):
        if entry["msgid"]:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
            assert not vietnamese_letters(entry["msgstr"]), entry["msgstr"]
