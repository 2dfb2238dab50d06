"""Organisation scope as a matrix: every model registered in the admin × every role ×
an object of another organisation, through every admin URL Django builds for it.

Staff of "Tỉnh Đoàn" (and a Quản trị with no organisation at all) must not see or change
anything of "Ban Tuyên giáo" in another branch of the tree: not in the list or a search,
not through the change, delete, history, restore, password or autocomplete views, not
with a bulk action, and not by a tampered POST copied from what a superuser's browser
sends, nor through "Xem trên trang" (/admin/r/…). The models come from the admin registry:
a model registered later fails here until it has a maker in OBJECTS and a line in POLICY.

A control runs the same tampered POSTs on the user's own organisation's objects and
expects them to succeed, so a POST that fails for another reason cannot pass for scope.
"""

import itertools
from datetime import date

import pytest
from admin_forms import browser_form_data
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.urls import reverse
from factories import (
    PASSWORD,
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryDocumentFactory,
    LibraryImageFactory,
    OrganizationFactory,
    PersonFactory,
    PortalFactory,
    PositionFactory,
    StaffUserFactory,
    SuperUserFactory,
)

from accounts.roles import (
    APPROVER,
    EDITOR,
    LIBRARIAN,
    PORTAL_ADMIN,
    REPORTER,
    ROLE_NAMES,
    SITE_ADMIN,
)
from audit.models import AuditEvent
from news.models import Article, Topic, UnresolvedDirectiveReference
from organizations.models import Membership, Organization
from pages.models import ContactMessage, Menu, PortalInformation, StaticPage, WebsiteLink
from portals.models import Portal
from visitors.models import DailyVisit

pytestmark = pytest.mark.django_db

MARK = "zqmark"  # in every object's searchable text
NO_ROLE = "không có vai trò"
ADMIN_WITHOUT_ORGANIZATION = "Quản trị không thuộc tổ chức nào"
USERS = [*ROLE_NAMES, NO_ROLE, ADMIN_WITHOUT_ORGANIZATION]

# What each model is, for this test:
#   "scoped":  belongs to an organisation; nobody outside its scope sees or changes it;
#   "shared":  a catalogue everyone may read (the directive library); changed within scope,
#              or by the roles listed;
#   "portal":  belongs to the whole portal; changed only by the roles listed, seen only by
#              the roles listed (None: anyone with the view permission).
POLICY = {
    "news.article": ("scoped",),
    "news.unresolveddirectivereference": ("scoped",),
    "organizations.organization": ("scoped",),
    "organizations.person": ("scoped",),
    "auth.user": ("scoped",),
    "audit.auditevent": ("scoped",),
    "news.directive": ("shared", {LIBRARIAN}),
    "news.category": ("portal", {PORTAL_ADMIN}, None),
    # A portal (with its domains and information on its page), its menus and its website
    # links belong to the portal of an organisation: a Quản trị cổng of another branch of
    # the tree sees none of them (portals/permissions.py).
    "portals.portal": ("scoped",),
    "pages.menu": ("scoped",),
    "pages.websitelink": ("scoped",),
    "pages.staticpage": ("portal", {PORTAL_ADMIN}, {PORTAL_ADMIN}),
    "pages.contactmessage": ("portal", {PORTAL_ADMIN}, {PORTAL_ADMIN}),
    # Topic pages belong to the whole portal; every role sees them (articles are attached
    # to them), those who write the news above a reporter keep them.
    "news.topic": (
        "portal", {EDITOR, APPROVER, SITE_ADMIN, ADMIN_WITHOUT_ORGANIZATION, PORTAL_ADMIN}, None,
    ),
    "visitors.dailyvisit": ("portal", set(), {PORTAL_ADMIN}),
    "auth.group": ("portal", set(), None),
    "axes.accessattempt": ("portal", set(), set()),
    "axes.accesslog": ("portal", set(), set()),
    "axes.accessfailurelog": ("portal", set(), set()),
    # The library: a private item (is_shared=False) is its organisation's alone.
    "library.libraryimage": ("scoped",),
    "library.librarydocument": ("scoped",),
}

# Organisations are public: whoever keeps the whole directive library names any issuer.
AUTOCOMPLETE_ALLOWED = {LIBRARIAN: {("news", "directive", "issuer")}}


def _article(organization, **extra):
    return ArticleFactory(
        organization=organization, status=Article.Status.DRAFT, published_at=None,
        title=f"Dự thảo chưa công bố {MARK} {organization.pk}", **extra,
    )


def _reviewer_of(organization):
    user = StaffUserFactory(username=f"{MARK}-duyet-{organization.pk}", first_name=MARK)
    user.groups.add(Group.objects.get(name=APPROVER))
    Membership.objects.create(user=user, organization=organization)
    return user


def _person(organization):
    person = PersonFactory(full_name=f"Cán bộ {MARK} {organization.pk}", organization=organization)
    PositionFactory(person=person, organization=organization, title="Trưởng ban")
    return person


def _unresolved(organization):
    return UnresolvedDirectiveReference.objects.create(
        article=_article(organization), key=f"99{organization.pk}-CTTU",
        text=f"Chỉ thị số 99-CT/TU {MARK}", code="99-CT/TU", number="99", symbol="CT/TU",
    )


def _portal_of(organization):
    """The portal of `organization` (made with a domain and its information the first time)."""
    portal = Portal.objects.filter(organization=organization).first()
    if portal is None:
        portal = PortalFactory(
            organization=organization, domain=f"cong{organization.pk}.example.vn"
        )
        PortalInformation.objects.create(
            portal=portal, full_name=f"Cổng Thông tin điện tử {MARK} {organization.pk}",
            owner=organization.name,
        )
    return portal


# model label → makes one object that belongs to `organization` (or to the whole portal).
OBJECTS = {
    "news.article": _article,
    "news.unresolveddirectivereference": _unresolved,
    "organizations.organization": lambda organization: organization,
    "organizations.person": _person,
    "auth.user": _reviewer_of,
    "audit.auditevent": lambda organization: AuditEvent.objects.create(
        action=AuditEvent.Action.LOGIN, actor=_reviewer_of(organization), actor_name=MARK,
        object_repr=MARK,
    ),
    "news.directive": lambda organization: DirectiveFactory(
        issuer=organization, number=str(900 + organization.pk), symbol="CT/TU",
        title=f"Về công tác thanh niên {MARK}",
    ),
    "news.category": lambda organization: CategoryFactory(name=f"Chuyên mục {MARK}"),
    "portals.portal": _portal_of,
    "pages.menu": lambda organization: Menu.objects.create(
        portal=_portal_of(organization), name=f"Menu {MARK}", slug=f"menu-{MARK}"
    ),
    "pages.staticpage": lambda organization: StaticPage.objects.create(
        title=f"Giới thiệu {MARK}", body="<p>Trang giới thiệu.</p>",
    ),
    "pages.contactmessage": lambda organization: ContactMessage.objects.create(
        name="Nguyễn Văn An", email="an@example.vn", subject=f"Góp ý {MARK}", message="Nội dung.",
    ),
    "pages.websitelink": lambda organization: WebsiteLink.objects.create(
        portal=_portal_of(organization), name=f"Cổng Dịch vụ công quốc gia {MARK}",
        address="https://dichvucong.gov.vn/",
    ),
    "news.topic": lambda organization: Topic.objects.create(
        title=f"Đại hội Đảng bộ tỉnh {MARK}", description="Chuyên trang.",
    ),
    "visitors.dailyvisit": lambda organization: DailyVisit.objects.create(
        date=date(2026, 1, 1), count=10, page_views=20,
    ),
    "auth.group": lambda organization: Group.objects.get(name=APPROVER),
    "axes.accessattempt": lambda organization: AccessAttempt.objects.create(
        username=MARK, ip_address="10.0.0.9", user_agent="test", path_info="/admin/login/",
        failures_since_start=3, get_data="", post_data="",
    ),
    "axes.accesslog": lambda organization: AccessLog.objects.create(
        username=MARK, ip_address="10.0.0.9", user_agent="test", path_info="/admin/login/",
    ),
    "axes.accessfailurelog": lambda organization: AccessFailureLog.objects.create(
        username=MARK, ip_address="10.0.0.9", user_agent="test", path_info="/admin/login/",
    ),
    "library.libraryimage": lambda organization: LibraryImageFactory(
        organization=organization, caption=f"Ảnh hội nghị {MARK}",
    ),
    "library.librarydocument": lambda organization: LibraryDocumentFactory(
        organization=organization, title=f"Kế hoạch {MARK}",
    ),
}


def registered():
    return {
        model._meta.label_lower: model_admin
        for model, model_admin in admin.site._registry.items()
    }


def test_every_registered_model_has_a_policy_and_an_object_maker():
    labels = set(registered())
    assert labels == set(POLICY), "Add the new admin model to POLICY and OBJECTS."
    assert labels == set(OBJECTS)


@pytest.fixture
def world(db):
    home = OrganizationFactory(name="Tỉnh Đoàn Bến Tre", kind=Organization.Kind.YOUTH_UNION)
    OrganizationFactory(parent=home, name="Huyện Đoàn Ba Tri", kind=Organization.Kind.YOUTH_UNION)
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    other = OrganizationFactory(parent=province, name=f"Ban Tuyên giáo và Dân vận {MARK}")
    users = {}
    for name in USERS:
        user = StaffUserFactory(username=f"u{len(users)}")
        if name in ROLE_NAMES:
            user.groups.add(Group.objects.get(name=name))
        if name == ADMIN_WITHOUT_ORGANIZATION:
            user.groups.add(Group.objects.get(name=SITE_ADMIN))
        else:
            Membership.objects.create(user=user, organization=home)
        users[name] = user
    return {"home": home, "other": other, "users": users, "superuser": SuperUserFactory()}


def urls(model, obj):
    info = model._meta.app_label, model._meta.model_name
    return {
        "changelist": reverse("admin:{}_{}_changelist".format(*info)),
        "add": reverse("admin:{}_{}_add".format(*info)),
        "change": reverse("admin:{}_{}_change".format(*info), args=[obj.pk]),
        "delete": reverse("admin:{}_{}_delete".format(*info), args=[obj.pk]),
        "history": reverse("admin:{}_{}_history".format(*info), args=[obj.pk]),
    }


def snapshot(obj):
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    if fresh is None:
        return None
    state = model_to_dict(fresh)
    if hasattr(fresh, "trashed_at"):  # not on the form: moving an article to the trash
        state["trashed_at"] = fresh.trashed_at
    if hasattr(fresh, "password"):
        state["password"] = fresh.password
    if isinstance(fresh, Portal):  # its domains and information are edited on its page
        state["domains"] = sorted(fresh.domains.values_list("domain", "is_primary"))
        state["information"] = PortalInformation.objects.filter(portal=fresh).values_list(
            "full_name", "owner"
        ).first()
    return state


def autocomplete_sources(model):
    """(app_label, model_name, field_name) of every autocomplete box that offers `model`."""
    for model_admin in admin.site._registry.values():
        owners = [
            model_admin,
            *(inline(model_admin.model, admin.site) for inline in model_admin.inlines),
        ]
        for owner in owners:
            for field_name in owner.autocomplete_fields:
                field = owner.model._meta.get_field(field_name)
                if field.remote_field.model is model:
                    yield owner.model._meta.app_label, owner.model._meta.model_name, field_name


def tampered(data: dict) -> dict:
    """The superuser's form with its first text field changed."""
    data = dict(data)
    for name in ("title", "name", "full_name", "information-0-full_name", "first_name",
                 "subject", "summary", "detail"):
        if name in data and isinstance(data[name], str):
            data[name] = f"{data[name]} đã bị sửa trái phép"
            return data
    return data


def listed(client, model_admin, obj, changelist_url) -> bool:
    queries = [""]
    if model_admin.search_fields:
        queries.append(f"?q={MARK}")
    for query in queries:
        response = client.get(changelist_url + query)
        if response.status_code == 200 and obj.pk in {
            item.pk for item in response.context["cl"].result_list
        }:
            return True
    return False


def offered_by_autocomplete(client, model, obj) -> list:
    found = []
    for app_label, model_name, field_name in autocomplete_sources(model):
        response = client.get(reverse("admin:autocomplete"), {
            "app_label": app_label, "model_name": model_name, "field_name": field_name, "term": "",
        })
        if response.status_code == 200:
            ids = {item["id"] for item in response.json()["results"]}
            if str(obj.pk) in ids:
                found.append((app_label, model_name, field_name))
    return found


def rights(kind: str, rule: list, name: str) -> tuple[bool | None, bool]:
    """Whether role `name` may see (None: it may or may not) and may change an object of
    another organisation, by the model's policy."""
    if kind == "scoped":
        return False, False
    if kind == "shared":
        return None, name in rule[0]
    may_change = name in rule[0]
    return (None if rule[1] is None else name in rule[1] or may_change), may_change


def seen_against_policy(client, name, model_admin, obj, url, *, may_see, may_change) -> list:
    """Where the logged-in role saw, or could edit, `obj` when its rights say it may not."""
    model = model_admin.model
    problems = []
    if may_see is False and listed(client, model_admin, obj, url["changelist"]):
        problems.append("listed")
    page = client.get(url["change"])
    if may_see is False and page.status_code == 200:
        problems.append("change page opened")
    if not may_change and page.status_code == 200 and page.context.get("has_change_permission"):
        problems.append("change page editable")
    if may_see is False and hasattr(obj, "get_absolute_url"):
        content_type = ContentType.objects.get_for_model(model)
        on_site = client.get(reverse("admin:view_on_site", args=[content_type.pk, obj.pk]))
        if on_site.status_code == 302:
            problems.append("view on site")
    history = client.get(url["history"])
    if may_see is False and history.status_code == 200:
        problems.append("history opened")
    found = set(offered_by_autocomplete(client, model, obj))
    found -= AUTOCOMPLETE_ALLOWED.get(name, set())
    if may_see is False and found:
        problems.append(f"autocomplete {found}")
    return problems


def try_every_change(client, label, model, obj, url, *, form_data, history_ids, actions,
                     may_see) -> list:
    """Posts every change the admin offers for `obj` (its form, a restore of each version,
    delete, each action, a new password); returns the restore forms that opened although
    the role may not see `obj`."""
    problems = []
    client.post(url["change"], tampered(form_data))
    for history_id in history_ids:
        restore = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history",
            args=[obj.pk, history_id],
        )
        if may_see is False and client.get(restore).status_code == 200:
            problems.append("restore form opened")
        client.post(restore, tampered(form_data))
    client.post(url["delete"], {"post": "yes"})
    for action in actions:
        client.post(url["changelist"], {
            "action": action, "_selected_action": [obj.pk], "index": 0, "post": "yes",
        })
    if label == "auth.user":
        client.post(reverse("admin:auth_user_password_change", args=[obj.pk]), {
            "password1": "Mat-khau-moi-rat-dai-2026!", "password2": "Mat-khau-moi-rat-dai-2026!",
            "usable_password": "true",
        })
    return problems


@pytest.mark.parametrize("label", sorted(POLICY))
def test_nothing_of_another_organisation_can_be_seen_or_changed(label, world, client):
    model_admin = registered()[label]
    model = model_admin.model
    kind, *rule = POLICY[label]
    obj = OBJECTS[label](world["other"])
    url = urls(model, obj)
    client.force_login(world["superuser"])
    superuser_form = client.get(url["change"])
    assert superuser_form.status_code == 200
    form_data = browser_form_data(
        superuser_form.content.decode(), form_id=f"{model._meta.model_name}_form"
    )
    actions = list(model_admin.get_actions(superuser_form.wsgi_request))
    history_ids = (
        list(obj.history.values_list("history_id", flat=True)) if hasattr(obj, "history") else []
    )
    before = snapshot(obj)
    problems = []

    for name, user in world["users"].items():
        may_see, may_change = rights(kind, rule, name)
        client.force_login(user)
        problems += [
            (name, problem)
            for problem in seen_against_policy(
                client, name, model_admin, obj, url, may_see=may_see, may_change=may_change
            )
        ]
        if may_change:
            continue
        problems += [
            (name, problem)
            for problem in try_every_change(
                client, label, model, obj, url, form_data=form_data, history_ids=history_ids,
                actions=actions, may_see=may_see,
            )
        ]
        if snapshot(obj) != before:
            problems.append((name, "changed or deleted"))
            before = snapshot(obj)
            if before is None:
                obj = OBJECTS[label](world["other"])
                before = snapshot(obj)

    assert problems == []
    if label == "auth.user":
        obj.refresh_from_db()
        assert obj.check_password(PASSWORD)


# Adding: a tampered add form naming another organisation --------------------------------

ADD_FORMS = {
    # model label → (role that may add within its scope, the field naming the organisation,
    #                fields to post beyond what the form shows)
    "news.article": (REPORTER, "organization", {"slug": f"{MARK}-them-moi"}),
    "news.directive": (APPROVER, "issuer", {"code": "77-CT/TU", "slug": ""}),
    "organizations.organization": (SITE_ADMIN, "treebeard_ref_node", {"slug": f"{MARK}-moi"}),
    "organizations.person": (SITE_ADMIN, "organization", {}),
}


def without_inline_rows(data: dict) -> dict:
    """The form's fields with every inline emptied (management forms at zero rows)."""
    prefixes = [key[: -len("-TOTAL_FORMS")] for key in data if key.endswith("-TOTAL_FORMS")]
    kept = {
        key: value for key, value in data.items()
        if not any(key.startswith(f"{prefix}-") and key[len(prefix) + 1:][:1].isdigit()
                   for prefix in prefixes)
    }
    for prefix in prefixes:
        kept[f"{prefix}-TOTAL_FORMS"] = kept[f"{prefix}-INITIAL_FORMS"] = "0"
    return kept


@pytest.mark.parametrize("label", sorted(ADD_FORMS))
def test_nothing_is_added_to_another_organisation(label, world, client):
    role, scope_field, extra = ADD_FORMS[label]
    model = registered()[label].model
    other, home = world["other"], world["home"]
    client.force_login(world["superuser"])
    # A superuser's form for an object of the other organisation, as a browser sends it.
    template = OBJECTS[label](other)
    page = client.get(urls(model, template)["change"])
    data = browser_form_data(page.content.decode(), form_id=f"{model._meta.model_name}_form")
    data = {**without_inline_rows(data), **extra, scope_field: str(other.pk)}
    data.pop("loaded_version", None)
    add_url = urls(model, template)["add"]

    client.force_login(world["users"][role])
    count = model._default_manager.count()
    response = client.post(add_url, data)
    assert model._default_manager.count() == count, response
    # Control: the same form naming the user's own organisation is accepted.
    response = client.post(add_url, {**data, scope_field: str(home.pk)})
    assert model._default_manager.count() == count + 1, (
        response.context and response.context.get("errors")
    )


# Control: the same tampered POSTs succeed on the user's own organisation's objects --------

CONTROLS = {
    "news.article": APPROVER,
    "news.directive": APPROVER,
    "organizations.organization": SITE_ADMIN,
    "organizations.person": SITE_ADMIN,
    "auth.user": SITE_ADMIN,
    "library.librarydocument": REPORTER,
    "portals.portal": PORTAL_ADMIN,
    "pages.menu": PORTAL_ADMIN,
    "pages.websitelink": PORTAL_ADMIN,
}


@pytest.mark.parametrize("label", sorted(CONTROLS))
def test_the_same_posts_change_objects_within_scope(label, world, client):
    model = registered()[label].model
    home_branch = Organization.objects.get(name="Huyện Đoàn Ba Tri")
    obj = OBJECTS[label](home_branch)
    url = urls(model, obj)
    client.force_login(world["superuser"])
    form_data = browser_form_data(
        client.get(url["change"]).content.decode(), form_id=f"{model._meta.model_name}_form"
    )
    before = snapshot(obj)

    client.force_login(world["users"][CONTROLS[label]])
    response = client.post(url["change"], tampered(form_data))

    assert response.status_code == 302, response.context and response.context.get("errors")
    assert snapshot(obj) != before


def test_successors_inherit_their_predecessors_scope(world, client):
    """After a merger, the successor's staff see and correct their predecessors' articles."""
    from organizations.models import Succession

    home, other = world["home"], world["other"]
    article = _article(other)
    reviewer = world["users"][APPROVER]
    client.force_login(reviewer)
    assert client.get(urls(Article, article)["change"]).status_code == 302

    Succession.objects.create(predecessor=other, successor=home, effective_on=date(2025, 3, 1))
    page = client.get(urls(Article, article)["change"])

    assert page.status_code == 200
    assert page.context["has_change_permission"]
    assert set(Organization.objects.within_scope_of(reviewer)) >= {home, other}
    # …and not the predecessor's parent or siblings.
    predecessor_parent = Organization.objects.get_parent(other)
    assert not (
        Organization.objects.within_scope_of(reviewer).filter(pk=predecessor_parent.pk).exists()
    )


def test_roles_outside_an_organisation_grant_nothing_within_it(world):
    """Every pair of users and organisations: scope comes from memberships only."""
    for user, organization in itertools.product(world["users"].values(), [world["other"]]):
        assert not Organization.objects.within_scope_of(user).filter(pk=organization.pk).exists()
