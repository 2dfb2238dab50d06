"""Notifications of the review: e-mail to the right people (and nobody else) for each move and
comment, the e-mail switch of "Thông báo của tôi", and the dashboard's boxes "Bài chờ tôi
duyệt", "Bài bị yêu cầu sửa" and "Bình luận mới". The tests' task backend runs the e-mail
task at once; mail goes to Django's outbox."""

import pytest
from django.core import mail
from factories import ArticleCommentFactory, NotificationPreferenceFactory

from news import services
from news.models import Article, NotificationPreference

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGE = "/admin/news/article/{}/change/"
COMMENT = "/admin/news/article/{}/binh-luan/"
MOVE = "/admin/news/article/{}/chuyen/"
PREFERENCES = "/admin/thong-bao-cua-toi/"


def html(response) -> str:
    return response.content.decode()


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def address(user) -> str:
    return user.email


# E-mail ----------------------------------------------------------------------------------------


def test_a_submission_is_mailed_to_the_reviewers_of_its_organisation_only(client, newsroom):
    people = newsroom.people
    draft = newsroom.article()
    client.force_login(people.reporter)

    client.post(MOVE.format(draft.pk), {"move": "submit"})

    # Not the outsider (another province), not the editor (no publishing), not the writer.
    assert recipients() == [address(people.approver)]
    message = mail.outbox[0]
    assert message.subject == f"[Bài chờ duyệt] {draft.title}"
    assert "Chào Phạm Quốc Bảo," in message.body
    assert "Nguyễn Thị Lan đã gửi duyệt bài" in message.body
    assert f"http://testserver/admin/news/article/{draft.pk}/change/" in message.body
    assert "http://testserver/admin/thong-bao-cua-toi/" in message.body


def test_a_request_for_changes_is_mailed_to_the_writer_with_the_comment(client, newsroom):
    people = newsroom.people
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(people.approver)

    client.post(COMMENT.format(pending.pk), {
        "move": "send_back", "comment": "Thiếu nguồn ảnh.", "quote": "500 đoàn viên",
    })

    assert recipients() == [address(people.reporter)]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[Bài bị yêu cầu sửa]")
    assert "Phạm Quốc Bảo đã yêu cầu sửa bài" in body
    assert "“500 đoàn viên”" in body
    assert "Thiếu nguồn ảnh." in body


def test_a_comment_is_mailed_to_the_writer_and_the_thread_but_not_its_author(client, newsroom):
    people = newsroom.people
    pending = newsroom.article(status=Status.PENDING)
    ArticleCommentFactory(article=pending, author=people.editor, body="Đã xem.")
    client.force_login(people.approver)

    client.post(COMMENT.format(pending.pk), {"comment": "Cần thêm ảnh."})

    assert recipients() == sorted([address(people.reporter), address(people.editor)])
    assert all(m.subject.startswith("[Bình luận mới]") for m in mail.outbox)
    assert all(len(m.to) == 1 for m in mail.outbox)  # nobody sees the others' addresses


def test_publishing_is_mailed_to_the_writer(client, newsroom):
    people = newsroom.people
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(people.approver)

    client.post(MOVE.format(pending.pk), {"move": "publish"})

    assert recipients() == [address(people.reporter)]
    assert mail.outbox[0].subject.startswith("[Bài đã được đăng]")


def test_a_withdrawal_is_mailed_to_nobody(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    client.force_login(newsroom.people.reporter)
    client.post(MOVE.format(pending.pk), {"move": "withdraw"})
    assert mail.outbox == []


def test_opted_out_users_and_users_without_an_address_get_no_mail(client, newsroom):
    people = newsroom.people
    pending = newsroom.article(status=Status.PENDING)
    ArticleCommentFactory(article=pending, author=people.editor, body="Đã xem.")
    NotificationPreferenceFactory(user=people.reporter, email_enabled=False)
    people.editor.email = ""
    people.editor.save()
    client.force_login(people.approver)

    client.post(COMMENT.format(pending.pk), {"comment": "Ổn rồi."})

    assert mail.outbox == []


def test_someone_who_can_no_longer_see_the_article_gets_no_mail(newsroom):
    people = newsroom.people
    pending = newsroom.article(status=Status.PENDING)
    ArticleCommentFactory(article=pending, author=people.reporter2, body="Góp ý")  # no longer
    services.article_comment_add(article=pending, by=people.approver, body="Cảm ơn.")
    assert recipients() == [address(people.reporter)]


# Thông báo của tôi -------------------------------------------------------------------------


def test_each_user_switches_e_mail_off_and_on_for_themself(client, newsroom):
    reporter = newsroom.people.reporter
    client.force_login(reporter)

    page = client.get(PREFERENCES)
    assert page.status_code == 200
    assert "Thông báo của tôi" in html(page)
    assert reporter.email in html(page)
    assert 'checked' in html(page)  # on by default

    response = client.post(PREFERENCES, {}, follow=True)  # the box unticked
    assert "Đã tắt thư báo" in html(response)
    assert NotificationPreference.objects.get(user=reporter).email_enabled is False

    client.post(PREFERENCES, {"email_enabled": "on", "user": newsroom.people.approver.pk})
    assert NotificationPreference.objects.get(user=reporter).email_enabled is True
    assert not NotificationPreference.objects.filter(user=newsroom.people.approver).exists()


def test_the_preferences_page_is_linked_and_needs_a_staff_login(client, newsroom):
    assert client.get(PREFERENCES).status_code == 302
    client.force_login(newsroom.people.reporter)
    assert 'href="/admin/thong-bao-cua-toi/"' in html(client.get("/admin/"))


def test_an_account_without_an_address_is_told_so(client, newsroom):
    reporter = newsroom.people.reporter
    reporter.email = ""
    reporter.save()
    client.force_login(reporter)
    assert "chưa có địa chỉ thư điện tử" in html(client.get(PREFERENCES))


# The dashboard -------------------------------------------------------------------------------


def test_an_approver_sees_the_articles_waiting_for_them(client, newsroom):
    people = newsroom.people
    waiting = newsroom.article("Bài chờ người duyệt", status=Status.PENDING)
    newsroom.article("Bài tỉnh khác chờ duyệt", status=Status.PENDING,
                     organization=newsroom.other, author=people.outsider)
    client.force_login(people.approver)

    page = html(client.get("/admin/"))

    assert "Bài chờ tôi duyệt" in page
    assert waiting.title in page
    assert "Nguyễn Thị Lan" in page
    assert "Bài tỉnh khác chờ duyệt" not in page


def test_a_reporter_sees_their_article_sent_back_with_the_reviewers_comment(client, newsroom):
    people = newsroom.people
    draft = newsroom.article("Bài cần sửa")
    services.article_move(article=draft, move="submit", by=people.reporter)
    services.article_move(article=draft, move="send_back", by=people.approver,
                          comment="Bổ sung trích dẫn nghị quyết.")
    client.force_login(people.reporter)

    page = html(client.get("/admin/"))

    sent_back = page[page.index("Bài bị yêu cầu sửa"):page.index("Bình luận mới")]
    assert "Bài cần sửa" in sent_back
    assert "Bổ sung trích dẫn nghị quyết." in sent_back
    assert "Phạm Quốc Bảo" in sent_back
    assert "Bài chờ tôi duyệt" not in page  # a reporter reviews nothing

    services.article_move(article=draft, move="submit", by=people.reporter)
    page = html(client.get("/admin/"))
    sent_back = page[page.index("Bài bị yêu cầu sửa"):page.index("Bình luận mới")]
    assert "Bài cần sửa" not in sent_back  # resubmitted


def test_new_comments_are_shown_until_the_article_is_opened(client, newsroom):
    people = newsroom.people
    draft = newsroom.article("Bài có góp ý")
    services.article_comment_add(article=draft, by=people.editor, body="Góp ý của biên tập.")
    services.article_comment_add(article=draft, by=people.reporter, body="Tôi tự ghi chú.")
    client.force_login(people.reporter)

    page = html(client.get("/admin/"))
    comments = page[page.index("Bình luận mới"):]
    assert "Góp ý của biên tập." in comments
    assert "Tôi tự ghi chú." not in comments

    client.get(CHANGE.format(draft.pk))
    page = html(client.get("/admin/"))
    assert "Góp ý của biên tập." not in page[page.index("Bình luận mới"):]


def test_new_comments_reach_those_who_commented_and_not_the_others(client, newsroom):
    people = newsroom.people
    draft = newsroom.article("Bài nhiều người góp ý")
    services.article_comment_add(article=draft, by=people.editor, body="Ý kiến đầu.")
    services.article_comment_add(article=draft, by=people.reporter, body="Trả lời biên tập.")

    client.force_login(people.editor)
    assert "Trả lời biên tập." in html(client.get("/admin/"))
    client.force_login(people.approver)  # wrote nothing here
    assert "Trả lời biên tập." not in html(client.get("/admin/"))
