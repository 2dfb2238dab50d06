"""The portal's information in the admin, on its portal's page ("Cổng"): who may open it,
one record per portal that nobody deletes, what its form refuses, and cached pages renewed
when it is saved."""

import pytest
from admin_forms import browser_form_data
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import StaffUserFactory, SuperUserFactory, image_file

from accounts.roles import PORTAL_ADMIN, ROLE_NAMES
from pages.models import PortalInformation
from portals.hosts import main_portal

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/120 "
    "Mobile Safari/537.36"
)
CHANGELIST = "/admin/portals/portal/"


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


def change_url(portal=None):
    return reverse("admin:portals_portal_change", args=[(portal or main_portal()).pk])


def form_of(client, **changes):
    """The main portal's page as a browser posts it, with `changes` to its information."""
    page = client.get(change_url())
    data = browser_form_data(page.content.decode(), form_id="portal_form")
    return {**data, **{f"information-0-{name}": value for name, value in changes.items()}}


@pytest.mark.parametrize("role", [None, *(name for name in ROLE_NAMES if name != PORTAL_ADMIN)])
def test_staff_without_the_role_are_refused_on_every_url(client, information, role):
    client.force_login(staff_with(role))
    for url in [CHANGELIST, change_url(), reverse("admin:portals_portal_add"),
                reverse("admin:portals_portal_history", args=[main_portal().pk])]:
        assert client.get(url).status_code == 403, url
    response = client.post(change_url(), {
        "information-TOTAL_FORMS": "1", "information-INITIAL_FORMS": "1",
        "information-0-id": str(information.pk), "information-0-full_name": "Đã bị sửa",
        "information-0-owner": "Đã bị sửa", "information-0-visitors_start_total": "0",
    })
    assert response.status_code == 403
    information.refresh_from_db()
    assert information.full_name == "Cổng Thông tin điện tử Tỉnh ủy Bến Tre"


@pytest.mark.parametrize("who", ["superuser", PORTAL_ADMIN])
def test_the_portal_page_holds_the_information_for_those_who_may_edit_it(
    client, information, who
):
    client.force_login(SuperUserFactory() if who == "superuser" else staff_with(PORTAL_ADMIN))
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert [portal.pk for portal in listing.context["cl"].result_list] == [main_portal().pk]
    page = client.get(change_url())
    assert page.status_code == 200
    assert page.context["has_change_permission"]
    assert not page.context["has_delete_permission"]  # the main portal is never deleted
    html = page.content.decode()
    assert 'value="Cổng Thông tin điện tử Tỉnh ủy Bến Tre"' in html
    # Help texts are HTML in the admin: the placeholder of the default notice must show.
    assert "Ghi rõ nguồn “[tên cổng]” khi phát hành lại" in html


def test_without_a_record_the_portal_page_offers_the_form_that_creates_it(client):
    client.force_login(staff_with(PORTAL_ADMIN))
    page = client.get(change_url())
    assert page.status_code == 200
    data = form_of(client, full_name="Cổng Thông tin điện tử Tỉnh ủy Vĩnh Long",
                   owner="Tỉnh ủy Vĩnh Long", visitors_start_total="1200")
    response = client.post(change_url(), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    information = PortalInformation.objects.get()
    assert information.portal == main_portal()
    assert information.visitors_start_total == 1200


def test_a_second_record_is_refused(client, information):
    client.force_login(SuperUserFactory())
    data = form_of(client)
    data.update({"information-TOTAL_FORMS": "2", "information-1-full_name": "Cổng thứ hai",
                 "information-1-owner": "Ai đó", "information-1-visitors_start_total": "0"})
    response = client.post(change_url(), data)
    assert response.status_code == 200
    assert PortalInformation.objects.count() == 1


def test_nobody_deletes_it(client, information):
    client.force_login(SuperUserFactory())
    response = client.post(change_url(), {**form_of(client), "information-0-DELETE": "on"})
    assert response.status_code in (200, 302)
    assert PortalInformation.objects.filter(pk=information.pk).exists()
    response = client.post(
        reverse("admin:portals_portal_delete", args=[main_portal().pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert PortalInformation.objects.filter(pk=information.pk).exists()


@pytest.mark.parametrize("phone", ["12345", "0912 345 678 999 1", "gọi tôi", "+1 202 555 0101"])
def test_a_bad_phone_is_refused_in_vietnamese(client, information, phone):
    client.force_login(staff_with(PORTAL_ADMIN))
    response = client.post(change_url(), form_of(client, phone=phone))
    assert response.status_code == 200
    assert "Số điện thoại không hợp lệ" in response.content.decode()
    information.refresh_from_db()
    assert information.phone == "0275 3822 111"


def test_a_file_that_is_not_an_image_is_refused_in_vietnamese(client, information):
    client.force_login(staff_with(PORTAL_ADMIN))
    data = form_of(client)
    data["information-0-logo"] = SimpleUploadedFile(
        "bieu-trung.png", b"<svg>not a picture</svg>", "image/png"
    )
    response = client.post(change_url(), data)
    assert response.status_code == 200
    assert "Hãy tải lên một hình ảnh hợp lệ" in response.content.decode()
    information.refresh_from_db()
    assert not information.logo


def test_a_good_logo_and_phone_are_saved(client, information):
    client.force_login(staff_with(PORTAL_ADMIN))
    data = form_of(client, phone="+84 275 3822 112")
    data["information-0-logo"] = image_file("bieu-trung.png", fmt="PNG", size=(512, 512))
    response = client.post(change_url(), data)
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
    data = form_of(client, full_name="Cổng Thông tin điện tử Tỉnh ủy Vĩnh Long",
                   owner="Tỉnh ủy Vĩnh Long")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(), data).status_code == 302

    renewed = reader.get("/", HTTP_USER_AGENT=PHONE)
    assert renewed["X-Page-Cache"] == "miss"
    assert "Cổng Thông tin điện tử Tỉnh ủy Vĩnh Long" in renewed.content.decode()
