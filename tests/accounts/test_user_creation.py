"""Accounts in one step: the add form, the invitation e-mail and its link, staff status
following the roles, and what an organisation's administrator cannot do by any POST."""

import re
from datetime import timedelta

import pytest
from admin_forms import browser_form_data
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from factories import (
    MembershipFactory,
    OrganizationFactory,
    StaffUserFactory,
    SuperUserFactory,
)

from accounts.invitations import invitation_tokens
from accounts.roles import EDITOR, LIBRARIAN, ORGANIZATION_ROLE_NAMES, PORTAL_ADMIN, REPORTER
from accounts.services import split_full_name, suggest_username, username_base
from organizations.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

ADD = "/admin/auth/user/add/"
NEW_PASSWORD = "Song-Hau-mua-nuoc-noi-2026"


def role(name) -> Group:
    return Group.objects.get(name=name)


def add_data(organization, **overrides):
    data = {
        "full_name": "Trần Văn Minh", "email": "minh@example.vn", "username": "",
        "roles": [role(REPORTER).pk], "invite": "on",
        "organizations": [organization.pk] if organization else [],
        "password1": "", "password2": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def invitation_link(message) -> str:
    return re.search(r"http://testserver(/admin/moi/\S+/)", message.body)[1]


def set_password(client, link, password=NEW_PASSWORD):
    form = client.get(link, follow=True)
    assert form.status_code == 200
    return form, client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password},
        follow=True,
    )


@pytest.fixture
def admin_of_province(client, site_admin):
    client.force_login(site_admin)
    return client


# The one form -------------------------------------------------------------------------------


def test_the_form_asks_for_everything_at_once_and_only_what_its_user_may_give(
    admin_of_province, province
):
    page = admin_of_province.get(ADD)

    form = page.context["adminform"].form
    assert set(form.fields) == {
        "full_name", "email", "username", "roles", "organizations", "invite", "password1",
        "password2",
    }
    assert "is_staff" not in form.fields
    assert "is_superuser" not in form.fields
    assert [group.name for group in form.fields["roles"].queryset] == ORGANIZATION_ROLE_NAMES
    assert list(form.fields["organizations"].queryset) == [province]
    assert form.fields["organizations"].initial == [province.pk]  # their own, preselected
    assert form.fields["invite"].initial is True
    assert page.context["title"] == "Tạo tài khoản"
    html = page.content.decode()
    assert "js/user-add.js" in html
    assert 'name="memberships-TOTAL_FORMS"' not in html  # the organisations are one box


def test_one_form_creates_a_staff_account_and_invites_its_holder_who_sets_a_password(
    client, admin_of_province, site_admin, province
):
    response = admin_of_province.post(ADD, add_data(province, email="Minh.TV@Example.vn"))

    assert response.status_code == 302
    assert response["Location"] == "/admin/auth/user/"
    user = User.objects.get(username="minhtv")
    assert (user.last_name, user.first_name) == ("Trần Văn", "Minh")
    assert user.is_staff
    assert not user.is_superuser
    assert user.is_active
    assert not user.has_usable_password()
    assert [g.name for g in user.groups.all()] == [REPORTER]
    assert [m.organization for m in user.memberships.all()] == [province]
    assert shown_messages(response) == [
        "Đã tạo tài khoản “minhtv” (Trần Văn Minh) và gửi thư mời tới Minh.TV@example.vn. "
        f"Liên kết trong thư có giá trị {settings.INVITATION_VALID_DAYS} ngày."
    ]
    [message] = mail.outbox
    assert message.to == ["Minh.TV@example.vn"]
    assert settings.PORTAL_NAME in message.subject
    assert "Chào Trần Văn Minh," in message.body
    # The inviter, họ first.
    assert "Thư Minh (quantri-tinh@example.vn) đã tạo cho bạn một tài khoản" in message.body
    assert "Tên đăng nhập của bạn: minhtv" in message.body
    assert f"có giá trị {settings.INVITATION_VALID_DAYS} ngày" in message.body
    assert "Phóng viên" in message.body
    assert province.name in message.body

    client.logout()
    form, done = set_password(client, invitation_link(message))
    assert "Chào <strong>Trần Văn Minh</strong>" in form.content.decode()
    assert done.redirect_chain[-1][0] == "/admin/moi/xong/"
    assert "Tên đăng nhập của bạn là <strong>minhtv</strong>" in done.content.decode()
    login = client.post("/admin/login/?next=/admin/",
                        {"username": "minhtv", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_link_works_once(client, admin_of_province, province):
    admin_of_province.post(ADD, add_data(province))
    link = invitation_link(mail.outbox[0])
    client.logout()
    set_password(client, link)

    again = client.get(link, follow=True).content.decode()

    assert "Liên kết này đã được dùng" in again
    assert 'name="new_password1"' not in again
    assert User.objects.get(username="minhtv").check_password(NEW_PASSWORD)


def test_an_expired_link_says_so(client, admin_of_province, province):
    admin_of_province.post(ADD, add_data(province))
    user = User.objects.get(username="minhtv")
    sent = timezone.now() - timedelta(days=settings.INVITATION_VALID_DAYS, hours=1)
    old_token = invitation_tokens._make_token_with_timestamp(
        user, invitation_tokens._num_seconds(timezone.make_naive(sent)), invitation_tokens.secret
    )
    client.logout()

    page = client.get(
        f"/admin/moi/{urlsafe_base64_encode(force_bytes(user.pk))}/{old_token}/", follow=True
    ).content.decode()

    assert "Thư mời này đã hết hạn" in page
    assert f"chỉ có giá trị {settings.INVITATION_VALID_DAYS} ngày" in page


@pytest.mark.parametrize("path", [
    "/admin/moi/abc/def/", "/admin/moi/MQ/1-2-3/", "/admin/moi/%00/x-y/",
    "/admin/moi/OTk5OTk5OTk5OTk5OTk5OTk5OTk5/zzzzzz-abc/", "/admin/moi/MQ/dat-mat-khau/",
])
def test_a_made_up_link_answers_a_clear_message(client, path):
    response = client.get(path, follow=True)

    assert response.status_code == 200
    assert "Liên kết này không dùng được" in response.content.decode()


def test_a_new_invitation_replaces_the_old_link_and_a_locked_account_cannot_use_one(
    client, admin_of_province, province
):
    admin_of_province.post(ADD, add_data(province))
    user = User.objects.get(username="minhtv")
    first = invitation_link(mail.outbox[0])

    admin_of_province.post(f"/admin/auth/user/{user.pk}/gui-lai-thu-moi/")
    second = invitation_link(mail.outbox[1])
    User.objects.filter(pk=user.pk).update(is_active=False)
    client.logout()

    assert "đã có thư mời mới hơn" in client.get(first, follow=True).content.decode()
    assert "Tài khoản này đang bị khóa" in client.get(second, follow=True).content.decode()


def test_the_user_name_is_suggested_from_the_name_and_kept_unique(admin_of_province, province):
    StaffUserFactory(username="minhtv")

    admin_of_province.post(ADD, add_data(province))
    taken = admin_of_province.post(ADD, add_data(province, email="b@example.vn",
                                                 username="MinhTV"))

    assert User.objects.filter(username="minhtv2", email="minh@example.vn").exists()
    assert taken.status_code == 200
    errors = taken.context["adminform"].form.errors["username"]
    assert errors == ["Tên đăng nhập “MinhTV” đã có người dùng; gợi ý: “minhtv3”."]
    assert 'value="minhtv3"' in taken.content.decode()  # the box now holds the suggestion


def test_the_suggestion_rules():
    assert split_full_name("  Trần   Văn Minh ") == ("Trần Văn", "Minh")
    assert split_full_name("Minh") == ("", "Minh")
    assert username_base("Đặng Thị Ngọc Ánh") == "anhdtn"
    assert username_base("Nguyễn Đức Ðạt") == "datnd"
    assert username_base("!!!") == ""


@pytest.mark.django_db
def test_suggestions_skip_taken_names_in_any_case():
    StaffUserFactory(username="MinhTV")
    StaffUserFactory(username="minhtv2")
    assert suggest_username("Trần Văn Minh") == "minhtv3"
    assert suggest_username("") == "nguoidung"


def test_the_browser_asks_the_server_for_a_free_user_name(admin_of_province, client):
    StaffUserFactory(username="minhtv")

    answer = admin_of_province.get("/admin/auth/user/goi-y-ten-dang-nhap/?ten=Trần Văn Minh")
    empty = admin_of_province.get("/admin/auth/user/goi-y-ten-dang-nhap/?ten=%00")

    assert answer.json() == {"username": "minhtv2"}
    assert empty.status_code == 200
    client.force_login(StaffUserFactory(username="khong-quyen"))
    assert client.get("/admin/auth/user/goi-y-ten-dang-nhap/?ten=A").status_code == 403


@pytest.mark.parametrize(("email", "error"), [
    ("MINH@example.vn", "Địa chỉ thư điện tử này đã thuộc về một tài khoản khác"),
    ("khong-phai-email", "Địa chỉ thư điện tử không hợp lệ"),
    ("", "Trường này là bắt buộc"),
])
def test_the_email_is_required_valid_and_unique_in_any_case(
    admin_of_province, province, email, error
):
    StaffUserFactory(username="cu", email="minh@example.vn")

    response = admin_of_province.post(ADD, add_data(province, email=email, username="moi"))

    assert response.status_code == 200
    assert error in " ".join(response.context["adminform"].form.errors["email"])
    assert not User.objects.filter(username="moi").exists()


def test_a_password_set_now_instead_of_an_invitation(client, admin_of_province, province):
    both = admin_of_province.post(ADD, add_data(province, password1=NEW_PASSWORD,
                                                 password2=NEW_PASSWORD))
    neither = admin_of_province.post(ADD, add_data(province, invite=None))
    weak = admin_of_province.post(ADD, add_data(province, invite=None, password1="tinhdoan@2025",
                                                password2="tinhdoan@2025"))
    created = admin_of_province.post(ADD, add_data(province, invite=None, password1=NEW_PASSWORD,
                                                   password2=NEW_PASSWORD))

    assert "Bạn đã chọn gửi thư mời" in both.content.decode()
    assert "Hãy đặt mật khẩu, hoặc chọn gửi thư mời." in neither.content.decode()
    assert "dễ đoán" in weak.content.decode()
    assert created.status_code == 302
    assert "với mật khẩu bạn đặt" in shown_messages(created)[0]
    assert not mail.outbox
    client.logout()
    assert client.post("/admin/login/", {"username": "minhtv", "password": NEW_PASSWORD}
                       ).status_code == 302


def test_a_mail_server_that_refuses_leaves_the_account_and_says_so(
    admin_of_province, province, settings
):
    settings.MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
    }}

    response = admin_of_province.post(ADD, add_data(province))

    assert response.status_code == 302
    assert User.objects.filter(username="minhtv").exists()
    assert "nhưng chưa gửi được thư mời" in shown_messages(response)[0]


def test_save_and_add_another_and_save_and_continue(admin_of_province, province):
    another = admin_of_province.post(ADD, {**add_data(province), "_addanother": "1"})
    cont = admin_of_province.post(ADD, {**add_data(province, full_name="Lê Thu Hà",
                                                   email="ha@example.vn"), "_continue": "1"})

    assert another["Location"] == ADD
    assert cont["Location"] == f"/admin/auth/user/{User.objects.get(username='halt').pk}/change/"


# Staff status follows the roles ---------------------------------------------------------------


def change_data(client, user) -> dict:
    page = client.get(f"/admin/auth/user/{user.pk}/change/")
    return browser_form_data(page.content.decode(), form_id="user_form")


def test_staff_status_follows_the_roles_on_the_change_page(admin_of_province, province):
    member = StaffUserFactory(username="thanhvien")
    member.groups.add(role(REPORTER))
    MembershipFactory(user=member, organization=province)
    page = admin_of_province.get(f"/admin/auth/user/{member.pk}/change/")
    assert "is_staff" not in page.context["adminform"].form.fields
    assert "Có — theo vai trò của tài khoản" in page.content.decode()
    data = change_data(admin_of_province, member)

    admin_of_province.post(f"/admin/auth/user/{member.pk}/change/", {**data, "groups": []})
    member.refresh_from_db()
    assert not member.is_staff
    assert "Không — tài khoản chưa có vai trò nào" in admin_of_province.get(
        f"/admin/auth/user/{member.pk}/change/").content.decode()

    admin_of_province.post(f"/admin/auth/user/{member.pk}/change/",
                           {**data, "groups": [role(EDITOR).pk]})
    member.refresh_from_db()
    assert member.is_staff


def test_a_superuser_keeps_staff_status_without_roles(client, superuser):
    other = SuperUserFactory(username="toanquyen2")
    client.force_login(superuser)
    data = change_data(client, other)

    client.post(f"/admin/auth/user/{other.pk}/change/", {**data, "groups": []})

    other.refresh_from_db()
    assert other.is_staff
    assert other.is_superuser


# What an organisation's administrator cannot do, by any POST ----------------------------------


@pytest.mark.parametrize(("tamper", "field"), [
    ({"roles": "portal_admin"}, "roles"),
    ({"roles": "librarian"}, "roles"),
    ({"roles": "abc"}, "roles"),
    ({"roles": "-1"}, "roles"),
    ({"roles": "99999999999999999999"}, "roles"),
    ({"roles": []}, "roles"),
    ({"organizations": "other"}, "organizations"),
    ({"organizations": "abc"}, "organizations"),
    ({"organizations": "99999999"}, "organizations"),
    ({"organizations": []}, "organizations"),
    ({"full_name": "   "}, "full_name"),
    ({"username": "tên có dấu"}, "username"),
    ({"username": "a\x00b"}, "username"),
])
def test_tampered_add_posts_are_refused_with_a_message(
    admin_of_province, province, tamper, field
):
    other = OrganizationFactory(name="Tỉnh Đoàn khác")
    names = {"portal_admin": role(PORTAL_ADMIN).pk, "librarian": role(LIBRARIAN).pk,
             "other": other.pk}
    key, value = next(iter(tamper.items()))
    value = names.get(value, value) if isinstance(value, str) else value
    data = {**add_data(province, username="tamper"), key: value}

    response = admin_of_province.post(ADD, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field]
    assert not User.objects.filter(email="minh@example.vn").exists()
    assert not mail.outbox


def test_superuser_staff_and_single_permission_bits_are_ignored_in_an_add_post(
    admin_of_province, province
):
    response = admin_of_province.post(ADD, {
        **add_data(province), "is_superuser": "on", "is_staff": "on",
        "user_permissions": [Permission.objects.get(codename="change_menu").pk],
        "groups": [role(PORTAL_ADMIN).pk],
    })

    assert response.status_code == 302
    user = User.objects.get(username="minhtv")
    assert not user.is_superuser
    assert not user.user_permissions.exists()
    assert [g.name for g in user.groups.all()] == [REPORTER]


def test_tampered_change_posts_grant_nothing_outside_the_administrators_reach(
    admin_of_province, province
):
    member = StaffUserFactory(username="thanhvien")
    member.groups.add(role(REPORTER))
    MembershipFactory(user=member, organization=province)
    data = change_data(admin_of_province, member)

    refused = admin_of_province.post(f"/admin/auth/user/{member.pk}/change/",
                                     {**data, "groups": [role(PORTAL_ADMIN).pk]})
    ignored = admin_of_province.post(f"/admin/auth/user/{member.pk}/change/", {
        **data, "is_superuser": "on", "is_staff": "",
        "user_permissions": [Permission.objects.get(codename="change_menu").pk],
    })

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["groups"]
    assert ignored.status_code == 302
    member.refresh_from_db()
    assert member.is_staff
    assert not member.is_superuser
    assert not member.user_permissions.exists()
    assert [g.name for g in member.groups.all()] == [REPORTER]


def test_a_superuser_gives_any_role(client, superuser, province):
    client.force_login(superuser)
    response = client.post(ADD, add_data(province, roles=[role(LIBRARIAN).pk]))

    assert response.status_code == 302
    assert [g.name for g in User.objects.get(username="minhtv").groups.all()] == [LIBRARIAN]


def test_an_administrator_without_an_organisation_creates_nobody(client, province):
    from accounts.roles import SITE_ADMIN

    lonely = StaffUserFactory(username="quantri-mo-coi")
    lonely.groups.add(role(SITE_ADMIN))
    client.force_login(lonely)

    response = client.post(ADD, add_data(province))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["organizations"]
    assert not User.objects.filter(username="minhtv").exists()


# Sending the invitation again -----------------------------------------------------------------


def invited_member(organization, **kwargs):
    user = StaffUserFactory(last_login=None, **kwargs)
    user.set_unusable_password()
    user.save()
    user.groups.add(role(REPORTER))
    Membership.objects.create(user=user, organization=organization)
    return user


def test_resending_an_invitation_from_the_account_page(admin_of_province, province):
    member = invited_member(province, username="chua-vao")
    page = admin_of_province.get(f"/admin/auth/user/{member.pk}/change/").content.decode()
    assert "Gửi lại thư mời" in page

    response = admin_of_province.post(f"/admin/auth/user/{member.pk}/gui-lai-thu-moi/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/auth/user/{member.pk}/change/"
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert shown_messages(response)[0].startswith(f"Đã gửi lại thư mời tới {member.email}.")


def test_resending_is_limited_per_hour(admin_of_province, province, settings):
    settings.PASSWORD_RESET_EMAIL_RATE_LIMIT = 2
    member = invited_member(province, username="chua-vao")
    url = f"/admin/auth/user/{member.pk}/gui-lai-thu-moi/"

    answers = [admin_of_province.post(url) for _ in range(3)]

    assert len(mail.outbox) == 2
    assert "quá nhiều thư mời" in shown_messages(answers[-1])[-1]


def test_no_invitation_for_an_account_that_has_logged_in(admin_of_province, province):
    member = invited_member(province, username="da-vao")
    member.last_login = timezone.now()
    member.save()

    page = admin_of_province.get(f"/admin/auth/user/{member.pk}/change/").content.decode()
    response = admin_of_province.post(f"/admin/auth/user/{member.pk}/gui-lai-thu-moi/")

    assert "Gửi lại thư mời" not in page
    assert "đã đăng nhập, không cần thư mời" in shown_messages(response)[0]
    assert not mail.outbox


def test_nobody_invites_into_another_organisation(admin_of_province, province):
    stranger = invited_member(OrganizationFactory(name="Tỉnh Đoàn"), username="nguoi-ngoai")
    shared = invited_member(province, username="kiem-nhiem")
    Membership.objects.create(user=shared, organization=OrganizationFactory(name="Khác"))
    mine = invited_member(province, username="cua-toi")

    answers = [
        admin_of_province.post(f"/admin/auth/user/{stranger.pk}/gui-lai-thu-moi/"),
        admin_of_province.post(f"/admin/auth/user/{shared.pk}/gui-lai-thu-moi/"),
        admin_of_province.post("/admin/auth/user/abc/gui-lai-thu-moi/"),
        admin_of_province.post("/admin/auth/user/99999999999999999999/gui-lai-thu-moi/"),
        admin_of_province.get(f"/admin/auth/user/{mine.pk}/gui-lai-thu-moi/"),
    ]
    admin_of_province.post("/admin/auth/user/", {
        "action": "resend_invitation",
        "_selected_action": [stranger.pk, shared.pk, mine.pk],
    })

    assert [a.status_code for a in answers] == [404, 403, 404, 404, 405]
    assert [m.to for m in mail.outbox] == [[mine.email]]


def test_the_list_shows_who_never_logged_in_and_filters_them(admin_of_province, province):
    invited_member(province, username="chua-vao")

    listing = admin_of_province.get("/admin/auth/user/?dang_nhap=chua")

    assert [u.username for u in listing.context["cl"].result_list] == ["chua-vao"]
    assert "Chưa đăng nhập" in listing.content.decode()


def test_a_superuser_may_create_an_account_for_the_whole_installation(client, superuser):
    client.force_login(superuser)
    data = add_data(None, roles=[role(PORTAL_ADMIN).pk], organizations=[])

    response = client.post(ADD, data)

    assert response.status_code == 302
    user = User.objects.get(username="minhtv")
    assert user.is_staff
    assert not user.memberships.exists()


def test_many_organisations_are_chosen_in_a_searching_box(client, superuser, province):
    """Past a dozen organisations in scope the checkboxes give way to the admin's
    autocomplete, which searches the organisations the user may see."""
    for number in range(12):
        OrganizationFactory(name=f"Đảng ủy xã số {number}", parent=province)
    client.force_login(superuser)

    page = client.get(ADD)
    created = client.post(ADD, add_data(province))

    assert 'class="admin-autocomplete' in page.content.decode()
    assert "data-field-name=\"organization\"" in page.content.decode()
    assert created.status_code == 302
    assert [m.organization for m in User.objects.get(username="minhtv").memberships.all()] == [
        province
    ]
