"""What search engines and social networks read of each public page, as they read it:
JSON-LD and Open Graph extracted by extruct from the page the test client gets, checked
against what Google's documentation requires of NewsArticle, BreadcrumbList and
Organization (types, properties, ISO dates with an offset, absolute URLs, pictures that
load as pictures)."""

import json
import re
from datetime import date, datetime
from io import BytesIO
from urllib.parse import urlsplit

import extruct
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryImageFactory,
    OrganizationFactory,
    StaticPageFactory,
    image_file,
)
from PIL import Image

from pages.models import PortalInformation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

BASE = "http://testserver"
ISO_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d$")
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d$")
ORGANIZATION_TYPES = {"Organization", "GovernmentOrganization", "NewsMediaOrganization"}


@pytest.fixture(autouse=True)
def static_files_served(settings):
    """The static files as the server gives them (WhiteNoise from the finders), so that
    a picture a page names can be fetched by the test client."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def portal(db):
    return PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Cà Mau", short_name="Tỉnh ủy Cà Mau",
        owner="Tỉnh ủy Cà Mau", address="Số 1 Hùng Vương, phường 5, Cà Mau",
        phone="0290 3831 234", email="tinhuy@camau.dcs.vn",
    )


@pytest.fixture
def pages(portal):
    """One page of each public type, by name."""
    parent = OrganizationFactory(name="Tỉnh ủy Cà Mau", slug="tinh-uy")
    board = OrganizationFactory(
        name="Ban Tuyên giáo Tỉnh ủy", slug="ban-tuyen-giao", parent=parent,
        introduction="<p>Ban Tuyên giáo là cơ quan <b>tham mưu</b> của Tỉnh ủy.</p>",
        address="Số 3 Hùng Vương", phone="0290 3831 555", email="btg@camau.dcs.vn",
    )
    category = CategoryFactory(name="Xây dựng Đảng", slug="xay-dung-dang")
    cover = LibraryImageFactory(file=image_file(size=(1200, 800)), alt_text="Hội nghị Tỉnh ủy")
    article = ArticleFactory(
        title="Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5", slug="hoi-nghi-lan-5",
        summary="Hội nghị bàn nhiệm vụ năm 2027.", category=category, organization=board,
        cover=cover, author_name="Minh Thư",
    )
    plain = ArticleFactory(
        title="Thông báo lịch tiếp công dân", slug="lich-tiep-cong-dan", category=category,
        organization=board, published_date_only=True,
    )
    directive = DirectiveFactory(issuer=parent)
    page = StaticPageFactory(title="Giới thiệu", slug="gioi-thieu", summary="Về cổng.")
    return {
        "home": reverse("home"),
        "article": article.get_absolute_url(),
        "plain_article": plain.get_absolute_url(),
        "article_list": reverse("news:article_list"),
        "category": category.get_absolute_url(),
        "directive": directive.get_absolute_url(),
        "directive_list": reverse("news:directive_list"),
        "search": reverse("news:search") + "?q=h%E1%BB%99i+ngh%E1%BB%8B",
        "static_page": page.get_absolute_url(),
        "contact": reverse("contact"),
        "organization_tree": reverse("organizations:tree"),
        "organization": board.get_absolute_url(),
        "organization_articles": reverse("organizations:articles", args=[board.slug]),
    }


def extract(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    data = extruct.extract(text, base_url=BASE + url, syntaxes=["json-ld", "opengraph"])
    opengraph = {}
    for block in data["opengraph"]:
        for name, value in block["properties"]:
            opengraph.setdefault(name, value)
    meta = dict(re.findall(r'<meta name="([^"]+)" content="([^"]*)"', text))
    return data["json-ld"], opengraph, meta, text


def by_type(nodes):
    found = {}
    for node in nodes:
        for item in node.get("@graph", [node]):
            found.setdefault(item["@type"], []).append(item)
    return found


# -- the schema check -------------------------------------------------------------------------


def absolute(url) -> str:
    parts = urlsplit(url)
    assert parts.scheme in {"http", "https"}, f"not absolute: {url}"
    assert parts.netloc, f"not absolute: {url}"
    return url


def loads_as_picture(client, url):
    """The picture at `url` answers 200 as an image (media files read from the storage,
    which the test server does not serve)."""
    path = urlsplit(absolute(url)).path
    if path.startswith(settings.MEDIA_URL):
        with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as file:
            content, kind = file.read(), "image/"
    else:
        response = client.get(path)
        assert response.status_code == 200, url
        kind = response["Content-Type"]
        content = b"".join(response.streaming_content) if response.streaming else response.content
    assert kind.startswith("image/"), (url, kind)
    with Image.open(BytesIO(content)) as image:
        image.verify()


def moment(value) -> datetime | date:
    if ISO_MOMENT.match(value):
        return datetime.fromisoformat(value)
    assert ISO_DATE.match(value), f"not an ISO date with an offset: {value}"
    return date.fromisoformat(value)


def image_url(value) -> str:
    return value["url"] if isinstance(value, dict) else value


def check_organization(client, node):
    assert node["@type"] in ORGANIZATION_TYPES
    assert node["name"].strip()
    absolute(node["url"])
    if "logo" in node:
        loads_as_picture(client, image_url(node["logo"]))
    if "address" in node:
        assert node["address"]["@type"] == "PostalAddress"
        assert node["address"]["streetAddress"].strip()
    if "parentOrganization" in node:
        check_organization(client, node["parentOrganization"])


def check_news_article(client, node, page_url):
    """Google's Article: headline (at most 110 characters), image, dates with a time zone,
    author with a type and a name, publisher with a logo; ours in Vietnamese."""
    assert node["@type"] == "NewsArticle"
    assert 0 < len(node["headline"]) <= 110
    images = node["image"] if isinstance(node["image"], list) else [node["image"]]
    assert images
    for image in images:
        loads_as_picture(client, image_url(image))
    published, modified = moment(node["datePublished"]), moment(node["dateModified"])
    if isinstance(published, datetime):
        assert published <= modified
    authors = node["author"] if isinstance(node["author"], list) else [node["author"]]
    for author in authors:
        assert author["@type"] in {"Person"} | ORGANIZATION_TYPES
        assert author["name"].strip()
    check_organization(client, node["publisher"])
    assert "logo" in node["publisher"]
    assert node["mainEntityOfPage"]["@id"] == BASE + page_url
    assert node["inLanguage"] == "vi"
    assert node["description"].strip()


def check_breadcrumb(node, page_url):
    """Google's BreadcrumbList: ListItems numbered from 1, each a name and an address."""
    items = node["itemListElement"]
    assert items
    for position, item in enumerate(items, start=1):
        assert item["@type"] == "ListItem"
        assert item["position"] == position
        assert item["name"].strip()
        absolute(item["item"])
    assert items[0]["item"] == BASE + "/"


def check_website(node):
    assert node["name"].strip()
    absolute(node["url"])
    action = node["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert "{search_term_string}" in absolute(action["target"]["urlTemplate"])
    assert action["query-input"] == "required name=search_term_string"


def check_opengraph(client, opengraph, meta, page_url):
    for name in ("og:title", "og:description", "og:type", "og:url", "og:image",
                 "og:image:alt", "og:site_name"):
        assert opengraph.get(name, "").strip(), (page_url, name)
    absolute(opengraph["og:url"])
    loads_as_picture(client, opengraph["og:image"])
    assert int(opengraph["og:image:width"]) > 0
    assert int(opengraph["og:image:height"]) > 0
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == opengraph["og:image"]
    assert meta["description"] == opengraph["og:description"]


# -- the pages ----------------------------------------------------------------------------------


def test_every_page_type_has_valid_open_graph_and_breadcrumbs(client, pages):
    for name, url in pages.items():
        nodes, opengraph, meta, _ = extract(client, url)
        check_opengraph(client, opengraph, meta, url)
        trails = by_type(nodes).get("BreadcrumbList", [])
        if name == "home":
            assert trails == []
        else:
            assert len(trails) == 1, name
            check_breadcrumb(trails[0], url)


def test_descriptions_and_titles_differ_between_pages_and_name_the_portal(client, pages, portal):
    descriptions, titles = {}, {}
    for name, url in pages.items():
        text = client.get(url).content.decode()
        descriptions[name] = re.search(r'<meta name="description" content="([^"]*)"', text)[1]
        titles[name] = re.search(r"<title>([^<]*)</title>", text)[1]
        assert portal.full_name in titles[name], name
    assert len(set(descriptions.values())) == len(descriptions), descriptions
    assert len(set(titles.values())) == len(titles), titles
    assert descriptions["article"] == "Hội nghị bàn nhiệm vụ năm 2027."
    assert descriptions["category"].startswith("Tin tức về Xây dựng Đảng")
    assert descriptions["organization"] == "Ban Tuyên giáo là cơ quan tham mưu của Tỉnh ủy."
    assert descriptions["static_page"] == "Về cổng."
    assert "“hội nghị”" in descriptions["search"]


def test_article_is_a_news_article_with_its_cover_author_and_publisher(client, pages, portal):
    nodes, opengraph, _, _ = extract(client, pages["article"])

    (article,) = by_type(nodes)["NewsArticle"]
    check_news_article(client, article, pages["article"])
    assert article["headline"] == "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5"
    assert article["author"] == [{"@type": "Person", "name": "Minh Thư"}]
    assert article["publisher"]["name"] == "Tỉnh ủy Cà Mau"
    assert "/renditions/" in article["image"][0]["url"]
    assert opengraph["og:type"] == "article"
    assert opengraph["og:image"] == article["image"][0]["url"]
    assert opengraph["og:image:alt"] == "Hội nghị Tỉnh ủy"
    assert ISO_MOMENT.match(opengraph["article:published_time"])
    assert opengraph["article:section"] == "Xây dựng Đảng"


def test_article_without_cover_or_author_shares_the_portal_picture_and_names_its_organisation(
    client, pages
):
    nodes, opengraph, _, _ = extract(client, pages["plain_article"])

    (article,) = by_type(nodes)["NewsArticle"]
    check_news_article(client, article, pages["plain_article"])
    assert article["author"][0]["name"] == "Ban Tuyên giáo Tỉnh ủy"
    assert article["author"][0]["@type"] == "GovernmentOrganization"
    # The source gave only a day: no invented midnight.
    assert ISO_DATE.match(article["datePublished"])
    assert article["image"][0]["url"] == BASE + "/static/img/share-default.png"
    assert opengraph["og:image"] == BASE + "/static/img/share-default.png"
    assert (opengraph["og:image:width"], opengraph["og:image:height"]) == ("1200", "630")


def test_home_describes_the_website_with_its_search_and_the_portals_owner(client, pages):
    nodes, _, _, _ = extract(client, pages["home"])

    found = by_type(nodes)
    (site,) = found["WebSite"]
    check_website(site)
    assert site["name"] == "Cổng Thông tin điện tử Tỉnh ủy Cà Mau"
    (owner,) = found["GovernmentOrganization"]
    check_organization(client, owner)
    assert owner["telephone"] == "0290 3831 234"
    assert owner["email"] == "tinhuy@camau.dcs.vn"
    assert owner["address"]["streetAddress"] == "Số 1 Hùng Vương, phường 5, Cà Mau"


def test_organisation_page_describes_it_with_its_parent(client, pages):
    nodes, _, _, _ = extract(client, pages["organization"])

    (organization,) = by_type(nodes)["GovernmentOrganization"]
    check_organization(client, organization)
    assert organization["name"] == "Ban Tuyên giáo Tỉnh ủy"
    assert organization["telephone"] == "0290 3831 555"
    assert organization["parentOrganization"]["name"] == "Tỉnh ủy Cà Mau"
    assert organization["parentOrganization"]["url"] == BASE + "/to-chuc/tinh-uy/"


def test_json_ld_cannot_be_closed_by_what_editors_type(client, portal):
    ArticleFactory(
        title="Tiêu đề </script><script>alert(1)</script> & “ngoặc”", slug="thu-thoat",
        summary="Sapo <b>in đậm</b>",
    )
    nodes, _, _, text = extract(client, "/tin-tuc/thu-thoat/")

    (article,) = by_type(nodes)["NewsArticle"]
    assert article["headline"] == "Tiêu đề </script><script>alert(1)</script> & “ngoặc”"
    assert "<script>alert(1)" not in text
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert all(json.loads(script) for script in scripts)


# -- canonical addresses and page numbers -----------------------------------------------------


def canonical(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.search(r'<link rel="canonical" href="([^"]*)"', response.content.decode())[1]


def test_filtered_directive_lists_are_canonical_to_the_unfiltered_list(client, portal):
    issuer = OrganizationFactory()
    for _ in range(settings.NEWS_PAGE_SIZE + 1):
        DirectiveFactory(issuer=issuer)

    assert canonical(client, "/van-ban/") == BASE + "/van-ban/"
    assert canonical(client, "/van-ban/?page=2") == BASE + "/van-ban/?page=2"
    assert canonical(client, "/van-ban/?doc_type=chi_thi") == BASE + "/van-ban/"
    assert canonical(client, "/van-ban/?q=x&page=1&year=2020") == BASE + "/van-ban/"
    second = client.get("/van-ban/?page=2").content.decode()
    assert "(trang 2)" in re.search(r'<meta name="description" content="([^"]*)"', second)[1]
    assert "noindex" not in second


def test_a_page_number_past_the_last_is_not_found(client, portal):
    organization = OrganizationFactory(slug="ban-dan-van")
    directive = DirectiveFactory(issuer=organization)
    for _ in range(settings.NEWS_PAGE_SIZE + 1):
        article = ArticleFactory(organization=organization, title="Hội nghị dân vận")
        article.directives.add(directive)
    lists = {
        "/van-ban/": 1,
        "/tim-kiem/?q=d%C3%A2n+v%E1%BA%ADn": 2,
        "/to-chuc/ban-dan-van/tin-tuc/": 2,
        directive.get_absolute_url(): 2,
    }
    for url, last in lists.items():
        joiner = "&" if "?" in url else "?"
        assert client.get(f"{url}{joiner}page={last}").status_code == 200, url
        assert client.get(f"{url}{joiner}page={last + 1}").status_code == 404, url
        assert client.get(f"{url}{joiner}page=999999999999999999999").status_code == 404, url
        # Not a number at all: the first page, as before.
        assert client.get(f"{url}{joiner}page=abc").status_code == 200, url
