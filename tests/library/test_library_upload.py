"""The library's upload page and its endpoint (library/admin_upload.py): one request per file,
JSON answers in Vietnamese, the organisation from the user's scope only."""

import pytest
from django.urls import reverse
from factories import LibraryImageFactory, OrganizationFactory, StaffUserFactory, member
from sample_files import exe_bytes, jpeg_bytes, pdf_bytes, png_bytes, upload

from accounts.roles import LIBRARIAN, REPORTER
from library.models import LibraryDocument, LibraryImage

pytestmark = pytest.mark.django_db

IMAGE_UPLOAD = reverse("admin:library_libraryimage_upload_file")
DOCUMENT_UPLOAD = reverse("admin:library_librarydocument_upload_file")


@pytest.fixture
def world():
    home = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    branch = OrganizationFactory(parent=home, name="Huyện Đoàn Ba Tri")
    other = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy")
    return {"home": home, "branch": branch, "other": other, "reporter": member(REPORTER, home)}


def test_the_page_offers_the_user_s_organisations_with_theirs_chosen(client, world):
    client.force_login(world["reporter"])

    page = client.get(reverse("admin:library_libraryimage_upload"))

    assert page.status_code == 200
    field = page.context["form"]["organization"]
    assert set(field.field.queryset) == {world["home"], world["branch"]}
    assert field.initial == world["home"].pk
    html = page.content.decode()
    assert 'accept=".jpg,.jpeg,.png,.webp,.gif' in html
    assert "Kéo thả ảnh vào đây" in html
    assert "Ban Tuyên giáo" not in html


def test_the_add_button_leads_to_the_upload_page(client, world):
    client.force_login(world["reporter"])

    listing = client.get(reverse("admin:library_libraryimage_changelist"))
    added = client.get(reverse("admin:library_libraryimage_add"))

    assert reverse("admin:library_libraryimage_upload") in listing.content.decode()
    assert "Tải ảnh lên" in listing.content.decode()
    assert added.status_code == 200
    assert added.context["upload_file_url"] == IMAGE_UPLOAD


def test_each_file_is_stored_or_refused_on_its_own(client, world):
    client.force_login(world["reporter"])
    answers = [
        client.post(IMAGE_UPLOAD, {
            "organization": world["branch"].pk, "file": upload(content, name),
        })
        for content, name in [
            (jpeg_bytes(), "dai-hoi.jpg"), (exe_bytes(), "virus.jpg"), (png_bytes(), "so-do.png"),
        ]
    ]

    assert [answer.status_code for answer in answers] == [201, 400, 201]
    assert "không phải là ảnh hợp lệ" in answers[1].json()["error"]
    assert answers[1].json()["error"].startswith("virus.jpg: ")
    images = LibraryImage.objects.order_by("pk")
    assert [image.original_name for image in images] == ["dai-hoi.jpg", "so-do.png"]
    assert {image.organization for image in images} == {world["branch"]}
    assert {image.uploaded_by for image in images} == {world["reporter"]}
    first = answers[0].json()
    assert first["change_url"] == reverse(
        "admin:library_libraryimage_change", args=[images[0].pk]
    )
    assert first["thumbnail"]


def test_documents_go_through_the_same_page(client, world):
    client.force_login(world["reporter"])

    page = client.get(reverse("admin:library_librarydocument_upload"))
    stored = client.post(DOCUMENT_UPLOAD, {
        "organization": world["home"].pk, "file": upload(pdf_bytes(), "Ke-hoach-thang-3.pdf"),
    })
    refused = client.post(DOCUMENT_UPLOAD, {
        "organization": world["home"].pk, "file": upload(jpeg_bytes(), "anh.jpg"),
    })

    assert 'accept=".pdf,.doc,.docx,.xlsx,.odt"' in page.content.decode()
    assert stored.status_code == 201
    assert LibraryDocument.objects.get().title == "Ke hoach thang 3"
    assert refused.status_code == 400
    assert "PDF, DOC, DOCX, XLSX hoặc ODT" in refused.json()["error"]


def test_a_tampered_organisation_is_refused_in_vietnamese(client, world):
    client.force_login(world["reporter"])

    answer = client.post(IMAGE_UPLOAD, {
        "organization": world["other"].pk, "file": upload(jpeg_bytes(), "anh.jpg"),
    })
    missing = client.post(IMAGE_UPLOAD, {"file": upload(jpeg_bytes(), "anh.jpg")})
    garbage = client.post(IMAGE_UPLOAD, {
        "organization": "abc", "file": upload(jpeg_bytes(), "anh.jpg"),
    })

    assert answer.status_code == 403
    assert "Bạn không được tải tệp vào đơn vị này" in answer.json()["error"]
    assert missing.status_code == 400
    assert missing.json()["error"] == "Hãy chọn đơn vị cho các tệp."
    assert garbage.status_code == 403
    assert not LibraryImage.objects.exists()


def test_no_file_is_a_clear_error(client, world):
    client.force_login(world["reporter"])

    answer = client.post(IMAGE_UPLOAD, {"organization": world["home"].pk})

    assert answer.status_code == 400
    assert answer.json()["error"] == "Chưa chọn tệp."


def test_without_the_add_permission_nothing_is_uploaded(client, world):
    librarian = member(LIBRARIAN, world["home"])  # directives only, no library rights
    client.force_login(librarian)

    page = client.get(reverse("admin:library_libraryimage_upload"))
    answer = client.post(IMAGE_UPLOAD, {
        "organization": world["home"].pk, "file": upload(jpeg_bytes(), "anh.jpg"),
    })

    assert page.status_code == 403
    assert answer.status_code == 403
    assert "không có quyền" in answer.json()["error"]
    assert not LibraryImage.objects.exists()


def test_staff_without_an_organisation_are_told_why(client, world):
    lone = StaffUserFactory()
    lone.groups.add(*member(REPORTER, world["home"]).groups.all())
    client.force_login(lone)

    page = client.get(reverse("admin:library_libraryimage_upload"))
    answer = client.post(IMAGE_UPLOAD, {
        "organization": world["home"].pk, "file": upload(jpeg_bytes(), "anh.jpg"),
    })

    assert "chưa thuộc đơn vị nào" in page.content.decode()
    assert answer.status_code == 403


def test_get_is_not_an_upload(client, world):
    client.force_login(world["reporter"])
    LibraryImageFactory(organization=world["home"])

    assert client.get(IMAGE_UPLOAD).status_code == 405
