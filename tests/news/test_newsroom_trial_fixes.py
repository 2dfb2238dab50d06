"""What a trial of the newsroom admin found, each fixed and held here: the message of a move
someone else overtook, errors shown where they are to be fixed, people shown by name, and
the history's note on later edits."""

from datetime import timedelta

import pytest
from admin_forms import browser_data
from django.utils import timezone

from news import services, workflow
from news.models import Article, ArticleComment

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGE = "/admin/news/article/{}/change/"
MOVE = "/admin/news/article/{}/chuyen/"
COMMENT = "/admin/news/article/{}/binh-luan/"


def html(response) -> str:
    return response.content.decode()


# 1. Rút lại after someone else published -------------------------------------------------


def test_withdrawing_an_article_published_meanwhile_says_who_published_it_and_when(
    client, newsroom
):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(pending.pk))
    assert 'value="withdraw"' in html(page)
    # Meanwhile, in the approver's browser:
    services.article_move(article=Article.objects.get(pk=pending.pk), move="publish",
                          by=newsroom.people.approver)

    response = client.post(MOVE.format(pending.pk), {"move": "withdraw"}, follow=True)

    pending.refresh_from_db()
    assert pending.status == Status.PUBLISHED
    published = timezone.localtime(pending.published_at)
    assert (
        f"Bài đã được Phạm Quốc Bảo đăng lúc {published:%d/%m/%Y %H:%M}; "
        "không rút lại được nữa."
    ) in html(response)
    assert "ở trạng thái hiện tại" not in html(response)


def test_withdrawing_an_article_sent_back_meanwhile_says_so(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    services.article_move(article=pending, move="send_back", by=newsroom.people.editor,
                          comment="Thiếu ảnh.")
    client.force_login(newsroom.people.reporter)

    response = client.post(MOVE.format(pending.pk), {"move": "withdraw"}, follow=True)

    assert "Bài đã được Lê Minh Tâm trả về để sửa lúc" in html(response)
    assert "không rút lại được nữa." in html(response)


def test_a_move_never_offered_keeps_the_general_refusal(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)

    response = client.post(MOVE.format(draft.pk), {"move": "publish"}, follow=True)

    assert "Bạn không thể thực hiện thao tác này" in html(response)


# 2. Errors at the boxes they are about -----------------------------------------------------


def test_a_send_back_without_a_comment_is_refused_at_the_comment_box_keeping_the_quote(
    client, newsroom
):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.approver)

    response = client.post(COMMENT.format(pending.pk), {
        "move": "send_back", "comment": "  ", "quote": "với 500 đoàn viên",
    }, follow=True)

    assert response.redirect_chain[-1][0].endswith("#binh-luan-moi")
    text = html(response)
    composer = text[text.index('id="binh-luan-moi"'):text.index("</form>", text.index(
        'id="binh-luan-moi"'))]
    assert workflow.COMMENT_REQUIRED in composer
    assert 'aria-describedby="id_review_comment_error"' in composer
    assert 'name="quote" value="với 500 đoàn viên"' in composer
    # Not a second time in the messages at the top.
    assert text.count(workflow.COMMENT_REQUIRED) == 1
    assert not ArticleComment.objects.filter(article=pending).exists()

    # Shown once: the page opened again has an empty box.
    again = html(client.get(CHANGE.format(pending.pk)))
    assert workflow.COMMENT_REQUIRED not in again


def test_a_refused_comment_keeps_its_text(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.reporter2)  # may not see the article: a 404
    assert client.post(COMMENT.format(pending.pk), {"comment": "x"}).status_code == 404

    # A comment too long to be a comment is cut, not refused; an empty one is refused.
    client.force_login(newsroom.people.editor)
    response = client.post(COMMENT.format(pending.pk), {"comment": "", "quote": "đoạn"},
                           follow=True)
    assert "Hãy gõ nội dung bình luận." in html(response)
    assert 'name="quote" value="đoạn"' in html(response)


@pytest.mark.parametrize("when", ["past", "missing"])
def test_schedule_errors_are_shown_at_the_time_boxes(client, newsroom, when):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(pending.pk))
    yesterday = timezone.localtime() - timedelta(days=1)
    times = (
        {"move_publish_at_0": f"{yesterday:%d/%m/%Y}", "move_publish_at_1": "08:00"}
        if when == "past" else {}
    )

    response = client.post(CHANGE.format(pending.pk), browser_data(
        page, title="Tiêu đề sửa dở", move="schedule", **times,
    ))

    assert response.status_code == 200
    message = workflow.TIME_IN_PAST if when == "past" else workflow.TIME_REQUIRED
    form = response.context["adminform"].form
    assert form.errors["move_publish_at"] == [message]
    assert not form.non_field_errors()
    text = html(response)
    box = text[text.index('id="hen-gio-dang"'):]
    assert box.index(message) < box.index('id="id_move_publish_at_0"')
    assert 'value="Tiêu đề sửa dở"' in text  # what was typed is kept
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_a_time_that_is_no_time_is_said_once_at_the_time_boxes(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(pending.pk))

    response = client.post(CHANGE.format(pending.pk), browser_data(
        page, move="schedule", move_publish_at_0="31/02/2027", move_publish_at_1="8h",
    ))

    errors = response.context["adminform"].form.errors["move_publish_at"]
    assert workflow.TIME_REQUIRED not in errors
    assert errors
    assert 'id="id_move_publish_at_error"' in html(response)


# 3. The writer by name on the read-only page ------------------------------------------------


def test_the_read_only_page_names_the_writer_not_the_account(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.reporter)

    text = html(client.get(CHANGE.format(pending.pk)))

    field = text[text.index("field-author_full_name"):]
    field = field[:field.index("</div>\n")]
    assert "Nguyễn Thị Lan" in field
    assert "phongvien" not in field
    assert "field-author " not in text
    assert 'field-author"' not in text


def test_an_approver_still_chooses_the_writer_in_a_list(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.approver)

    page = client.get(CHANGE.format(draft.pk))

    assert "author" in page.context["adminform"].form.fields
    assert "field-author_full_name" not in html(page)


# 5. "(bài đã sửa sau đó)" only after an edit ------------------------------------------------


def thread_lines(client, article) -> list[str]:
    text = html(client.get(CHANGE.format(article.pk)))
    start = text.index('<ol class="review-entries">')
    thread = text[start:text.index("</ol>", start)]
    return thread.split('<li class="review-entry')[1:]


def test_a_move_that_changed_only_the_state_is_no_later_edit(client, newsroom):
    draft = newsroom.article()
    services.article_comment_add(article=draft, by=newsroom.people.reporter,
                                 body="Em đã thêm số liệu.")
    services.article_move(article=draft, move="submit", by=newsroom.people.reporter)
    services.article_move(article=Article.objects.get(pk=draft.pk), move="send_back",
                          by=newsroom.people.editor, comment="Thiếu ảnh.")
    client.force_login(newsroom.people.reporter)

    lines = thread_lines(client, draft)

    assert len(lines) == 3
    assert not any("bài đã sửa sau đó" in line for line in lines)

    page = client.get(CHANGE.format(draft.pk))
    client.post(CHANGE.format(draft.pk), browser_data(page, title="Tiêu đề đã sửa"))
    lines = thread_lines(client, draft)
    assert all("(bài đã sửa sau đó)" in line for line in lines)


def test_an_edit_between_two_entries_marks_only_the_earlier(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)
    client.post(COMMENT.format(draft.pk), {"comment": "Trước khi sửa."})
    page = client.get(CHANGE.format(draft.pk))
    client.post(CHANGE.format(draft.pk), browser_data(page, summary="Tóm tắt mới."))
    client.post(COMMENT.format(draft.pk), {"comment": "Sau khi sửa."})

    before, after = thread_lines(client, draft)

    assert "Trước khi sửa." in before
    assert "(bài đã sửa sau đó)" in before
    assert "Sau khi sửa." in after
    assert "(bài đã sửa sau đó)" not in after


def test_a_move_never_offered_before_either_is_not_explained_by_the_last_move(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    services.article_move(article=pending, move="send_back", by=newsroom.people.editor,
                          comment="Thiếu ảnh.")
    client.force_login(newsroom.people.reporter)

    # A reporter never publishes: the send-back meanwhile is not the reason.
    response = client.post(MOVE.format(pending.pk), {"move": "publish"}, follow=True)

    assert "Bạn không thể thực hiện thao tác này" in html(response)
    assert "trả về để sửa" not in html(response)
