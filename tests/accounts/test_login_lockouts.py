"""Login throttling as an office sees it: one person's wrong passwords lock that person's
account, not everybody behind the office's address; the lockout page; and administrators
who see and lift locks in the admin, within what the User admin lets them see."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from factories import PASSWORD, OrganizationFactory, StaffUserFactory, SuperUserFactory

from accounts.roles import REPORTER
from audit.models import AuditEvent
from organizations.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_class():
    return Client

OFFICE = "203.0.113.7"  # one NAT address for a whole office


def login_post(client, username, password, ip=OFFICE):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def fresh_login(client_class, username, password, ip=OFFICE):
    """A login from a browser of its own (no session shared with other logins)."""
    return login_post(client_class(), username, password, ip)


class VisibleText(HTMLParser):
    """The text a browser shows: no tags, no <script>/<style> contents, no <title>. Stray
    text in <head> counts: a browser shows it at the top of the page."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(response) -> str:
    parser = VisibleText()
    parser.feed(response.content.decode())
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1].strip()


def lock_account(client, username):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login_post(client, username, "sai-mat-khau")
    assert response.status_code == 429
    return response


# One person, one office ---------------------------------------------------------------------


def test_one_persons_wrong_passwords_do_not_lock_out_the_office(client, client_class):
    StaffUserFactory(username="quen-mat-khau")
    StaffUserFactory(username="dong-nghiep")
    SuperUserFactory(username="quan-tri-tinh")

    lock_account(client, "quen-mat-khau")

    assert fresh_login(client_class, "dong-nghiep", PASSWORD).status_code == 302
    assert fresh_login(client_class, "quan-tri-tinh", PASSWORD).status_code == 302
    # The locked account stays locked, from this address and from any other.
    assert fresh_login(client_class, "quen-mat-khau", PASSWORD).status_code == 429
    assert fresh_login(client_class, "quen-mat-khau", PASSWORD, ip="198.51.100.1").status_code == 429


def test_retrying_a_locked_account_neither_counts_for_the_address_nor_prolongs_the_lock(
    client, client_class
):
    StaffUserFactory(username="go-lien-tuc")
    StaffUserFactory(username="dong-nghiep2")
    lock_account(client, "go-lien-tuc")

    for _ in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT + 5):
        assert login_post(client, "go-lien-tuc", "sai-nua").status_code == 429

    assert fresh_login(client_class, "dong-nghiep2", PASSWORD).status_code == 302


def test_an_address_is_locked_only_after_many_failures_for_any_names(client, client_class):
    StaffUserFactory(username="nguoi-ngay")
    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT == 50
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    # Someone tries a list of names, each fewer times than locks a name.
    names = [f"doan-ten-{index}" for index in range(limit)]
    for index, name in enumerate(names):
        response = login_post(client, name, "sai")
        assert response.status_code == (429 if index == limit - 1 else 200), index

    refused = fresh_login(client_class, "nguoi-ngay", PASSWORD)
    assert refused.status_code == 429
    assert "từ địa chỉ mạng này" in visible_text(refused)
    assert f"{limit} lần" in visible_text(refused)
    assert fresh_login(client_class, "nguoi-ngay", PASSWORD, ip="198.51.100.2").status_code == 302


def test_the_address_limit_is_a_setting(client, client_class, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    StaffUserFactory(username="nguoi-ngay2")
    for index in range(8):
        login_post(client, f"ten-{index}", "sai")
    assert fresh_login(client_class, "nguoi-ngay2", PASSWORD).status_code == 429


# The lockout page ---------------------------------------------------------------------------


def test_the_lockout_page_shows_no_stray_markup_and_carries_the_portals_title(client):
    StaffUserFactory(username="khoa-trang")
    page = lock_account(client, "khoa-trang")

    text = visible_text(page)
    assert "nonce" not in text and 'nonce="' not in text
    assert "Đăng nhập tạm thời bị khóa cho tài khoản “khoa-trang”" in text
    assert f"sai mật khẩu {settings.AXES_FAILURE_LIMIT} lần" in text
    assert "15 phút" in text
    assert f"Quản trị {settings.PORTAL_NAME}" in text  # the admin's site_header
    assert title(page) == "Tạm khóa đăng nhập | Quản trị Cổng"  # the admin's site_title
    assert "Django" not in page.content.decode()
    assert page["Content-Security-Policy"]  # the stylesheet still carries the nonce
    nonce = re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"])
    assert nonce is None or f'nonce="{nonce[1]}"' in page.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/login/",
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/reset/MQ/khong-hop-le/",
        "/reset/done/",
    ],
)
def test_account_pages_carry_the_portals_title_not_djangos(client, path):
    response = client.get(path, follow=True)

    assert response.status_code == 200
    assert "Trang quản trị cho Django" not in response.content.decode()
    assert "Django" not in title(response)
    assert title(response).endswith("Quản trị Cổng")
    assert f"Quản trị {settings.PORTAL_NAME}" in visible_text(response)


def test_signed_in_account_pages_carry_the_portals_title(client):
    client.force_login(StaffUserFactory())
    for path in ("/admin/password_change/", "/admin/"):
        response = client.get(path)
        assert "Trang quản trị cho Django" not in response.content.decode(), path
        assert title(response).endswith("Quản trị Cổng"), path
    logged_out = client.post("/admin/logout/")
    assert "Trang quản trị cho Django" not in logged_out.content.decode()
    assert title(logged_out).endswith("Quản trị Cổng")


# Administrators lift locks ------------------------------------------------------------------


def test_a_site_admin_sees_locked_accounts_and_unlocks_them_with_an_audit_line(
    client, client_class, site_admin, province
):
    editor = StaffUserFactory(username="bientap-bt", first_name="Lan", last_name="Nguyễn")
    Membership.objects.create(user=editor, organization=province)
    lock_account(client_class(), "bientap-bt")
    client.force_login(site_admin)

    listing = client.get("/admin/auth/user/")
    assert 'href="/admin/khoa-dang-nhap/"' in listing.content.decode()
    page = client.get("/admin/khoa-dang-nhap/")
    assert page.status_code == 200
    text = visible_text(page)
    assert "Tài khoản bị khóa đăng nhập" in text and "bientap-bt" in text
    assert 'value="bientap-bt"' in page.content.decode()
    assert "Mở khóa đăng nhập" in page.content.decode()

    done = client.post(
        "/admin/khoa-dang-nhap/", {"username": ["bientap-bt"]}, REMOTE_ADDR="10.20.30.40",
        follow=True,
    )

    assert "Đã mở khóa đăng nhập: bientap-bt." in visible_text(done)
    assert "Không có tài khoản nào bị khóa đăng nhập." in visible_text(done)
    assert fresh_login(client_class, "bientap-bt", PASSWORD).status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_UNLOCK)
    assert event.actor == site_admin and event.object_id == str(editor.pk)
    assert "bientap-bt" in event.detail and event.ip_address == "10.20.30.40"
    assert event.get_action_display() == "Mở khóa đăng nhập"


def test_what_a_site_admin_sees_and_unlocks_is_what_the_user_admin_lets_them(
    client, client_class, site_admin
):
    SuperUserFactory(username="sieu-quan-tri-bt")
    lock_account(client_class(), "sieu-quan-tri-bt")
    lock_account(client_class(), "khong-co-tai-khoan")
    client.force_login(site_admin)

    page = client.get("/admin/khoa-dang-nhap/")
    tampered = client.post(
        "/admin/khoa-dang-nhap/", {"username": ["sieu-quan-tri-bt"], "address": [OFFICE]}
    )

    assert "sieu-quan-tri-bt" not in page.content.decode()  # the User admin hides superusers
    assert "khong-co-tai-khoan" not in page.content.decode()
    assert "Địa chỉ mạng" not in visible_text(page)  # addresses: superusers only
    assert tampered.status_code == 302
    assert fresh_login(client_class, "sieu-quan-tri-bt", PASSWORD).status_code == 429
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_UNLOCK).exists()


def test_the_page_follows_the_user_admins_change_permission(client, client_class):
    """Read-only for someone the User admin lets view accounts but not change them."""
    organization = OrganizationFactory()
    viewer = StaffUserFactory(username="chi-xem-tai-khoan")
    viewer.user_permissions.add(Permission.objects.get(codename="view_user"))
    Membership.objects.create(user=viewer, organization=organization)
    Membership.objects.create(user=StaffUserFactory(username="chi-xem"), organization=organization)
    lock_account(client_class(), "chi-xem")
    client.force_login(viewer)

    page = client.get("/admin/khoa-dang-nhap/")
    client.post("/admin/khoa-dang-nhap/", {"username": ["chi-xem"]})

    assert "chi-xem" in visible_text(page) and 'value="chi-xem"' not in page.content.decode()
    assert fresh_login(client_class, "chi-xem", PASSWORD).status_code == 429


def test_a_reporter_cannot_open_the_page(client):
    reporter = StaffUserFactory()
    reporter.groups.add(Group.objects.get(name=REPORTER))
    client.force_login(reporter)

    assert client.get("/admin/khoa-dang-nhap/").status_code == 403
    assert client.post("/admin/khoa-dang-nhap/", {"username": ["x"]}).status_code == 403


def test_a_superuser_unlocks_an_address(client, client_class, superuser, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    StaffUserFactory(username="o-van-phong")
    for index in range(6):
        login_post(client_class(), f"ten-la-{index}", "sai")
    assert fresh_login(client_class, "o-van-phong", PASSWORD).status_code == 429
    client.force_login(superuser)

    page = client.get("/admin/khoa-dang-nhap/")
    assert OFFICE in visible_text(page)
    client.post("/admin/khoa-dang-nhap/", {"address": [OFFICE]})

    assert fresh_login(client_class, "o-van-phong", PASSWORD).status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_UNLOCK)
    assert OFFICE in event.detail and event.actor == superuser
