"""Every permission has a name of its own in Vietnamese, and the lists that give
permissions (a role's page, an account's page) show each label once.

"Sửa bài viết" was shown twice: the roles' renaming of Django's permissions ("Can change
…" -> "Sửa …") also caught the custom permission change_colleagues_article, whose code
begins with "change_"."""

import collections

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from factories import StaffUserFactory

from accounts.roles import CUSTOM_PERMISSIONS, REPORTER

pytestmark = pytest.mark.django_db


def duplicates(labels) -> list[str]:
    return [label for label, count in collections.Counter(labels).items() if count > 1]


def choice_labels(response, field) -> list[str]:
    form = response.context["adminform"].form
    return [str(label) for _value, label in form.fields[field].choices]


def test_every_permission_has_a_name_of_its_own():
    permissions = Permission.objects.select_related("content_type")

    assert duplicates(str(permission) for permission in permissions) == []
    assert duplicates(
        (permission.content_type_id, permission.name) for permission in permissions
    ) == []


def test_the_custom_permissions_keep_their_names():
    for label, name in CUSTOM_PERMISSIONS.items():
        app_label, codename = label.split(".")
        assert Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        ).name == name
    assert Permission.objects.get(codename="change_article").name == "Sửa bài viết"


def test_a_role_page_lists_each_permission_once(superuser_client):
    group = Group.objects.get(name=REPORTER)

    page = superuser_client.get(f"/admin/auth/group/{group.pk}/change/")

    labels = choice_labels(page, "permissions")
    assert duplicates(labels) == []
    assert "Tin tức và văn bản | bài viết | Sửa bài viết" in labels
    assert ("Tin tức và văn bản | bài viết | Sửa bài viết của người khác trong tổ chức mình"
            in labels)
    # Nobody grants permissions on revisions, sessions, content types or permissions.
    assert not [label for label in labels if "phiên bản bài viết" in label
                or "phiên đăng nhập" in label or "loại nội dung" in label
                or "| quyền |" in label]


def test_an_account_page_lists_each_permission_once(superuser_client):
    user = StaffUserFactory(username="bientap-quyen")

    page = superuser_client.get(f"/admin/auth/user/{user.pk}/change/")

    labels = choice_labels(page, "user_permissions")
    assert labels
    assert duplicates(labels) == []
    assert duplicates(choice_labels(page, "groups")) == []


def test_a_permission_already_held_stays_offered_and_is_kept(superuser_client):
    """Leaving a permission out of the list must not take it away on the next save."""
    from admin_forms import browser_form_data

    user = StaffUserFactory(username="giu-quyen")
    held = Permission.objects.get(codename="view_session")
    user.user_permissions.add(held)
    url = f"/admin/auth/user/{user.pk}/change/"
    page = superuser_client.get(url)

    superuser_client.post(url, browser_form_data(page.content.decode(), form_id="user_form"))

    assert any("phiên đăng nhập" in label for label in choice_labels(page, "user_permissions"))
    assert list(User.objects.get(pk=user.pk).user_permissions.all()) == [held]


def test_an_installation_that_renamed_the_permission_is_repaired_by_migrate():
    """Every migrate runs setup_roles (accounts.roles._roles_after_migrate); so does
    `manage.py setup_roles`."""
    Permission.objects.filter(codename="change_colleagues_article").update(name="Sửa bài viết")

    call_command("setup_roles")

    assert Permission.objects.get(codename="change_colleagues_article").name == (
        "Sửa bài viết của người khác trong tổ chức mình"
    )
