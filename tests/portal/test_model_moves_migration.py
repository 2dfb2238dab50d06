"""An installation from before the layout change upgrades without losing anything: menus,
static pages, contact messages, daily visits and the audit log move from the portal app to
pages, visitors and audit with their tables, rows, content types and the permissions that
roles and people hold on them."""

from datetime import date

import pytest
from migration_steps import migrate

BEFORE = [
    ("portal", "0006_auditevent_password_change"),
    ("pages", None), ("visitors", None), ("audit", None),
]
AFTER = [("portal", "0007_models_moved_to_their_apps")]


@pytest.mark.django_db(transaction=True)
def test_the_moved_models_keep_their_rows_content_types_and_permissions():
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    User = old.get_model("auth", "User")
    try:
        # What an installation of the previous release has: rows, and content types and
        # permissions under the portal app, held by a role and by a person.
        menu = old.get_model("portal", "Menu").objects.create(name="Menu chính", slug="main")
        old.get_model("portal", "MenuItem").objects.create(
            menu=menu, title="Tin tức", link="/tin-tuc/"
        )
        old.get_model("portal", "StaticPage").objects.create(title="Giới thiệu", slug="gioi-thieu")
        old.get_model("portal", "ContactMessage").objects.create(
            name="Nguyễn Văn An", email="an@example.vn", subject="Góp ý", message="Nội dung")
        old.get_model("portal", "DailyVisit").objects.create(
            date=date(2026, 1, 1), count=7, page_views=9
        )
        actor = User.objects.create(username="quantri-cu")
        old.get_model("portal", "AuditEvent").objects.create(
            action="login", actor=actor, actor_name="quantri-cu"
        )
        menu_type, _ = ContentType.objects.get_or_create(app_label="portal", model="menu")
        change_menu, _ = Permission.objects.get_or_create(
            content_type=menu_type, codename="change_menu", defaults={"name": "Sửa menu"})
        role = Group.objects.create(name="Vai trò cũ")
        role.permissions.add(change_menu)
        actor.user_permissions.add(change_menu)

        new = migrate(AFTER).loader.project_state(AFTER).apps

        assert new.get_model("pages", "Menu").objects.get().items.get().title == "Tin tức"
        assert new.get_model("pages", "StaticPage").objects.get().slug == "gioi-thieu"
        assert new.get_model("pages", "ContactMessage").objects.get().subject == "Góp ý"
        assert new.get_model("visitors", "DailyVisit").objects.get().page_views == 9
        assert (
            new.get_model("audit", "AuditEvent").objects.get(actor_name="quantri-cu").actor.username
            == "quantri-cu"
        )
        moved = new.get_model("contenttypes", "ContentType").objects.get(pk=menu_type.pk)
        assert (moved.app_label, moved.model) == ("pages", "menu")
        assert list(new.get_model("auth", "Group").objects.get(pk=role.pk).permissions.values_list(
            "content_type__app_label", "codename")) == [("pages", "change_menu")]
        assert new.get_model("auth", "User").objects.get(pk=actor.pk).user_permissions.filter(
            pk=change_menu.pk).exists()
    finally:
        # Later tests run on an empty database, as the rest of the suite expects.
        migrate(None)
        from django.contrib.auth.models import Group as CurrentGroup
        from django.contrib.auth.models import User as CurrentUser

        from audit.models import AuditEvent
        from pages.models import ContactMessage, Menu, StaticPage
        from visitors.models import DailyVisit

        for model in (AuditEvent, ContactMessage, Menu, StaticPage, DailyVisit):
            model.objects.all().delete()
        CurrentUser.objects.filter(username="quantri-cu").delete()
        CurrentGroup.objects.filter(name="Vai trò cũ").delete()
