"""The library picker of the rich-text editor (library/views.py) through the Django test
client: who may use it, which images each person sees (organisation scope, shared images),
the search without diacritics, the pages, and an upload from the dialog."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories import MembershipFactory, OrganizationFactory, StaffUserFactory
from sample_files import image_bytes, jpeg_bytes, png_bytes, upload

from accounts.roles import PORTAL_ADMIN, REPORTER
from library.models import LibraryImage
from library.services import upload_image

pytestmark = pytest.mark.django_db

LIST_URL = reverse("library:image_list")
UPLOAD_URL = reverse("library:image_upload")
DIALOG_URL = reverse("library:picker")


def library_image(organization, caption, *, shared=False, **fields):
    image = upload_image(
        file=upload(jpeg_bytes(), "anh.jpg"), organization=organization, uploaded_by=None,
        caption=caption, **fields,
    )
    if shared:
        image.is_shared = True
        image.save()
    return image


def captions(response) -> set[str]:
    assert response.status_code == 200
    return {image["caption"] for image in response.json()["results"]}


@pytest.fixture
def images(newsroom):
    """An image of each organisation of the newsroom, and a shared one of the unrelated
    Trà Vinh."""
    return {
        "board": library_image(newsroom.board, "Ban Tuyên giáo tập huấn"),
        "province": library_image(newsroom.province, "Hội nghị Tỉnh ủy"),
        "other": library_image(newsroom.other, "Trà Vinh ra quân"),
        "shared": library_image(newsroom.other, "Chân dung lãnh đạo", shared=True),
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# -- who sees what -------------------------------------------------------------------------


def test_a_reporter_sees_their_organisations_images_and_the_shared_ones(newsroom, images):
    response = signed_in(newsroom.people.reporter).get(LIST_URL)
    assert captions(response) == {"Ban Tuyên giáo tập huấn", "Chân dung lãnh đạo"}


def test_an_editor_of_the_province_sees_what_is_under_it_too(newsroom, images):
    response = signed_in(newsroom.people.editor).get(LIST_URL)
    assert captions(response) == {
        "Ban Tuyên giáo tập huấn", "Hội nghị Tỉnh ủy", "Chân dung lãnh đạo",
    }


def test_a_superuser_sees_every_image(superuser_client, images):
    assert len(captions(superuser_client.get(LIST_URL))) == 4


def test_an_image_answers_with_what_the_editor_inserts(newsroom, images):
    image = images["board"]
    image.alt_text = "Đoàn viên ngồi nghe báo cáo"
    image.credit = "Minh Thư"
    image.save()
    [answer] = [
        item for item in signed_in(newsroom.people.reporter).get(LIST_URL).json()["results"]
        if item["id"] == image.pk
    ]
    assert answer["url"] == image.file.url
    assert answer["url"].startswith("/media/library/images/")
    assert answer["alt"] == "Đoàn viên ngồi nghe báo cáo"
    assert answer["caption"] == "Ban Tuyên giáo tập huấn"
    assert answer["credit"] == "Minh Thư"
    assert answer["organization"] == "Ban Tuyên giáo"
    # The immediate task backend has made the renditions: the thumbnail is one of them.
    assert answer["thumbnail"].startswith("/media/renditions/")


def test_a_portal_administrator_without_organisation_finds_their_own_uploads(newsroom, images):
    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=PORTAL_ADMIN))
    own = library_image(newsroom.province, "Trụ sở Tỉnh ủy")
    own.uploaded_by = user
    own.save()
    user.user_permissions.add(*Group.objects.get(name=REPORTER).permissions.filter(
        content_type__app_label="library"
    ))
    assert captions(signed_in(user).get(LIST_URL)) == {"Trụ sở Tỉnh ủy", "Chân dung lãnh đạo"}


@pytest.mark.parametrize("url", [LIST_URL, DIALOG_URL])
def test_signed_out_visitors_get_a_vietnamese_refusal(client, url):
    response = client.get(url)
    assert response.status_code == 403
    assert response.json() == {
        "error": {"message": "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại."}
    }


@pytest.mark.parametrize("url", [LIST_URL, DIALOG_URL])
def test_staff_without_the_library_permission_are_refused(staff_client, url):
    response = staff_client.get(url)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Tài khoản của bạn không được dùng thư viện ảnh."


def test_the_list_is_read_only(reporter_client):
    assert reporter_client.post(LIST_URL).status_code == 405
    assert reporter_client.get(UPLOAD_URL).status_code == 405


# -- search and pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tap huan", {"Ban Tuyên giáo tập huấn"}),
        ("TẬP HUẤN", {"Ban Tuyên giáo tập huấn"}),
        ("chan dung", {"Chân dung lãnh đạo"}),
        ("lanh dao chan", {"Chân dung lãnh đạo"}),  # every word, in any order
        ("thanh nien", {"Ban Tuyên giáo tập huấn"}),  # a tag
        ("minh thu", {"Chân dung lãnh đạo"}),  # the credit
        ("ngoi nghe", {"Ban Tuyên giáo tập huấn"}),  # the alternative text
        ("hoi nghi", set()),  # the province's image is out of the reporter's scope
        ("", {"Ban Tuyên giáo tập huấn", "Chân dung lãnh đạo"}),
    ],
)
def test_search_ignores_diacritics_and_case(newsroom, images, query, expected):
    images["board"].tags = "thanh niên, tập huấn"
    images["board"].alt_text = "Đoàn viên ngồi nghe báo cáo"
    images["board"].save()
    images["shared"].credit = "Minh Thư"
    images["shared"].save()
    response = signed_in(newsroom.people.reporter).get(LIST_URL, {"q": query})
    assert captions(response) == expected


@pytest.mark.parametrize(
    "query_string",
    ["?page=abc", "?page=-1", "?page=0", "?page=99999999999999999999", "?q=%00",
     "?q=%00%01%ff&page=%00", "?q=" + "a" * 5000, "?q=[(*+?", "?q=%E2%80%8B", "?q=%CC%81"],
)
def test_bad_query_strings_still_answer_the_first_page(newsroom, images, query_string):
    response = signed_in(newsroom.people.reporter).get(LIST_URL + query_string)
    assert response.status_code == 200
    assert response.json()["page"] == 1


def test_pages_of_24_with_more_to_come(newsroom):
    for number in range(30):
        library_image(newsroom.board, f"Ảnh số {number:02d}")
    client = signed_in(newsroom.people.reporter)
    first = client.get(LIST_URL).json()
    assert (len(first["results"]), first["has_next"], first["count"]) == (24, True, 30)
    # Newest first.
    assert first["results"][0]["caption"] == "Ảnh số 29"
    second = client.get(LIST_URL, {"page": 2}).json()
    assert (len(second["results"]), second["has_next"], second["page"]) == (6, False, 2)
    assert {image["id"] for image in first["results"]}.isdisjoint(
        image["id"] for image in second["results"]
    )
    # Past the end: the last page, not an error.
    assert client.get(LIST_URL, {"page": 3}).json()["page"] == 2


# -- the dialog ----------------------------------------------------------------------------


def test_the_dialog_offers_only_the_formats_the_server_accepts(reporter_client):
    response = reporter_client.get(DIALOG_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<dialog" in html
    assert "Chèn ảnh từ thư viện" in html
    assert 'accept="image/jpeg,image/png,image/webp,image/gif,.jpg,.jpeg,.png,.webp,.gif"' in html
    assert "bmp" not in html.lower()
    assert "tif" not in html.lower()
    assert "Tải lên và chèn" in html


def test_the_editor_offers_only_the_formats_the_server_accepts(superuser_client):
    """CKEditor's own file dialog (and what a paste may upload): image.upload.types."""
    html = superuser_client.get(reverse("admin:news_article_add")).content.decode()
    assert '"upload": {"types": ["jpeg", "png", "webp", "gif"]}' in html
    assert "bmp" not in html.lower()


def test_every_admin_page_loads_the_picker_with_its_address(superuser_client):
    html = superuser_client.get(reverse("admin:news_article_add")).content.decode()
    assert f'data-picker-url="{DIALOG_URL}"' in html
    assert "js/library-picker.js" in html


# -- uploads from the dialog ---------------------------------------------------------------


def test_an_upload_goes_into_the_organisation_chosen_in_the_article(newsroom):
    client = signed_in(newsroom.people.editor)
    response = client.post(UPLOAD_URL, {
        "file": upload(png_bytes(), "so-do.png"), "organization": newsroom.board.pk,
        "caption": "  Sơ đồ tổ chức  ", "alt_text": "Sơ đồ các ban", "credit": "Hoàng Nam",
    })
    assert response.status_code == 201
    image = LibraryImage.objects.get()
    assert (image.organization, image.uploaded_by) == (newsroom.board, newsroom.people.editor)
    assert (image.caption, image.alt_text, image.credit) == (
        "Sơ đồ tổ chức", "Sơ đồ các ban", "Hoàng Nam"
    )
    assert image.original_name == "so-do.png"
    answer = response.json()
    assert (answer["id"], answer["url"], answer["caption"], answer["alt"]) == (
        image.pk, image.file.url, "Sơ đồ tổ chức", "Sơ đồ các ban"
    )


@pytest.mark.parametrize("hint", ["other", "abc", "", "-5", "99999999999999999999"])
def test_an_organisation_out_of_scope_or_unreadable_falls_back_to_the_users_own(newsroom, hint):
    value = newsroom.other.pk if hint == "other" else hint
    response = signed_in(newsroom.people.reporter).post(
        UPLOAD_URL, {"file": upload(jpeg_bytes(), "anh.jpg"), "organization": value}
    )
    assert response.status_code == 201
    assert LibraryImage.objects.get().organization == newsroom.board


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"khong phai anh", "anh.jpg", "Tệp không phải là ảnh hợp lệ"),
        (image_bytes("BMP"), "anh.bmp", "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF"),
        (image_bytes("TIFF"), "anh.jpg", "Định dạng ảnh TIFF không được hỗ trợ"),
    ],
)
def test_a_refused_file_saves_nothing(reporter_client, media_files, content, name, message):
    response = reporter_client.post(UPLOAD_URL, {"file": upload(content, name)})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert LibraryImage.objects.count() == 0
    assert media_files() == []


def test_an_upload_without_a_file(reporter_client):
    response = reporter_client.post(UPLOAD_URL, {"caption": "Ảnh"})
    assert response.status_code == 400
    assert response.json() == {"error": {"message": "Chưa chọn tệp ảnh."}}


def test_an_upload_needs_the_csrf_token(reporter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    response = client.post(UPLOAD_URL, {"file": upload(jpeg_bytes(), "anh.jpg")})
    assert response.status_code == 403
    assert LibraryImage.objects.count() == 0


def test_someone_without_organisation_cannot_upload_into_no_library(newsroom):
    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=REPORTER))
    response = signed_in(user).post(UPLOAD_URL, {"file": upload(jpeg_bytes(), "anh.jpg")})
    assert response.status_code == 403
    assert "chưa thuộc đơn vị nào" in response.json()["error"]["message"]
    assert LibraryImage.objects.count() == 0


def test_staff_who_may_only_view_the_library_cannot_upload(newsroom):
    user = StaffUserFactory()
    MembershipFactory(user=user, organization=newsroom.board)
    user.user_permissions.add(
        Group.objects.get(name=REPORTER).permissions.get(codename="view_libraryimage")
    )
    client = signed_in(user)
    assert client.get(LIST_URL).status_code == 200
    response = client.post(UPLOAD_URL, {"file": upload(jpeg_bytes(), "anh.jpg")})
    assert response.status_code == 403
    assert "Tải lên và chèn" not in client.get(DIALOG_URL).content.decode()


def test_an_unrelated_organisation_exists_but_stays_out_of_scope(newsroom):
    OrganizationFactory(name="Thành Đoàn")
    response = signed_in(newsroom.people.reporter).post(
        UPLOAD_URL, {"file": upload(jpeg_bytes(), "anh.jpg")}
    )
    assert LibraryImage.objects.get(pk=response.json()["id"]).organization == newsroom.board


def test_the_number_of_queries_does_not_grow_with_the_images(newsroom):
    client = signed_in(newsroom.people.reporter)
    library_image(newsroom.board, "Ảnh đầu tiên")
    client.get(LIST_URL)  # the session and the permissions, once
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)
    for number in range(23):
        library_image(newsroom.other if number % 2 else newsroom.board, f"Ảnh {number}",
                      shared=bool(number % 2))
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(LIST_URL).json()["results"]) == 24
    assert len(many) == len(few)
