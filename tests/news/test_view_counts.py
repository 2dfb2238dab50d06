"""Articles' "lượt xem" (news/view_counts.py): readers' views of an article page,
cached or not, reach Article.view_count without a database write per view."""

import pytest
from django.contrib.auth.models import Permission
from factories import ArticleFactory, StaffUserFactory

from news import view_counts
from news.models import Article
from organizations.models import Membership

PHONE = (
    "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/120 "
    "Mobile Safari/537.36"
)

pytestmark = pytest.mark.django_db


def read(client, path, **extra):
    return client.get(path, **{"HTTP_USER_AGENT": PHONE, **extra})


def stored_views(article) -> int:
    return Article.objects.values_list("view_count", flat=True).get(pk=article.pk)


def test_views_of_cached_and_rendered_pages_are_stored_at_flush(client, page_cache_on):
    article = ArticleFactory(view_count=7)
    other = ArticleFactory()

    responses = [read(client, article.get_absolute_url()) for _ in range(3)]
    read(client, other.get_absolute_url())

    assert [r["X-Page-Cache"] for r in responses] == ["miss", "hit", "hit"]
    assert stored_views(article) == 7  # nothing written while reading
    assert view_counts.flush() == 4
    assert stored_views(article) == 10
    assert stored_views(other) == 1
    assert view_counts.flush() == 0  # each view is stored once


def test_only_readers_views_of_published_articles_count(client):
    article = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    editor = StaffUserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="change_article"),
                                Permission.objects.get(codename="change_colleagues_article"))
    Membership.objects.create(user=editor, organization=draft.organization)

    read(client, article.get_absolute_url(), HTTP_USER_AGENT="Googlebot/2.1")
    client.head(article.get_absolute_url(), HTTP_USER_AGENT=PHONE)
    read(client, article.get_absolute_url(), HTTP_SEC_PURPOSE="prefetch")
    read(client, "/tin-tuc/khong-co-bai-nay/")
    read(client, "/tin-tuc/")
    client.force_login(editor)
    assert read(client, draft.get_absolute_url()).status_code == 200  # the editor's preview

    view_counts.flush()
    assert stored_views(article) == 0
    assert stored_views(draft) == 0


def test_a_view_after_the_interval_stores_the_waiting_ones(client, monkeypatch):
    article = ArticleFactory()
    read(client, article.get_absolute_url())
    assert stored_views(article) == 0
    assert view_counts.pending_views() == {article.slug: 1}

    monkeypatch.setattr(
        view_counts, "_last_flush", view_counts._last_flush - view_counts.FLUSH_INTERVAL
    )
    read(client, article.get_absolute_url())

    assert stored_views(article) == 2
    assert view_counts.pending_views() == {}


def test_the_admin_list_shows_the_stored_views(superuser_client):
    article = ArticleFactory(title="Bài được đọc nhiều")
    for _ in range(5):
        view_counts.count_view(article.get_absolute_url())
    view_counts.flush()

    response = superuser_client.get("/admin/news/article/")

    row = next(
        line for line in response.content.decode().splitlines() if "field-view_count" in line
    )
    assert ">5<" in row
