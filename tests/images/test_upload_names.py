"""Uploads are stored under random names (images/uploads.py), through the real entry points:
the article admin (cover and captioned photos) of a draft, the directive admin, the person
admin, organisations, the editor's upload view. Nothing on disk carries the uploader's
words; the admin shows the original name, and a directive downloads under it."""

import re
from datetime import timedelta

import pytest
from admin_forms import inline_management_data
from django.core.files.base import ContentFile
from django.utils import timezone
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    OrganizationFactory,
    PersonFactory,
)
from sample_files import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes, upload

from images.renditions import rendition_names
from images.uploads import clean_original_name, is_unguessable
from news.models import Article, Directive
from organizations.models import Person

pytestmark = pytest.mark.django_db

TOKEN = r"[0-9a-f]{32}"


def assert_unguessable(name: str, folder: str, extension: str):
    assert re.fullmatch(rf"{folder}/{TOKEN}\{extension}", name), name


def assert_no_trace_of(words: str, media_files):
    assert not [path for path in media_files() if words in path]


# -- article covers and photos of a draft ----------------------------------------------------


def post_draft(client, *, cover=None, images=()):
    form_page = client.get("/admin/news/article/add/")
    rows = [
        {"image": image, "caption": f"Ảnh {number}", "alt_text": "", "order": str(number)}
        for number, image in enumerate(images, start=1)
    ]
    data = {
        **inline_management_data(form_page, images=rows),
        "title": "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12",
        "slug": "", "summary": "", "body": "<p>Nội dung</p>",
        "organization": OrganizationFactory().pk, "category": CategoryFactory().pk,
        "status": Article.Status.DRAFT, "published_at_0": "", "published_at_1": "",
        "source": "", "author_name": "", "_save": "Lưu lại",
    }
    if cover is not None:
        data["cover_image"] = cover
    response = client.post("/admin/news/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Article.objects.get()


def test_a_draft_cover_and_its_renditions_have_unguessable_names(
    superuser_client, media_root, media_files
):
    today = timezone.localdate()
    article = post_draft(superuser_client, cover=upload(jpeg_bytes(size=(800, 450)),
                                                        "bia-hoi-nghi.jpg"))

    name = article.cover_image.name
    assert_unguessable(name, f"articles/covers/{today:%Y/%m}", ".jpg")
    assert article.cover_original_name == "bia-hoi-nghi.jpg"
    assert_no_trace_of("bia-hoi-nghi", media_files)
    # The renditions live in a folder named after the stored (random) name.
    renditions = rendition_names(article.cover_renditions)
    assert renditions
    assert all(path.startswith(f"renditions/{name}/") for path in renditions)
    assert sorted(media_files()) == sorted([name, *renditions])
    # The address a guesser would try is not there.
    assert not (media_root / f"articles/covers/{today:%Y/%m}/bia-hoi-nghi.jpg").exists()


def test_captioned_photos_of_a_draft_have_unguessable_names(superuser_client, media_files):
    article = post_draft(superuser_client, images=[
        upload(jpeg_bytes(), "Bí thư phát biểu.jpg"), upload(png_bytes(), "toan-canh.png"),
    ])

    images = list(article.images.order_by("order"))
    assert [image.original_name for image in images] == ["Bí thư phát biểu.jpg", "toan-canh.png"]
    for image, extension in zip(images, (".jpg", ".png"), strict=True):
        assert_unguessable(image.image.name, r"articles/images/\d{4}/\d{2}", extension)
        assert all(path.startswith(f"renditions/{image.image.name}/")
                   for path in rendition_names(image.renditions))
    assert_no_trace_of("toan-canh", media_files)
    assert_no_trace_of("phát", media_files)


def test_the_admin_shows_the_original_names(superuser_client):
    article = post_draft(superuser_client, cover=upload(jpeg_bytes(), "bia-hoi-nghi.jpg"),
                         images=[upload(jpeg_bytes(), "toan-canh.jpg")])
    image = article.images.get()

    html = superuser_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()

    assert f'<a href="{article.cover_image.url}">bia-hoi-nghi.jpg</a>' in html
    assert f'<a href="{image.image.url}">toan-canh.jpg</a>' in html
    assert article.cover_image.name not in html.replace(article.cover_image.url, "")
    assert str(image) == "Ảnh 1"
    image.caption = ""
    assert str(image) == "toan-canh.jpg"


def test_the_extension_follows_the_content_not_the_name(superuser_client):
    article = post_draft(superuser_client, cover=upload(png_bytes(), "anh-chup.JPEG"))
    assert article.cover_image.name.endswith(".png")
    assert article.cover_original_name == "anh-chup.JPEG"


def test_clearing_the_cover_clears_its_original_name(superuser_client):
    article = post_draft(superuser_client, cover=upload(jpeg_bytes(), "bia.jpg"))
    article.cover_image = ""
    article.save()
    article.refresh_from_db()
    assert article.cover_original_name == ""


def test_a_revision_brings_back_the_cover_with_its_original_name(superuser_client):
    article = post_draft(superuser_client, cover=upload(jpeg_bytes(), "bia-cu.jpg"))
    first = article.cover_image.name
    article.cover_image = ContentFile(jpeg_bytes(size=(20, 20)), name="bia-moi.jpg")
    article.save()
    assert article.cover_original_name == "bia-moi.jpg"

    old = article.history.order_by("history_date").first().instance
    assert (old.cover_image.name, old.cover_original_name) == (first, "bia-cu.jpg")


def test_files_given_in_code_get_unguessable_names_too():
    article = ArticleFactory(cover_image=ContentFile(jpeg_bytes(), name="bia-hoi-nghi.jpg"))
    assert is_unguessable(article.cover_image.name)
    assert article.cover_original_name == "bia-hoi-nghi.jpg"


# -- organisations and people --------------------------------------------------------------


def test_logos_and_portraits_have_unguessable_names(superuser_client, media_files):
    organization = OrganizationFactory(logo=ContentFile(png_bytes(), name="logo-tinh-doan.png"))
    assert_unguessable(organization.logo.name, "organizations/logos", ".png")
    assert organization.logo_original_name == "logo-tinh-doan.png"

    form_page = superuser_client.get("/admin/organizations/person/add/")
    response = superuser_client.post("/admin/organizations/person/add/", {
        **inline_management_data(form_page),
        "full_name": "Nguyễn Văn Minh", "phone": "", "email": "",
        "photo": upload(jpeg_bytes(size=(240, 300)), "nguyen-van-minh.jpg"),
    })
    assert response.status_code == 302
    person = Person.objects.get()
    assert_unguessable(person.photo.name, "people", ".jpg")
    assert person.photo_original_name == "nguyen-van-minh.jpg"
    assert_no_trace_of("nguyen-van-minh", media_files)
    assert_no_trace_of("logo-tinh-doan", media_files)

    html = superuser_client.get(f"/admin/organizations/person/{person.pk}/change/").content.decode()
    assert f'<a href="{person.photo.url}">nguyen-van-minh.jpg</a>' in html
    html = superuser_client.get(
        f"/admin/organizations/organization/{organization.pk}/change/"
    ).content.decode()
    assert f'<a href="{organization.logo.url}">logo-tinh-doan.png</a>' in html


def test_a_person_photo_given_in_code():
    person = PersonFactory(photo=ContentFile(jpeg_bytes(), name="chan-dung.jpg"))
    assert is_unguessable(person.photo.name)
    assert person.photo_original_name == "chan-dung.jpg"


# -- directive attachments -----------------------------------------------------------------


def post_directive(client, attachment):
    response = client.post("/admin/news/directive/add/", {
        "doc_type": Directive.DocumentType.DIRECTIVE, "code": "20-CT/TW",
        "issuer": OrganizationFactory(name="Bộ Chính trị").pk, "issued_on": "05/11/2012",
        "effective_on": "", "title": "Về tăng cường sự lãnh đạo của Đảng đối với công tác trẻ em",
        "summary": "", "attachment": attachment, "status": Directive.Status.IN_FORCE,
        "replaced_by": "", "slug": "", "_save": "Lưu lại",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    return Directive.objects.get()


@pytest.mark.parametrize(
    ("content", "name", "extension"),
    [(pdf_bytes(), "Chi-thi-20-CT-TW.pdf", ".pdf"), (pdf_bytes(), "Chỉ thị 20.PDF", ".pdf"),
     (docx_bytes(), "Chi-thi-20.docx", ".docx")],
)
def test_an_attachment_is_stored_unguessably_and_downloads_under_its_name(
    superuser_client, client, media_root, media_files, content, name, extension
):
    directive = post_directive(superuser_client, upload(content, name))

    stored = directive.attachment.name
    assert_unguessable(stored, r"directives/\d{4}", extension)
    assert directive.attachment_original_name == name
    assert media_files() == [stored]
    assert (media_root / stored).read_bytes() == content

    page = client.get(directive.get_absolute_url()).content.decode()
    assert f'href="{directive.attachment.url}" download="{name}"' in page

    admin_page = superuser_client.get(
        f"/admin/news/directive/{directive.pk}/change/"
    ).content.decode()
    assert f'<a href="{directive.attachment.url}">{name}</a>' in admin_page


def test_an_old_attachment_downloads_under_its_stored_name(client, media_root):
    """Files stored before random names: no original name, the stored one is shown."""
    (media_root / "directives/2012").mkdir(parents=True)
    (media_root / "directives/2012/chi-thi-20.pdf").write_bytes(pdf_bytes())
    directive = DirectiveFactory()
    Directive.objects.filter(pk=directive.pk).update(attachment="directives/2012/chi-thi-20.pdf")
    directive.refresh_from_db()
    page = client.get(directive.get_absolute_url()).content.decode()
    assert 'href="/media/directives/2012/chi-thi-20.pdf" download="chi-thi-20.pdf"' in page


# -- the editor ----------------------------------------------------------------------------


def test_an_editor_upload_gets_a_128_bit_name_with_the_real_extension(reporter_client):
    response = reporter_client.post(
        "/editor/upload-image/", {"upload": upload(png_bytes(), "so-do-to-chuc.jpg")}
    )
    assert response.status_code == 200
    assert re.fullmatch(rf"/media/editor/\d{{4}}/\d{{2}}/{TOKEN}\.png", response.json()["url"])


# -- the name kept -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("bia.jpg", "bia.jpg"),
        ("C:\\Users\\Thu\\Desktop\\bia hội nghị.jpg", "bia hội nghị.jpg"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("Chi\u0309 thi\u0323\x00\u202e.pdf", "Chỉ thị.pdf"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_original_names_are_cleaned(given, kept):
    assert clean_original_name(given) == kept


def test_scheduled_articles_are_not_public_before_their_time():
    """The reason for all this: an article due later is not public, and nor is its cover."""
    article = ArticleFactory(
        published_at=timezone.now() + timedelta(days=1),
        cover_image=ContentFile(jpeg_bytes(), name="bia-hoi-nghi.jpg"),
    )
    assert not article.is_public
    assert "bia-hoi-nghi" not in article.cover_image.name
    assert not any("bia-hoi-nghi" in name for name in rendition_names(article.cover_renditions))
