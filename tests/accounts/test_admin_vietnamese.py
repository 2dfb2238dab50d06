"""The admin speaks Vietnamese everywhere, Django's and the third-party apps' pages included.

Django 6.1, django-simple-history, django-axes, django-treebeard and django-filter ship no
complete Vietnamese; the project's catalogue (locale/vi/LC_MESSAGES/, LOCALE_PATHS) fills the
gaps and words the rest as the portal does. These tests

- crawl every admin page that a superuser and each role can open, with real data, and the
  pages that follow the usual actions (messages, form errors, restore, tree moves, password
  forms, login, logout, password reset, lockout), and fail on visible English: text nodes,
  button labels and title, placeholder, aria-label and alt attributes whose words are English
  words of the installed apps' own catalogues;
- check that every message of those catalogues has Vietnamese, the JavaScript catalogue
  (/admin/jsi18n/) included;
- check that the committed .mo files say exactly what the .po files say, and that every
  translation keeps its placeholders.

English that no catalogue can change (text hard-coded in Django or an app, or data) is listed
in KNOWN_GAPS with the reason; test_known_gaps_are_still_there fails once one is fixed.
"""

import ast
import gettext
import importlib
import json
import re
from pathlib import Path

import pytest
from admin_forms import browser_form_data
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import URLPattern, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import trans_real
from factories import (
    PASSWORD,
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryImageFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    StaffUserFactory,
    SuccessionFactory,
    SuperUserFactory,
    figure_html,
)
from visible_english import (
    PLACEHOLDER,
    english_in,
    english_on,
    read_po,
    source_entries,
)

from accounts.roles import EDITOR, REPORTER, ROLE_NAMES
from audit.models import AuditEvent
from news.models import Article, Directive, UnresolvedDirectiveReference
from news.services import article_save
from organizations.models import Membership, Organization
from pages.models import ContactMessage, Menu, PortalInformation, StaticPage
from visitors.models import DailyVisit

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
PO_FILES = sorted(LOCALE_DIR.glob("*.po"))


def translations(entry: dict) -> list[str]:
    return [value for name, value in entry.items() if name.startswith("msgstr")]


def as_catalogue(entries: list[dict]) -> dict:
    """The entries as gettext.GNUTranslations keeps them in _catalog (header left out)."""
    catalogue = {}
    for entry in entries:
        if not entry["msgid"] or "fuzzy" in entry["flags"]:
            continue
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            for name, value in entry.items():
                if name.startswith("msgstr["):
                    catalogue[(msgid, int(name[7:-1]))] = value
        elif entry.get("msgstr"):
            catalogue[msgid] = entry["msgstr"]
    return catalogue


# Messages whose Vietnamese is written the same way.
SAME_IN_VIETNAMESE = {
    "…", ", ", "IPv4", "IPv6", "%(truncated_text)s…", "%(class_name)s %(instance)s", "Email",
    "LogEntry Object", "GeoJSON", "Web", ":?.!", ":", "%(size)d byte", "%s KB", "%s MB", "%s GB",
    "%s TB", "%s PB",
}


# English that Vietnamese catalogues cannot change: (pattern, where it comes from).
KNOWN_GAPS = [
    (r"<unknown>", "django-axes stores “<unknown>” as the path and browser of a login it "
     "did not see (force_login, logins outside a request)"),
]
GAP_PATTERNS = [re.compile(pattern) for pattern, _reason in KNOWN_GAPS]


def known_gap(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in GAP_PATTERNS)


class Findings:
    """English seen on the pages, by page; known gaps kept apart."""

    def __init__(self):
        self.pages, self.gaps = {}, set()

    def check(self, label: str, response, *, status=200):
        assert response.status_code == status, f"{label}: {response.status_code}"
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        for text in english_on(response.content.decode()):
            if known_gap(text):
                self.gaps.add(text)
            else:
                self.pages.setdefault(label, set()).add(text)

    def report(self) -> str:
        return "\n".join(
            f"{page}:\n" + "\n".join(f"    {text}" for text in sorted(texts))
            for page, texts in sorted(self.pages.items())
        )


def test_the_detector_sees_english_and_passes_vietnamese():
    assert english_on('<label>Hoạt động:</label><select><option value="">- Select an option -'
                      "</option></select>")
    assert english_on('<button title="Run the selected action">Thực hiện</button>')
    assert english_on("<p>Moved node “Tỉnh Đoàn Bến Tre” as child of “Tỉnh ủy”</p>")
    assert english_on('<input type="submit" value="Revert">')
    # What Django and django-axes write in code (accounts/admin_wording.py replaces it).
    assert english_on('<img src="/static/admin/img/icon-no.svg" alt="False">')
    assert english_on('<label for="searchbar"><img src="search.svg" alt="Search"></label>')
    assert english_on("<a>Attempted Access: 2026-12-07 06:00:00+00:00</a>")
    assert english_on("<li>Access Log for vaitro0 @ 2026-12-07 06:00:00+00:00</li>")
    assert english_on('<th class="column-status"><span>Status</span></th>')
    assert english_on("<li>If disabled, the current password for this user will be lost.</li>")
    assert not english_on(
        "<p>Nhấn nút “Khôi phục” bên dưới để khôi phục phiên bản này.</p><td>bientap3</td>"
        "<td>an@example.vn</td><a href='/admin/news/'>Tin tức</a><td>text/html</td>"
        '<p>Tên tiếng Anh. Ví dụ: Provincial Youth Union.</p><a lang="en">English</a>'
        "<script>var x = 'Select an option';</script>"
    )


# The data the pages show -------------------------------------------------------------------


@pytest.fixture
def world(db):
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre", short_name="TU")
    home = OrganizationFactory(
        parent=province, name="Tỉnh Đoàn Bến Tre", short_name="TĐ",
        kind=Organization.Kind.YOUTH_UNION,
    )
    branch = OrganizationFactory(
        parent=home, name="Huyện Đoàn Ba Tri", short_name="HĐBT",
        kind=Organization.Kind.YOUTH_UNION,
    )
    SuccessionFactory(predecessor=branch, successor=home)
    superuser = SuperUserFactory(username="quantri", first_name="Lan", last_name="Trần")
    users = {"superuser": superuser}
    for index, role in enumerate(ROLE_NAMES):
        user = StaffUserFactory(username=f"vaitro{index}")
        user.groups.add(Group.objects.get(name=role))
        Membership.objects.create(user=user, organization=home)
        users[role] = user

    category = CategoryFactory(name="Hoạt động Đoàn", parent=CategoryFactory(name="Tin tức"))
    directive = DirectiveFactory(issuer=home, number="12", symbol="CT/TĐTN")
    # The newest, so the crawl opens it: a document everyone reads and few may change.
    DirectiveFactory(issuer=province, number="5", symbol="CT/TU")
    article = ArticleFactory(
        title="Tuổi trẻ Bến Tre ra quân mùa hè xanh", organization=home, category=category,
        author=users[REPORTER], status=Article.Status.DRAFT, published_at=None,
    )
    article.body += figure_html(LibraryImageFactory(organization=home), caption="Lễ ra quân")
    article.directives.add(directive)
    article.title = "Tuổi trẻ Bến Tre ra quân chiến dịch mùa hè xanh"
    article._history_user = superuser
    article._change_reason = "Sửa tiêu đề"
    article_save(article=article)
    ArticleFactory(organization=home, category=category)  # a published one
    UnresolvedDirectiveReference.objects.create(
        article=article, key="20-CTTW", text="Chỉ thị số 20-CT/TW", code="20-CT/TW",
        number="20", symbol="CT/TW", year=2012,
    )
    PositionFactory(person=PersonFactory(organization=home), organization=home, title="Bí thư")
    menu = Menu.objects.create(name="Menu chính", slug="menu-chinh")
    menu.items.create(title="Giới thiệu", link="/trang/gioi-thieu/")
    StaticPage.objects.create(title="Giới thiệu chung", body="<p>Nội dung</p>")
    ContactMessage.objects.create(
        name="Nguyễn Văn An", email="an@example.vn", subject="Góp ý", message="Nội dung góp ý",
    )
    DailyVisit.objects.create(date=timezone.localdate(), count=12, page_views=30)
    PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Bến Tre", owner="Tỉnh ủy Bến Tre",
    )
    AuditEvent.objects.create(
        action=AuditEvent.Action.LOGIN, actor=users[REPORTER], actor_name="vaitro0",
        object_repr="vaitro0",
    )
    login = {"user_agent": "Mozilla/5.0", "ip_address": "203.0.113.5", "username": "vaitro0",
             "http_accept": "text/html", "path_info": "/admin/login/"}
    AccessAttempt.objects.create(**login, get_data="", post_data="username=vaitro0",
                                 failures_since_start=2)
    AccessLog.objects.create(**login)
    AccessFailureLog.objects.create(**login)
    return {"users": users, "article": article, "province": province, "home": home,
            "branch": branch, "category": category}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def narrowed_lists(response):
    """Query strings: each filter's first choice, a date drill-down, a search."""
    cl = response.context["cl"]
    for spec in cl.filter_specs:
        choices = list(spec.choices(cl))
        if len(choices) > 1:
            yield choices[1]["query_string"]
    if cl.date_hierarchy:
        yield f"?{cl.date_hierarchy}__year={timezone.localdate().year}"
    if cl.search_fields:
        yield "?q=Bến"
        yield "?q=khongcogica"


# The views every ModelAdmin has, which crawl_admin opens by name; the AdminSite's own.
STANDARD_VIEWS = ("changelist", "add", "change", "history", "delete", "autocomplete")
SITE_VIEWS = {"index", "login", "logout", "password_change", "password_change_done",
              "autocomplete", "jsi18n", "view_on_site", "app_list"}
OBJECT_ARGUMENTS = {"object_id", "pk", "id"}
# Answers a page may give a role: its page, a redirect, refused, not found, GET not allowed.
FINE = {200, 302, 403, 404, 405}


def extra_views(model_admin):
    """(name, needs the object) for every named view a ModelAdmin adds to Django's (pages
    other code adds later included): those taking no argument or only the object's id.
    Views with other arguments (a version of django-simple-history's restore form) are
    opened by their own tests."""
    for pattern in model_admin.get_urls():
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        if pattern.name.endswith(tuple(f"_{view}" for view in STANDARD_VIEWS)):
            continue
        arguments = set(pattern.pattern.regex.groupindex)
        if not arguments or arguments <= OBJECT_ARGUMENTS:
            yield pattern.name, bool(arguments)


def open_extra_page(client, findings, label, url):
    response = client.get(url, follow=True)
    assert response.status_code in FINE, f"{label}: {response.status_code}"
    if response.status_code == 200:
        findings.check(label, response)


def crawl_extra_views(client, findings, who, model_admin, obj):
    for name, needs_object in extra_views(model_admin):
        if needs_object and obj is None:
            continue
        url = reverse(f"admin:{name}", args=[obj.pk] if needs_object else [])
        open_extra_page(client, findings, f"{who} {name}", url)


def crawl_site_views(client, findings, who):
    """The AdminSite's own pages besides Django's (the lockouts, and any added later)."""
    for pattern in admin.site.get_urls():
        named = isinstance(pattern, URLPattern) and pattern.name
        if named and pattern.name not in SITE_VIEWS and not pattern.pattern.regex.groupindex:
            open_extra_page(client, findings, f"{who} {pattern.name}",
                            reverse(f"admin:{pattern.name}"))


def crawl_admin(client, findings, who, world):
    """Every admin page of every registered model that this user may open."""
    findings.check(f"{who} /admin/", client.get("/admin/"))
    for model, model_admin in admin.site._registry.items():
        name = model._meta.label
        changelist = client.get(admin_url(model, "changelist"))
        if changelist.status_code == 403:
            continue
        findings.check(f"{who} app {model._meta.app_label}",
                       client.get(reverse("admin:app_list", args=[model._meta.app_label])))
        if getattr(model_admin, "single_record", False):
            # A single record (the portal's information): its list opens it.
            assert changelist.url == admin_url(model, "change", model.objects.get().pk), name
        else:
            findings.check(f"{who} {name} list", changelist)
            for query in narrowed_lists(changelist):
                findings.check(
                    f"{who} {name} list {query}",
                    client.get(admin_url(model, "changelist") + query),
                )
        request = changelist.wsgi_request
        if model_admin.has_add_permission(request):
            findings.check(f"{who} {name} add", client.get(admin_url(model, "add")))
        obj = model_admin.get_queryset(request).order_by("pk").last()
        crawl_extra_views(client, findings, who, model_admin, obj)
        if obj is None:
            continue
        findings.check(f"{who} {name} change", client.get(admin_url(model, "change", obj.pk)))
        findings.check(f"{who} {name} history", client.get(admin_url(model, "history", obj.pk)))
        if model_admin.has_delete_permission(request, obj):
            # An item in use refuses its delete page and says why on its change page.
            delete = client.get(admin_url(model, "delete", obj.pk), follow=True)
            findings.check(f"{who} {name} delete", delete)
    crawl_site_views(client, findings, who)
    findings.check(f"{who} password change", client.get(reverse("admin:password_change")))
    findings.check(f"{who} password change done", client.get(reverse("admin:password_change_done")))


@pytest.mark.parametrize("who", ["superuser", *ROLE_NAMES])
def test_every_admin_page_is_vietnamese(client, world, who):
    findings = Findings()
    client.force_login(world["users"][who])
    crawl_admin(client, findings, who, world)
    assert not findings.pages, "English in the admin:\n" + findings.report()


@pytest.mark.parametrize("who", ["superuser", REPORTER])
def test_article_history_and_restore_are_vietnamese(client, world, who):
    findings = Findings()
    client.force_login(world["users"][who])
    article = world["article"]
    history = admin_url(Article, "history", article.pk)
    findings.check("history", client.get(history))
    versions = list(article.history.order_by("history_id"))
    for version in versions:
        restore_form = admin_url(Article, "simple_history", article.pk, version.history_id)
        findings.check(f"restore form {version.history_id}", client.get(restore_form))
    restore_url = admin_url(Article, "simple_history", article.pk, versions[0].history_id)
    data = browser_form_data(
        client.get(restore_url).content.decode(), form_id="historicalarticle_form"
    )
    restored = client.post(restore_url, {**data, "_save": "1"}, follow=True)
    findings.check("restore", restored)
    [message] = [str(message) for message in restored.context["messages"]]
    assert "đã được thay đổi thành công" in message
    article.refresh_from_db()
    assert article.title == "Tuổi trẻ Bến Tre ra quân mùa hè xanh"  # the first version's
    assert not findings.pages, "English on the history pages:\n" + findings.report()


def test_messages_and_form_errors_are_vietnamese(client, world):
    findings = Findings()
    client.force_login(world["users"]["superuser"])
    articles = admin_url(Article, "changelist")
    findings.check("action, nothing selected",
                   client.post(articles, {"action": "publish_selected", "index": "0"}, follow=True))
    findings.check("no action chosen", client.post(
        articles, {"action": "", "index": "0", "_selected_action": [world["article"].pk]},
        follow=True,
    ))
    findings.check("delete selected, confirmation", client.post(admin_url(Article, "changelist"), {
        "action": "delete_selected", "index": "0", "_selected_action": [world["article"].pk],
    }))
    findings.check("empty article form", client.post(admin_url(Article, "add"), {
        "_save": "1",
    }))
    from django.contrib.auth.models import User

    data = browser_form_data(
        client.get(admin_url(User, "add")).content.decode(), form_id="user_form"
    )
    findings.check("user add form errors", client.post(admin_url(User, "add"), {
        **data, "username": "moi", "password1": "Mat-khau-dai-2026!", "password2": "khac",
    }))
    member = world["users"][REPORTER]
    password_form = reverse("admin:auth_user_password_change", args=[member.pk])
    findings.check("user password form", client.get(password_form))
    findings.check("user password form errors", client.post(password_form, {
        "password1": "ngan", "password2": "khac", "usable_password": "true",
    }))
    findings.check("password change errors", client.post(reverse("admin:password_change"), {
        "old_password": "sai", "new_password1": "Mat-khau-moi-2026!", "new_password2": "khac",
    }))
    # django-treebeard's drag and drop, then the list that shows its message.
    move = admin_url(Organization, "changelist") + "move/"
    client.post(move, {"node": world["branch"].pk, "target": world["province"].pk,
                       "relation": "child"})
    findings.check("tree move", client.get(admin_url(Organization, "changelist")))
    client.post(move, {"node": world["province"].pk, "target": world["branch"].pk,
                       "relation": "child"})
    findings.check("tree move refused", client.get(admin_url(Organization, "changelist")))
    client.post(move, {"node": "x"})
    findings.check("tree move, bad data", client.get(admin_url(Organization, "changelist")))
    assert not findings.pages, "English in messages and forms:\n" + findings.report()


def test_login_logout_and_password_reset_are_vietnamese(client, world):
    findings = Findings()
    findings.check("login", client.get(reverse("admin:login")))
    findings.check("wrong password", client.post(reverse("admin:login"), {
        "username": "quantri", "password": "sai-mat-khau",
    }))
    findings.check(
        "inactive", client.post(reverse("admin:login"), {"username": "", "password": ""})
    )
    findings.check("password reset", client.get(reverse("admin_password_reset")))
    findings.check("password reset sent", client.post(
        reverse("admin_password_reset"), {"email": "quantri@example.vn"}, follow=True,
    ))
    assert len(mail.outbox) == 1
    assert not english_in(mail.outbox[0].subject), mail.outbox[0].subject
    email = [line for line in mail.outbox[0].body.splitlines() if english_in(line)]
    assert not email, f"English in the password reset e-mail: {email}"
    user = world["users"]["superuser"]
    link = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })
    form = client.get(link, follow=True)
    findings.check("new password form", form)
    findings.check("new password errors", client.post(
        form.redirect_chain[-1][0], {"new_password1": "ngan", "new_password2": "khac"},
    ))
    findings.check("new password set", client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2026!", "new_password2": "Mat-khau-moi-2026!"}, follow=True,
    ))
    findings.check("reset link used", client.get(link, follow=True))
    client.force_login(user)
    findings.check("logged out", client.post(reverse("admin:logout"), follow=True))
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "vaitro0", "password": "sai"},
                    REMOTE_ADDR="10.0.0.7")
    findings.check("locked out", client.post(
        reverse("admin:login"), {"username": "vaitro0", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.7",
    ), status=429)
    assert not findings.pages, "English around logging in:\n" + findings.report()


def test_known_gaps_are_still_there(client, world):
    """KNOWN_GAPS lists English that only a change outside the catalogues can remove. When a
    gap is fixed (in the project or by an upgrade), this fails: take its entry out."""
    findings = Findings()
    client.force_login(world["users"]["superuser"])
    crawl_admin(client, findings, "superuser", world)
    article = world["article"]
    findings.check("history", client.get(admin_url(Article, "history", article.pk)))
    findings.check("restore", client.get(admin_url(
        Article, "simple_history", article.pk, article.history.earliest("history_id").history_id,
    )))
    findings.check("password", client.get(
        reverse("admin:auth_user_password_change", args=[world["users"][REPORTER].pk])
    ))
    client.force_login(world["users"][REPORTER])
    findings.check("view-only organisation", client.get(
        admin_url(Organization, "change", world["home"].pk)
    ))
    client.force_login(world["users"][EDITOR])
    findings.check("view-only article", client.get(
        admin_url(Article, "change", Article.objects.exclude(pk=article.pk).get().pk)
    ))
    unused = [pattern for pattern, _reason in KNOWN_GAPS
              if not any(re.fullmatch(pattern, text) for text in findings.gaps)]
    assert not unused, f"Fixed: take these out of KNOWN_GAPS: {unused}"


def test_what_django_and_axes_write_in_code_is_vietnamese(client, world):
    """accounts/admin_wording.py and templates/admin/search_form.html: the words the crawl
    would otherwise find as English, checked where they show."""
    client.force_login(world["users"]["superuser"])
    articles = client.get(admin_url(Article, "changelist")).content.decode()
    assert 'alt="Tìm kiếm"' in articles
    assert 'icon-no.svg" alt="Không"' in articles
    # Where Django's lists, read-only fields and inlines look the icon up when they draw it.
    assert 'alt="Có"' in admin_list._boolean_icon(True)
    assert 'alt="Chưa xác định"' in admin_list._boolean_icon(None)
    for model, words in [
        (AccessAttempt, "Đăng nhập sai của “vaitro0” lúc "),
        (AccessLog, "Đăng nhập của “vaitro0” lúc "),
        (AccessFailureLog, "Đăng nhập sai của “vaitro0” lúc "),
    ]:
        record = model.objects.get(username="vaitro0")
        assert str(record).startswith(words)
        page = client.get(admin_url(model, "change", record.pk)).content.decode()
        assert words in page, model
    attempts = client.get(admin_url(AccessAttempt, "changelist")).content.decode()
    assert re.search(r'class="[^"]*column-status[^"]*">\s*<div class="text"><span>Trạng thái<',
                     attempts)
    password_form = client.get(
        reverse("admin:auth_user_password_change", args=[world["users"][REPORTER].pk])
    ).content.decode()
    assert "Nếu tắt, mật khẩu hiện tại của tài khoản này sẽ mất" in password_form
    assert "Whether the user will be able" not in password_form


def test_a_forbidden_admin_page_is_vietnamese(client, world):
    """templates/403.html, like 404.html, 500.html and 503.html (Django's own page is
    "403 Forbidden")."""
    client.force_login(world["users"][REPORTER])
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    assert english_on(response.content.decode()) == set()
    assert "Không có quyền truy cập" in response.content.decode()


# The catalogues ----------------------------------------------------------------------------


def untranslated(domain: str, catalogue) -> list[str]:
    missing = []
    for (context, msgid), entry in source_entries(domain).items():
        key = f"{context}\x04{msgid}" if context else msgid
        if "msgid_plural" in entry:
            key = (key, 0)
        found = catalogue(key)
        if found is None or (found == msgid and msgid not in SAME_IN_VIETNAMESE):
            missing.append(f"{context or ''}|{msgid}")
    return missing


def test_every_message_of_django_and_the_apps_has_vietnamese():
    missing = untranslated("django", trans_real.translation("vi")._catalog.get)
    assert not missing, f"{len(missing)} messages without Vietnamese:\n" + "\n".join(missing)


# The apps' code: a message added there reaches no shipped catalogue until a translator sees
# it (django-axes' "Attempt Remaining", django-tasks-db's field names).
CODE_PACKAGES = ["axes", "django_filters", "simple_history", "treebeard", "django_ckeditor_5",
                 "django_tasks_db"]
GETTEXT_CALL = re.compile(
    r"""\b(?:_|gettext|gettext_lazy|gettext_noop|ngettext|ngettext_lazy)\(\s*"""
    r"""((?:"[^"\\\n]*"\s*)+|(?:'[^'\\\n]*'\s*)+)"""
)
TRANSLATE_TAG = re.compile(r"""{%\s*(?:trans|translate)\s+("[^"]*"|'[^']*')""")


def messages_in_code(package: str) -> set[str]:
    """The literal messages of gettext calls in a package's Python code and of {% translate %}
    in its templates (tests and migrations left out)."""
    messages = set()
    for path in Path(importlib.import_module(package).__file__).parent.rglob("*"):
        if path.suffix not in {".py", ".html", ".txt"} or {"tests", "migrations"} & set(
            path.parts
        ):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        pattern = GETTEXT_CALL if path.suffix == ".py" else TRANSLATE_TAG
        for literal in pattern.findall(text):
            parts = re.findall(r""""[^"]*"|'[^']*'""", literal)
            message = "".join(ast.literal_eval(part) for part in parts)
            if re.search(r"[A-Za-z]", message):
                messages.add(message)
    return messages


@pytest.mark.parametrize("package", CODE_PACKAGES)
def test_every_message_in_the_apps_code_has_vietnamese(package):
    with translation.override("vi"):
        missing = sorted(
            message for message in messages_in_code(package)
            if translation.gettext(message) == message and message not in SAME_IN_VIETNAMESE
        )
    assert not missing, f"{package}: {len(missing)} messages without Vietnamese: {missing}"


def test_the_javascript_catalogue_is_complete(client, world):
    client.force_login(world["users"][REPORTER])
    response = client.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(),
                                     re.DOTALL)[1])

    def lookup(key):
        if isinstance(key, tuple):
            value = catalogue.get(key[0])
            return value[key[1]] if isinstance(value, list) else None
        return catalogue.get(key)

    missing = untranslated("djangojs", lookup)
    assert not missing, (
        f"{len(missing)} JavaScript messages without Vietnamese:\n" + "\n".join(missing)
    )
    assert catalogue["%(sel)s of %(cnt)s selected"] == ["Đã chọn %(sel)s trên %(cnt)s"]


@pytest.mark.parametrize("po", PO_FILES, ids=lambda path: path.name)
def test_the_compiled_catalogue_says_what_the_po_says(po):
    """The .mo files are committed (compiling needs GNU gettext): `make messages` after
    every change to a .po."""
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.name} is missing: run `make messages`"
    with mo.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    catalogue.pop("", None)
    assert catalogue == as_catalogue(read_po(po)), f"{mo.name} is out of date: run `make messages`"


@pytest.mark.parametrize("po", PO_FILES, ids=lambda path: path.name)
def test_every_translation_keeps_its_placeholders_and_markup(po):
    entries = read_po(po)
    header = next(entry for entry in entries if entry["msgid"] == "")
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"]
    problems = []
    for entry in entries:
        if not entry["msgid"]:
            continue
        sources = [entry["msgid"], entry.get("msgid_plural", entry["msgid"])]
        wanted = {frozenset(PLACEHOLDER.findall(text)) for text in sources}
        tags = {frozenset(re.findall(r"</?\w+", text)) for text in sources}
        for text in translations(entry):
            if not text or "fuzzy" in entry["flags"]:
                problems.append(f"line {entry['line']}: not translated: {entry['msgid']!r}")
            elif frozenset(PLACEHOLDER.findall(text)) not in wanted:
                problems.append(f"line {entry['line']}: placeholders of {entry['msgid']!r}")
            elif frozenset(re.findall(r"</?\w+", text)) not in tags:
                problems.append(f"line {entry['line']}: markup of {entry['msgid']!r}")
    assert not problems, "\n".join(problems)


def test_a_delete_confirmation_names_the_links_it_removes(client, world):
    """Django would list “Liên kết article-directive: Article_directives object (4)”. (An
    article's delete page lists nothing: it goes to the trash; a directive's lists them.)"""
    client.force_login(world["users"]["superuser"])
    article = world["article"]
    directive = article.directives.get()

    page = client.get(admin_url(Directive, "delete", directive.pk)).content.decode()

    assert f"Liên kết bài viết – văn bản chỉ đạo: {article.title} – {directive}" in page
    assert "Article_directives object" not in page
    article_page = client.get(admin_url(Article, "delete", article.pk)).content.decode()
    assert "Thùng rác" in article_page
    assert "Article_directives object" not in article_page
