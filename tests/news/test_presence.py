"""Who else has an article open (news/presence.py, news/admin_presence.py): the banner the
change page renders, the heartbeat and the release, expiry, the marker in the article list,
and every way someone who may not see an article could try to learn who edits it."""

import re
from datetime import timedelta

import pytest
import time_machine
from admin_forms import browser_data
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import (
    ArticleEditingSessionFactory,
    ArticleFactory,
    CategoryFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffUserFactory,
)

from accounts.roles import APPROVER, EDITOR, REPORTER
from news import presence, services
from news.models import Article, ArticleEditingSession
from organizations.models import Organization

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGE = "/admin/news/article/{}/change/"
HEARTBEAT = "/admin/news/article/{}/presence/"
RELEASE = "/admin/news/article/{}/presence/release/"
LIST = "/admin/news/article/"


def person(role, organization, last_name, first_name, username):
    user = StaffUserFactory(username=username, last_name=last_name, first_name=first_name)
    user.groups.add(Group.objects.get(name=role))
    MembershipFactory(user=user, organization=organization)
    return user


@pytest.fixture
def newsroom():
    """A province with a board under it, another province, and people in each role."""
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    board = Organization.objects.add_child(province, instance=Organization(name="Ban Tuyên giáo"))
    other = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    return {
        "province": province,
        "board": board,
        "category": CategoryFactory(name="Tin tức"),
        "reporter": person(REPORTER, board, "Lê Thị", "Hoa", "phongvien"),
        "reporter2": person(REPORTER, board, "Phạm Văn", "Dũng", "phongvien2"),
        "editor": person(EDITOR, province, "Nguyễn Văn", "An", "bientap"),
        "editor2": person(EDITOR, province, "Trần Thị", "Bình", "bientap2"),
        "approver": person(APPROVER, province, "Võ Minh", "Châu", "duyetbai"),
        "outsider": person(APPROVER, other, "Đỗ Quang", "Huy", "nguoingoai"),
    }


@pytest.fixture
def draft(newsroom):
    return ArticleFactory(
        title="Hội nghị sơ kết công tác Đoàn", organization=newsroom["board"],
        category=newsroom["category"], author=newsroom["reporter"], status=Status.DRAFT,
        published_at=None,
    )


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_page(user, article):
    """`user` opens the article's change page; returns (client, response, tab)."""
    client = client_of(user)
    response = client.get(CHANGE.format(article.pk))
    assert response.status_code == 200
    tab = response.context["presence"]["state"].tab
    return client, response, tab


def banner(response) -> str:
    """The text of the presence banner as the page shows it."""
    html = response.content.decode()
    match = re.search(r'<div id="article-presence".*?>(.*?)</div>', html, re.DOTALL)
    assert match, "no presence banner on the page"
    return re.sub(r"<[^>]+>", "", re.sub(r"\s+", " ", match.group(1))).strip()


def beat(client, article, tab, **data):
    return client.post(HEARTBEAT.format(article.pk), {"tab": tab, **data})


# The banner the page renders ------------------------------------------------------------


def test_alone_on_the_page_nobody_is_named_and_a_session_is_kept(newsroom, draft):
    _, response, tab = open_page(newsroom["editor"], draft)

    assert banner(response) == ""
    session = ArticleEditingSession.objects.get()
    assert (session.user, session.article, session.tab, session.can_edit) == (
        newsroom["editor"], draft, tab, True
    )
    html = response.content.decode()
    assert 'role="status"' in html
    assert f'data-heartbeat-url="{HEARTBEAT.format(draft.pk)}"' in html
    assert f'data-version="{draft.version}"' in html
    assert "js/article-presence.js" in html


def test_the_second_person_is_told_at_once_who_is_editing(newsroom, draft):
    open_page(newsroom["editor"], draft)

    _, response, _ = open_page(newsroom["approver"], draft)

    assert banner(response) == "Nguyễn Văn An đang sửa bài này."


def test_the_first_person_sees_the_second_appear_on_the_next_heartbeat(newsroom, draft):
    client, _, tab = open_page(newsroom["editor"], draft)
    open_page(newsroom["approver"], draft)

    answer = beat(client, draft, tab, version=draft.version)

    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"
    assert answer.json() == {
        "tab": tab,
        "others": [{"name": "Võ Minh Châu", "editing": True, "unsaved": False}],
        "notices": ["Võ Minh Châu đang sửa bài này."],
        "new_version": None,
    }
    assert "no-cache" in answer["Cache-Control"] or "max-age=0" in answer["Cache-Control"]


def test_several_people_are_named_together_in_the_order_they_came(newsroom, draft):
    open_page(newsroom["editor"], draft)
    open_page(newsroom["editor2"], draft)
    open_page(newsroom["approver"], draft)

    _, response, _ = open_page(newsroom["reporter"], draft)

    assert banner(response) == (
        "Nguyễn Văn An, Trần Thị Bình và Võ Minh Châu đang sửa bài này."
    )


def test_someone_who_may_only_view_the_article_is_viewing_it(newsroom):
    published = ArticleFactory(
        organization=newsroom["province"], category=newsroom["category"], author=None
    )
    editor_client, editor_page, editor_tab = open_page(newsroom["editor"], published)
    assert 'data-can-edit="0"' in editor_page.content.decode()  # editors cannot edit it now

    _, response, _ = open_page(newsroom["approver"], published)
    assert banner(response) == "Nguyễn Văn An đang xem bài này."

    # A tampered "unsaved" from a read-only page changes nothing.
    answer = beat(editor_client, published, editor_tab, version=published.version, unsaved="1")
    assert answer.json()["others"] == [
        {"name": "Võ Minh Châu", "editing": True, "unsaved": False}
    ]
    assert not ArticleEditingSession.objects.get(tab=editor_tab).has_unsaved_changes


def test_editors_and_viewers_are_told_apart():
    people = [
        presence.Person(name="Nguyễn Văn An", editing=True, unsaved=False),
        presence.Person(name="Trần Thị Bình", editing=True, unsaved=True),
        presence.Person(name="Võ Minh Châu", editing=False, unsaved=False),
    ]

    assert presence.describe(people) == [
        "Nguyễn Văn An và Trần Thị Bình đang sửa bài này.",
        "Trần Thị Bình có thay đổi chưa lưu.",
        "Võ Minh Châu đang xem bài này.",
    ]
    assert presence.describe([]) == []


def test_changes_not_saved_yet_are_announced(newsroom, draft):
    client, _, tab = open_page(newsroom["editor"], draft)
    beat(client, draft, tab, version=draft.version, unsaved="1")

    _, response, _ = open_page(newsroom["approver"], draft)

    assert banner(response) == "Nguyễn Văn An đang sửa bài này và có thay đổi chưa lưu."


def test_the_same_person_in_two_tabs_is_not_told_about_themselves(newsroom, draft):
    client, _, first_tab = open_page(newsroom["editor"], draft)
    second = client.get(CHANGE.format(draft.pk))

    assert banner(second) == ""
    assert beat(client, draft, first_tab, version=draft.version).json()["others"] == []
    assert ArticleEditingSession.objects.count() == 2  # one per tab

    open_page(newsroom["approver"], draft)
    # Two tabs of one person are one person for the others.
    _, third_page, _ = open_page(newsroom["editor2"], draft)
    assert banner(third_page) == "Nguyễn Văn An và Võ Minh Châu đang sửa bài này."


def test_a_page_re_rendered_after_a_refused_save_keeps_its_session_and_warning(newsroom, draft):
    """Two people saving in turn: the second save is refused as before (ArticleForm.clean),
    and the page that refuses it also says who saved the newer version."""
    editor_client, editor_page, _ = open_page(newsroom["editor"], draft)
    approver_client, approver_page, _ = open_page(newsroom["approver"], draft)

    first = editor_client.post(
        CHANGE.format(draft.pk), browser_data(editor_page, title="Bản của biên tập viên")
    )
    assert first.status_code == 302
    second = approver_client.post(
        CHANGE.format(draft.pk), browser_data(approver_page, title="Bản của người duyệt")
    )

    assert second.status_code == 200
    html = second.content.decode()
    assert "Bài viết đã được bientap sửa lúc" in html  # the refusal, unchanged
    assert "Bản của người duyệt" in html  # nothing typed is lost
    draft.refresh_from_db()
    assert draft.title == "Bản của biên tập viên"
    assert banner(second).startswith(
        "Nguyễn Văn An vừa lưu một phiên bản mới — tải lại trước khi sửa tiếp. Tải lại bài viết"
    )
    assert f'href="{CHANGE.format(draft.pk)}"' in html


# The heartbeat ----------------------------------------------------------------------------


def test_a_heartbeat_keeps_the_session_alive_and_expired_ones_go(newsroom, draft):
    editor_client, _, editor_tab = open_page(newsroom["editor"], draft)
    approver_client, _, approver_tab = open_page(newsroom["approver"], draft)
    opened = ArticleEditingSession.objects.get(tab=editor_tab).last_seen_at

    with time_machine.travel(timezone.now() + timedelta(seconds=60), tick=False):
        beat(editor_client, draft, editor_tab, version=draft.version)
        assert ArticleEditingSession.objects.get(tab=editor_tab).last_seen_at > opened
        # The approver's page still beats within the timeout: still there.
        answer = beat(approver_client, draft, approver_tab, version=draft.version)
        assert [other["name"] for other in answer.json()["others"]] == ["Nguyễn Văn An"]

    # The editor's laptop sleeps: nothing heard for longer than the timeout.
    later = timezone.now() + timedelta(seconds=60 + presence.DEFAULT_TIMEOUT_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        answer = beat(approver_client, draft, approver_tab, version=draft.version)
        assert answer.json()["others"] == []
        assert not ArticleEditingSession.objects.filter(tab=editor_tab).exists()  # cleaned up

        # It wakes up: its next heartbeat makes it present again.
        beat(editor_client, draft, editor_tab, version=draft.version)
        answer = beat(approver_client, draft, approver_tab, version=draft.version)
        assert [other["name"] for other in answer.json()["others"]] == ["Nguyễn Văn An"]


def test_the_timeout_is_a_setting(newsroom, draft, settings):
    settings.ARTICLE_PRESENCE_TIMEOUT_SECONDS = 5
    open_page(newsroom["editor"], draft)
    approver_client, _, approver_tab = open_page(newsroom["approver"], draft)

    with time_machine.travel(timezone.now() + timedelta(seconds=6), tick=False):
        answer = beat(approver_client, draft, approver_tab, version=draft.version)

    assert answer.json()["others"] == []


def test_the_heartbeat_says_who_saved_a_newer_version(newsroom, draft):
    approver_client, _, approver_tab = open_page(newsroom["approver"], draft)
    editor_client, editor_page, _ = open_page(newsroom["editor"], draft)
    opened_at = draft.version
    assert beat(approver_client, draft, approver_tab, version=opened_at).json()[
        "new_version"
    ] is None

    editor_client.post(CHANGE.format(draft.pk), browser_data(editor_page, title="Tiêu đề mới"))
    answer = beat(approver_client, draft, approver_tab, version=opened_at).json()

    assert answer["new_version"] == {
        "message": "Nguyễn Văn An vừa lưu một phiên bản mới — tải lại trước khi sửa tiếp.",
        "reload_url": CHANGE.format(draft.pk),
    }
    # The page reloaded at the new version is told nothing.
    draft.refresh_from_db()
    assert beat(approver_client, draft, approver_tab, version=draft.version).json()[
        "new_version"
    ] is None


def test_a_version_saved_in_another_tab_of_the_same_person_says_so(newsroom, draft):
    client, first_page, first_tab = open_page(newsroom["editor"], draft)
    second_page = client.get(CHANGE.format(draft.pk))
    client.post(CHANGE.format(draft.pk), browser_data(second_page, title="Sửa ở thẻ thứ hai"))

    answer = beat(client, draft, first_tab, version=first_page.context["presence"][
        "opened_version"])

    assert answer.json()["new_version"]["message"] == (
        "Bạn vừa lưu một phiên bản mới ở một thẻ khác — tải lại trước khi sửa tiếp."
    )


def test_a_viewer_is_told_to_reload_to_see_the_new_version(newsroom):
    published = ArticleFactory(organization=newsroom["province"], category=newsroom["category"])
    editor_client, _, editor_tab = open_page(newsroom["editor"], published)  # may only view
    approver_client, approver_page, _ = open_page(newsroom["approver"], published)
    approver_client.post(
        CHANGE.format(published.pk), browser_data(approver_page, title="Tiêu đề đã sửa")
    )

    answer = beat(editor_client, published, editor_tab, version=published.version)

    assert answer.json()["new_version"]["message"] == (
        "Võ Minh Châu vừa lưu một phiên bản mới — tải lại để xem bản mới."
    )


# Leaving the page -------------------------------------------------------------------------


def test_leaving_the_page_releases_its_session_at_once(newsroom, draft):
    editor_client, _, editor_tab = open_page(newsroom["editor"], draft)
    approver_client, _, approver_tab = open_page(newsroom["approver"], draft)

    released = editor_client.post(RELEASE.format(draft.pk), {"tab": editor_tab})

    assert released.status_code == 204
    assert released.content == b""
    answer = beat(approver_client, draft, approver_tab, version=draft.version)
    assert answer.json()["others"] == []


def test_nobody_releases_someone_else_s_session(newsroom, draft):
    _, _, editor_tab = open_page(newsroom["editor"], draft)
    approver_client, _, _ = open_page(newsroom["approver"], draft)

    answer = approver_client.post(RELEASE.format(draft.pk), {"tab": editor_tab})

    assert answer.status_code == 204
    assert ArticleEditingSession.objects.filter(tab=editor_tab).exists()


def test_the_restore_page_keeps_no_session(newsroom, draft):
    client = client_of(newsroom["editor"])
    version = draft.history.first().history_id

    response = client.get(f"/admin/news/article/{draft.pk}/history/{version}/")

    assert response.status_code == 200
    assert 'id="article-presence"' not in response.content.decode()
    assert not ArticleEditingSession.objects.exists()


# Who may ask ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [HEARTBEAT, RELEASE])
@pytest.mark.parametrize("who", ["outsider", "reporter2"])
def test_someone_who_may_not_see_the_article_learns_nothing(newsroom, draft, url, who):
    """Another organisation's approver, and a reporter on a colleague's draft."""
    _, _, editor_tab = open_page(newsroom["editor"], draft)
    intruder = client_of(newsroom[who])

    answer = intruder.post(url.format(draft.pk), {"tab": "b" * 32, "version": "1"})

    assert answer.status_code == 404
    assert "Nguyễn Văn An" not in answer.content.decode()
    assert "bientap" not in answer.content.decode()
    assert ArticleEditingSession.objects.get().tab == editor_tab  # nothing made or removed
    assert intruder.get(CHANGE.format(draft.pk)).status_code == 302  # Django: not found


def test_a_staff_member_without_any_article_permission_learns_nothing(newsroom, draft):
    open_page(newsroom["editor"], draft)
    stranger = StaffUserFactory()
    MembershipFactory(user=stranger, organization=newsroom["province"])

    answer = client_of(stranger).post(HEARTBEAT.format(draft.pk), {"tab": "c" * 32})

    assert answer.status_code in (403, 404)
    assert "Nguyễn Văn An" not in answer.content.decode()


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(newsroom, draft):
    open_page(newsroom["editor"], draft)

    answer = Client().post(HEARTBEAT.format(draft.pk), {"tab": "d" * 32})

    assert answer.status_code == 302
    assert "/login/" in answer["Location"]


@pytest.mark.parametrize("url", [HEARTBEAT, RELEASE])
def test_only_post_is_answered(newsroom, draft, url):
    client, _, tab = open_page(newsroom["editor"], draft)

    answer = client.get(url.format(draft.pk), {"tab": tab})

    assert answer.status_code == 405


@pytest.mark.parametrize("url", [HEARTBEAT, RELEASE])
def test_a_post_without_the_csrf_token_is_refused(newsroom, draft, url):
    _, _, tab = open_page(newsroom["editor"], draft)
    open_page(newsroom["approver"], draft)
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(newsroom["editor"])

    answer = forged.post(url.format(draft.pk), {"tab": tab})

    assert answer.status_code == 403
    assert "Võ Minh Châu" not in answer.content.decode()
    assert ArticleEditingSession.objects.filter(tab=tab).exists()


def test_the_page_s_csrf_token_is_accepted(newsroom, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(newsroom["editor"])
    page = client.get(CHANGE.format(draft.pk))
    token = re.search(r'data-csrf-token="([^"]+)"', page.content.decode()).group(1)
    tab = page.context["presence"]["state"].tab

    answer = client.post(HEARTBEAT.format(draft.pk), {"tab": tab, "csrfmiddlewaretoken": token})
    released = client.post(RELEASE.format(draft.pk), {"tab": tab, "csrfmiddlewaretoken": token})

    assert (answer.status_code, released.status_code) == (200, 204)


@pytest.mark.parametrize(
    "object_id", ["abc", "999999", "-1", "0", "1.5", "%00", "1%2F2", "9" * 40, "%E1%BB%87"]
)
@pytest.mark.parametrize("url", [HEARTBEAT, RELEASE])
def test_bad_article_ids_answer_404(newsroom, draft, object_id, url):
    client = client_of(newsroom["approver"])

    answer = client.post(url.format(object_id), {"tab": "e" * 32})

    assert answer.status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"tab": ""},
        {"tab": "abc"},
        {"tab": "E" * 32},
        {"tab": "e" * 33},
        {"tab": "e" * 31 + "\x00"},
        {"tab": ["e" * 32, "f" * 32]},
    ],
    ids=["missing", "empty", "short", "upper", "long", "nul", "twice"],
)
def test_a_bad_tab_answers_400_in_vietnamese(newsroom, draft, data):
    client = client_of(newsroom["approver"])

    for url in (HEARTBEAT, RELEASE):
        answer = client.post(url.format(draft.pk), data)
        if data.get("tab") == ["e" * 32, "f" * 32]:
            assert answer.status_code in (200, 204)  # the last value, as Django reads it
            continue
        assert answer.status_code == 400
        assert answer.json() == {"error": "Yêu cầu không hợp lệ: thiếu mã thẻ trình duyệt."}


@pytest.mark.parametrize("version", ["abc", "-1", "1e3", "99999999999999999999", "\x00"])
def test_a_bad_version_answers_400(newsroom, draft, version):
    client, _, tab = open_page(newsroom["approver"], draft)

    answer = beat(client, draft, tab, version=version)

    assert answer.status_code == 400
    assert answer.json()["error"] == "Yêu cầu không hợp lệ: phiên bản không phải là số."


def test_a_heartbeat_without_a_version_answers_without_checking_it(newsroom, draft):
    client, _, tab = open_page(newsroom["approver"], draft)

    answer = beat(client, draft, tab)

    assert answer.status_code == 200
    assert answer.json()["new_version"] is None


def test_a_deleted_article_answers_no_heartbeat_and_takes_its_sessions_when_purged(
    newsroom, draft
):
    client, _, tab = open_page(newsroom["approver"], draft)
    client.post(f"/admin/news/article/{draft.pk}/delete/", {"post": "yes"})

    # In the trash: nobody edits it any more, and nobody learns who had it open.
    assert not Article.objects.filter(pk=draft.pk).exists()
    assert beat(client, draft, tab).status_code == 404

    services.article_purge(article=Article.all_objects.get(pk=draft.pk), by=newsroom["approver"])
    assert not ArticleEditingSession.objects.exists()


# The article list -------------------------------------------------------------------------


def test_the_list_marks_articles_someone_else_is_editing(newsroom, draft):
    quiet = ArticleFactory(organization=newsroom["board"], category=newsroom["category"])
    open_page(newsroom["editor"], draft)
    open_page(newsroom["editor2"], draft)
    open_page(newsroom["approver"], quiet)  # the viewer's own session: not marked

    response = client_of(newsroom["approver"]).get(LIST)

    html = response.content.decode()
    assert (
        '<span class="article-presence-marker">Đang được sửa bởi Nguyễn Văn An và Trần Thị Bình'
        "</span>" in html
    )
    assert html.count("Đang được sửa bởi") == 1
    assert "css/article-presence.css" in html


def test_the_list_still_sorts_and_links_by_title(newsroom, draft):
    open_page(newsroom["editor"], draft)

    response = client_of(newsroom["approver"]).get(LIST, {"o": "2"})

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(
        rf'<a href="/admin/news/article/{draft.pk}/change/[^"]*">{draft.title}'
        r'<span class="article-presence-marker">', html
    )
    assert "sortable column-title_with_presence sorted ascending" in html


def test_the_list_marks_nobody_whose_session_expired_or_who_only_views(newsroom):
    published = ArticleFactory(organization=newsroom["province"], category=newsroom["category"])
    open_page(newsroom["editor"], published)  # may only view a published article
    ArticleEditingSessionFactory(
        article=published, user=newsroom["editor2"],
        last_seen_at=timezone.now() - timedelta(seconds=presence.DEFAULT_TIMEOUT_SECONDS + 1),
    )

    html = client_of(newsroom["approver"]).get(LIST).content.decode()

    assert "Đang được sửa bởi" not in html


def test_the_list_asks_for_the_marks_once_per_page(newsroom):
    articles = [
        ArticleFactory(organization=newsroom["board"], category=newsroom["category"])
        for _ in range(6)
    ]
    client = client_of(newsroom["approver"])

    def queries_of_the_list():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        sessions_read = [
            query for query in queries.captured_queries
            if "news_articleeditingsession" in query["sql"]
        ]
        assert len(sessions_read) == 1
        return len(queries)

    ArticleEditingSessionFactory(article=articles[0], user=newsroom["editor"])
    with_one = queries_of_the_list()
    for article in articles[1:]:
        ArticleEditingSessionFactory(article=article, user=newsroom["editor"])
        ArticleEditingSessionFactory(article=article, user=newsroom["editor2"])

    assert queries_of_the_list() == with_one


def test_the_list_shows_no_names_from_articles_the_user_may_not_see(newsroom, draft):
    open_page(newsroom["editor"], draft)

    html = client_of(newsroom["outsider"]).get(LIST).content.decode()

    assert "Nguyễn Văn An" not in html
