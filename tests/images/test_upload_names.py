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
    LibraryDocumentFactory,
    LibraryImageFactory,
    OrganizationFactory,
    PersonFactory,
)
from sample_files import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes, upload

from images.renditions import rendition_names
from images.uploads import clean_original_name, is_unguessable
from library.models import LibraryDocument, LibraryImage
from news.models import Article, Directive
from organizations.models import Person

pytestmark = pytest.mark.django_db

TOKEN = r"[0-9a-f]{32}"


def assert_unguessable(name: str, folder: str, extension: str):
    assert re.fullmatch(rf"{folder}/{TOKEN}\{extension}", name), name


def assert_no_trace_of(words: str, media_files):
    assert not [path for path in media_files() if words in path]


# -- article covers and photos of a draft ----------------------------------------------------


def post_draft(client, *, cover=None):
    form_page = client.get("/admin/news/article/add/")
    data = {
        **inline_management_data(form_page),
        "title": "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12",
        "slug": "", "summary": "", "body": "<p>Nội dung</p>",
        "organization": OrganizationFactory().pk, "category": CategoryFactory().pk,
        "status": Article.Status.DRAFT, "published_at_0": "", "published_at_1": "",
        "source": "", "author_name": "", "_save": "Lưu lại",
    }
    if cover is not None:
        data["cover_upload"] = cover
    response = client.post("/admin/news/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Article.objects.get()


def test_a_draft_cover_and_its_renditions_have_unguessable_names(
    superuser_client, media_root, media_files
):
    today = timezone.localdate()
    article = post_draft(superuser_client, cover=upload(jpeg_bytes(size=(800, 450)),
                                                        "bia-hoi-nghi.jpg"))

    name = article.cover.file.name
    assert_unguessable(name, f"library/images/{today:%Y/%m}", ".jpg")
    assert article.cover.original_name == "bia-hoi-nghi.jpg"
    assert_no_trace_of("bia-hoi-nghi", media_files)
    # The renditions live in a folder named after the stored (random) name.
    renditions = [*rendition_names(article.cover.card_renditions),
                  *rendition_names(article.cover.renditions)]
    assert renditions
    assert all(path.startswith(f"renditions/{name}/") for path in renditions)
    assert sorted(media_files()) == sorted([name, *renditions])
    # The address a guesser would try is not there.
    assert not (media_root / f"library/images/{today:%Y/%m}/bia-hoi-nghi.jpg").exists()


def test_the_admin_shows_the_original_names(superuser_client):
    article = post_draft(superuser_client, cover=upload(jpeg_bytes(), "bia-hoi-nghi.jpg"))

    html = superuser_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()

    assert '<span class="cover-label">bia-hoi-nghi.jpg' in html  # the cover picker's label


def test_a_library_photo_without_caption_is_named_by_its_original_name():
    image = LibraryImageFactory(file=upload(jpeg_bytes(), "toan-canh.jpg"), caption="Ảnh 1")
    assert str(image) == "Ảnh 1"
    image.caption = ""
    assert str(image) == "toan-canh.jpg"
    assert_unguessable(image.file.name, r"library/images/\d{4}/\d{2}", ".jpg")


def test_the_extension_follows_the_content_not_the_name(superuser_client):
    article = post_draft(superuser_client, cover=upload(png_bytes(), "anh-chup.JPEG"))
    assert article.cover.file.name.endswith(".png")
    assert article.cover.original_name == "anh-chup.JPEG"


def test_clearing_the_cover_leaves_the_image_in_the_library(superuser_client):
    article = post_draft(superuser_client, cover=upload(jpeg_bytes(), "bia.jpg"))
    image = article.cover
    article.cover = None
    article.save()
    assert LibraryImage.objects.get(pk=image.pk).original_name == "bia.jpg"


def test_a_revision_brings_back_the_cover_with_its_original_name(superuser_client):
    article = post_draft(superuser_client, cover=upload(jpeg_bytes(), "bia-cu.jpg"))
    first = article.cover.file.name
    article.cover = LibraryImageFactory(
        file=ContentFile(jpeg_bytes(size=(20, 20)), name="bia-moi.jpg")
    )
    article.save()
    assert article.cover.original_name == "bia-moi.jpg"

    old = article.history.order_by("history_date").first().instance
    assert (old.cover.file.name, old.cover.original_name) == (first, "bia-cu.jpg")


def test_files_given_in_code_get_unguessable_names_too():
    article = ArticleFactory(
        cover=LibraryImageFactory(file=ContentFile(jpeg_bytes(), name="bia-hoi-nghi.jpg"))
    )
    assert is_unguessable(article.cover.file.name)
    assert article.cover.original_name == "bia-hoi-nghi.jpg"


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


# -- directive documents (uploaded on the directive's form, into the library) -----------------


def post_directive(client, document):
    response = client.post("/admin/news/directive/add/", {
        "doc_type": Directive.DocumentType.DIRECTIVE, "code": "20-CT/TW",
        "issuer": OrganizationFactory(name="Bộ Chính trị").pk, "issued_on": "05/11/2012",
        "effective_on": "", "title": "Về tăng cường sự lãnh đạo của Đảng đối với công tác trẻ em",
        "summary": "", "document": "", "new_document": document,
        "status": Directive.Status.IN_FORCE, "replaced_by": "", "slug": "", "_save": "Lưu lại",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    return Directive.objects.select_related("document").get()


@pytest.mark.parametrize(
    ("content", "name", "extension"),
    [(pdf_bytes(), "Chi-thi-20-CT-TW.pdf", ".pdf"), (pdf_bytes(), "Chỉ thị 20.PDF", ".pdf"),
     (docx_bytes(), "Chi-thi-20.docx", ".docx")],
)
def test_a_document_is_stored_unguessably_and_downloads_under_its_name(
    superuser_client, client, media_root, media_files, content, name, extension
):
    directive = post_directive(superuser_client, upload(content, name))

    file = directive.document.file
    assert_unguessable(file.name, r"library/documents/\d{4}/\d{2}", extension)
    assert directive.document.original_name == name
    assert media_files() == [file.name]
    assert (media_root / file.name).read_bytes() == content

    page = client.get(directive.get_absolute_url()).content.decode()
    assert f'href="{file.url}" download="{name}"' in page

    admin_page = superuser_client.get(
        f"/admin/news/directive/{directive.pk}/change/"
    ).content.decode()
    assert f'<a href="{file.url}" download="{name}">{name}</a>' in admin_page


def test_an_old_document_downloads_under_its_stored_name(client, media_root):
    """Files stored before random names: no original name, the stored one is shown."""
    (media_root / "directives/2012").mkdir(parents=True)
    (media_root / "directives/2012/chi-thi-20.pdf").write_bytes(pdf_bytes())
    document = LibraryDocumentFactory()
    LibraryDocument.objects.filter(pk=document.pk).update(
        file="directives/2012/chi-thi-20.pdf", original_name=""
    )
    directive = DirectiveFactory(document=document)
    page = client.get(directive.get_absolute_url()).content.decode()
    assert 'href="/media/directives/2012/chi-thi-20.pdf" download="chi-thi-20.pdf"' in page


# -- the editor ----------------------------------------------------------------------------


def test_an_editor_upload_gets_a_128_bit_name_with_the_real_extension(reporter_client):
    response = reporter_client.post(
        "/editor/upload-image/", {"upload": upload(png_bytes(), "so-do-to-chuc.jpg")}
    )
    assert response.status_code == 200
    assert re.fullmatch(
        rf"/media/library/images/\d{{4}}/\d{{2}}/{TOKEN}\.png", response.json()["url"]
    )


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
        cover=LibraryImageFactory(file=ContentFile(jpeg_bytes(), name="bia-hoi-nghi.jpg")),
    )
    assert not article.is_public
    assert "bia-hoi-nghi" not in article.cover.file.name
    renditions = rendition_names(article.cover.card_renditions)
    assert not any("bia-hoi-nghi" in name for name in renditions)
