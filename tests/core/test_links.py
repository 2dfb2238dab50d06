"""The one rule for links people type (core/links.py), checked against a real WHATWG URL
parser: ada (the parser of Node.js, through the ada-url package) resolves each link as a
browser does, relative to a page of the portal, and an internal link must stay on the
portal's origin. Then where the rule is applied: menu entries, organisations' websites,
the pages that show them (also for rows saved before the rule), and the admin's login
redirect."""

import re

import ada_url
import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from factories import PASSWORD as FACTORY_PASSWORD
from factories import OrganizationFactory, SuperUserFactory
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.links import EXTERNAL, INTERNAL, link_kind, validate_external_link, validate_link
from pages.models import MenuItem

ORIGIN = "https://portal.example.vn"
# Pages a menu is shown on: the home page and a deep article page.
BASES = (f"{ORIGIN}/", f"{ORIGIN}/tin-tuc/tinh-doan-ra-quan/?trang=2#binh-luan")

# Strings that look like paths of the portal (or harmless) but that browsers take elsewhere.
ATTACKS = [
    "/\\evil.example/",
    "\\\\evil.example",
    "\\/evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\t\\evil.example",
    " //evil.example",
    "\x00//evil.example",
    "\x1f/\\evil.example",
    "//evil.example",
    "///evil.example",
    "/ /evil.example",
    "/\u00a0/evil.example",
    "/\u3000/evil.example",
    "/\u200b/evil.example",
    "/\u202e/evil.example",
    "/\uff0f/evil.example",  # full-width solidus
    "/\uff3cevil.example",  # full-width reverse solidus
    "/\ufe68evil.example",  # small reverse solidus
    "/%EF%BC%8F/evil.example",
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "/./\\evil.example",
    "http:evil.example",
    "https:evil.example",
    "http:/evil.example",
    "https:/evil.example",
    "http:\\\\evil.example",
    "https:\\\\evil.example\\",
    "http:/\\evil.example",
    "HTTPS:evil.example",
    "https://portal.example.vn@evil.example/",
    "https://portal.example.vn:x@evil.example/",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://evil.example/",
    "file:///etc/passwd",
    "//evil.example/tin-tuc/",
    "tin-tuc",
    "evil.example",
    "",
]

ACCEPTED = [
    ("/", INTERNAL),
    ("/tin-tuc/", INTERNAL),
    ("/van-ban/?loai=chi_thi", INTERNAL),
    ("/tim-kiem/?q=Đoàn+thanh+niên", INTERNAL),
    ("/chuyen-muc/thoi-su/#moi-nhat", INTERNAL),
    ("https://vpdt.bentre.dcs.vn/", EXTERNAL),
    ("http://example.vn/a", EXTERNAL),
    ("HTTPS://TinhDoan.BenTre.gov.vn/gioi-thieu/", EXTERNAL),
    ("https://dangcongsan.vn/tim-kiem?q=x%20y", EXTERNAL),
]


def resolved(link: str, base: str) -> ada_url.URL:
    return ada_url.URL(link, base=base)


# -- the rule ----------------------------------------------------------------------------


@pytest.mark.parametrize("link", ATTACKS)
def test_attack_strings_are_refused(link):
    assert link_kind(link) is None
    with pytest.raises(ValidationError):
        validate_link(link)


@pytest.mark.parametrize(("link", "kind"), ACCEPTED)
def test_ordinary_links_are_accepted(link, kind):
    assert link_kind(link) == kind
    validate_link(link)


@pytest.mark.parametrize(
    "link", ["/\\evil.example/", "/\t/evil.example", " /\\evil.example", "http:evil.example"]
)
def test_what_the_rule_refuses_does_lead_off_site_in_a_browser(link):
    """The issue's examples, as a browser resolves them on a page of the portal."""
    assert resolved(link, BASES[0]).hostname == "evil.example"
    assert link_kind(link) is None


PIECES = st.sampled_from(
    [
        "/", "//", "\\", "\t", "\n", "\r", " ", "\x00", "\x0b", "\x1f", "\x7f", "\u00a0", "\u3000",
        "\u200b", "\ufeff", "\uff0f", "\uff3c", "\ufe68", "\u2215", "%", "%5C", "%5c", "%2F",
        "%2f", "%2e", "%2E", "%09", "%0a", "%00", ".", "..", ":", "@", "?", "#", "http:",
        "https:", "HTTP:", "javascript:", "data:", "evil.example", "portal.example.vn",
        "tin-tuc", "a", "Đ", "x-y", "=", "&", "+", "[", "]", ":443", "xn--",
    ]
)
LINKS = st.one_of(
    st.lists(PIECES, max_size=10).map("".join),
    st.builds(lambda head, tail: head + tail, st.sampled_from(["/", "http://", "https://"]),
              st.lists(PIECES, max_size=8).map("".join)),
    st.builds(lambda scheme, host, tail: scheme + host + tail,
              st.sampled_from(["http://", "https://", "HTTPS://", "https:", "https:/"]),
              st.sampled_from(["evil.example", "portal.example.vn", "ví-dụ.vn", "127.0.0.1",
                               "[::1]", "a.vn:8080", "a.vn@b.vn"]),
              st.lists(PIECES, max_size=6).map("".join)),
    st.text(max_size=30),
    st.builds(lambda head, tail: head + tail, st.just("/"), st.text(max_size=20)),
)


@given(LINKS)
@settings(max_examples=3000, deadline=None)
@example("/\\evil.example/")
@example("/%5Cevil")
@example("/\t/evil.example")
@example("http:evil.example")
@example("https:/evil.example")
def test_every_accepted_internal_link_stays_on_the_portal(link):
    """Resolved as a browser does, from any page of the portal, an accepted internal link is on
    the portal's origin; an accepted external link is an absolute http(s) address with a host,
    the same whichever page it is on."""
    kind = link_kind(link)
    if kind == INTERNAL:
        for base in BASES:
            url = resolved(link, base)
            assert url.origin == ORIGIN, (link, url.href)
            assert url.pathname.startswith("/") and not url.pathname.startswith("//")
    elif kind == EXTERNAL:
        url = ada_url.URL(link)
        assert url.protocol in ("http:", "https:")
        assert url.hostname
        assert all(resolved(link, base).href == url.href for base in BASES)
        assert not url.username and not url.password


# -- menus --------------------------------------------------------------------------------


def render_menu(path="/"):
    request = RequestFactory().get(path)
    return Template("{% load portal_tags %}{% main_menu %}").render(Context({"request": request}))


@pytest.mark.parametrize(
    "link", ["/\\evil.example/", "/%5Cevil", "/\t/evil.example", "http:evil.example",
             "https:/evil.example", "//evil.example", "/\uff0f/evil.example"]
)
def test_the_menu_form_refuses_attack_links_in_vietnamese(main_menu, link):
    with pytest.raises(ValidationError) as error:
        MenuItem(menu=main_menu, title="Mục", link=link).full_clean()
    assert "Liên kết phải là đường dẫn trong trang" in error.value.message_dict["link"][0]


def test_the_admin_refuses_a_backslash_link(client, main_menu):
    client.force_login(SuperUserFactory())
    response = client.post(
        f"/admin/pages/menu/{main_menu.pk}/change/",
        {
            "name": main_menu.name, "slug": main_menu.slug,
            "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "1000",
            "items-0-title": "Tin tức", "items-0-link": "/\\evil.example/",
            "items-0-order": "10", "items-0-is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Liên kết phải là đường dẫn trong trang" in response.content.decode()
    assert not MenuItem.objects.exists()


@pytest.mark.django_db
def test_rows_saved_before_the_rule_never_lead_off_site(main_menu):
    """Rows stored without validation (older than the rule): the menu leaves them out, with
    their sub-entries, and every href it emits stays on the portal or is a real external
    address marked rel="external"."""
    MenuItem.objects.create(menu=main_menu, title="Tin tức", link="/tin-tuc/", order=1)
    MenuItem.objects.create(menu=main_menu, title="Văn phòng điện tử",
                            link="https://vpdt.bentre.dcs.vn/", order=2)
    storable = [link for link in ATTACKS if "\x00" not in link]  # PostgreSQL refuses NUL
    for order, link in enumerate(storable, start=10):
        item = MenuItem.objects.create(menu=main_menu, title=f"Bẫy {order}", link=link, order=order)
        MenuItem.objects.create(menu=main_menu, parent=item, title=f"Con {order}",
                                link="/con/", order=1)

    html = render_menu()

    links = re.findall(r'<a href="([^"]*)"([^>]*)>([^<]*)<', html)
    assert [title for _, _, title in links] == ["Tin tức", "Văn phòng điện tử"]
    for href, attributes, _ in links:
        for base in BASES:
            url = resolved(href, base)
            assert url.origin == ORIGIN or 'rel="external"' in attributes
    assert "Bẫy" not in html and "/con/" not in html and "evil" not in html


@pytest.mark.django_db
def test_a_path_looking_link_is_never_marked_external_nor_shown_when_refused(main_menu):
    item = MenuItem.objects.create(menu=main_menu, title="Cũ", link="/\\evil.example/")
    assert not item.is_external
    assert item.href == ""
    assert 'href="/\\evil.example/"' not in render_menu()


# -- organisations' websites --------------------------------------------------------------


@pytest.mark.parametrize(
    "website",
    ["javascript:alert(1)", "ftp://tinhdoan.example.vn/", "https://portal.example.vn@evil.example/",
     "http:evil.example", "/\\evil.example/", "//evil.example"],
)
def test_an_organisation_website_must_be_an_http_address(website):
    with pytest.raises(ValidationError) as error:
        validate_external_link(website)
    assert "Trang web phải là địa chỉ đầy đủ" in error.value.messages[0]


@pytest.mark.django_db
def test_the_organisation_form_refuses_a_website_with_a_user_name():
    organization = OrganizationFactory.build(website="http://tinhdoan.example.vn@evil.example/")
    with pytest.raises(ValidationError) as error:
        organization.full_clean(exclude=["path", "depth", "numchild"])
    assert "website" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("website", ["javascript:alert(1)", "/\\evil.example/", "data:text/html,x"])
def test_pages_never_link_a_refused_website(client, website):
    organization = OrganizationFactory(kind="party_committee", level="province",
                                       website=website, address="Số 7, đường Hùng Vương")
    for path in (organization.get_absolute_url(), "/lien-he/"):
        html = client.get(path).content.decode()
        assert f'href="{website}"' not in html
        assert "Trang web" not in html


@pytest.mark.django_db
def test_pages_link_a_good_website(client):
    organization = OrganizationFactory(website="https://tinhdoan.bentre.gov.vn/")
    html = client.get(organization.get_absolute_url()).content.decode()
    assert '<a href="https://tinhdoan.bentre.gov.vn/" rel="noopener">' in html


# -- redirects after logging in -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["/\\evil.example/", "/\t/evil.example", "//evil.example", "http:evil.example",
               "https:/evil.example", "https://evil.example/", "\\\\evil.example"]
)
def test_the_login_redirect_stays_on_the_portal(client, target):
    """The admin's login (Django's own view, the only login) never sends anyone off-site."""
    user = SuperUserFactory()
    response = client.post(
        "/admin/login/",
        {"username": user.username, "password": FACTORY_PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert resolved(response["Location"], f"{ORIGIN}/admin/login/").origin == ORIGIN
