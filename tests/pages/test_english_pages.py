"""What a reader trial of the English pages (/en/) found: a Vietnamese 404 body, Vietnamese
share tags, a header leading to the Vietnamese home and search, no language link in the
header, the officials' table and the header on a phone, the footer's Vietnamese values."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from factories import OrganizationFactory, PersonFactory, PositionFactory
from visible_vietnamese import vietnamese_on

from pages.models import PortalInformation

pytestmark = pytest.mark.django_db

FULL = {
    "full_name": "Cổng Thông tin điện tử Tỉnh ủy Bến Tre",
    "short_name": "Tỉnh ủy Bến Tre",
    "owner": "Tỉnh ủy Bến Tre",
    "address": "Số 7, đường Cách Mạng Tháng Tám, phường An Hội, tỉnh Bến Tre",
    "phone": "0275 3599 009",
    "email": "congthongtin@bentre.example.org",
    "responsible_person": "Trần Văn Minh — Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "licence": "Giấy phép số 15/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 12/3/2024",
    "description": "Kênh thông tin chính thức của Tỉnh ủy Bến Tre.",
    "english_name": "Ben Tre Provincial Party Committee Portal",
    "english_short_name": "Ben Tre Party Committee",
    "english_owner": "Ben Tre Provincial Party Committee",
}


@pytest.fixture
def portal():
    information = PortalInformation.objects.create(**FULL)
    province = OrganizationFactory(
        name="Tỉnh ủy Bến Tre", name_en="Ben Tre Provincial Party Committee",
    )
    PositionFactory(
        person=PersonFactory(full_name="Nguyễn Thị Mai", organization=province),
        organization=province, title="Bí thư Tỉnh ủy", title_en="Secretary",
        phone="0275 3599 001", email="ntmai@bentre.example.org",
    )
    return information


def part(html: str, start: str, end: str) -> str:
    return html[html.index(start):html.index(end, html.index(start))]


def header_of(html: str) -> str:
    return part(html, '<header class="site-header"', "</header>")


def meta(html: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert found, key
    return found.group(1)


# 1. Error pages ----------------------------------------------------------------------------


def test_an_unknown_english_address_answers_an_english_404(client, portal):
    response = client.get("/en/xyz/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    assert "Page not found" in html
    assert "<title>Page not found — Ben Tre Provincial Party Committee Portal</title>" in html
    assert vietnamese_on(html) == set()
    main = part(html, '<main id="main"', "</main>")
    assert '<a href="/en/">English home page</a>' in main
    assert 'href="/" lang="vi" hreflang="vi">Tiếng Việt</a>' in main
    assert "/tin-tuc/" not in main  # no English news list
    assert meta(html, "og:title") == "Ben Tre Provincial Party Committee Portal"


def test_an_unknown_vietnamese_address_keeps_its_vietnamese_404(client, portal):
    html = client.get("/khong-co/").content.decode()
    assert '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html
    assert "Mã lỗi: 404" in html
    assert '<a href="/tin-tuc/">tin tức mới nhất</a>' in html


def test_the_500_page_speaks_the_language_of_the_address(django_assert_num_queries):
    with translation.override("en"), django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert '<html lang="en">' in html
    assert "Error code: 500" in html
    assert 'href="/en/"' in html
    assert vietnamese_on(html) == set()
    with translation.override("vi"):
        assert "Hệ thống đang gặp sự cố" in render_to_string("500.html")


# 2. Share tags -----------------------------------------------------------------------------


def test_the_english_page_is_shared_in_english(client, portal):
    html = client.get("/en/").content.decode()
    assert meta(html, "og:locale") == "en_GB"
    assert meta(html, "og:title") == "Ben Tre Provincial Party Committee Portal"
    assert meta(html, "twitter:title") == "Ben Tre Provincial Party Committee Portal"
    description = meta(html, "og:description")
    assert description.startswith("Ben Tre Provincial Party Committee Portal, the official "
                                  "portal of Ben Tre Provincial Party Committee")
    head = part(html, "<head>", "</head>")
    assert vietnamese_on(
        " ".join(re.findall(r'<meta (?:property|name)="[^"]+" content="([^"]*)">', head))
    ) == set()


def test_the_vietnamese_home_keeps_its_share_tags(client, portal):
    html = client.get("/").content.decode()
    assert meta(html, "og:title") == FULL["full_name"]
    assert meta(html, "og:description") == FULL["description"]


# 3. and 4. The header ----------------------------------------------------------------------


def test_the_english_header_leads_home_to_english_and_offers_no_search(client, portal):
    header = header_of(client.get("/en/").content.decode())
    assert '<a class="site-brand" href="/en/">' in header
    assert "data-site-search" not in header
    assert "data-search-toggle" not in header
    assert "/tim-kiem/" not in header
    assert '<p class="topbar-language"><a href="/" lang="vi" hreflang="vi">Tiếng Việt</a>' in (
        header
    )


def test_the_vietnamese_header_keeps_its_search_and_links_to_english(client, portal):
    header = header_of(client.get("/").content.decode())
    assert '<a class="site-brand" href="/">' in header
    assert "data-site-search" in header
    assert "data-search-toggle" in header
    assert re.search(r'<p class="topbar-language"><a href="/en/" lang="en" hreflang="en">'
                     r'<span class="language-code" aria-hidden="true">EN</span>'
                     r'<span class="language-name">English</span></a>', header)


def test_header_and_footer_follow_one_rule_for_the_other_language(client, portal):
    """The counterpart when there is one (/ and /en/), else the other language's home."""
    for path, target in (("/", "/en/"), ("/tin-tuc/", "/en/"), ("/en/", "/"),
                         ("/en/xyz/", "/")):
        html = client.get(path).content.decode()
        header_link = re.search(r'class="topbar-language"><a href="([^"]+)"', html).group(1)
        footer = part(html, '<footer class="site-footer">', "</footer>")
        footer_link = re.search(r'<li><a href="([^"]+)" lang="(?:en|vi)" hreflang', footer)
        assert header_link == footer_link.group(1) == target, path


# 6. The name and the controls on a phone ----------------------------------------------------


def test_the_english_header_shows_the_english_short_name(client, portal):
    header = header_of(client.get("/en/").content.decode())
    assert '<span class="site-short-name" aria-hidden="true">Ben Tre Party Committee</span>' in (
        header
    )
    assert '<span class="reader-toggle-text">Display</span>' in header


def test_without_an_english_short_name_the_english_name_is_shown(client, portal):
    PortalInformation.objects.update(english_short_name="")
    header = header_of(client.get("/en/").content.decode())
    assert (
        '<span class="site-short-name" aria-hidden="true">'
        "Ben Tre Provincial Party Committee Portal</span>"
    ) in header


# 5. and 7. The page and its footer ----------------------------------------------------------


def test_the_officials_table_labels_its_cells_for_a_phone(client, portal):
    html = client.get("/en/").content.decode()
    table = part(html, '<table class="contact-table officials-table">', "</table>")
    assert '<td lang="vi">Nguyễn Thị Mai</td>' in table
    assert '<td data-label="Position">Secretary</td>' in table
    assert '<td data-label="Phone"><a href="tel:+842753599001">0275 3599 001</a></td>' in table
    assert 'data-label="E-mail"><a href="mailto:ntmai@bentre.example.org">' in table


def test_the_footer_marks_the_portals_vietnamese_values_and_labels_them_in_english(
    client, portal,
):
    html = client.get("/en/").content.decode()
    footer = part(html, '<footer class="site-footer">', "</footer>")
    for label, value in (("Address", FULL["address"]),
                         ("Responsible for content", FULL["responsible_person"]),
                         ("Licence", FULL["licence"])):
        assert f'<dt>{label}</dt><dd lang="vi">{value}</dd>' in footer
    assert vietnamese_on(footer) == set()


def test_without_english_names_the_footer_marks_the_vietnamese_ones(client, portal):
    PortalInformation.objects.update(english_name="", english_owner="")
    footer = part(client.get("/en/").content.decode(), '<footer class="site-footer">',
                  "</footer>")
    assert f'<p class="footer-name" lang="vi">{FULL["full_name"]}</p>' in footer
    assert f'Governing body: <span lang="vi">{FULL["owner"]}</span>' in footer
