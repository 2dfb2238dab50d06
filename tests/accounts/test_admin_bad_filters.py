"""A date filter the database cannot take, typed into an admin list's address, answers the
admin's "?e=1" redirect to the whole list with a Vietnamese message (or an empty list),
never a server error: for every registered admin and each of its date fields."""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from accounts.admin_site import BAD_FILTER_MESSAGE

pytestmark = pytest.mark.django_db


def bad_filters(field):
    return [
        f"{field}__year=99999999999",
        f"{field}__year=0",
        f"{field}__year=-1",
        f"{field}__year__gte=99999999999",
        f"{field}__year__lt=0",
        f"{field}__iso_year=0",
        f"{field}__month=13",
        f"{field}__month=99999999999",
        f"{field}__day=0",
        f"{field}__day=99999999999",
        f"{field}__week=99",
        f"{field}__gte=abc",
        f"{field}__lt=99999-01-01",
        f"{field}__range=abc,def",
        f"{field}=31/02/2024",
        f"{field}__year=2024&{field}__month=13",
        f"{field}__year=2024&{field}__month=2&{field}__day=30",
        f"{field}__year=99999999999&{field}__month=1&{field}__day=1",
    ]


def date_fields_of_registered_admins():
    cases = []
    for model, model_admin in admin.site._registry.items():
        if getattr(model_admin, "single_record", False):  # its list opens the one record
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.DateField) and field.concrete and not field.is_relation:
                cases.append((model, field.name))
    return cases


CASES = date_fields_of_registered_admins()


def test_the_cases_cover_the_portals_dated_admins():
    labels = {f"{model._meta.label}.{field}" for model, field in CASES}
    assert {
        "news.Article.published_at", "news.Directive.issued_on", "visitors.DailyVisit.date",
        "pages.ContactMessage.created_at", "audit.AuditEvent.created_at",
        "organizations.Organization.active_until",
    } <= labels  # fmt: skip


@pytest.mark.parametrize(
    ("model", "field"), CASES, ids=[f"{m._meta.label}.{f}" for m, f in CASES]
)
def test_a_bad_date_filter_never_fails(superuser_client, model, field):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    answers = {}
    for query in bad_filters(field):
        response = superuser_client.get(f"{url}?{query}")
        answers[query] = response.status_code
        assert response.status_code in (200, 302, 400), query
        if response.status_code == 302:
            assert response["Location"] == f"{url}?e=1", query
            page = superuser_client.get(response["Location"])
            assert page.status_code == 200
            assert BAD_FILTER_MESSAGE in page.content.decode(), query
    assert 302 in answers.values()  # the ones Django never handled go the same way


def test_the_article_list_after_a_bad_year_shows_everything_with_the_message(superuser_client):
    from factories import ArticleFactory

    ArticleFactory(title="Bài vẫn hiện sau bộ lọc hỏng")
    response = superuser_client.get(
        "/admin/news/article/?published_at__year=99999999999", follow=True
    )

    assert response.redirect_chain == [("/admin/news/article/?e=1", 302)]
    page = response.content.decode()
    assert BAD_FILTER_MESSAGE in page
    assert "Bài vẫn hiện sau bộ lọc hỏng" in page


def test_a_filter_that_fails_again_after_the_redirect_shows_the_portals_names(superuser_client):
    """Django's "database error" page, rendered without the admin's context."""
    response = superuser_client.get("/admin/news/article/?e=1&published_at__year=0")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Trang quản trị cho Django" not in page
    assert "Django" not in page
    assert "<title>" in page
    assert "| Quản trị Cổng</title>" in page
