"""The portal's icons, web manifest and share picture (pages/portal_images.py): the
emblem's committed files until the portal has a logo, then PNGs made once from the logo."""

import json
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from factories import image_file
from PIL import Image

from pages.models import PortalInformation
from pages.portal_images import ICON_SIZES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


def head(client, url="/"):
    return client.get(url).content.decode().split("</head>")[0]


def stored_image(url: str) -> Image.Image:
    with default_storage.open(url.removeprefix("/media/")) as file:
        image = Image.open(BytesIO(file.read()))
        image.load()
        return image


def test_without_a_logo_the_emblems_committed_icons_are_named(client):
    page = head(client)

    touch_icon = '<link rel="apple-touch-icon" href="/static/img/icons/icon-180.png"'
    assert f'{touch_icon} sizes="180x180">' in page
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert client.get("/favicon.ico")["Location"] == "/static/img/icons/favicon.ico"
    assert client.get("/apple-touch-icon.png")["Location"] == "/static/img/icons/icon-180.png"
    for size in ICON_SIZES:
        with Image.open(finders.find(f"img/icons/icon-{size}.png")) as icon:
            assert icon.size == (size, size)
    with Image.open(finders.find("img/share-default.png")) as share:
        assert share.size == (1200, 630)
    with Image.open(finders.find("img/icons/favicon.ico")) as favicon:
        assert favicon.format == "ICO"


def test_web_manifest_names_the_portal_and_its_icons(client):
    PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Cà Mau", short_name="Tỉnh ủy Cà Mau",
        owner="Tỉnh ủy Cà Mau",
    )

    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Cổng Thông tin điện tử Tỉnh ủy Cà Mau"
    assert manifest["short_name"] == "Tỉnh ủy Cà Mau"
    assert manifest["lang"] == "vi"
    assert manifest["start_url"] == "/"
    assert manifest["display"] in {"browser", "minimal-ui"}
    assert manifest["theme_color"].startswith("#")
    assert {(icon["sizes"], icon["src"]) for icon in manifest["icons"]} == {
        ("192x192", "/static/img/icons/icon-192.png"),
        ("512x512", "/static/img/icons/icon-512.png"),
    }
    assert client.post("/manifest.webmanifest").status_code == 405


def test_icons_are_made_once_from_the_logo_and_named_everywhere(client, media_files):
    info = PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Cà Mau", owner="Tỉnh ủy Cà Mau",
        logo=image_file("logo.png", fmt="PNG", size=(600, 400), color=(0, 90, 160)),
    )
    info.refresh_from_db()
    icons = info.derived_images["icons"]
    assert info.derived_images["logo"] == info.logo.name

    for size in ICON_SIZES:
        image = stored_image("/media/" + icons[str(size)])
        assert image.size == (size, size)
        assert image.format == "PNG"
    # A wide logo sits in the middle of the square, on white for the iPhone's icon.
    touch = stored_image("/media/" + icons["180"])
    assert touch.mode == "RGB"
    assert touch.getpixel((2, 2)) == (255, 255, 255)
    assert touch.getpixel((90, 90)) == (0, 90, 160)
    assert client.get("/favicon.ico")["Location"] == "/media/" + icons["ico"]
    assert client.get("/apple-touch-icon.png")["Location"] == "/media/" + icons["180"]
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert {icon["src"] for icon in manifest["icons"]} == {
        "/media/" + icons["192"], "/media/" + icons["512"],
    }
    page = head(client)
    assert f'href="/media/{icons["180"]}"' in page
    assert "logo" in json.dumps([line for line in page.splitlines() if "ld+json" in line])

    # Pages and saves that leave the logo alone make nothing again.
    files = media_files()
    head(client, "/tin-tuc/")
    info.description = "Cổng của Tỉnh ủy."
    info.save()
    assert media_files() == files

    # A new logo gets its own icons.
    info.logo = image_file("logo-moi.png", fmt="PNG", size=(512, 512), color=(10, 10, 10))
    info.save()
    info.refresh_from_db()
    assert info.derived_images["icons"]["180"] != icons["180"]
    assert client.get("/favicon.ico")["Location"] == "/media/" + info.derived_images["icons"]["ico"]


def test_an_uploaded_share_picture_is_shared_with_its_size(client):
    PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Cà Mau", owner="Tỉnh ủy Cà Mau",
        share_image=image_file("chia-se.jpg", size=(1200, 630)),
    )
    info = PortalInformation.objects.get()

    page = head(client)

    shared = f"http://testserver/media/{info.share_image.name}"
    assert f'<meta property="og:image" content="{shared}">' in page
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page


def test_a_logo_that_cannot_be_read_leaves_the_emblems_icons(client, media_root):
    info = PortalInformation.objects.create(full_name="Cổng", owner="Tỉnh ủy")
    PortalInformation.objects.filter(pk=info.pk).update(logo="portal/khong-co.png")
    info.refresh_from_db()
    info.save()

    assert client.get("/favicon.ico")["Location"] == "/static/img/icons/favicon.ico"
    assert client.get("/").status_code == 200
