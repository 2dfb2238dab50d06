"""The editors' admin: every registered model's list, add and change page renders in
Vietnamese; the article actions work; an article with captioned photos is written
through the real admin form and readers see numbered figures."""

import re
from datetime import date, timedelta

import pytest
from admin_forms import inline_management_data
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.forms.utils import pretty_name
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryDocumentFactory,
    LibraryImageFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    SuccessionFactory,
    SuperUserFactory,
    UserFactory,
    figure_html,
    image_file,
)

from news.models import Article, UnresolvedDirectiveReference

pytestmark = pytest.mark.django_db

OUR_APPS = {"pages", "visitors", "audit", "accounts", "news", "organizations", "library"}


def _make_unresolved_reference():
    model = apps.get_model("news", "UnresolvedDirectiveReference")
    return model.objects.create(
        article=ArticleFactory(), key="20-CTTW", text="Chỉ thị số 20-CT/TW", code="20-CT/TW",
        number="20", symbol="CT/TW", year=2012,
    )


def _make_axes(model_name, **extra):
    def make():
        model = apps.get_model("axes", model_name)
        return model.objects.create(
            user_agent="Mozilla/5.0", ip_address="203.0.113.5", username="quantri",
            http_accept="text/html", path_info="/admin/login/", **extra,
        )

    return make


def _make_menu():
    menu_model = apps.get_model("pages", "Menu")
    menu = menu_model.objects.create(name="Menu chính", slug="menu-chinh-kiem-thu")
    menu.items.create(title="Giới thiệu", link="/trang/gioi-thieu/")
    return menu


# One object of each registered model, so that its change page can be opened.
MAKERS = {
    "auth.User": lambda: UserFactory(),
    "auth.Group": lambda: Group.objects.create(name="Nhóm kiểm thử"),
    "axes.AccessAttempt": _make_axes(
        "AccessAttempt", get_data="", post_data="", failures_since_start=1
    ),
    "axes.AccessLog": _make_axes("AccessLog"),
    "axes.AccessFailureLog": _make_axes("AccessFailureLog"),
    "pages.Menu": _make_menu,
    "pages.StaticPage": lambda: apps.get_model("pages", "StaticPage").objects.create(
        title="Giới thiệu chung", body="<p>Nội dung</p>"
    ),
    "pages.ContactMessage": lambda: apps.get_model("pages", "ContactMessage").objects.create(
        name="Nguyễn Văn A", email="a@example.vn", subject="Góp ý", message="Nội dung góp ý"
    ),
    "pages.PortalInformation": lambda: apps.get_model("pages", "PortalInformation").objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Bến Tre", owner="Tỉnh ủy Bến Tre"
    ),
    "visitors.DailyVisit": lambda: apps.get_model("visitors", "DailyVisit").objects.create(
        date=date(2026, 1, 2), count=12
    ),
    "audit.AuditEvent": lambda: apps.get_model("audit", "AuditEvent").objects.create(
        actor_name="quantri", action="login"
    ),
    "organizations.Organization": lambda: SuccessionFactory(
        predecessor=OrganizationFactory(logo=None), successor=OrganizationFactory()
    ).predecessor,
    "organizations.Person": lambda: PositionFactory().person,
    "organizations.Position": lambda: PositionFactory(),
    "organizations.Succession": lambda: SuccessionFactory(),
    "news.Category": lambda: CategoryFactory(parent=CategoryFactory()),
    "news.Directive": lambda: DirectiveFactory(),
    "news.Article": lambda: ArticleFactory(
        body=figure_html(LibraryImageFactory(), caption="Lễ ra quân")
    ),
    "news.UnresolvedDirectiveReference": _make_unresolved_reference,
    # The library (library/admin.py).
    "library.LibraryImage": lambda: LibraryImageFactory(caption="Đại hội Đoàn tỉnh"),
    "library.LibraryDocument": lambda: LibraryDocumentFactory(),
    # Topic pages and the home page's website links (docs/topics.md).
    "news.Topic": lambda: apps.get_model("news", "Topic").objects.create(
        title="Đại hội Đảng bộ tỉnh", banner=LibraryImageFactory(), is_featured=True
    ),
    "pages.WebsiteLink": lambda: apps.get_model("pages", "WebsiteLink").objects.create(
        name="Cổng Thông tin điện tử Chính phủ", address="https://chinhphu.vn/",
        logo=image_file("chinhphu.png", fmt="PNG"),
    ),
}
# Models whose add address is an upload page of their own instead of Django's add form
# (the library's "Tải ảnh lên", library/admin_upload.py).
ADDED_BY_UPLOAD = {"library.LibraryImage", "library.LibraryDocument"}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
MODEL_IDS = [model._meta.label for model in REGISTERED]
# Models whose list is their one record (the portal's information): the list opens it.
SINGLE = [model for model in REGISTERED if getattr(admin.site._registry[model], "single_record",
                                                   False)]
LISTED = [model for model in REGISTERED if model not in SINGLE]
LISTED_IDS = [model._meta.label for model in LISTED]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def make_one(model):
    label = model._meta.label
    if label in MAKERS:
        return MAKERS[label]()
    existing = model._default_manager.first()
    assert existing is not None, (
        f"No test object for {label}: add a maker for it to MAKERS in {__file__}."
    )
    return existing


def superuser_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def assert_vietnamese_admin_page(html: str, *, breadcrumb: bool = True):
    assert '<html lang="vi"' in html
    assert "Quản trị Cổng" in html  # admin.site.site_title
    if breadcrumb:
        assert "Trang chủ" in html  # the breadcrumb's "Home"


def test_every_registered_model_has_a_test_object():
    missing = [
        label for label in MODEL_IDS
        if label not in MAKERS and not apps.get_model(label)._default_manager.exists()
    ]
    assert missing == [], f"add makers to MAKERS in {__file__}"


def test_admin_index_lists_every_model_in_vietnamese(superuser_client):
    response = superuser_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_vietnamese_admin_page(html, breadcrumb=False)
    assert "Bảng điều khiển" in html
    for model in REGISTERED:
        assert str(capfirst(model._meta.verbose_name_plural)) in html


@pytest.mark.parametrize("model", SINGLE, ids=[model._meta.label for model in SINGLE])
def test_the_list_of_a_single_record_opens_it(superuser_client, model):
    obj = make_one(model)
    response = superuser_client.get(admin_url(model, "changelist"), {"q": "Đoàn"})
    assert response.status_code == 302
    assert response["Location"] == admin_url(model, "change", obj.pk)


@pytest.mark.parametrize("model", LISTED, ids=LISTED_IDS)
def test_changelist_renders(superuser_client, model):
    make_one(model)
    response = superuser_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert_vietnamese_admin_page(html)
    verbose_name = model._meta.verbose_name
    assert f"<h1>Danh sách {verbose_name}</h1>" in html
    # The list shows the object, counted as Vietnamese counts: "1 <tên>", never the plural
    # name ("12 thư viện ảnh").
    count = response.context["cl"].result_count
    assert count >= 1
    assert re.search(rf"\n{count} {re.escape(str(verbose_name))}\n", html)


@pytest.mark.parametrize("model", LISTED, ids=LISTED_IDS)
def test_changelist_search_and_filters_render(superuser_client, model):
    make_one(model)
    model_admin = admin.site._registry[model]
    url = admin_url(model, "changelist")
    if model_admin.search_fields:
        assert superuser_client.get(url, {"q": "Đoàn"}).status_code == 200
    if model_admin.date_hierarchy:
        today = timezone.localdate()
        params = {
            f"{model_admin.date_hierarchy}__year": today.year,
            f"{model_admin.date_hierarchy}__month": today.month,
        }
        assert superuser_client.get(url, params).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_add_page_renders_or_is_refused_on_purpose(superuser_client, superuser, model):
    model_admin = admin.site._registry[model]
    response = superuser_client.get(admin_url(model, "add"))
    if not model_admin.has_add_permission(superuser_request(superuser)):
        assert response.status_code == 403  # e.g. contact messages come only from readers
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert_vietnamese_admin_page(html)
    if model._meta.label in ADDED_BY_UPLOAD:
        assert 'class="library-upload"' in html
        return
    assert "Lưu lại" in html  # the "Save" button
    if model._meta.app_label in OUR_APPS:
        assert_fields_have_vietnamese_labels(response.context["adminform"].form, model)


def assert_fields_have_vietnamese_labels(form, model):
    """Every form field of our own models has a label chosen for editors, not Django's
    English fallback made from the field name."""
    untranslated = [
        name for name, field in form.base_fields.items()
        if field.label is None or (
            str(field.label) == pretty_name(name)
            and not any(ord(ch) > 127 for ch in str(field.label))
        )
    ]
    assert untranslated == [], f"{model._meta.label}: {untranslated}"


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_change_page_renders(superuser_client, model):
    obj = make_one(model)
    response = superuser_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert_vietnamese_admin_page(html)
    if model._meta.app_label in OUR_APPS:
        assert_fields_have_vietnamese_labels(response.context["adminform"].form, model)


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_history_and_delete_confirmation_render(superuser_client, superuser, model):
    obj = make_one(model)
    assert superuser_client.get(admin_url(model, "history", obj.pk)).status_code == 200
    model_admin = admin.site._registry[model]
    response = superuser_client.get(admin_url(model, "delete", obj.pk))
    if model_admin.has_delete_permission(superuser_request(superuser), obj):
        assert response.status_code == 200
        assert "<title>Xóa | Quản trị Cổng</title>" in response.content.decode()
    else:
        assert response.status_code == 403


def test_autocomplete_lookups_answer(superuser_client):
    article = ArticleFactory()
    for field in ["organization", "category", "directives", "author"]:
        response = superuser_client.get(
            "/admin/autocomplete/",
            {"app_label": "news", "model_name": "article", "field_name": field, "term": "a"},
        )
        assert response.status_code == 200, field
    response = superuser_client.get(
        "/admin/autocomplete/",
        {"app_label": "news", "model_name": "article", "field_name": "organization",
         "term": article.organization.name[:8]},
    )
    assert str(article.organization.pk) in {item["id"] for item in response.json()["results"]}


# -- article actions -----------------------------------------------------------------------


def run_action(client, action: str, articles):
    return client.post(
        "/admin/news/article/",
        {
            "action": action,
            "_selected_action": [article.pk for article in articles],
            "index": "0",
            "select_across": "0",
        },
        follow=True,
    )


def statuses() -> dict[str, str]:
    return dict(Article.objects.values_list("title", "status"))


def test_publish_action(superuser_client):
    draft = ArticleFactory(title="Nháp", status=Article.Status.DRAFT, published_at=None)
    pending = ArticleFactory(title="Chờ duyệt", status=Article.Status.PENDING, published_at=None)
    later = timezone.now() + timedelta(days=1)
    scheduled = ArticleFactory(title="Hẹn giờ", status=Article.Status.DRAFT, published_at=later)
    untouched = ArticleFactory(title="Không chọn", status=Article.Status.DRAFT, published_at=None)

    response = run_action(superuser_client, "publish_selected", [draft, pending, scheduled])

    assert "Đã đăng 3 bài viết." in response.content.decode()
    assert statuses() == {
        "Nháp": "published", "Chờ duyệt": "published", "Hẹn giờ": "published",
        "Không chọn": "draft",
    }
    assert set(Article.objects.published().values_list("title", flat=True)) == {
        "Nháp", "Chờ duyệt",
    }
    scheduled.refresh_from_db()
    assert scheduled.published_at == later  # still waits for its time
    untouched.refresh_from_db()
    assert untouched.published_at is None


def test_unpublish_action_only_touches_published_articles(superuser_client):
    published = ArticleFactory(title="Đã đăng")
    archived = ArticleFactory(title="Lưu trữ", status=Article.Status.ARCHIVED)
    confirmation = run_action(superuser_client, "unpublish_selected", [published, archived])
    assert [article.title for article in confirmation.context["articles"]] == ["Đã đăng"]
    response = superuser_client.post("/admin/news/article/", {
        "action": "unpublish_selected", "_selected_action": [published.pk, archived.pk],
        "post": "yes",
    }, follow=True)
    assert "Đã gỡ 1 bài viết về bản nháp." in response.content.decode()
    assert statuses() == {"Đã đăng": "draft", "Lưu trữ": "archived"}
    assert not Article.objects.published().exists()


def test_feature_and_unfeature_actions(superuser_client):
    first, second, third = ArticleFactory(), ArticleFactory(), ArticleFactory()
    response = run_action(superuser_client, "feature_selected", [first, second])
    assert "Đã đánh dấu 2 tin nổi bật." in response.content.decode()
    assert set(Article.objects.filter(is_featured=True)) == {first, second}

    response = run_action(superuser_client, "unfeature_selected", [second, third])
    assert "Đã bỏ đánh dấu 2 tin nổi bật." in response.content.decode()
    assert set(Article.objects.filter(is_featured=True)) == {first}


def test_actions_are_offered_in_vietnamese(superuser_client):
    ArticleFactory()
    html = superuser_client.get("/admin/news/article/").content.decode()
    for label in [
        "Đăng các bài đã chọn", "Gỡ xuống (chuyển về bản nháp)", "Đánh dấu tin nổi bật",
        "Bỏ đánh dấu tin nổi bật",
    ]:
        assert label in html


def test_a_published_articles_slug_is_offered_to_a_superuser_as_a_correction(superuser_client):
    """Read-only for those who may not correct it: tests/news/test_old_slugs.py."""
    published = ArticleFactory(title="Tỉnh Đoàn giám sát")
    draft = ArticleFactory(title="Bản nháp", status=Article.Status.DRAFT)
    published_form = (
        superuser_client.get(admin_url(Article, "change", published.pk)).content.decode()
    )
    draft_form = superuser_client.get(admin_url(Article, "change", draft.pk)).content.decode()
    assert 'name="slug"' in published_form
    assert 'value="tinh-doan-giam-sat"' in published_form
    assert "chỉ sửa khi đường dẫn bị sai" in published_form
    assert "Địa chỉ cũ vẫn mở được" in published_form
    assert 'name="slug"' in draft_form
    assert "chỉ sửa khi đường dẫn bị sai" not in draft_form


# -- writing an article with photos from the library ----------------------------------------


def test_an_editor_writes_an_article_with_two_library_photos_in_its_text(
    superuser_client, superuser, client
):
    organization = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    category = CategoryFactory(name="Hoạt động Đoàn")
    opening = LibraryImageFactory(alt_text="Đoàn viên xếp hàng trước tượng đài")
    planting = LibraryImageFactory(alt_text="Đoàn viên trồng cây bên đường")
    form_page = superuser_client.get("/admin/news/article/add/")
    assert form_page.status_code == 200
    assert "Ảnh có chú thích" not in form_page.content.decode()  # no table under the text
    figures = (
        figure_html(opening, caption="Lễ ra quân")
        + "<p>Các đội hình tỏa về cơ sở.</p>"
        + figure_html(planting, caption="Đoàn viên trồng cây xanh")
    )
    data = {
        **inline_management_data(form_page),
        "title": "Tỉnh Đoàn ra quân Tháng Thanh niên năm 2026",
        "slug": "",
        "summary": "Sáng 1/3, Tỉnh Đoàn tổ chức lễ ra quân Tháng Thanh niên.",
        "body": "<p>Tham dự có <strong>500 đoàn viên</strong>.</p><script>alert(1)</script>"
        + figures,
        "organization": organization.pk,
        "category": category.pk,
        "move": "publish",
        "published_at_0": "",
        "published_at_1": "",
        "is_featured": "on",
        "source": "Cổng TTĐT Tỉnh ủy",
        "author_name": "Minh Thư",
        "_save": "Lưu lại",
    }

    response = superuser_client.post("/admin/news/article/add/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.slug == "tinh-doan-ra-quan-thang-thanh-nien-nam-2026"
    assert article.author == superuser
    assert article.is_public
    assert article.is_featured
    assert "<script>" not in article.body
    # The photos stay where the editor put them, with their captions.
    assert article.body.index(opening.file.url) < article.body.index("tỏa về cơ sở")
    assert article.body.index("tỏa về cơ sở") < article.body.index(planting.file.url)
    assert "<figcaption>Lễ ra quân</figcaption>" in article.body
    assert "Hình 1" not in article.body

    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Đoàn viên xếp hàng trước tượng đài"' in html
    assert "Đoàn viên trồng cây xanh</figcaption>" in html


def test_superuser_factory_can_log_in_through_the_form(client):
    from factories import PASSWORD

    user = SuperUserFactory()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_person_factory_makes_a_listable_person(superuser_client):
    PersonFactory(full_name="Nguyễn Thị Mỹ Nương")
    html = superuser_client.get("/admin/organizations/person/").content.decode()
    assert "Nguyễn Thị Mỹ Nương" in html


def test_admin_search_finds_what_people_type_without_diacritics(superuser_client):
    from factories import ArticleFactory, DirectiveFactory, OrganizationFactory

    politburo = OrganizationFactory(name="Bộ Chính trị")
    twenty = DirectiveFactory(number="20", symbol="CT/TW", issuer=politburo,
                              title="Về tăng cường sự lãnh đạo của Đảng đối với công tác trẻ em")
    DirectiveFactory(number="42", symbol="CT/TW", issuer=politburo, title="Về công tác khác năm 20")
    article = ArticleFactory(title="Hội nghị quán triệt Nghị quyết Trung ương")
    ArticleFactory(title="Tin khác")

    def articles(term):
        response = superuser_client.get("/admin/news/article/", {"q": term})
        return [item.pk for item in response.context["cl"].result_list]

    def offered(term):
        response = superuser_client.get("/admin/autocomplete/", {
            "app_label": "news", "model_name": "article", "field_name": "directives", "term": term,
        })
        return [item["id"] for item in response.json()["results"]]

    assert articles("quan triet") == articles("quán triệt") == [article.pk]
    assert articles("QUAN TRIET nghi quyet") == [article.pk]
    for term in ("20-CT/TW", "20/CT-TW", "20-CT", "chi thi 20", "Chỉ thị số 20", "tre em"):
        assert str(twenty.pk) in offered(term), term


def test_an_article_naming_a_missing_document_can_be_deleted(superuser_client):
    """Its unresolved references are the linker's records about its text: they stay with it
    in the trash and go when it is removed for good, although nobody may delete them one by
    one."""
    article = ArticleFactory(body="<p>Thực hiện Kế hoạch số 123-KH/TU của Tỉnh ủy.</p>")
    assert UnresolvedDirectiveReference.objects.filter(article=article).exists()
    other = ArticleFactory(body="<p>Theo Kế hoạch số 124-KH/TU.</p>")

    confirmation = superuser_client.get(admin_url(Article, "delete", article.pk))
    deleted = superuser_client.post(admin_url(Article, "delete", article.pk), {"post": "yes"})
    bulk = superuser_client.post(admin_url(Article, "changelist"), {
        "action": "delete_selected", "_selected_action": [other.pk], "post": "yes",
    })

    assert confirmation.context["perms_lacking"] == set()
    assert deleted.status_code == 302
    assert bulk.status_code == 302
    assert not Article.objects.filter(pk__in=[article.pk, other.pk]).exists()
    assert Article.all_objects.trashed().count() == 2

    superuser_client.post(reverse("admin:news_article_trash_empty"), {"post": "yes"})
    assert not Article.all_objects.exists()
    assert not UnresolvedDirectiveReference.objects.exists()
