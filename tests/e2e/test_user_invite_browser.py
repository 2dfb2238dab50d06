"""A Quản trị creates a reporter with the one add form in Chromium, at phone and desktop
width; the invitee opens the link from the e-mail, sets a password and logs in.
Screenshots go to test-artifacts/screenshots/ (docs/screenshots/admin-user-add-*.png are
copies of the form's)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import mail
from factories import PASSWORD, MembershipFactory, OrganizationFactory, StaffUserFactory
from playwright.sync_api import expect

from accounts.roles import SITE_ADMIN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
NEW_PASSWORD = "Dong-song-Tien-xanh-2026"


def user_tools(page) -> str:
    return " ".join(page.text_content("#user-tools").split())


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("input[type=submit]")


def create_reporter(page, width):
    """The administrator's part: the one form, filled as a person would."""
    page.goto("/admin/auth/user/add/")
    assert page.title().startswith("Tạo tài khoản")
    assert page.is_hidden("#id_password1")  # an invitation is the default
    page.fill("#id_full_name", "Trần Văn Minh")
    expect(page.locator("#id_username")).to_have_value("minhtv2")  # minhtv is taken
    page.fill("#id_email", "minh@example.vn")
    page.locator("#id_roles label", has_text="Phóng viên").click()
    assert page.get_by_label("Tỉnh ủy Bến Tre", exact=True).is_checked()  # their own
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    page.screenshot(path=SCREENSHOT_DIR / f"admin-user-add-{width}.png", full_page=True)

    with page.expect_navigation():
        page.click("input[name=_save]")

    assert ("Đã tạo tài khoản “minhtv2” (Trần Văn Minh) và gửi thư mời tới minh@example.vn."
            in page.inner_text(".messagelist"))
    assert "Trần Văn Minh" in page.inner_text("#result_list")
    assert User.objects.get(username="minhtv2").is_staff
    page.screenshot(path=SCREENSHOT_DIR / f"admin-user-added-{width}.png", full_page=True)


def accept_invitation(invitee, link, width):
    """The invitee's part: the link, a password, the login."""
    invitee.goto(link)
    assert "Chào Trần Văn Minh" in invitee.inner_text("#content")
    invitee.fill("#id_new_password1", NEW_PASSWORD)
    invitee.fill("#id_new_password2", NEW_PASSWORD)
    invitee.screenshot(path=SCREENSHOT_DIR / f"invitation-set-password-{width}.png",
                       full_page=True)
    with invitee.expect_navigation():
        invitee.click("input[type=submit]")
    assert "Tên đăng nhập của bạn là minhtv2" in invitee.inner_text("#content")
    with invitee.expect_navigation():
        invitee.click("#content a.button")
    invitee.fill("#id_username", "minhtv2")
    invitee.fill("#id_password", NEW_PASSWORD)
    with invitee.expect_navigation():
        invitee.click("input[type=submit]")
    assert "Chào, Trần Văn Minh." in user_tools(invitee)
    assert invitee.evaluate("document.scrollingElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1366])
def test_an_administrator_invites_a_reporter_who_sets_a_password_and_logs_in(new_page, width):
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy", parent=province)
    admin = StaffUserFactory(username="quantri-tinh", last_name="Nguyễn Thị", first_name="Lan")
    admin.groups.add(Group.objects.get(name=SITE_ADMIN))
    MembershipFactory(user=admin, organization=province)
    StaffUserFactory(username="minhtv")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page = new_page(width=width, height=900)
    refused = []
    page.on("console", lambda message: (
        refused.append(message.text) if "Content Security" in message.text else None
    ))

    log_in(page, "quantri-tinh", PASSWORD)
    assert "Chào, Nguyễn Thị Lan." in user_tools(page)
    create_reporter(page, width)
    [message] = mail.outbox
    link = re.search(r"http://[^/\s]+(/admin/moi/\S+/)", message.body)[1]
    accept_invitation(new_page(width=width, height=900), link, width)

    assert refused == []
