"""Republishing (đăng lại, issue 19): who may republish an article of one portal onto another,
what the republishing portal then shows (its lists, the page with "Nguồn:" and the canonical
link to the original), taking it off again, and the admin's action and change-page section,
tampered posts included."""

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from factories import ArticleFactory
from portal_world import TINH_DOAN, TINH_UY, build_world, on

from audit.models import AuditEvent
from news import services
from news.models import Article, Republication

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def republish_url(article) -> str:
    return reverse("admin:news_article_republish", args=[article.pk])


def original_address(article) -> str:
    return f"{settings.PORTAL_URL_SCHEME}://{TINH_DOAN}/tin-tuc/{article.slug}/"


def text_of(client, url, host=TINH_UY) -> str:
    response = client.get(url, **on(host))
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_tinh_doan_branch_article_shows_on_the_tinh_uy_portal_once_republished(client, world):
    article = world.branch_article
    assert article.title not in text_of(client, "/tin-tuc/")

    services.article_republish(article=article, portal=world.main, by=world.province_approver)

    for url in ("/tin-tuc/", "/", "/rss/", world.shared.get_absolute_url()):
        assert f"/tin-tuc/{article.slug}/" in text_of(client, url), url
    # Its page on the Tỉnh ủy portal, in that frame, names and links the original.
    page = text_of(client, f"/tin-tuc/{article.slug}/")
    assert article.title in page
    assert (
        f'Nguồn: <a href="{original_address(article)}" rel="noopener">'
        f"{world.youth}</a>" in page
    )
    assert f'<link rel="canonical" href="{original_address(article)}">' in page
    # The original portal keeps it as its own, canonical to itself, without a source line.
    original = text_of(client, f"/tin-tuc/{article.slug}/", TINH_DOAN)
    assert 'class="article-republished"' not in original
    assert f'<link rel="canonical" href="http://{TINH_DOAN}/tin-tuc/{article.slug}/">' in original


def test_one_text_one_history_and_an_audit_line(world):
    article = world.branch_article
    versions = article.history.count()

    republication = services.article_republish(
        article=article, portal=world.main, by=world.province_approver
    )
    again = services.article_republish(
        article=article, portal=world.main, by=world.province_approver
    )

    assert again.pk == republication.pk
    assert Republication.objects.filter(article=article).count() == 1
    assert Article.all_objects.count() == 4
    assert article.history.count() == versions
    events = AuditEvent.objects.filter(object_type="news.Republication")
    assert events.count() == 1
    assert events.get().actor == world.province_approver
    assert str(world.main) in events.get().detail


def test_taking_it_off_again(client, world):
    article = world.branch_article
    services.article_republish(article=article, portal=world.main, by=world.province_approver)

    assert services.article_unrepublish(
        article=article, portal=world.main, by=world.province_approver
    )
    assert not services.article_unrepublish(
        article=article, portal=world.main, by=world.province_approver
    )

    assert f"/tin-tuc/{article.slug}/" not in text_of(client, "/tin-tuc/")
    response = client.get(f"/tin-tuc/{article.slug}/", **on(TINH_UY))
    assert response.status_code == 301
    assert response["Location"] == original_address(article)
    assert AuditEvent.objects.filter(
        object_type="news.Republication", action=AuditEvent.Action.UNPUBLISH
    ).count() == 1


@pytest.mark.parametrize("who", ["youth_reporter", "youth_approver"])
def test_the_tinh_doans_staff_cannot_republish_onto_the_tinh_uy_portal(world, who):
    with pytest.raises(PermissionDenied, match="không có quyền đăng bài"):
        services.article_republish(
            article=world.branch_article, portal=world.main, by=getattr(world, who)
        )
    assert not Republication.objects.exists()


def test_only_published_articles_of_another_portal_are_republished(world):
    with pytest.raises(PermissionDenied, match="chính cổng đó"):
        services.article_republish(
            article=world.board_article, portal=world.main, by=world.province_approver
        )
    draft = ArticleFactory(organization=world.branch, category=world.shared,
                           status=Article.Status.DRAFT, published_at=None)
    with pytest.raises(PermissionDenied, match="bài đã đăng"):
        services.article_republish(article=draft, portal=world.main, by=world.province_approver)
    assert not Republication.objects.exists()


def test_the_tinh_uy_reviewer_republishes_from_the_change_page(client, world):
    article = world.branch_article
    client.force_login(world.province_approver)
    change = reverse("admin:news_article_change", args=[article.pk])

    before = client.get(change).content.decode()
    assert "Đăng lại trên cổng khác" in before
    assert f'<option value="{world.main.pk}">{world.main}</option>' in before
    assert f'<option value="{world.youth.pk}">' not in before  # its own portal

    response = client.post(republish_url(article), {"portal": world.main.pk})
    assert response.status_code == 302
    assert response["Location"].endswith("#dang-lai")
    assert Republication.objects.filter(article=article, portal=world.main).exists()
    after = client.get(change).content.decode()
    assert "Gỡ khỏi cổng này" in after

    client.post(republish_url(article), {"portal": world.main.pk, "remove": "1"})
    assert not Republication.objects.exists()


@pytest.mark.parametrize("portal", ["", "abc", "99999", "1 OR 1=1", "-1"])
def test_tampered_portal_values_get_a_message(client, world, portal):
    client.force_login(world.province_approver)
    response = client.post(republish_url(world.branch_article), {"portal": portal}, follow=True)
    assert response.status_code == 200
    assert "Hãy chọn một cổng mà bạn được đăng bài." in response.content.decode()
    assert not Republication.objects.exists()


def test_a_tampered_post_from_the_tinh_doan_cannot_republish_onto_the_tinh_uy(client, world):
    client.force_login(world.youth_approver)
    response = client.post(
        republish_url(world.branch_article), {"portal": world.main.pk}, follow=True
    )
    assert response.status_code == 200
    assert "Hãy chọn một cổng mà bạn được đăng bài." in response.content.decode()
    # Nor through the list's action.
    client.post(reverse("admin:news_article_changelist"), {
        "action": "republish_selected", ACTION_CHECKBOX_NAME: [world.branch_article.pk],
        "post": "yes", "portal": world.main.pk,
    })
    # Nor remove what the Tỉnh ủy republished.
    services.article_republish(
        article=world.branch_article, portal=world.main, by=world.province_approver
    )
    client.post(republish_url(world.branch_article), {"portal": world.main.pk, "remove": "1"})
    assert Republication.objects.count() == 1


def test_an_article_outside_the_users_scope_is_not_found(client, world):
    client.force_login(world.youth_approver)
    response = client.post(republish_url(world.board_article), {"portal": world.youth.pk})
    assert response.status_code == 404
    assert client.post(
        reverse("admin:news_article_republish", args=["abc"]), {"portal": world.youth.pk}
    ).status_code == 404
    assert client.get(republish_url(world.branch_article)).status_code == 405
    assert not Republication.objects.exists()


def test_the_article_lists_action_asks_for_the_portal_then_republishes(client, world):
    client.force_login(world.province_approver)
    changelist = reverse("admin:news_article_changelist")
    selection = {
        "action": "republish_selected",
        ACTION_CHECKBOX_NAME: [world.branch_article.pk, world.youth_article.pk,
                               world.board_article.pk],
    }

    asked = client.post(changelist, selection).content.decode()
    assert "Đăng lại 3 bài viết sau trên cổng nào?" in asked
    assert f'<option value="{world.main.pk}">' in asked

    done = client.post(changelist, {**selection, "post": "yes", "portal": world.main.pk},
                       follow=True).content.decode()

    assert "Đã đăng lại 2 bài viết trên" in done
    assert "Chưa đăng lại “Ban Tuyên giáo tổng kết công tác tuyên truyền”" in done
    assert set(Republication.objects.values_list("article_id", flat=True)) == {
        world.branch_article.pk, world.youth_article.pk,
    }
    shown = text_of(client, "/tin-tuc/")
    assert f"/tin-tuc/{world.youth_article.slug}/" in shown


def test_the_action_without_a_portal_asks_again(client, world):
    client.force_login(world.province_approver)
    response = client.post(reverse("admin:news_article_changelist"), {
        "action": "republish_selected", ACTION_CHECKBOX_NAME: [world.branch_article.pk],
        "post": "yes", "portal": "khong-phai-so",
    })
    assert response.status_code == 200
    assert "Hãy chọn một cổng mà bạn được đăng bài." in response.content.decode()
    assert not Republication.objects.exists()


def test_onto_a_main_portal_without_an_organisation_whoever_publishes_its_articles(world):
    world.main.organization = None
    world.main.save()

    with pytest.raises(PermissionDenied):
        services.article_republish(
            article=world.branch_article, portal=world.main, by=world.youth_approver
        )
    services.article_republish(
        article=world.branch_article, portal=world.main, by=world.province_approver
    )
    assert Republication.objects.filter(portal=world.main).count() == 1
