"""Uploads through the real entry points: CKEditor's image upload view (into the library) and
the admin forms (captioned images under an article, an article's cover, a directive's
document). Whenever a file is refused, nothing is saved: no row and no file under
MEDIA_ROOT."""

import re

import pytest
from admin_forms import inline_management_data
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from factories import CategoryFactory, OrganizationFactory, StaffUserFactory, UserFactory
from sample_files import (
    docx_bytes,
    exe_bytes,
    image_bytes,
    jpeg_bytes,
    noisy_jpeg_bytes,
    pdf_bytes,
    png_bomb_bytes,
    png_bytes,
    upload,
)

from accounts.roles import APPROVER, EDITOR, PORTAL_ADMIN, SITE_ADMIN
from library.models import LibraryDocument, LibraryImage
from news.models import Article, Directive
from organizations.models import Membership

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("editor_image_upload")


# -- the editor's image upload view --------------------------------------------------------


NO_RIGHT = "Tài khoản của bạn không có quyền tải ảnh lên."


def assert_refused(response, message: str):
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["error"]["message"]  # what CKEditor shows


def test_anonymous_visitors_get_a_json_error_the_editor_shows(client, media_files):
    response = client.post(UPLOAD_URL, {"upload": upload(jpeg_bytes(), "anh.jpg")})
    assert_refused(response, "Hãy đăng nhập lại")
    assert media_files() == []


def test_readers_with_an_account_but_not_staff_cannot_upload(client, media_files):
    client.force_login(UserFactory())
    response = client.post(UPLOAD_URL, {"upload": upload(jpeg_bytes(), "anh.jpg")})
    assert_refused(response, NO_RIGHT)
    assert media_files() == []


def test_staff_without_a_role_cannot_upload(staff_client, media_files):
    response = staff_client.post(UPLOAD_URL, {"upload": upload(jpeg_bytes(), "anh.jpg")})
    assert_refused(response, NO_RIGHT)
    assert media_files() == []


def test_an_inactive_reporter_cannot_upload(client, reporter, media_files):
    client.force_login(reporter)
    reporter.is_active = False
    reporter.save()
    response = client.post(UPLOAD_URL, {"upload": upload(jpeg_bytes(), "anh.jpg")})
    assert response.status_code == 403
    assert media_files() == []


def originals(media_files) -> list[str]:
    """The uploads themselves, without the renditions the task made of them."""
    return [path for path in media_files() if not path.startswith("renditions/")]


def test_a_reporter_uploads_into_the_library_of_their_organisation(
    reporter_client, reporter, media_files
):
    response = reporter_client.post(UPLOAD_URL, {"upload": upload(jpeg_bytes(), "anh.jpg")})
    assert response.status_code == 200
    image = LibraryImage.objects.get()
    assert response.json() == {"url": image.file.url, "id": image.pk}
    assert image.file.url.startswith("/media/library/images/")
    assert image.original_name == "anh.jpg"
    assert image.organization == reporter.memberships.get().organization
    assert image.uploaded_by == reporter
    assert originals(media_files) == [image.file.name]


@pytest.mark.parametrize("role", [EDITOR, APPROVER, SITE_ADMIN])
def test_every_role_that_writes_in_the_editor_uploads(client, role):
    # Quản trị writes organisations' introductions in the same editor.
    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, organization=OrganizationFactory())
    client.force_login(user)
    response = client.post(UPLOAD_URL, {"upload": upload(jpeg_bytes(), "anh.jpg")})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "allowed"), [(SITE_ADMIN, False), (APPROVER, False), (PORTAL_ADMIN, True)]
)
def test_without_an_organisation_only_the_portals_own_pages_need_uploads(
    client, media_files, role, allowed
):
    """An organisation's roles write for an organisation: with none, there is nothing to
    write for. The portal's static pages belong to no organisation."""
    root = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    response = client.post(UPLOAD_URL, {"upload": upload(jpeg_bytes(), "anh.jpg")})
    if allowed:
        assert response.status_code == 200
        # The portal's own pages belong to its owner, the root organisation.
        assert LibraryImage.objects.get().organization == root
    else:
        assert_refused(response, NO_RIGHT)
        assert media_files() == []


def test_a_portal_administrator_is_told_when_there_is_no_organisation_at_all(
    client, media_files
):
    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=PORTAL_ADMIN))
    client.force_login(user)
    response = client.post(UPLOAD_URL, {"upload": upload(jpeg_bytes(), "anh.jpg")})
    assert_refused(response, "Chưa có đơn vị nào để lưu ảnh vào thư viện.")
    assert media_files() == []


def test_the_organisation_chosen_in_the_form_is_used_when_within_scope(client):
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    board = OrganizationFactory(name="Ban Tuyên giáo", parent=province)
    other = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=EDITOR))
    Membership.objects.create(user=user, organization=province)
    client.force_login(user)
    for hint, expected in [(board.pk, board), (other.pk, province), ("abc", province),
                           ("99999999999999999999", province), ("", province)]:
        response = client.post(
            UPLOAD_URL, {"upload": upload(jpeg_bytes(), "anh.jpg"), "organization": hint}
        )
        assert response.status_code == 200
        assert LibraryImage.objects.get(pk=response.json()["id"]).organization == expected


def test_only_post_is_allowed(reporter_client):
    assert reporter_client.get(UPLOAD_URL).status_code == 405


def test_a_request_without_a_file_gets_a_vietnamese_error(reporter_client, media_files):
    response = reporter_client.post(UPLOAD_URL, {})
    assert response.status_code == 400
    assert response.json() == {"error": {"message": "Chưa chọn tệp ảnh."}}
    assert media_files() == []


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Day la van ban, khong phai anh", "anh.jpg", "Tệp không phải là ảnh hợp lệ"),
        (exe_bytes(), "anh.png", "Tệp không phải là ảnh hợp lệ"),
        (b"<svg onload=alert(1)></svg>", "anh.svg", "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF"),
        (image_bytes("BMP"), "anh.bmp", "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF"),
        (image_bytes("TIFF"), "anh.jpg", "Định dạng ảnh TIFF không được hỗ trợ"),
        (png_bomb_bytes(100_000, 100_000, with_pixels=False), "bom.png", "bất thường"),
        (png_bomb_bytes(10_000, 10_000), "bom.png", "Ảnh quá nhiều điểm ảnh"),
    ],
)
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_non_images_are_refused_with_a_vietnamese_json_error(
    reporter_client, media_files, content, name, message
):
    response = reporter_client.post(UPLOAD_URL, {"upload": upload(content, name)})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["error"]["message"]
    assert media_files() == []


@override_settings(IMAGE_UPLOAD_MAX_BYTES=10 * 1024)
def test_an_oversized_image_is_refused(reporter_client, media_files):
    response = reporter_client.post(UPLOAD_URL, {"upload": upload(noisy_jpeg_bytes(), "lon.jpg")})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("Tệp quá lớn")
    assert media_files() == []


@pytest.mark.parametrize(
    ("content", "name", "extension"),
    [
        (jpeg_bytes(), "Ảnh lễ ra quân.JPG", ".jpg"),
        (png_bytes(), "so-do.png", ".png"),
        (image_bytes("WEBP"), "anh.webp", ".webp"),
        (jpeg_bytes(), "../../../etc/cron.d/anh.jpg", ".jpg"),
    ],
)
def test_a_real_image_is_stored_under_a_generated_name(
    reporter_client, media_root, media_files, content, name, extension
):
    response = reporter_client.post(UPLOAD_URL, {"upload": upload(content, name)})
    assert response.status_code == 200
    url = response.json()["url"]
    match = re.fullmatch(r"/media/(library/images/\d{4}/\d{2}/[0-9a-f]{32})(\.\w+)", url)
    assert match, url
    assert match.group(2) == extension
    assert originals(media_files) == [match.group(1) + extension]
    assert (media_root / originals(media_files)[0]).read_bytes() == content


# -- the article admin: captioned images and the cover -------------------------------------


def article_data(form_page, **extra) -> dict:
    return {
        "title": "Tỉnh Đoàn ra quân Tháng Thanh niên",
        "slug": "",
        "summary": "",
        "body": "<p>Nội dung</p>",
        "organization": OrganizationFactory().pk,
        "category": CategoryFactory().pk,
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "source": "",
        "author_name": "",
        "_save": "Lưu lại",
        **extra,
    }


def post_article(client, **extra):
    form_page = client.get("/admin/news/article/add/")
    data = {**inline_management_data(form_page), **article_data(form_page, **extra)}
    return client.post("/admin/news/article/add/", data)


def assert_nothing_saved(media_files):
    assert Article.objects.count() == 0
    assert LibraryImage.objects.count() == 0
    assert media_files() == []


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Day la van ban", "anh.jpg", "Tệp không phải là ảnh hợp lệ"),
        (image_bytes("BMP"), "anh.bmp", "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF"),
        (image_bytes("TIFF"), "anh.jpg", "Định dạng ảnh TIFF không được hỗ trợ"),
        (png_bomb_bytes(100_000, 100_000, with_pixels=False), "bom.png", "điểm ảnh bất thường"),
        (png_bomb_bytes(10_000, 10_000), "bom.png", "Ảnh quá nhiều điểm ảnh (10000×10000)"),
    ],
)
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_refused_image_saves_nothing(superuser_client, media_files, content, name, message):
    response = post_article(superuser_client, cover_upload=upload(content, name))
    assert response.status_code == 200  # the form comes back with the error
    html = response.content.decode()
    assert "errorlist" in html
    assert message in html
    assert_nothing_saved(media_files)


@override_settings(IMAGE_UPLOAD_MAX_BYTES=10 * 1024)
def test_an_oversized_image_saves_nothing(superuser_client, media_files):
    response = post_article(superuser_client, cover_upload=upload(noisy_jpeg_bytes(), "lon.jpg"))
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert_nothing_saved(media_files)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Day la van ban", "bia.jpg", "Tệp không phải là ảnh hợp lệ"),
        (image_bytes("BMP"), "bia.jpg", "Định dạng ảnh BMP không được hỗ trợ"),
    ],
)
def test_a_refused_cover_image_saves_nothing(superuser_client, media_files, content, name, message):
    response = post_article(superuser_client, cover_upload=upload(content, name))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert_nothing_saved(media_files)


def test_valid_images_are_saved_with_the_article(superuser_client, media_files):
    response = post_article(superuser_client, cover_upload=upload(png_bytes(), "bia.png"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover.file.name.startswith("library/images/")
    stored = media_files()
    originals = [path for path in stored if not path.startswith("renditions/")]
    assert originals == [article.cover.file.name]
    # A small upload has one size of rendition, as WebP and JPEG; the cover, a library
    # image, one as a card and one as a figure.
    assert len(stored) - len(originals) == 2 * 2


# -- the directive admin: a document uploaded into the library ------------------------------


def post_directive(client, document):
    issuer = OrganizationFactory(name="Bộ Chính trị")
    return client.post(
        "/admin/news/directive/add/",
        {
            "doc_type": Directive.DocumentType.DIRECTIVE,
            "code": "20-CT/TW",
            "issuer": issuer.pk,
            "issued_on": "05/11/2012",
            "effective_on": "",
            "title": "Về tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và "
            "bảo vệ trẻ em",
            "summary": "",
            "document": "",
            "new_document": document,
            "status": Directive.Status.IN_FORCE,
            "replaced_by": "",
            "slug": "",
            "_save": "Lưu lại",
        },
    )


@pytest.mark.parametrize(
    ("content", "name"), [(pdf_bytes(), "chi-thi-20.pdf"), (docx_bytes(), "chi-thi-20.docx")]
)
def test_a_real_document_is_attached(superuser_client, media_files, content, name):
    response = post_directive(superuser_client, upload(content, name))
    assert response.status_code == 302, response.content.decode()[:3000]
    directive = Directive.objects.get()
    assert directive.document.file.name.startswith("library/documents/")
    assert media_files() == [directive.document.file.name]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (exe_bytes(), "chi-thi-20.pdf", "Nội dung tệp không khớp với đuôi .pdf"),
        (exe_bytes(), "chi-thi-20.exe", "Chỉ nhận tệp đính kèm PDF, DOC, DOCX, XLSX hoặc ODT."),
        (pdf_bytes(), "chi-thi-20.docx", "Nội dung tệp không khớp với đuôi .docx"),
    ],
)
def test_a_refused_attachment_saves_nothing(superuser_client, media_files, content, name, message):
    response = post_directive(superuser_client, upload(content, name))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Directive.objects.count() == 0
    assert LibraryDocument.objects.count() == 0
    assert media_files() == []


@override_settings(ATTACHMENT_UPLOAD_MAX_BYTES=1024)
def test_an_oversized_attachment_saves_nothing(superuser_client, media_files):
    response = post_directive(superuser_client, upload(pdf_bytes() + b"0" * 4096, "lon.pdf"))
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert Directive.objects.count() == 0
    assert LibraryDocument.objects.count() == 0
    assert media_files() == []
