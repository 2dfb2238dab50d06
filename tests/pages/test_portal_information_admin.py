"""The portal's information in the admin: one record, who may open it, what its form refuses,
and cached pages renewed when it is saved."""

import pytest
from admin_forms import browser_form_data
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import StaffUserFactory, SuperUserFactory, image_file

from accounts.roles import PORTAL_ADMIN, ROLE_NAMES
from pages.models import PortalInformation

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/120 "
    "Mobile Safari/537.36"
)


@pytest.fixture
def information():
    return PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Bến Tre", owner="Tỉnh ủy Bến Tre",
        phone="0275 3822 111", email="congtt@bentre.dcs.vn",
    )


def staff_with(role=None):
    user = StaffUserFactory()
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def every_url(information):
    pk = information.pk
    return [
        reverse("admin:pages_portalinformation_changelist"),
        reverse("admin:pages_portalinformation_add"),
        reverse("admin:pages_portalinformation_change", args=[pk]),
        reverse("admin:pages_portalinformation_history", args=[pk]),
        reverse("admin:pages_portalinformation_delete", args=[pk]),
    ]


def form_of(client, information, **changes):
    page = client.get(reverse("admin:pages_portalinformation_change", args=[information.pk]))
    return {**browser_form_data(page.content.decode(), form_id="portalinformation_form"),
            **changes}


@pytest.mark.parametrize("role", [None, *(name for name in ROLE_NAMES if name != PORTAL_ADMIN)])
def test_staff_without_the_role_are_refused_on_every_url(client, information, role):
    client.force_login(staff_with(role))
    for url in every_url(information):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("admin:pages_portalinformation_change", args=[information.pk]),
        {"full_name": "Đã bị sửa", "owner": "Đã bị sửa", "visitors_start_total": "0"},
    )
    assert response.status_code == 403
    information.refresh_from_db()
    assert information.full_name == "Cổng Thông tin điện tử Tỉnh ủy Bến Tre"


@pytest.mark.parametrize("who", ["superuser", PORTAL_ADMIN])
def test_the_list_opens_the_record_for_those_who_may_edit_it(client, information, who):
    client.force_login(SuperUserFactory() if who == "superuser" else staff_with(PORTAL_ADMIN))
    response = client.get(reverse("admin:pages_portalinformation_changelist"))
    assert response.status_code == 302
    assert response.url == reverse("admin:pages_portalinformation_change", args=[information.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert page.context["has_change_permission"]
    assert not page.context["has_delete_permission"]
    # Help texts are HTML in the admin: the placeholder of the default notice must show.
    assert "Ghi rõ nguồn “[tên cổng]” khi phát hành lại" in page.content.decode()


def test_without_a_record_the_list_opens_the_form_that_creates_it(client):
    client.force_login(staff_with(PORTAL_ADMIN))
    response = client.get(reverse("admin:pages_portalinformation_changelist"))
    assert response.url == reverse("admin:pages_portalinformation_add")
    form = client.get(response.url)
    assert form.status_code == 200
    assert form.context["adminform"].form.initial["full_name"]


def test_a_second_record_is_refused(client, information):
    client.force_login(SuperUserFactory())
    data = form_of(client, information, full_name="Cổng thứ hai")
    response = client.post(reverse("admin:pages_portalinformation_add"), data)
    assert response.status_code == 403
    assert PortalInformation.objects.count() == 1


def test_nobody_deletes_it(client, information):
    client.force_login(SuperUserFactory())
    response = client.post(
        reverse("admin:pages_portalinformation_delete", args=[information.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert PortalInformation.objects.filter(pk=information.pk).exists()


@pytest.mark.parametrize("phone", ["12345", "0912 345 678 999 1", "gọi tôi", "+1 202 555 0101"])
def test_a_bad_phone_is_refused_in_vietnamese(client, information, phone):
    client.force_login(staff_with(PORTAL_ADMIN))
    url = reverse("admin:pages_portalinformation_change", args=[information.pk])
    response = client.post(url, form_of(client, information, phone=phone))
    assert response.status_code == 200
    assert "Số điện thoại không hợp lệ" in response.content.decode()
    information.refresh_from_db()
    assert information.phone == "0275 3822 111"


def test_a_file_that_is_not_an_image_is_refused_in_vietnamese(client, information):
    client.force_login(staff_with(PORTAL_ADMIN))
    url = reverse("admin:pages_portalinformation_change", args=[information.pk])
    data = form_of(client, information)
    data["logo"] = SimpleUploadedFile("bieu-trung.png", b"<svg>not a picture</svg>", "image/png")
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hãy tải lên một hình ảnh hợp lệ" in html
    information.refresh_from_db()
    assert not information.logo


def test_a_good_logo_and_phone_are_saved(client, information):
    client.force_login(staff_with(PORTAL_ADMIN))
    url = reverse("admin:pages_portalinformation_change", args=[information.pk])
    data = form_of(client, information, phone="+84 275 3822 112")
    data["logo"] = image_file("bieu-trung.png", fmt="PNG", size=(512, 512))
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    information.refresh_from_db()
    assert information.phone == "+84 275 3822 112"
    assert information.logo_original_name == "bieu-trung.png"


@pytest.mark.usefixtures("page_cache_on")
def test_saving_renews_cached_pages(client, information, django_capture_on_commit_callbacks):
    reader = client.__class__()
    first = reader.get("/", HTTP_USER_AGENT=PHONE)
    assert reader.get("/", HTTP_USER_AGENT=PHONE)["X-Page-Cache"] == "hit"
    assert "Tỉnh ủy Bến Tre" in first.content.decode()

    client.force_login(staff_with(PORTAL_ADMIN))
    url = reverse("admin:pages_portalinformation_change", args=[information.pk])
    data = form_of(client, information, full_name="Cổng Thông tin điện tử Tỉnh ủy Vĩnh Long",
                    owner="Tỉnh ủy Vĩnh Long")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302

    renewed = reader.get("/", HTTP_USER_AGENT=PHONE)
    assert renewed["X-Page-Cache"] == "miss"
    assert "Cổng Thông tin điện tử Tỉnh ủy Vĩnh Long" in renewed.content.decode()
