"""The comment thread of an article: who sees it and may write in it, what it shows (full
names, local times, the quoted passage, the version), plain text only, kept with the
article's history."""

from datetime import UTC, datetime

import pytest
import time_machine
from admin_forms import browser_data
from factories import ArticleCommentFactory

from news import services
from news.models import Article, ArticleComment

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGE = "/admin/news/article/{}/change/"
COMMENT = "/admin/news/article/{}/binh-luan/"


def html(response) -> str:
    return response.content.decode()


def test_a_comment_on_a_passage_is_shown_with_its_author_time_and_quote(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.editor)

    with time_machine.travel(datetime(2026, 12, 7, 2, 30, tzinfo=UTC), tick=False):
        response = client.post(COMMENT.format(pending.pk), {
            "comment": "Ghi rõ số đoàn viên.\nVà nguồn số liệu.",
            "quote": "với   500 đoàn viên",
        }, follow=True)

    text = html(response)
    assert "Đã gửi bình luận." in text
    assert "Lê Minh Tâm" in text  # họ then tên
    assert "07/12/2026 09:30" in text  # Asia/Ho_Chi_Minh
    assert "Ghi rõ số đoàn viên.<br>Và nguồn số liệu." in text
    assert 'data-review-quote="với 500 đoàn viên"' in text
    assert "<blockquote" in text
    comment = ArticleComment.objects.get(article=pending)
    assert (comment.move, comment.article_version) == ("", pending.version)


def test_comment_text_is_plain_and_cleaned(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)

    client.post(COMMENT.format(draft.pk), {
        "comment": "<script>alert(1)</script> Bi\u0300nh\x00 lu\u1eadn\u202e\r\n\r\n\r\n\r\nHết",
        "quote": "<b>đoạn</b>\n\ttrích",
    })
    page = client.get(CHANGE.format(draft.pk))

    comment = ArticleComment.objects.get()
    assert comment.body == "<script>alert(1)</script> Bình luận\n\nHết"
    assert comment.quote == "<b>đoạn</b> trích"
    assert "<script>alert(1)</script>" not in html(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html(page)


@pytest.mark.parametrize("body", ["", "   ", "\x00\u200b"])
def test_an_empty_comment_is_refused_in_vietnamese(client, newsroom, body):
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)

    response = client.post(COMMENT.format(draft.pk), {"comment": body}, follow=True)

    assert "Hãy gõ nội dung bình luận." in html(response)
    assert not ArticleComment.objects.exists()


def test_a_very_long_comment_is_cut_not_refused(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)
    client.post(COMMENT.format(draft.pk), {"comment": "ý kiến " * 2000, "quote": "x" * 5000})
    comment = ArticleComment.objects.get()
    assert len(comment.body) <= 5000
    assert len(comment.quote) <= 1000


def test_the_writer_sees_and_answers_the_thread_on_the_read_only_page(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    ArticleCommentFactory(article=pending, author=newsroom.people.approver,
                          body="Tít dài quá.", quote="")
    client.force_login(newsroom.people.reporter)

    page = client.get(CHANGE.format(pending.pk))
    assert not page.context["has_change_permission"]
    assert "Tít dài quá." in html(page)
    client.post(COMMENT.format(pending.pk), {"comment": "Em sẽ rút lại để sửa ạ."})

    assert list(ArticleComment.objects.filter(article=pending).values_list("body", flat=True)) == [
        "Tít dài quá.", "Em sẽ rút lại để sửa ạ."]


@pytest.mark.parametrize("role", ["reporter2", "outsider"])
def test_who_may_not_see_the_article_may_not_read_or_write_its_thread(client, newsroom, role):
    draft = newsroom.article()
    ArticleCommentFactory(article=draft, author=newsroom.people.editor, body="Bí mật biên tập")
    client.force_login(getattr(newsroom.people, role))

    assert client.get(CHANGE.format(draft.pk)).status_code == 302  # Django: "does not exist"
    assert client.post(COMMENT.format(draft.pk), {"comment": "Chen vào"}).status_code == 404
    assert ArticleComment.objects.count() == 1


def test_a_get_of_the_comment_address_leads_back_to_the_thread(client, newsroom):
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)
    response = client.get(COMMENT.format(draft.pk))
    assert response.status_code == 302
    assert response["Location"] == CHANGE.format(draft.pk) + "#binh-luan"


def test_the_service_refuses_a_comment_from_someone_who_cannot_see_the_article(newsroom):
    draft = newsroom.article()
    with pytest.raises(services.PermissionDenied):
        services.article_comment_add(article=draft, by=newsroom.people.outsider, body="Xin chào")


def test_comments_stay_with_their_version_through_edits_and_restores(client, newsroom):
    draft = newsroom.article(author=newsroom.people.editor, organization=newsroom.province)
    client.force_login(newsroom.people.editor)
    client.post(COMMENT.format(draft.pk), {"comment": "Bản đầu còn thiếu ảnh."})
    written_on = draft.version

    page = client.get(CHANGE.format(draft.pk))
    client.post(CHANGE.format(draft.pk), browser_data(page, title="Bản thứ hai"))
    first = draft.history.order_by("history_date").first()
    restore = f"/admin/news/article/{draft.pk}/history/{first.history_id}/"
    assert client.post(restore, browser_data(client.get(restore))).status_code == 302

    draft.refresh_from_db()
    assert draft.version > written_on
    comment = ArticleComment.objects.get(article=draft)
    assert comment.article_version == written_on
    page = html(client.get(CHANGE.format(draft.pk)))
    assert "Bản đầu còn thiếu ảnh." in page
    assert f"phiên bản {written_on} (bài đã sửa sau đó)" in page


def test_moves_appear_in_the_thread_in_order(client, newsroom):
    draft = newsroom.article()
    services.article_move(article=draft, move="submit", by=newsroom.people.reporter)
    services.article_move(article=draft, move="send_back", by=newsroom.people.approver,
                          comment="Bổ sung ảnh.")
    client.force_login(newsroom.people.reporter)

    page = html(client.get(CHANGE.format(draft.pk)))

    assert page.index("đã gửi duyệt") < page.index("yêu cầu sửa") < page.index("Bổ sung ảnh.")
    assert "Phạm Quốc Bảo" in page
