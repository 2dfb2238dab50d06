"""Garbage in any admin address answers a page, a redirect, 400 or 404, never a server
error: ids that are not numbers, NUL characters in filters and searches, add forms
prefilled with values that name nothing, for every registered admin; and the pages the
project adds (history and restore, the organisation tree, "Xem trên trang")."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from factories import ArticleFactory, OrganizationFactory

from news.models import Article

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "1.5", "%20", "ệ", "1'", "%00", "99999999999999999999", "-1"]


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize(
    ("model", "model_admin"), registered(), ids=lambda v: getattr(v, "__name__", "")
)
def test_bad_ids_filters_and_prefills_never_fail(superuser_client, model, model_admin):
    urls = []
    for bad in BAD_IDS:
        urls += [
            admin_url(model, "change", "x").replace("/x/", f"/{bad}/"),
            admin_url(model, "history", "x").replace("/x/", f"/{bad}/"),
            admin_url(model, "delete", "x").replace("/x/", f"/{bad}/"),
        ]
    changelist = admin_url(model, "changelist")
    urls += [f"{changelist}?q=a%00b", f"{changelist}?a%00=1"]
    for spec in model_admin.list_filter:
        name = spec[0] if isinstance(spec, tuple) else spec
        if isinstance(name, str):
            urls.append(f"{changelist}?{name}__exact=%00")
    relations = [f.name for f in model._meta.get_fields() if f.is_relation and f.concrete]
    urls.append(admin_url(model, "add") + "?" + "&".join(f"{name}=abc" for name in relations))

    failures = [(url, status) for url in urls
                if (status := superuser_client.get(url).status_code) >= 500]

    assert failures == []


def test_article_history_and_restore_with_bad_ids(superuser_client):
    article = ArticleFactory()
    for bad in BAD_IDS:
        assert superuser_client.get(f"/admin/news/article/{bad}/history/").status_code == 404
        assert superuser_client.get(
            f"/admin/news/article/{article.pk}/history/{bad}/"
        ).status_code in (302, 404)
        history = superuser_client.get(f"/admin/news/article/{bad}/history/1/")
        assert history.status_code in (302, 404)


def test_organisation_tree_with_bad_ids(superuser_client):
    OrganizationFactory()
    tree = reverse("admin:organizations_organization_changelist")
    for bad in BAD_IDS:
        assert superuser_client.get(f"{tree}children/{bad}/").status_code == 404
        assert superuser_client.post(
            f"{tree}move/", {"node": bad, "target": bad, "relation": "child"}
        ).status_code == 400


def test_view_on_site_leads_only_to_what_the_user_may_see(client, superuser_client):
    from django.contrib.auth.models import Group
    from factories import StaffUserFactory

    from accounts.roles import REPORTER
    from organizations.models import Membership

    home, other = OrganizationFactory(), OrganizationFactory()
    draft = ArticleFactory(organization=other, status=Article.Status.DRAFT, published_at=None,
                           title="Dự thảo nghị quyết chưa công bố")
    own = ArticleFactory(organization=home, status=Article.Status.DRAFT, published_at=None)
    reporter = StaffUserFactory()
    reporter.groups.add(Group.objects.get(name=REPORTER))
    Membership.objects.create(user=reporter, organization=home)
    own.author = reporter
    own.save()
    content_type = ContentType.objects.get_for_model(Article)

    def view_on_site(user_client, article):
        return user_client.get(reverse("admin:view_on_site", args=[content_type.pk, article.pk]))

    assert view_on_site(superuser_client, draft).status_code == 302
    client.force_login(reporter)
    refused = view_on_site(client, draft)
    assert refused.status_code == 404
    assert draft.slug not in refused.get("Location", "")
    assert view_on_site(client, own)["Location"].endswith(own.get_absolute_url())
    for bad in ("abc", "0", "99999"):
        assert client.get(f"/admin/r/{bad}/{draft.pk}/").status_code == 404
    unregistered = ContentType.objects.get(app_label="news", model="articleoldslug")
    assert client.get(f"/admin/r/{unregistered.pk}/1/").status_code == 404
