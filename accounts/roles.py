"""The four editorial roles, as Django groups with a fixed set of permissions.

The roles are defined here and nowhere else: `setup_roles()` (run by a data migration,
after every `migrate`, and by `manage.py setup_roles`) makes each group hold exactly
these permissions. Administrators give users roles; they do not edit the groups.

What each role may do beyond its permissions (which organisations, whose articles,
which workflow steps) is decided by news.permissions from these same permissions.
"""

from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import translation

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
APPROVER = "Người duyệt bài"
SITE_ADMIN = "Quản trị"
PORTAL_ADMIN = "Quản trị cổng"
LIBRARIAN = "Quản lý văn bản"

# Permissions that are not one of Django's add/change/delete/view.
CUSTOM_PERMISSIONS = {
    "news.publish_article": "Đăng, gỡ, hẹn giờ và lưu trữ bài viết",
    "news.change_colleagues_article": "Sửa bài viết của người khác trong tổ chức mình",
    "news.purge_article": "Xóa vĩnh viễn bài viết trong thùng rác",
    "news.manage_directive_library": (
        "Quản lý mọi văn bản chỉ đạo (mọi cơ quan ban hành, văn bản tiêu điểm)"
    ),
}


def _crud(label, *actions):
    app_label, model = label.split(".")
    return [f"{app_label}.{action}_{model}" for action in actions]


_WRITING = [
    *_crud("news.article", "view", "add", "change"),
    # The library of their organisations (and the shared items): upload, describe, reuse.
    *_crud("library.libraryimage", "view", "add", "change", "delete"),
    *_crud("library.librarydocument", "view", "add", "change", "delete"),
    *_crud("news.category", "view"),
    *_crud("news.directive", "view"),
    # Topics are chosen in the article form (its autocomplete asks for this permission).
    *_crud("news.topic", "view"),
    *_crud("organizations.organization", "view"),
]
_TOPICS = _crud("news.topic", "view", "add", "change", "delete")

ROLE_PERMISSIONS = {
    REPORTER: _WRITING,
    EDITOR: [*_WRITING, "news.change_colleagues_article", *_crud("news.topic", "add", "change")],
    APPROVER: [
        *_WRITING,
        "news.change_colleagues_article",
        "news.publish_article",
        *_crud("news.article", "delete"),
        *_crud("news.directive", "add", "change", "delete"),
        *_crud("news.unresolveddirectivereference", "view"),
        *_crud("news.topic", "add", "change", "delete"),
    ],
    # Accounts and records of the administrator's own organisations (organizations.admin_scope).
    SITE_ADMIN: [
        *_crud("auth.user", "view", "add", "change"),
        *_crud("auth.group", "view"),
        *_crud("organizations.organization", "view", "add", "change", "delete"),
        *_crud("organizations.membership", "view", "add", "change", "delete"),
        *_crud("organizations.person", "view", "add", "change", "delete"),
        *_crud("organizations.position", "view", "add", "change", "delete"),
        *_crud("organizations.succession", "view", "add", "change", "delete"),
        *_crud("audit.auditevent", "view"),
        # Topic pages (chuyên trang) belong to the whole portal, for now.
        *_TOPICS,
        # The trash of their organisations' articles: only they empty it (news/admin_trash.py).
        "news.purge_article",
    ],
    # What belongs to the whole portal rather than to one organisation.
    PORTAL_ADMIN: [
        *_crud("news.category", "view", "add", "change", "delete"),
        *_crud("pages.menu", "view", "add", "change", "delete"),
        *_crud("pages.menuitem", "view", "add", "change", "delete"),
        *_crud("pages.staticpage", "view", "add", "change", "delete"),
        *_crud("pages.contactmessage", "view", "change", "delete"),
        *_crud("pages.websitelink", "view", "add", "change", "delete"),
        *_TOPICS,
        # The portals they manage (portals/permissions.py): their information, theme, menus
        # and website links, on the portal's page (pages/admin_portals.py); only a
        # superuser creates or deletes a portal and sets its organisation and domains.
        *_crud("portals.portal", "view", "change"),
        *_crud("portals.portaldomain", "view"),
        *_crud("pages.portalinformation", "view", "add", "change"),
        *_crud("visitors.dailyvisit", "view"),
    ],
    # The shared directive library: documents of every issuer (Trung ương's included) and
    # which of them the home page shows.
    LIBRARIAN: [
        *_crud("news.directive", "view", "add", "change", "delete"),
        *_crud("organizations.organization", "view"),
        *_crud("news.unresolveddirectivereference", "view"),
        "news.manage_directive_library",
    ],
}

# What each role allows, in a line, beside its box wherever roles are given.
ROLE_DESCRIPTIONS = {
    REPORTER: "viết bài, sửa bài nháp của mình và gửi duyệt",
    EDITOR: "sửa mọi bài nháp và bài chờ duyệt của tổ chức mình; tạo và sửa chuyên trang",
    APPROVER: "duyệt, đăng, gỡ, hẹn giờ và lưu trữ bài; quản lý văn bản của tổ chức mình; "
    "quản lý chuyên trang",
    SITE_ADMIN: "quản lý tài khoản, tổ chức, cán bộ và xem nhật ký của tổ chức mình; "
    "quản lý chuyên trang",
    PORTAL_ADMIN: "thông tin, màu giao diện, menu và liên kết website của các cổng thuộc tổ "
    "chức mình; trang tĩnh, chuyên mục, chuyên trang, ý kiến liên hệ, "
    "thống kê truy cập",
    LIBRARIAN: "toàn bộ thư viện văn bản chỉ đạo, văn bản tiêu điểm trên trang chủ",
}

# Roles an organisation's administrator may give to accounts of their organisations; the
# others act on the whole installation, so only a superuser gives them.
ORGANIZATION_ROLE_NAMES = [REPORTER, EDITOR, APPROVER, SITE_ADMIN]

ROLE_NAMES = list(ROLE_PERMISSIONS)


def create_all_permissions(apps=global_apps, using="default") -> None:
    """Django creates permissions app by app after migrate; roles need all of them."""
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps, using=using)


def setup_roles(apps=global_apps) -> dict[str, int]:
    """Create the role groups and give each exactly its permissions; idempotent.

    Returns the number of permissions of each role. Permissions of models that do not
    exist (yet) are skipped, so this works at every point of the migration history.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    for label, name in CUSTOM_PERMISSIONS.items():
        app_label, codename = label.split(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model="article")
        Permission.objects.update_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )

    _name_default_permissions_in_vietnamese(apps, Permission)

    known = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    counts = {}
    for role, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permission_ids = [known[label] for label in wanted if label in known]
        group.permissions.set(permission_ids)
        counts[role] = len(permission_ids)
    return counts


DEFAULT_ACTIONS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}

# Models whose name in Django's translation reads wrongly in a list of permissions.
MODEL_NAMES = {
    "auth.group": "vai trò (nhóm quyền)",
    "auth.permission": "quyền",
    "contenttypes.contenttype": "loại nội dung",
    "sessions.session": "phiên đăng nhập",
}

# Permissions nobody grants: of records the portal or Django writes itself (the admin's
# own log, content types, sessions, the task queue, the revisions django-simple-history
# keeps), and of permissions themselves. The forms that give permissions leave them out.
_NOT_GRANTED_APPS = {"admin", "contenttypes", "sessions", "django_tasks_database"}


def role_names_grantable_by(user) -> list[str]:
    """The roles `user` may give: every role for a superuser; for anyone else, the roles
    of an organisation, and only if they administer accounts (hold change_user)."""
    if user.is_superuser:
        return ROLE_NAMES
    if not user.has_perm("auth.change_user"):
        return []
    return ORGANIZATION_ROLE_NAMES


def grantable_permissions(*, keep=()):
    """The permissions a form offers: all but those nobody grants (_NOT_GRANTED_APPS,
    historical models, permissions of permissions), plus `keep` (those already held, which
    a save must not drop)."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    not_granted = (
        Q(content_type__app_label__in=_NOT_GRANTED_APPS)
        | Q(content_type__model__startswith="historical")
        | Q(content_type__app_label="auth", content_type__model="permission")
    )
    return (
        Permission.objects.filter(~not_granted | Q(pk__in=keep))
        .select_related("content_type")
        .order_by("content_type__app_label", "content_type__model", "codename")
    )


def _name_default_permissions_in_vietnamese(apps, Permission) -> None:
    """Django names its permissions "Can add …" in English whatever the language.

    Only Django's own four of each model ("change_article"), named from the action and the
    model: a permission of our own whose code begins the same way
    ("change_colleagues_article") keeps its name, which says what it allows (it was once
    renamed "Sửa bài viết" too, and the permission lists showed that name twice)."""
    for permission in Permission.objects.select_related("content_type"):
        action = permission.codename.split("_", 1)[0]
        content_type = permission.content_type
        if action not in DEFAULT_ACTIONS or permission.codename != (
            f"{action}_{content_type.model}"
        ):
            continue
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except LookupError:
            continue
        model_name = MODEL_NAMES.get(f"{content_type.app_label}.{content_type.model}")
        if model_name is None:
            # The models of Django and its apps name themselves in English.
            with translation.override("vi"):
                model_name = translation.gettext(model._meta.verbose_name_raw)
        name = f"{DEFAULT_ACTIONS[action]} {model_name}"[:255]
        if permission.name != name:
            permission.name = name
            permission.save(update_fields=["name"])


@receiver(post_migrate)
def _roles_after_migrate(sender, using="default", apps=global_apps, **kwargs):
    """Keep the roles in step with the models after every migrate (new models, new rules).

    Uses the migration state's apps: after a partial `migrate app 0003` the tables may
    be older than the models (as Django's own post-migrate handlers allow for)."""
    # Django signals only apps with models; the roles are about news' articles above all.
    if sender.name != "news":
        return
    try:
        content_type = apps.get_model("contenttypes", "ContentType")
        apps.get_model("auth", "Group")
        apps.get_model("news", "Article")
    except LookupError:
        return
    if any(field.name == "name" for field in content_type._meta.fields):
        return  # contenttypes not migrated yet
    create_all_permissions(apps=apps, using=using)
    setup_roles(apps)
