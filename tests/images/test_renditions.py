"""Image renditions: made once on save, shown through <picture>, never the original on lists.

Renditions are read back from storage with Pillow; pages are fetched with the
test client and their HTML checked.
"""

import io
import re
import shutil
from io import StringIO

import pytest
from admin_forms import inline_management_data
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from factories import (
    ArticleFactory,
    CategoryFactory,
    LibraryImageFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
)
from PIL import Image
from sample_files import upload

from images.renditions import rendition_names
from library.models import LibraryImage
from news.models import Article
from organizations.models import Organization, Person

pytestmark = pytest.mark.django_db


def photo(size=(1200, 900), *, fmt="JPEG", mode="RGB", color=(200, 30, 30), name=None, **save):
    image = Image.new(mode, size, color)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[fmt]
    return ContentFile(buffer.getvalue(), name=name or f"anh.{extension}")


def stored_image(name: str) -> Image.Image:
    with default_storage.open(name) as file:
        image = Image.open(file)
        image.load()
    return image


def sizes_and_formats(description: dict) -> list[tuple[int, int, str]]:
    return [
        (*stored_image(name).size, stored_image(name).format)
        for name in rendition_names(description)
    ]


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# -- making renditions ------------------------------------------------------------------


def test_a_saved_cover_has_webp_and_jpeg_renditions_at_the_card_widths():
    article = ArticleFactory(cover=LibraryImageFactory(file=photo((1600, 1200))))

    description = article.cover.card_renditions
    assert description["source"] == article.cover.file.name
    assert sorted(sizes_and_formats(description)) == sorted(
        (width, width * 9 // 16, fmt)
        for width in (320, 480, 640, 960)
        for fmt in ("JPEG", "WEBP")
    )
    # Stored on the row, so a page needs nothing else.
    assert Article.objects.get(pk=article.pk).cover.card_renditions == description


def test_renditions_are_never_larger_than_the_photo():
    cover = ArticleFactory(cover=LibraryImageFactory(file=photo((400, 300)))).cover.card_renditions
    assert [width for width, _, _ in cover["jpeg"]] == [320, 400]
    assert cover["jpeg"][-1][:2] == [400, 225]

    tiny = LibraryImageFactory(file=photo((200, 100))).renditions
    assert [(width, height) for width, height, _ in tiny["jpeg"]] == [(200, 100)]


def test_figures_keep_their_shape():
    figure = LibraryImageFactory(file=photo((1000, 500)))
    assert sorted(sizes_and_formats(figure.renditions)) == sorted(
        (width, width // 2, fmt) for width in (480, 800, 1000) for fmt in ("JPEG", "WEBP")
    )


def test_the_camera_orientation_is_respected():
    # Upright the photo is portrait, red above blue; the camera stored it turned left
    # with EXIF orientation 6 ("turn right to show").
    upright = Image.new("RGB", (300, 600), (220, 0, 0))
    upright.paste((0, 0, 220), (0, 300, 300, 600))
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", exif=exif)

    figure = LibraryImageFactory(file=ContentFile(buffer.getvalue(), name="doc.jpg"))

    _, _, name = figure.renditions["jpeg"][0]
    image = stored_image(name).convert("RGB")
    assert image.size == (300, 600)
    top, bottom = image.getpixel((150, 50)), image.getpixel((150, 550))
    assert top[0] > 180
    assert top[2] < 60
    assert bottom[2] > 180
    assert bottom[0] < 60


@pytest.mark.parametrize(
    ("fmt", "mode", "color", "transparent"),
    [
        ("PNG", "RGBA", (0, 0, 0, 0), True),
        ("PNG", "LA", (0, 0), True),
        ("GIF", "P", 0, True),
        ("JPEG", "CMYK", (0, 255, 255, 0), False),
        ("JPEG", "L", 90, False),
        ("PNG", "I;16", 40000, False),
    ],
)
def test_any_colour_mode_gives_a_jpeg_and_transparency_falls_on_white(
    fmt, mode, color, transparent
):
    save = {"transparency": 0} if fmt == "GIF" else {}
    organization = OrganizationFactory(
        logo=photo((400, 200), fmt=fmt, mode=mode, color=color, **save)
    )
    description = organization.logo_renditions
    assert [(w, h) for w, h, _ in description["jpeg"]] == [(96, 48), (192, 96)]
    jpeg = stored_image(description["jpeg"][0][2])
    assert (jpeg.format, jpeg.mode) == ("JPEG", "RGB")
    if transparent:
        assert jpeg.getpixel((40, 20)) == (255, 255, 255)
        webp = stored_image(description["webp"][0][2])
        assert webp.format == "WEBP"
        assert webp.mode == "RGBA"
        assert webp.getpixel((40, 20))[3] == 0
    if mode == "CMYK":
        red, green, blue = jpeg.getpixel((40, 20))
        assert red > 200
        assert green < 60
        assert blue < 60


def test_an_animated_gif_gives_its_first_frame():
    frames = [Image.new("RGB", (600, 300), color) for color in ((0, 160, 0), (0, 0, 160))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    figure = LibraryImageFactory(file=ContentFile(buffer.getvalue(), name="dong.gif"))
    _red, green, blue = stored_image(figure.renditions["jpeg"][0][2]).getpixel((10, 10))
    assert green > 120
    assert blue < 60


def test_leaders_photos_are_cut_to_the_portrait_shape():
    person = PersonFactory(photo=photo((600, 600)))
    assert [(w, h) for w, h, _ in person.photo_renditions["jpeg"]] == [(120, 150), (240, 300)]


def test_an_unreadable_file_leaves_the_row_without_renditions_and_the_save_succeeds():
    image = LibraryImageFactory.build(
        file="library/images/khong-co.jpg", width=40, height=30, organization=OrganizationFactory()
    )
    image.save()  # not in storage
    image = LibraryImage.objects.get(pk=image.pk)
    assert image.card_renditions == {
        "source": "library/images/khong-co.jpg", "kind": "card", "failed": True,
        "jpeg": [], "webp": [],
    }
    assert not ArticleFactory(cover=image).cover_picture  # nothing, not even a broken original


# -- replacing and deleting ----------------------------------------------------------


def test_replacing_an_image_deletes_its_old_renditions(django_capture_on_commit_callbacks):
    image = LibraryImageFactory(file=photo(name="cu.jpg"))
    old = rendition_names(image.card_renditions)
    assert all(default_storage.exists(name) for name in old)

    with django_capture_on_commit_callbacks(execute=True):
        image.file = photo((800, 600), name="moi.jpg")
        image.save()

    assert not any(default_storage.exists(name) for name in old)
    new = rendition_names(image.card_renditions)
    assert new
    assert all(default_storage.exists(name) for name in new)
    assert LibraryImage.objects.get(pk=image.pk).card_renditions["source"] == image.file.name


def test_clearing_an_image_deletes_its_renditions(django_capture_on_commit_callbacks):
    organization = OrganizationFactory(logo=photo((300, 300), fmt="PNG"))
    old = rendition_names(organization.logo_renditions)
    with django_capture_on_commit_callbacks(execute=True):
        organization.logo = None
        organization.save()
    assert not any(default_storage.exists(name) for name in old)
    assert Organization.objects.get(pk=organization.pk).logo_renditions == {}


def test_deleting_a_row_keeps_renditions_another_row_still_shows(
    django_capture_on_commit_callbacks,
):
    first = LibraryImageFactory(file=photo(name="chung.jpg"))
    # A second row showing the very same file, as the demo's images once did.
    second = LibraryImageFactory(file=first.file.name)
    assert second.card_renditions == first.card_renditions
    names = rendition_names(first.card_renditions)

    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert not any(default_storage.exists(name) for name in names)


def test_deleting_a_library_photo_deletes_its_renditions(django_capture_on_commit_callbacks):
    image = LibraryImageFactory(file=photo((900, 600)))
    names = rendition_names(image.renditions) + rendition_names(image.card_renditions)
    assert names
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not LibraryImage.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


# -- pages --------------------------------------------------------------------------------


@pytest.fixture
def portal(db):
    category = CategoryFactory(name="Hoạt động Đoàn", slug="hoat-dong-doan", show_on_home=True)
    organization = OrganizationFactory(name="Tỉnh Đoàn Bến Tre", logo=photo((300, 300), fmt="PNG"))
    PositionFactory(organization=organization, person=PersonFactory(photo=photo((500, 600))))
    articles = [
        ArticleFactory(
            category=category, organization=organization, is_featured=True,
            cover=LibraryImageFactory(file=photo(name=f"bia-{index}.jpg")),
        )
        for index in range(3)
    ]
    # In the library, shown by no page (figures in a text are news/figures.py's to show).
    LibraryImageFactory(file=photo((1400, 1000)), caption="Lễ ra quân")
    return {"category": category, "organization": organization, "articles": articles}


def originals(portal) -> list[str]:
    urls = [article.cover.file.url for article in portal["articles"]]
    urls += [image.file.url for image in LibraryImage.objects.all()]
    urls.append(portal["organization"].logo.url)
    urls += [position.person.photo.url for position in portal["organization"].positions.all()]
    return urls


def list_pages(portal) -> list[str]:
    return [
        "/", "/tin-tuc/", portal["category"].get_absolute_url(),
        portal["organization"].get_absolute_url(), "/tim-kiem/?q=Tỉnh+Đoàn",
    ]


def test_list_pages_show_pictures_and_never_an_original(client, portal):
    for url in list_pages(portal):
        page = html(client.get(url))
        for original in originals(portal):
            assert original not in page, (url, original)
    news_list = html(client.get("/tin-tuc/"))
    cover = portal["articles"][0].cover_picture
    assert news_list.count("<picture>") == 3
    assert f'<source type="image/webp" srcset="{cover.webp[0].url} 320w, ' in news_list
    img = re.search(rf'<img src="{cover.jpeg[0].url}"[^>]*>', news_list).group(0)
    assert 'width="240" height="135"' in img
    assert 'sizes="(min-width: 600px) 240px, 100vw"' in img
    assert 'loading="lazy" decoding="async"' in img


@pytest.mark.parametrize("url", ["/", "/tin-tuc/"])
def test_the_first_photo_of_a_page_is_fetched_first_and_the_others_lazily(client, portal, url):
    images = re.findall(r"<img [^>]*>", html(client.get(url)))
    pictures = [image for image in images if "/media/renditions/" in image]
    assert len(pictures) >= 3
    assert 'fetchpriority="high"' in pictures[0]
    assert 'loading="eager"' in pictures[0]
    assert all('loading="lazy"' in image for image in pictures[1:])


def test_the_organisation_page_shows_logo_and_leaders_from_renditions(client, portal):
    page = html(client.get(portal["organization"].get_absolute_url()))
    logo = portal["organization"].logo_picture
    assert re.search(
        rf'<img src="{logo.jpeg[0].url}"[^>]*width="96" height="96"[^>]*class="org-logo"', page
    )
    person = portal["organization"].positions.get().person
    assert re.search(rf'<img src="{person.picture.jpeg[0].url}"[^>]*width="120" height="150"', page)


def test_the_article_page_has_a_jpeg_og_image(client, portal):
    article = portal["articles"][0]
    page = html(client.get(article.get_absolute_url()))
    og = article.cover_picture.largest_jpeg
    assert f'<meta property="og:image" content="http://testserver{og.url}">' in page
    assert og.url.endswith(".jpg")
    for original in originals(portal):
        assert original not in page


def test_pages_render_without_reading_any_image_file(client, portal, media_root):
    shutil.rmtree(media_root)  # originals and renditions alike
    media_root.mkdir()
    article = portal["articles"][0]
    page = html(client.get(article.get_absolute_url()))
    assert article.title in page
    assert "og:image" in page
    for url in list_pages(portal)[:-1]:  # the search page shows no photos
        assert "<picture>" in html(client.get(url)), url


def failed(row, field: str, kind: str) -> dict:
    return {
        "source": getattr(row, field).name, "kind": kind, "failed": True, "jpeg": [], "webp": [],
    }


def test_images_no_rendition_could_be_made_of_are_left_out_rather_than_sent_whole(client, portal):
    for article in portal["articles"]:
        LibraryImage.objects.filter(pk=article.cover_id).update(
            card_renditions=failed(article.cover, "file", "card")
        )
    organization = portal["organization"]
    Organization.objects.filter(pk=organization.pk).update(
        logo_renditions=failed(organization, "logo", "logo")
    )
    for url in [*list_pages(portal), portal["articles"][0].get_absolute_url()]:
        page = html(client.get(url))
        for original in originals(portal):
            assert original not in page, (url, original)
    article_page = html(client.get(portal["articles"][0].get_absolute_url()))
    # Shared with the portal's own picture rather than the upload itself.
    assert re.search(r'property="og:image" content="[^"]*/static/img/share-default', article_page)


def test_the_admin_list_previews_the_smallest_rendition(superuser_client, portal):
    page = html(superuser_client.get("/admin/news/article/"))
    for article in portal["articles"]:
        assert article.cover_picture.jpeg[0].url in page
        assert article.cover.file.url not in page


# -- the command and the demo ---------------------------------------------------------


def test_the_command_makes_missing_renditions_once_per_shared_file(portal):
    first = portal["articles"][0]
    LibraryImage.objects.filter(pk=portal["articles"][1].cover_id).update(
        file=first.cover.file.name, renditions=first.cover.renditions
    )
    LibraryImage.objects.update(card_renditions={}, renditions={})
    untouched = Organization.objects.get(pk=portal["organization"].pk).logo_renditions
    out = StringIO()

    call_command("make_renditions", stdout=out, verbosity=0)

    # Three library files (one shared by two covers), each as a card and as a figure.
    assert "Đã tạo bản thu nhỏ cho 6 ảnh." in out.getvalue()
    covers = list(Article.objects.order_by("pk"))
    assert all(article.cover_picture for article in covers)
    assert covers[0].cover.card_renditions == covers[1].cover.card_renditions
    assert all(
        default_storage.exists(name) for name in rendition_names(covers[2].cover.card_renditions)
    )
    assert LibraryImage.objects.get(caption="Lễ ra quân").picture
    assert Organization.objects.get(pk=portal["organization"].pk).logo_renditions == untouched

    out = StringIO()
    call_command("make_renditions", "--missing-only", stdout=out, verbosity=0)
    assert "cho 0 ảnh" in out.getvalue()

    out = StringIO()
    call_command("make_renditions", "--all", stdout=out, verbosity=0)
    # The three library files as cards and as figures, the logo and the leader's photo.
    assert "cho 8 ảnh" in out.getvalue()


def test_the_command_reports_files_it_cannot_read(portal):
    LibraryImage.objects.filter(pk=portal["articles"][0].cover_id).update(
        file="library/images/mat.jpg", card_renditions={}
    )
    out = StringIO()
    call_command("make_renditions", stdout=out, verbosity=0)
    assert "2 ảnh không đọc được" in out.getvalue()  # as a card and as a figure


def test_load_demo_gives_every_article_its_renditions_made_once_per_pool_photo(client):
    call_command("load_demo", articles=15, stdout=StringIO())
    articles = list(Article.objects.filter(cover__isnull=False).select_related("cover"))
    assert articles
    assert all(article.cover_picture for article in articles)
    figures = list(LibraryImage.objects.all())
    assert len(figures) == 12
    assert all(figure.picture for figure in figures)
    assert all(figure.card_picture for figure in figures)
    descriptions = {article.cover.file.name: article.cover.card_renditions for article in articles}
    for source, description in descriptions.items():
        assert description["source"] == source
        assert all(default_storage.exists(name) for name in rendition_names(description))
    renditions_before = sorted(default_storage.listdir("renditions/library/images/demo")[0])

    call_command("load_demo", articles=15, stdout=StringIO())  # nothing made again
    assert sorted(default_storage.listdir("renditions/library/images/demo")[0]) == renditions_before

    page = html(client.get("/"))
    assert "<picture>" in page
    assert "/media/library/images/demo/" not in page


# -- rich text and the editor upload ------------------------------------------------------


def test_images_in_article_text_load_lazily():
    article = ArticleFactory(
        body='<p><img src="/media/editor/2026/05/a.jpg" alt="x" loading="eager"></p>'
        '<p><img src="/media/editor/2026/05/b.jpg" alt="y"></p>'
    )
    assert article.body == (
        '<p><img src="/media/editor/2026/05/a.jpg" alt="x" loading="lazy" decoding="async"></p>'
        '<p><img src="/media/editor/2026/05/b.jpg" alt="y" loading="lazy" decoding="async"></p>'
    )
    assert ArticleFactory(body=article.body).body == article.body  # cleaning again changes nothing


def test_a_very_wide_editor_upload_is_scaled_down_once(reporter_client, media_root):
    response = reporter_client.post(
        "/editor/upload-image/", {"upload": upload(photo((3000, 1500)).read(), "rong.jpg")}
    )
    assert response.status_code == 200
    name = response.json()["url"].removeprefix("/media/")
    assert stored_image(name).size == (2000, 1000)


def test_two_photos_with_the_same_name_but_another_format_get_their_own_renditions():
    jpeg = ArticleFactory(cover=LibraryImageFactory(file=photo(name="bia.jpg", color=(200, 0, 0))))
    png = ArticleFactory(
        cover=LibraryImageFactory(file=photo(fmt="PNG", name="bia.png", color=(0, 0, 200)))
    )
    jpeg_names, png_names = (
        set(rendition_names(article.cover.card_renditions)) for article in (jpeg, png)
    )
    assert jpeg_names
    assert png_names
    assert not jpeg_names & png_names
    red, _, blue = stored_image(jpeg.cover.card_renditions["jpeg"][0][2]).getpixel((5, 5))
    assert red > 150
    assert blue < 50


def test_a_photo_uploaded_in_the_admin_gets_its_renditions(superuser_client):
    form_page = superuser_client.get("/admin/organizations/person/add/")
    data = {
        **inline_management_data(form_page),
        "full_name": "Nguyễn Văn Minh", "phone": "", "email": "",
        "photo": upload(photo((900, 1200)).read(), "chan-dung.jpg"),
    }
    response = superuser_client.post("/admin/organizations/person/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get()
    assert sorted(sizes_and_formats(person.photo_renditions)) == [
        (120, 150, "JPEG"), (120, 150, "WEBP"), (240, 300, "JPEG"), (240, 300, "WEBP"),
    ]
    listing = html(superuser_client.get("/admin/organizations/person/"))
    assert person.picture.jpeg[0].url in listing
    assert person.photo.url not in listing
