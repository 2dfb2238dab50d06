"""The named moves of the review on the article page: who is offered which move in which
state, each move done through the admin as a browser sends it, and what an attacker tries
(another organisation's article, a role without the right, tampered POSTs, bad ids)."""

from datetime import timedelta

import pytest
from admin_forms import browser_data
from django.utils import timezone

from audit.models import AuditEvent
from news import services, workflow
from news.models import Article, ArticleComment

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGE = "/admin/news/article/{}/change/"
ADD = "/admin/news/article/add/"
MOVE = "/admin/news/article/{}/chuyen/"
COMMENT = "/admin/news/article/{}/binh-luan/"


def html(response) -> str:
    return response.content.decode()


def offered_on_page(client, user, article) -> set[str] | None:
    """The moves the change page offers `user`; None when the page is not theirs to see."""
    client.force_login(user)
    page = client.get(CHANGE.format(article.pk))
    if page.status_code != 200:
        return None
    review = page.context["review"]
    moves = {offered.value for offered in review["saving_moves"] + review["other_moves"]}
    if review["send_back"]:
        moves.add(review["send_back"].value)
    return moves


def make(newsroom, state):
    past = timezone.now() - timedelta(hours=1)
    future = timezone.now() + timedelta(days=1)
    fields = {
        "draft": {"status": Status.DRAFT},
        "pending": {"status": Status.PENDING},
        "published": {"status": Status.PUBLISHED, "published_at": past},
        "scheduled": {"status": Status.PUBLISHED, "published_at": future},
        "archived": {"status": Status.ARCHIVED, "published_at": past},
    }[state]
    return newsroom.article(**fields)


# Who is offered which move, in each state. None: the page is not theirs (they cannot see
# the article); an empty set: they see it and may make no move.
EXPECTED = {
    "draft": {
        "reporter": {"submit"}, "reporter2": None, "editor": {"submit"},
        "approver": {"submit", "publish", "schedule"}, "outsider": None,
    },
    "pending": {
        "reporter": {"withdraw"}, "reporter2": None, "editor": {"send_back"},
        "approver": {"send_back", "publish", "schedule"}, "outsider": None,
    },
    "published": {
        "reporter": set(), "reporter2": None, "editor": set(),
        "approver": {"unpublish", "archive"}, "outsider": None,
    },
    "scheduled": {
        "reporter": set(), "reporter2": None, "editor": set(),
        "approver": {"publish", "schedule", "unpublish"}, "outsider": None,
    },
    "archived": {
        "reporter": set(), "reporter2": None, "editor": set(),
        "approver": {"publish", "unpublish"}, "outsider": None,
    },
}


@pytest.mark.parametrize("state", list(EXPECTED))
def test_each_role_is_offered_exactly_the_moves_it_may_make_in_each_state(
    client, newsroom, state
):
    article = make(newsroom, state)
    for role, expected in EXPECTED[state].items():
        user = getattr(newsroom.people, role)
        assert offered_on_page(client, user, article) == expected, (state, role)
        allowed = {offered.value for offered in workflow.moves_for(user, article)}
        assert allowed == (expected or set()), (state, role)


def test_the_writer_of_a_pending_article_may_withdraw_it_but_not_send_it_back(newsroom):
    pending = newsroom.article(status=Status.PENDING, author=newsroom.people.editor,
                               organization=newsroom.province)
    offered = {o.value for o in workflow.moves_for(newsroom.people.editor, pending)}
    assert offered == {"withdraw"}


def test_the_form_has_no_status_box_and_the_buttons_name_the_moves(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(draft.pk))
    assert "status" not in page.context["adminform"].form.fields
    text = html(page)
    for label in ("Gửi duyệt", "Duyệt và đăng", "Hẹn giờ đăng", "Lưu lại"):
        assert label in text
    assert 'name="status"' not in text


# Gửi duyệt, and the read-only page that follows ------------------------------------------


def test_a_reporter_writes_and_submits_and_then_sees_a_true_read_only_page(client, newsroom):
    client.force_login(newsroom.people.reporter)
    page = client.get(ADD)
    response = client.post(ADD, browser_data(
        page, title="Đoàn viên ra quân hè 2026", body="<p>Nội dung <strong>đậm</strong>.</p>",
        organization=newsroom.board.pk, category=newsroom.category.pk, move="submit",
    ), follow=True)

    article = Article.objects.get(title="Đoàn viên ra quân hè 2026")
    assert article.status == Status.PENDING
    text = html(response)
    assert "Đã gửi duyệt bài “Đoàn viên ra quân hè 2026”." in text
    assert "Bài đang chờ duyệt; bạn có thể rút lại để sửa." in text
    assert "Bạn có thể chỉnh sửa lại bên dưới" not in text
    assert "<strong>đậm</strong>" in text  # the body as text, not its HTML
    assert "&lt;p&gt;" not in text
    assert 'value="withdraw"' in text
    entry = ArticleComment.objects.get(article=article)
    assert (entry.move, entry.author, entry.body) == ("submit", newsroom.people.reporter, "")


def test_submitting_saves_the_form_with_the_move_in_one_version(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(draft.pk))
    versions = draft.history.count()

    client.post(CHANGE.format(draft.pk), browser_data(page, title="Tiêu đề đã sửa", move="submit"))

    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Tiêu đề đã sửa", Status.PENDING)
    assert draft.history.count() == versions + 1
    assert AuditEvent.objects.filter(action="submit", object_id=str(draft.pk)).count() == 1


def test_a_form_with_errors_keeps_the_text_and_makes_no_move(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(draft.pk))

    response = client.post(CHANGE.format(draft.pk), browser_data(
        page, title="", body="<p>Đoạn mới viết</p>", move="submit",
    ))

    assert response.status_code == 200
    assert "Đoạn mới viết" in html(response)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


# Rút lại ------------------------------------------------------------------------------------


def test_the_writer_withdraws_from_the_read_only_page_and_may_edit_again(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.reporter)
    assert not client.get(CHANGE.format(pending.pk)).context["has_change_permission"]

    response = client.post(MOVE.format(pending.pk), {"move": "withdraw"}, follow=True)

    pending.refresh_from_db()
    assert pending.status == Status.DRAFT
    assert "Đã rút lại bài" in html(response)
    assert response.context["has_change_permission"]
    assert AuditEvent.objects.filter(action="withdraw", object_id=str(pending.pk)).exists()


@pytest.mark.parametrize("role", ["editor", "approver", "reporter2", "outsider"])
def test_nobody_but_the_writer_withdraws(client, newsroom, role):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(getattr(newsroom.people, role))

    response = client.post(MOVE.format(pending.pk), {"move": "withdraw"})

    assert response.status_code in (302, 404)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


# Yêu cầu sửa --------------------------------------------------------------------------------


@pytest.mark.parametrize("comment", ["", "   \n  "])
def test_sending_back_without_a_comment_is_refused_in_vietnamese(client, newsroom, comment):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.approver)

    response = client.post(
        COMMENT.format(pending.pk), {"move": "send_back", "comment": comment}, follow=True
    )

    assert workflow.COMMENT_REQUIRED in html(response)
    # Back at the comment box, where the missing message is to be written.
    assert response.redirect_chain[-1][0].endswith("#binh-luan-moi")
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    assert not ArticleComment.objects.filter(article=pending).exists()


def test_sending_back_with_a_comment_returns_the_draft_and_keeps_the_comment(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.editor)

    response = client.post(COMMENT.format(pending.pk), {
        "move": "send_back", "comment": "Thiếu số liệu đoàn viên tham gia.",
        "quote": "với 500 đoàn viên",
    }, follow=True)

    pending.refresh_from_db()
    assert pending.status == Status.DRAFT
    assert "Đã yêu cầu sửa bài" in html(response)
    entry = ArticleComment.objects.get(article=pending)
    assert (entry.move, entry.body, entry.quote, entry.author) == (
        "send_back", "Thiếu số liệu đoàn viên tham gia.", "với 500 đoàn viên",
        newsroom.people.editor,
    )
    assert AuditEvent.objects.filter(action="send_back", object_id=str(pending.pk)).exists()


def test_sending_back_works_from_the_move_page_too(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.approver)
    assert client.get(MOVE.format(pending.pk), {"move": "send_back"}).status_code == 200

    refused = client.post(MOVE.format(pending.pk), {"move": "send_back", "comment": ""})
    assert workflow.COMMENT_REQUIRED in html(refused)
    client.post(MOVE.format(pending.pk), {"move": "send_back", "comment": "Sửa tiêu đề."})

    pending.refresh_from_db()
    assert pending.status == Status.DRAFT


def test_a_reporter_cannot_send_back_even_with_a_tampered_post(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.reporter)

    client.post(COMMENT.format(pending.pk), {"move": "send_back", "comment": "Tự trả bài"})

    pending.refresh_from_db()
    assert pending.status == Status.PENDING


# Duyệt và đăng, Hẹn giờ đăng -----------------------------------------------------------------


def test_an_approver_publishes_with_the_edits_of_the_form(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(pending.pk))

    response = client.post(CHANGE.format(pending.pk), browser_data(
        page, title="Tiêu đề người duyệt sửa", move="publish",
    ), follow=True)

    pending.refresh_from_db()
    assert (pending.title, pending.status, pending.is_public) == (
        "Tiêu đề người duyệt sửa", Status.PUBLISHED, True)
    assert "Đã đăng bài" in html(response)
    assert AuditEvent.objects.filter(action="publish", object_id=str(pending.pk)).exists()


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_only_approvers_publish_even_through_the_move_page(client, newsroom, role):
    draft = newsroom.article(author=getattr(newsroom.people, role))
    client.force_login(getattr(newsroom.people, role))

    for move in ("publish", "schedule", "archive", "unpublish"):
        response = client.post(MOVE.format(draft.pk), {"move": move}, follow=True)
        assert "Bạn không thể thực hiện thao tác này" in html(response)

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_scheduling_refuses_a_past_or_missing_time_and_takes_a_future_one(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(pending.pk))
    yesterday = timezone.localtime() - timedelta(days=1)
    tomorrow = timezone.localtime() + timedelta(days=1)

    past = client.post(CHANGE.format(pending.pk), browser_data(
        page, move="schedule", move_publish_at_0=f"{yesterday:%d/%m/%Y}",
        move_publish_at_1="08:00",
    ))
    missing = client.post(CHANGE.format(pending.pk), browser_data(page, move="schedule"))
    assert workflow.TIME_IN_PAST in html(past)
    assert workflow.TIME_REQUIRED in html(missing)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING

    done = client.post(CHANGE.format(pending.pk), browser_data(
        page, move="schedule", move_publish_at_0=f"{tomorrow:%d/%m/%Y}",
        move_publish_at_1="08:00",
    ), follow=True)
    pending.refresh_from_db()
    assert pending.is_scheduled
    assert f"lúc 08:00 {tomorrow:%d/%m/%Y}" in html(done)
    assert pending.state_label == f"Hẹn giờ {tomorrow:%d/%m/%Y} 08:00"


# Gỡ bài, with its confirmation ----------------------------------------------------------


def test_unpublishing_asks_for_confirmation_first(client, newsroom):
    published = make(newsroom, "published")
    client.force_login(newsroom.people.approver)

    page = client.get(MOVE.format(published.pk), {"move": "unpublish"})
    assert page.status_code == 200
    assert "Người đọc sẽ không mở được bài nữa" in html(page)
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED  # nothing happened yet

    client.post(MOVE.format(published.pk), {"move": "unpublish", "comment": "Sai số liệu."})
    published.refresh_from_db()
    assert published.status == Status.DRAFT
    entry = ArticleComment.objects.get(article=published)
    assert (entry.move, entry.body) == ("unpublish", "Sai số liệu.")


def test_saving_keeps_the_state_and_a_tampered_status_is_ignored(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(draft.pk))

    client.post(CHANGE.format(draft.pk), browser_data(
        page, title="Chỉ lưu", status=Status.PUBLISHED,
    ))

    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Chỉ lưu", Status.DRAFT)


# Attackers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("object_id", ["abc", "999999", "0", "1%2F2", "-1"])
@pytest.mark.parametrize("url", [MOVE, COMMENT])
def test_bad_ids_answer_404_not_500(client, newsroom, object_id, url):
    client.force_login(newsroom.people.approver)
    assert client.get(url.format(object_id), {"move": "publish"}).status_code == 404
    assert client.post(url.format(object_id), {"move": "publish"}).status_code == 404


@pytest.mark.parametrize("move", ["", "xyz", "PUBLISH", "publish\x00", "a" * 500])
def test_unknown_moves_are_refused_with_a_message(client, newsroom, move):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.approver)

    response = client.post(MOVE.format(pending.pk), {"move": move}, follow=True)

    assert response.status_code == 200
    assert "Bạn không thể thực hiện thao tác này" in html(response)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_another_organisations_approver_cannot_move_or_see_the_confirmation(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.outsider)

    assert client.get(MOVE.format(pending.pk), {"move": "publish"}).status_code == 404
    assert client.post(MOVE.format(pending.pk), {"move": "publish"}).status_code == 404
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_a_bad_time_on_the_move_page_is_a_message_not_an_error(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.approver)

    response = client.post(MOVE.format(pending.pk), {
        "move": "schedule", "publish_at_0": "31/02/2026", "publish_at_1": "25:99",
    })

    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_anonymous_visitors_are_sent_to_the_login(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    response = client.post(MOVE.format(pending.pk), {"move": "publish"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_service_refuses_a_move_the_state_does_not_allow(newsroom):
    published = make(newsroom, "published")
    with pytest.raises(services.MoveRefused):
        services.article_move(article=published, move="submit", by=newsroom.people.approver)
    with pytest.raises(services.MoveRefused):
        services.article_move(
            article=newsroom.article(status=Status.PENDING), move="send_back",
            by=newsroom.people.approver, comment="  ",
        )


@pytest.mark.parametrize("move", [" ", "\t", "  submit", "withdraw", "send_back", "xyz"])
def test_a_tampered_move_with_the_form_is_a_message_or_a_plain_save(client, newsroom, move):
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(draft.pk))

    response = client.post(CHANGE.format(draft.pk), browser_data(page, title="Sửa", move=move))

    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    if move.strip() == "submit":
        assert draft.status == Status.PENDING
    elif move.strip():
        assert response.status_code == 200
        assert draft.status == Status.DRAFT
        assert draft.title != "Sửa"
    else:
        assert (draft.status, draft.title) == (Status.DRAFT, "Sửa")
