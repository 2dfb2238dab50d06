"""The RSS feeds (news/feeds.py) as feed readers parse them: the portal's name, language
and icon on the channel; each item's full summary and its cover as an enclosure and as
Media RSS content."""

import xml.etree.ElementTree as ET

import pytest
from django.core.files.storage import default_storage
from factories import ArticleFactory, CategoryFactory, LibraryImageFactory, image_file

from pages.models import PortalInformation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

MEDIA = "{http://search.yahoo.com/mrss/}"
LONG_SUMMARY = " ".join(["Tỉnh ủy chỉ đạo triển khai nghị quyết đến từng chi bộ."] * 12)


def channel(client, url="/rss/"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).find("channel")


@pytest.fixture
def portal(db):
    return PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Cà Mau", owner="Tỉnh ủy Cà Mau",
    )


def test_channel_names_the_portal_its_language_and_icon(client, portal):
    found = channel(client)

    assert found.findtext("title") == "Cổng Thông tin điện tử Tỉnh ủy Cà Mau — tin mới"
    assert found.findtext("language") == "vi"
    image = found.find("image")
    assert image.findtext("url") == "http://testserver/static/img/icons/icon-144.png"
    assert image.findtext("title") == found.findtext("title")
    assert image.findtext("link") == found.findtext("link") == "http://testserver/tin-tuc/"
    assert int(image.findtext("width")) <= 144


def test_items_carry_the_full_summary_and_the_cover(client, portal):
    cover = LibraryImageFactory(file=image_file(size=(1000, 700)), alt_text="Quang cảnh hội nghị")
    article = ArticleFactory(title="Hội nghị Tỉnh ủy", summary=LONG_SUMMARY, cover=cover)
    ArticleFactory(title="Tin không ảnh")

    items = {item.findtext("title"): item for item in channel(client).findall("item")}

    with_cover = items["Hội nghị Tỉnh ủy"]
    assert with_cover.findtext("description") == LONG_SUMMARY
    enclosure = with_cover.find("enclosure")
    rendition = article.cover_picture.largest_jpeg
    assert enclosure.get("url") == "http://testserver" + rendition.url
    assert enclosure.get("type") == "image/jpeg"
    stored = rendition.url.removeprefix("/media/")
    assert int(enclosure.get("length")) == default_storage.size(stored) > 0
    content = with_cover.find(f"{MEDIA}content")
    assert content.get("url") == enclosure.get("url")
    assert content.get("medium") == "image"
    assert (content.get("width"), content.get("height")) == (
        str(rendition.width), str(rendition.height)
    )
    assert content.findtext(f"{MEDIA}description") == "Quang cảnh hội nghị"

    plain = items["Tin không ảnh"]
    assert plain.find("enclosure") is None
    assert plain.find(f"{MEDIA}content") is None


def test_category_feed_names_the_category_and_the_portal(client, portal):
    category = CategoryFactory(name="Xây dựng Đảng", slug="xay-dung-dang")
    ArticleFactory(category=category, title="Tin xây dựng Đảng")

    found = channel(client, "/rss/xay-dung-dang/")

    assert found.findtext("title") == "Xây dựng Đảng — Cổng Thông tin điện tử Tỉnh ủy Cà Mau"
    assert [item.findtext("title") for item in found.findall("item")] == ["Tin xây dựng Đảng"]
    assert found.find("image") is not None


def test_a_cover_whose_file_is_gone_loses_only_its_enclosure(client, portal):
    cover = LibraryImageFactory(file=image_file(size=(800, 600)))
    article = ArticleFactory(title="Ảnh đã mất", cover=cover)
    default_storage.delete(article.cover_picture.largest_jpeg.url.removeprefix("/media/"))

    (item,) = channel(client).findall("item")

    assert item.find("enclosure") is None
    assert item.find(f"{MEDIA}content") is not None
