"""Accounts: roles, login throttling, password rules and reset, sessions, the audit log, and
what an administrator who is not a superuser may do with users."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import PASSWORD, OrganizationFactory, StaffUserFactory, SuperUserFactory

from accounts.roles import (
    APPROVER,
    EDITOR,
    LIBRARIAN,
    ORGANIZATION_ROLE_NAMES,
    PORTAL_ADMIN,
    REPORTER,
    ROLE_PERMISSIONS,
    SITE_ADMIN,
    setup_roles,
)
from audit.models import AuditEvent
from organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def login_post(client, username, password, ip="10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def with_role(user, role):
    user.groups.add(Group.objects.get(name=role))
    return user


def role_permissions(role):
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


# Roles ------------------------------------------------------------------------------------


def test_migrations_create_the_roles_with_their_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Phóng viên", "Biên tập viên", "Người duyệt bài", "Quản trị", "Quản trị cổng",
        "Quản lý văn bản",
    }
    reporter, editor, approver = (role_permissions(r) for r in (REPORTER, EDITOR, APPROVER))
    assert "news.add_article" in reporter
    assert "news.publish_article" not in reporter
    assert "news.change_colleagues_article" not in reporter
    assert "news.change_colleagues_article" in editor
    assert "news.publish_article" not in editor
    assert {"news.publish_article", "news.add_directive", "news.delete_article"} <= approver
    assert {"auth.change_user", "organizations.change_organization",
            "audit.view_auditevent"} <= role_permissions(SITE_ADMIN)
    # What belongs to the whole portal is not an organisation administrator's.
    assert not {"pages.change_menu", "pages.change_staticpage", "news.change_category",
                "pages.view_contactmessage"} & role_permissions(SITE_ADMIN)
    assert {"pages.change_menu", "pages.change_staticpage", "news.change_category",
            "pages.view_contactmessage"} <= role_permissions(PORTAL_ADMIN)
    assert {"news.change_directive", "news.manage_directive_library"} <= role_permissions(LIBRARIAN)
    assert "news.manage_directive_library" not in approver
    assert "auth.change_user" not in approver


def test_setup_roles_is_idempotent_and_repairs_edited_groups(capsys):
    reporter = Group.objects.get(name=REPORTER)
    reporter.permissions.clear()
    Group.objects.get(name=APPROVER).delete()

    call_command("setup_roles")
    first = {role: role_permissions(role) for role in ROLE_PERMISSIONS}
    call_command("setup_roles")

    assert {role: role_permissions(role) for role in ROLE_PERMISSIONS} == first
    assert "news.add_article" in first[REPORTER]
    assert Permission.objects.get(codename="add_article").name == "Thêm bài viết"
    assert Group.objects.filter(name__in=ROLE_PERMISSIONS).count() == len(ROLE_PERMISSIONS) == 6
    assert "Đã cập nhật các vai trò." in capsys.readouterr().out
    assert setup_roles() == {role: len(perms) for role, perms in first.items()}


# Login throttling -------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_with_a_vietnamese_message(client):
    user = StaffUserFactory(username="bientap")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login_post(client, "bientap", "sai-mat-khau")
        assert response.status_code == 200
        assert "Bạn hãy nhập đúng" in html(response)
    locked = login_post(client, "bientap", "sai-mat-khau")
    right_password_too_late = login_post(client, "bientap", PASSWORD, ip="10.0.0.2")

    assert locked.status_code == 429
    assert "Đăng nhập tạm thời bị khóa" in html(locked)
    assert "bientap" in html(locked)
    assert right_password_too_late.status_code == 429
    assert "_auth_user_id" not in client.session
    assert user.is_active  # the lock is temporary and does not deactivate the account


def test_wrong_passwords_from_one_address_lock_it_only_at_the_address_limit(client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3 * settings.AXES_FAILURE_LIMIT
    StaffUserFactory(username="bientap2")
    for index in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        login_post(client, f"khong-co-{index}", "sai", ip="10.9.9.9")
    assert login_post(client, "bientap2", PASSWORD, ip="10.9.9.9").status_code == 302
    client.logout()

    login_post(client, "khong-co-nua", "sai", ip="10.9.9.9")

    assert login_post(client, "bientap2", PASSWORD, ip="10.9.9.9").status_code == 429
    assert login_post(client, "bientap2", PASSWORD, ip="10.9.9.10").status_code == 302


def test_a_successful_login_resets_the_failure_count(client):
    StaffUserFactory(username="bientap3")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login_post(client, "bientap3", "sai")
    assert login_post(client, "bientap3", PASSWORD).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login_post(client, "bientap3", "sai").status_code == 200
    assert login_post(client, "bientap3", PASSWORD).status_code == 302


# Passwords and sessions -------------------------------------------------------------------


def test_weak_passwords_are_refused_in_vietnamese(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"full_name": "Lê Văn Một", "email": "mot@example.vn", "username": "phongvien1",
         "password1": "12345", "password2": "12345"},
    )

    page = html(response)
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in page
    assert "Mật khẩu không được chỉ gồm chữ số." in page
    assert "This password" not in page
    assert not User.objects.filter(username="phongvien1").exists()


def test_password_reset_by_email(client):
    user = StaffUserFactory(username="quenmatkhau", email="quen@example.vn")

    login_page = html(client.get("/admin/login/"))
    assert 'href="/admin/password_reset/"' in login_page
    response = client.post("/admin/password_reset/", {"email": "quen@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Song-Han-mua-thu-2026!", "new_password2": "Song-Han-mua-thu-2026!"},
    )

    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Song-Han-mua-thu-2026!")


def test_sessions_expire(client):
    StaffUserFactory(username="phien")
    login_post(client, "phien", PASSWORD)

    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 12 * 3600


# Audit log --------------------------------------------------------------------------------


def test_logins_failed_logins_and_permission_changes_are_audited(client):
    administrator = SuperUserFactory(username="quantri")
    target = StaffUserFactory(username="phongvien")
    organization = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    AuditEvent.objects.all().delete()  # role set-up during migrate is logged too

    login_post(client, "quantri", "sai-mat-khau", ip="10.1.1.1")
    login_post(client, "quantri", PASSWORD, ip="10.1.1.1")
    response = client.post(
        f"/admin/auth/user/{target.pk}/change/",
        {
            "username": "phongvien", "is_active": "on", "is_staff": "on",
            "groups": [Group.objects.get(name=REPORTER).pk],
            "last_login_0": "", "last_login_1": "", "date_joined_0": "01/01/2026",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": 1, "memberships-INITIAL_FORMS": 0,
            "memberships-0-organization": organization.pk,
        },
        REMOTE_ADDR="10.1.1.1",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    events = list(AuditEvent.objects.order_by("id"))
    actions = [(e.action, e.actor_name) for e in events]
    assert ("login_failed", "quantri") in actions
    assert ("login", "quantri") in actions
    changes = [e.detail for e in events if e.action == "permission_change"]
    assert any("Phóng viên" in detail for detail in changes)
    assert any("Tỉnh Đoàn Bến Tre" in detail for detail in changes)
    assert [(e.action, e.detail, e.ip_address) for e in events if e.ip_address != "10.1.1.1"] == []
    assert all(e.actor == administrator for e in events if e.action == "permission_change")
    assert "sai-mat-khau" not in str([vars(e) for e in events])


def test_audit_log_is_readable_by_administrators_only_for_their_accounts(client):
    province, other = OrganizationFactory(), OrganizationFactory()
    colleague = StaffUserFactory(username="dong-nghiep")
    stranger = StaffUserFactory(username="nguoi-ngoai")
    Membership.objects.create(user=colleague, organization=province)
    Membership.objects.create(user=stranger, organization=other)
    AuditEvent.objects.create(action="login", actor=colleague, actor_name="dong-nghiep")
    AuditEvent.objects.create(action="login", actor=stranger, actor_name="nguoi-ngoai")
    AuditEvent.objects.create(action="login_failed", actor_name="ai-do")
    reporter = with_role(StaffUserFactory(), REPORTER)
    site_admin = with_role(StaffUserFactory(), SITE_ADMIN)
    Membership.objects.create(user=site_admin, organization=province)

    client.force_login(reporter)
    assert client.get("/admin/audit/auditevent/").status_code == 403
    client.force_login(site_admin)
    response = client.get("/admin/audit/auditevent/")
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    logins = {e.actor_name for e in shown if e.action == "login"}
    assert logins == {"dong-nghiep", site_admin.username}
    assert not [e for e in shown if stranger in (e.actor,) or e.object_id == str(stranger.pk)]
    assert any(e.object_id == str(colleague.pk) for e in shown)  # what was done to their accounts
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    client.force_login(SuperUserFactory())
    response = client.get("/admin/audit/auditevent/")
    assert {e.actor_name for e in response.context["cl"].result_list} >= {
        "dong-nghiep", "nguoi-ngoai", "ai-do"}


# Administrators who are not superusers ----------------------------------------------------


def test_site_admin_sees_no_superusers_and_cannot_grant_superuser(client, site_admin):
    SuperUserFactory(username="sieu-quan-tri")
    editor = StaffUserFactory(username="bientapvien")
    membership = Membership.objects.create(
        user=editor, organization=site_admin.memberships.get().organization
    )
    client.force_login(site_admin)

    listing = html(client.get("/admin/auth/user/"))
    form = client.get(f"/admin/auth/user/{editor.pk}/change/")
    tampered = client.post(
        f"/admin/auth/user/{editor.pk}/change/",
        {
            "username": "bientapvien", "is_active": "on", "is_staff": "on", "is_superuser": "on",
            "groups": [Group.objects.get(name=EDITOR).pk],
            "user_permissions": [1, 2, 3],
            "date_joined_0": "01/01/2026", "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": 1, "memberships-INITIAL_FORMS": 1,
            "memberships-0-id": membership.pk, "memberships-0-user": editor.pk,
            "memberships-0-organization": membership.organization_id,
        },
    )

    assert "sieu-quan-tri" not in listing
    assert "bientapvien" in listing
    assert "is_superuser" not in form.context["adminform"].form.fields
    offered = form.context["adminform"].form.fields["groups"].queryset
    assert set(offered.values_list("name", flat=True)) == set(ORGANIZATION_ROLE_NAMES)
    assert tampered.status_code == 302
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert not editor.user_permissions.exists()
    assert list(editor.groups.values_list("name", flat=True)) == [EDITOR]


def test_site_admin_assigns_only_organisations_in_scope(client, site_admin, province):
    board = Organization.objects.add_child(province, instance=Organization(name="Ban Tổ chức"))
    outside = OrganizationFactory(name="Tỉnh ủy khác")
    editor = StaffUserFactory(username="bientap-ban")
    first = Membership.objects.create(user=editor, organization=province)
    client.force_login(site_admin)

    def assign(organization):
        return client.post(
            f"/admin/auth/user/{editor.pk}/change/",
            {
                "username": "bientap-ban", "is_active": "on", "is_staff": "on",
                "date_joined_0": "01/01/2026", "date_joined_1": "08:00:00",
                "memberships-TOTAL_FORMS": 2, "memberships-INITIAL_FORMS": 1,
                "memberships-0-id": first.pk, "memberships-0-user": editor.pk,
                "memberships-0-organization": province.pk, "memberships-0-DELETE": "on",
                "memberships-1-organization": organization.pk,
            },
        )

    refused = assign(outside)
    accepted = assign(board)

    assert refused.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in html(refused)
    assert accepted.status_code == 302
    assert list(editor.memberships.values_list("organization__name", flat=True)) == ["Ban Tổ chức"]


def test_site_admin_deactivates_accounts(client, site_admin):
    editor = StaffUserFactory(username="nghiviec")
    Membership.objects.create(user=editor, organization=site_admin.memberships.get().organization)
    client.force_login(site_admin)

    client.post(
        "/admin/auth/user/",
        {"action": "deactivate", "_selected_action": [editor.pk, site_admin.pk]},
    )

    editor.refresh_from_db()
    site_admin.refresh_from_db()
    assert not editor.is_active
    assert site_admin.is_active  # nobody locks themselves out


@pytest.mark.parametrize("given", ["role", "permission"])
def test_an_account_holding_what_only_a_superuser_gives_is_not_an_organisation_admins(
    client, site_admin, province, given
):
    """Setting its password would hand its holder's powers to the administrator."""
    keeper = StaffUserFactory(username="quantri-cong")
    if given == "role":
        keeper.groups.add(Group.objects.get(name=PORTAL_ADMIN))
    else:
        keeper.user_permissions.add(Permission.objects.get(codename="change_menu"))
    Membership.objects.create(user=keeper, organization=province)
    client.force_login(site_admin)

    page = client.get(f"/admin/auth/user/{keeper.pk}/change/")
    password = client.post(f"/admin/auth/user/{keeper.pk}/password/", {
        "usable_password": "true",
        "password1": "Mat-khau-chiem-quyen-2026", "password2": "Mat-khau-chiem-quyen-2026",
    })
    client.post("/admin/auth/user/", {"action": "deactivate", "_selected_action": [keeper.pk]})

    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert password.status_code == 403
    keeper.refresh_from_db()
    assert keeper.check_password(PASSWORD)
    assert keeper.is_active


def test_an_account_shared_with_another_organisation_is_seen_but_not_changed(
    client, site_admin, province
):
    outside = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    shared = StaffUserFactory(username="kiem-nhiem")
    Membership.objects.create(user=shared, organization=province)
    Membership.objects.create(user=shared, organization=outside)
    client.force_login(site_admin)

    listing = client.get("/admin/auth/user/")
    page = client.get(f"/admin/auth/user/{shared.pk}/change/")
    password = client.post(f"/admin/auth/user/{shared.pk}/password/", {
        "password1": "Mat-khau-chiem-quyen-2026", "password2": "Mat-khau-chiem-quyen-2026",
        "usable_password": "true",
    })

    assert shared in listing.context["cl"].result_list
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert password.status_code == 403
    shared.refresh_from_db()
    assert shared.check_password(PASSWORD)
    # The read-only page shows only the memberships within the administrator's scope.
    inline = page.context["inline_admin_formsets"][0].formset
    assert [form.instance.organization for form in inline.initial_forms] == [province]


def test_every_new_password_is_in_the_audit_log_and_its_administrator_reads_it(
    client, site_admin, province
):
    colleague = StaffUserFactory(username="dong-nghiep-2")
    Membership.objects.create(user=colleague, organization=province)
    stranger = StaffUserFactory(username="nguoi-ngoai-2")
    client.force_login(site_admin)

    client.post(f"/admin/auth/user/{colleague.pk}/password/", {
        "usable_password": "true",
        "password1": "Mat-khau-dat-lai-2026-kho", "password2": "Mat-khau-dat-lai-2026-kho",
    })
    client.logout()
    login_post(client, "dong-nghiep-2", "sai-mat-khau")
    login_post(client, "nguoi-ngoai-2", "sai-mat-khau")
    # A hash upgraded at login is not a new password.
    login_post(client, "dong-nghiep-2", "Mat-khau-dat-lai-2026-kho")

    changes = AuditEvent.objects.filter(action=AuditEvent.Action.PASSWORD_CHANGE)
    assert [(e.actor, e.object_id, e.detail) for e in changes] == [
        (site_admin, str(colleague.pk), "Đặt mật khẩu mới cho tài khoản")]
    client.force_login(site_admin)
    shown = client.get("/admin/audit/auditevent/").context["cl"].result_list
    failed = {e.actor_name for e in shown if e.action == AuditEvent.Action.LOGIN_FAILED}
    assert failed == {"dong-nghiep-2"}
    assert any(e.action == AuditEvent.Action.PASSWORD_CHANGE for e in shown)
    assert stranger.username not in {e.actor_name for e in shown}


def test_an_administrator_reads_events_about_their_articles_not_a_shared_colleagues_others(
    client, site_admin, province
):
    """A reviewer who also works for another organisation schedules that one's embargoed
    story: the administrator of the first organisation must not read its title."""
    from factories import ArticleFactory

    from audit.log import record
    from news.models import Article

    other = OrganizationFactory(name="Ban Tuyên giáo và Dân vận")
    shared = StaffUserFactory(username="kiem-nhiem-2")
    Membership.objects.create(user=shared, organization=province)
    Membership.objects.create(user=shared, organization=other)
    embargoed = ArticleFactory(organization=other, title="Tin nhân sự chưa công bố",
                               status=Article.Status.DRAFT, published_at=None)
    theirs = ArticleFactory(organization=province, title="Tin của Tỉnh ủy")
    record(action=AuditEvent.Action.PUBLISH, obj=embargoed, actor=shared, detail="hẹn đăng")
    record(action=AuditEvent.Action.PUBLISH, obj=theirs, actor=shared)
    client.force_login(site_admin)

    shown = client.get("/admin/audit/auditevent/").context["cl"].result_list

    titles = {event.object_repr for event in shown}
    assert "Tin của Tỉnh ủy" in titles
    assert "Tin nhân sự chưa công bố" not in titles


def test_an_account_page_asks_the_scope_once(client, site_admin, province):
    """The change page asks "may this administrator change this account?" for the form,
    its buttons and links: one query answers them all."""
    member = StaffUserFactory(username="phong-vien-tinh")
    Membership.objects.create(user=member, organization=province)
    client.force_login(site_admin)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/admin/auth/user/{member.pk}/change/")

    assert page.status_code == 200
    assert page.context["has_change_permission"]
    scope_checks = [q for q in queries.captured_queries if "is_superuser" in q["sql"]
                    and '"auth_user_user_permissions"' in q["sql"]]
    assert len(scope_checks) == 1, [q["sql"] for q in scope_checks]
