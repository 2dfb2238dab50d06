"""Passwords easy to guess on a Party or Youth Union portal are refused, in Vietnamese:
common Vietnamese passwords, the portal's and its organisations' names with years, digits
and symbols around them, and the demo account's password outside debug."""

import pytest
from django.contrib.auth.models import User
from factories import PASSWORD, OrganizationFactory, StaffUserFactory

from accounts.password_policy import DEMO_MESSAGE, GUESSABLE_MESSAGE, listed
from demo.data import DEMO_ADMIN_PASSWORD

pytestmark = pytest.mark.django_db

WEAK = [
    "matkhau123", "Matkhau@2025", "Mật khẩu 123", "m4tkh4u2025", "Mat-khau-moi-2026!",
    "Admin@12345", "admin@2024!", "Quantri@123", "quản trị viên 2025",
    "dangcongsan", "Đảng Cộng Sản 1930", "dcsvn@1930", "DangCongSanVietNam2025",
    "123456a@", "Aa@123456", "a1234567890", "12345678@!", "147258369a",
    "tinhdoan2025", "Tỉnh Đoàn 2025!", "doanthanhnien@26", "TinhUy@2024",
    "tinhuybentre2025", "bentre@2024", "Bến Tre 2024!!", "HaNoi@2025", "hochiminh1890",
    "anhyeuem1990", "iloveyou2025", "p@ssw0rd2024", "qwerty@2025", "1q2w3e4r5t",
    "nguyenvan1990", "vietnam@2025", "abc@12345678",
]  # fmt: skip

STRONG = [
    "Sông-Hàn-mùa-thu-2026!", "correct horse battery staple", "Xk9#mQ2$pL7v",
    "cây-bàng-trước-ngõ-nhà-bà", "7#k2$9!x4@qz", "Bx7!Lq9@Tz-rừng-tràm",
]  # fmt: skip


def change_password(client, new):
    return client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )


@pytest.fixture
def editor_client(client):
    client.force_login(StaffUserFactory(username="doi-mat-khau"))
    return client


@pytest.fixture(autouse=True)
def province_organisations():
    OrganizationFactory(name="Tỉnh ủy Bến Tre", short_name="TU")
    OrganizationFactory(name="Tỉnh Đoàn Bến Tre", short_name="TĐ")


@pytest.mark.parametrize("password", WEAK)
def test_guessable_passwords_are_refused_in_vietnamese(editor_client, password):
    response = change_password(editor_client, password)

    assert response.status_code == 200, password
    assert GUESSABLE_MESSAGE in response.content.decode()
    assert "password" not in response.context["form"].errors["new_password2"][0].lower()


@pytest.mark.parametrize("password", STRONG)
def test_strong_passwords_still_pass(editor_client, password):
    response = change_password(editor_client, password)

    assert response.status_code == 302, response.context["form"].errors
    assert User.objects.get(username="doi-mat-khau").check_password(password)


@pytest.mark.parametrize(
    "password", ["sonmy@2025!", "Sơn Mỹ @2024", "TinhDoanSonMy!26", "TDSM@2025!!", "SONMY-1975"]
)
def test_organisation_names_from_the_database_are_context_words(editor_client, password):
    assert change_password(editor_client, password).status_code == 302  # unknown place
    editor_client.force_login(StaffUserFactory(username="doi-mat-khau-2"))

    OrganizationFactory(name="Tỉnh Đoàn Sơn Mỹ", short_name="TĐSM")
    response = change_password(editor_client, password)

    assert response.status_code == 200
    assert GUESSABLE_MESSAGE in response.content.decode()


def test_the_portal_name_setting_gives_context_words(editor_client, settings):
    settings.PORTAL_NAME = "Cổng thông tin Thành Đoàn Lạc Dương"
    response = change_password(editor_client, "lacduong@2024")
    assert GUESSABLE_MESSAGE in response.content.decode()


def test_the_demo_password_is_refused_outside_debug(editor_client, settings):
    settings.DEBUG = False
    for password in (DEMO_ADMIN_PASSWORD, DEMO_ADMIN_PASSWORD.upper(), "cong-demo-2099"):
        response = change_password(editor_client, password)
        assert response.status_code == 200
        assert DEMO_MESSAGE in response.content.decode()


def test_the_demo_password_is_allowed_in_debug(editor_client, settings):
    settings.DEBUG = True
    assert change_password(editor_client, DEMO_ADMIN_PASSWORD).status_code == 302


def test_the_reset_form_and_the_user_form_apply_the_policy_too(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"full_name": "Lê Văn Mới", "email": "moi@example.vn", "username": "phongvien-moi",
         "password1": "tinhdoan@2025", "password2": "tinhdoan@2025"},
    )
    assert GUESSABLE_MESSAGE in response.content.decode()
    assert not User.objects.filter(username="phongvien-moi").exists()


def test_the_shipped_list_is_folded_and_a_few_hundred_long():
    entries = listed()
    assert 300 <= len(entries) <= 2000
    assert {"matkhau", "dangcongsan", "tinhdoan", "bentre", "123456a@", "admin"} <= entries
    assert all(entry == entry.lower() and entry.isascii() and " " not in entry for entry in entries)
