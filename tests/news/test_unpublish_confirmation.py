"""The article list's "Gỡ xuống" asks first: a page lists the selected published articles,
and only "Có, gỡ các bài này" takes them down (news/admin_unpublish.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from factories import ArticleFactory, OrganizationFactory, member

from accounts.roles import APPROVER, EDITOR
from audit.models import AuditEvent
from news.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

LIST = reverse("admin:news_article_changelist")
Status = Article.Status


@pytest.fixture
def province():
    return OrganizationFactory(name="Tỉnh ủy Bến Tre")


@pytest.fixture
def approver(province):
    return member(APPROVER, province, username="duyetbai")


def choose(client, articles, **extra):
    return client.post(LIST, {
        "action": "unpublish_selected",
        "_selected_action": [article.pk for article in articles],
        **extra,
    }, follow=True)


def states() -> dict[str, str]:
    return dict(Article.objects.values_list("title", "status"))


def test_unpublishing_from_the_list_asks_first_and_lists_the_published_ones(
    client, province, approver
):
    published = ArticleFactory(title="Tin đã đăng", organization=province)
    scheduled = ArticleFactory(title="Tin hẹn giờ", organization=province,
                               published_at=timezone.now() + timedelta(days=1))
    draft = ArticleFactory(title="Bản nháp", organization=province, status=Status.DRAFT,
                           published_at=None)
    client.force_login(approver)

    page = choose(client, [published, scheduled, draft], index="0")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Gỡ 2 bài viết sau xuống (chuyển về bản nháp)?" in text
    assert "Tin đã đăng" in text
    assert "Tin hẹn giờ" in text
    assert "Bản nháp</li>" not in text
    assert 'value="Có, gỡ các bài này"' in text
    assert "Không, quay lại" in text
    assert states() == {"Tin đã đăng": "published", "Tin hẹn giờ": "published",
                        "Bản nháp": "draft"}
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UNPUBLISH).exists()

    done = choose(client, [published, scheduled], post="yes")
    assert "Đã gỡ 2 bài viết về bản nháp." in done.content.decode()
    assert states() == {"Tin đã đăng": "draft", "Tin hẹn giờ": "draft", "Bản nháp": "draft"}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UNPUBLISH).count() == 2


def test_the_confirmation_form_posts_the_same_selection_back(client, province, approver):
    from admin_forms import browser_form_data

    article = ArticleFactory(title="Tin đã đăng", organization=province)
    client.force_login(approver)
    page = choose(client, [article], index="0")
    data = browser_form_data(page.content.decode(), form_id="action-confirmation")
    assert data["action"] == "unpublish_selected"
    assert data["post"] == "yes"
    client.post(LIST, data)
    assert states() == {"Tin đã đăng": "draft"}


def test_nothing_published_in_the_selection_says_so(client, province, approver):
    draft = ArticleFactory(title="Bản nháp", organization=province, status=Status.DRAFT,
                           published_at=None)
    client.force_login(approver)
    page = choose(client, [draft], index="0")
    assert "không có bài nào đang đăng" in page.content.decode()
    assert states() == {"Bản nháp": "draft"}


def test_a_tampered_confirmation_only_unpublishes_what_the_user_may(client, province, approver):
    other = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    foreign = ArticleFactory(title="Tin tỉnh khác", organization=other)
    ours = ArticleFactory(title="Tin của ta", organization=province)
    client.force_login(approver)
    choose(client, [foreign, ours], post="yes")
    assert states() == {"Tin tỉnh khác": "published", "Tin của ta": "draft"}

    editor = member(EDITOR, province, username="bientap")
    ours.status = Status.PUBLISHED
    ours.save()
    client.force_login(editor)
    response = choose(client, [ours], post="yes")
    assert response.status_code == 200
    assert states()["Tin của ta"] == "published"


@pytest.mark.parametrize("selected", [["abc"], ["999999"], [], ["999999", "abc"], ["\x00"]])
def test_bad_selections_never_fail(client, province, approver, selected):
    ArticleFactory(title="Tin đã đăng", organization=province)
    client.force_login(approver)
    response = client.post(LIST, {"action": "unpublish_selected", "_selected_action": selected,
                                  "post": "yes"}, follow=True)
    assert response.status_code == 200
    assert states() == {"Tin đã đăng": "published"}


def test_a_tampered_id_beside_a_real_one_acts_on_the_real_one(client, province, approver):
    article = ArticleFactory(title="Tin đã đăng", organization=province)
    client.force_login(approver)
    choose(client, [], _selected_action=[str(article.pk), "abc"], post="yes")
    assert states() == {"Tin đã đăng": "draft"}
