"""Every admin search box and autocomplete ignores diacritics and case (core/admin_search.py).

A matrix over the admin registry: every ModelAdmin with search_fields finds a record by its
words typed without marks in lower case, in capitals, with marks, decomposed (NFD) and as a
quoted phrase, and not by a word it does not hold; every autocomplete box does the same and
never offers more than the target's admin shows the user; no input makes a 500.
"""

import unicodedata

import factories
import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    StaffUserFactory,
)

from accounts.roles import APPROVER, EDITOR, REPORTER, SITE_ADMIN
from core.admin_search import FoldedSearchMixin
from news.models import Article

pytestmark = pytest.mark.django_db

PHRASE = "Khối Tuyên giáo Ðảng ủy Quýt"  # the legacy eth Ð, as old portals wrote Đ
FOUND_BY = [
    "khoi", "tuyen giao", "KHOI TUYEN", "Khối", "khối tuyên giáo", "dang uy",
    unicodedata.normalize("NFD", "Tuyên Giáo"), '"tuyen giao dang"', "quyt khoi",
]
NOT_FOUND_BY = ["khoi tuyen xyzw", '"giao tuyen"', "quýtt"]

SEARCHABLE = sorted(
    (model for model, model_admin in admin.site._registry.items() if model_admin.search_fields),
    key=lambda model: model._meta.label,
)


def _axes(name):
    def make():
        return apps.get_model("axes", name).objects.create(
            user_agent="Mozilla/5.0", ip_address="203.0.113.5", username="quantri",
            http_accept="text/html", path_info="/admin/login/",
            **({"get_data": "", "post_data": "", "failures_since_start": 1}
               if name == "AccessAttempt" else {}),
        )

    return make


def _unresolved_reference():
    from news.models import UnresolvedDirectiveReference

    return UnresolvedDirectiveReference.objects.create(
        article=ArticleFactory(), key="20-CTTW", text="Chỉ thị số 20-CT/TW", code="20-CT/TW",
        number="20", symbol="CT/TW", year=2012,
    )


def _any(label):
    def make():
        model = apps.get_model(label)
        return getattr(factories, f"{model.__name__}Factory")()

    return make


MAKERS = {
    "auth.Group": lambda: Group.objects.create(name="Nhóm kiểm thử"),
    "axes.AccessAttempt": _axes("AccessAttempt"),
    "axes.AccessLog": _axes("AccessLog"),
    "axes.AccessFailureLog": _axes("AccessFailureLog"),
    "news.UnresolvedDirectiveReference": _unresolved_reference,
}


def searched_field(model_admin) -> str:
    """The first search field that holds text on the row itself (not through a relation,
    not in a folded document) and has room for PHRASE."""
    skipped = set(getattr(model_admin, "search_fields_in_document", ()))
    for spec in model_admin.search_fields:
        name = spec.lstrip("^=@")
        if name in skipped or "__" in name:
            continue
        field = model_admin.model._meta.get_field(name)
        if isinstance(field, (models.CharField, models.TextField)) and (
            (field.max_length or 1000) >= len(PHRASE)
        ):
            return name
    raise AssertionError(f"{model_admin} has no text search field of its own")


def _portal_named_by_phrase():
    """A portal has no text of its own: its name is its information's (pages)."""
    from pages.models import PortalInformation

    portal = factories.PortalFactory()
    PortalInformation.objects.create(portal=portal, full_name=PHRASE, owner="Tỉnh Đoàn")
    return portal


def with_phrase(model):
    """An object of `model` whose first searched text field holds PHRASE."""
    model_admin = admin.site._registry[model]
    label = model._meta.label
    if label == "portals.Portal":
        return _portal_named_by_phrase()
    obj = MAKERS.get(label, _any(label))()
    field = searched_field(model_admin)
    model._default_manager.filter(pk=obj.pk).update(**{field: PHRASE})
    return obj


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def listed_ids(client, model, query) -> set:
    response = client.get(changelist(model), {"q": query})
    assert response.status_code == 200, (query, response.status_code)
    return {item.pk for item in response.context["cl"].result_list}


def test_every_admin_with_search_fields_searches_without_diacritics():
    """One mechanism, checked over the registry: a class that would search as Django does
    (diacritics and case matter) cannot be registered."""
    for model in SEARCHABLE:
        assert isinstance(admin.site._registry[model], FoldedSearchMixin), model


def test_an_admin_overriding_the_search_without_the_mixin_cannot_be_registered():
    class Careless(admin.ModelAdmin):
        search_fields = ("name",)

        def get_search_results(self, request, queryset, search_term):
            return super().get_search_results(request, queryset, search_term)

    site = admin.site.__class__(name="thu")
    with pytest.raises(ImproperlyConfigured, match="FoldedSearchMixin"):
        site.register(Group, Careless)


@pytest.mark.parametrize("model", SEARCHABLE, ids=[m._meta.label for m in SEARCHABLE])
def test_the_list_finds_a_record_by_its_words_with_or_without_marks(superuser_client, model):
    obj = with_phrase(model)
    for query in FOUND_BY:
        assert obj.pk in listed_ids(superuser_client, model, query), query
    for query in NOT_FOUND_BY:
        assert obj.pk not in listed_ids(superuser_client, model, query), query


def autocomplete_sources():
    for model_admin in admin.site._registry.values():
        owners = [model_admin, *(inline(model_admin.model, admin.site)
                                 for inline in model_admin.inlines)]
        for owner in owners:
            for field_name in owner.autocomplete_fields:
                field = owner.model._meta.get_field(field_name)
                yield owner.model, field_name, field.remote_field.model


SOURCES = sorted(autocomplete_sources(), key=lambda s: (s[0]._meta.label, s[1]))


def autocomplete_ids(client, source, field_name, term) -> list[str]:
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": source._meta.app_label, "model_name": source._meta.model_name,
        "field_name": field_name, "term": term,
    })
    assert response.status_code == 200, (term, response.status_code)
    return [item["id"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    ("source", "field_name", "target"), SOURCES,
    ids=[f"{s._meta.label}.{f}" for s, f, _ in SOURCES],
)
def test_every_autocomplete_finds_without_diacritics(superuser_client, source, field_name, target):
    obj = with_phrase(target)
    for term in FOUND_BY:
        assert str(obj.pk) in autocomplete_ids(superuser_client, source, field_name, term), term
    for term in NOT_FOUND_BY:
        assert str(obj.pk) not in autocomplete_ids(superuser_client, source, field_name, term)


BAD_INPUT = [
    "%", "_", "\\", "%_\\", "'", '"', '"chưa đóng', "a\x00b", "😀", "🇻🇳 Đoàn", "\u0301",
    "x" * 10_000, "khối " * 3000, "[", "(?=", "^$", "\ud7ff\ue000", "\u200b",
]


@pytest.mark.parametrize("model", SEARCHABLE, ids=[m._meta.label for m in SEARCHABLE])
def test_no_search_input_makes_an_error(superuser_client, model):
    with_phrase(model)
    for query in BAD_INPUT:
        response = superuser_client.get(changelist(model), {"q": query})
        # A NUL anywhere in the address: the admin's usual "?e=1" redirect (admin_site.py).
        assert response.status_code in (200, 302), (query[:20], response.status_code)


@pytest.mark.parametrize(
    ("source", "field_name", "target"), SOURCES,
    ids=[f"{s._meta.label}.{f}" for s, f, _ in SOURCES],
)
def test_no_autocomplete_input_makes_an_error(superuser_client, source, field_name, target):
    for term in BAD_INPUT:
        autocomplete_ids(superuser_client, source, field_name, term)


# --- scope --------------------------------------------------------------------------------


def staff(role, organization):
    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=role))
    MembershipFactory(user=user, organization=organization)
    return user


@pytest.fixture
def two_provinces():
    ours = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    theirs = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    return ours, theirs


@pytest.mark.parametrize("role", [REPORTER, EDITOR, APPROVER, SITE_ADMIN])
def test_autocompletes_never_offer_more_than_the_target_admin_shows(client, two_provinces, role):
    ours, theirs = two_provinces
    for organization in (ours, theirs):
        OrganizationFactory(parent=organization, name=f"Khối cơ quan {organization.name}")
        PositionFactory(organization=organization,
                        person=PersonFactory(full_name="Nguyễn Khôi", organization=organization))
        ArticleFactory(organization=organization, title="Khối thi đua", status="draft")
    CategoryFactory(name="Khối tin")
    DirectiveFactory(title="Về khối đoàn kết", issuer=theirs)
    user = staff(role, ours)
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.user = user
    for source, field_name, target in SOURCES:
        target_admin = admin.site._registry[target]
        if not target_admin.has_view_permission(request):
            continue
        visible = {
            str(pk) for pk in target_admin.get_queryset(request).values_list("pk", flat=True)
        }
        for term in ["khoi", "KHÔI", "nguyen khoi", ""]:
            offered = set(autocomplete_ids(client, source, field_name, term))
            assert offered <= visible, (source, field_name, term, offered - visible)


def test_a_reviewer_finds_only_their_organisations_articles_and_organisations(
    client, two_provinces
):
    ours, theirs = two_provinces
    own_board = OrganizationFactory(parent=ours, name="Khối các cơ quan tỉnh Bến Tre")
    other_board = OrganizationFactory(parent=theirs, name="Khối các cơ quan tỉnh Trà Vinh")
    own = ArticleFactory(organization=own_board, title="Hội nghị Tuyên giáo Khối cơ quan")
    other = ArticleFactory(organization=other_board, title="Hội nghị Tuyên giáo Khối bí mật",
                           status=Article.Status.DRAFT)
    client.force_login(staff(APPROVER, ours))

    assert listed_ids(client, Article, "tuyen giao") == {own.pk}
    offered = autocomplete_ids(client, Article, "organization", "khoi")
    assert offered == [str(own_board.pk)]
    assert str(other_board.pk) not in autocomplete_ids(client, Article, "organization", "tra vinh")
    assert other.pk not in listed_ids(client, Article, "bi mat")


def test_an_article_is_found_by_its_body_and_a_directive_by_its_number(superuser_client):
    article = ArticleFactory(
        title="Sinh hoạt chính trị", body="<p>Quán triệt Nghị quyết của Đảng bộ Khối</p>"
    )
    directive = DirectiveFactory(title="Về công tác thanh niên")
    directive.set_code("20-CT/TW")
    directive.save()

    assert article.pk in listed_ids(superuser_client, Article, "quan triet dang bo")
    assert directive.pk in listed_ids(superuser_client, type(directive), "20-CT")
    assert directive.pk in listed_ids(superuser_client, type(directive), "chỉ thị 20")
    assert directive.pk in listed_ids(superuser_client, type(directive), "cong tac thanh nien")
