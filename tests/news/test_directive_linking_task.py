"""Linking the articles that mention a directive, in the task worker (news/tasks.py): the
save asks for it, the worker does it, the directive's admin page shows how it went.

Most tests run on the production backend (django-tasks-db, the database_tasks fixture)
and run its worker (`manage.py db_worker --batch`); the rest of the suite runs tasks
at once with the immediate backend.
"""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from factories import ArticleFactory, DirectiveFactory, OrganizationFactory

from news import tasks
from news.models import Article, Directive, DirectiveLinking

pytestmark = pytest.mark.django_db

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MENTION = "<p>Quán triệt Kết luận số 21-KL/TW của Ban Chấp hành Trung ương.</p>"


@pytest.fixture
def politburo():
    return OrganizationFactory(name="Bộ Chính trị", short_name="BCT")


def directive_form(politburo, **fields):
    return {
        "doc_type": Directive.DocumentType.CONCLUSION, "code": "21-KL/TW",
        "issuer": politburo.pk, "issued_on": "25/10/2021",
        "title": "Về đẩy mạnh xây dựng, chỉnh đốn Đảng", "status": Directive.Status.IN_FORCE,
        **fields,
    }


def change_page(client, directive) -> str:
    response = client.get(reverse("admin:news_directive_change", args=[directive.pk]))
    assert response.status_code == 200
    return response.content.decode()


def linked_articles(directive) -> int:
    return Article.objects.filter(directives=directive).count()


def test_the_save_links_nothing_and_the_worker_links_every_article(
    politburo, superuser_client, database_tasks
):
    articles = [ArticleFactory(body=MENTION) for _ in range(3)]
    response = superuser_client.post(
        reverse("admin:news_directive_add"), directive_form(politburo), follow=True
    )
    page = response.content.decode()
    assert (
        "Văn bản đã lưu; đang gắn văn bản vào các bài viết có nhắc tới "
        "(kết quả hiện trên trang văn bản)."
    ) in page
    directive = Directive.objects.get(number_key="21", symbol_key="KLTW")
    # The request only wrote the task; it is committed and waits for the worker.
    assert linked_articles(directive) == 0
    waiting = DBTaskResult.objects.get()
    assert waiting.task_path == "news.tasks.link_directive_mentions"
    assert waiting.status == "READY"
    assert "Đang chờ gắn văn bản vào các bài viết có nhắc tới (yêu cầu lúc " in change_page(
        superuser_client, directive
    )

    database_tasks()

    assert linked_articles(directive) == 3
    for article in articles:
        article.refresh_from_db()
        assert directive.get_absolute_url() in article.body
    done = DBTaskResult.objects.get()
    assert (done.status, done.return_value) == ("SUCCESSFUL", 3)
    linking = DirectiveLinking.objects.get(directive=directive)
    finished = f"{linking.finished_at.astimezone(HANOI):%H:%M %d/%m/%Y}"
    assert f"Đã gắn văn bản vào 3 bài lúc {finished}." in change_page(superuser_client, directive)
    # Each changed article has a revision in the editor's name saying why.
    revision = articles[0].history.first()
    assert revision.history_change_reason == f"Tự gắn {directive} khi văn bản được lưu"
    assert revision.history_user.username == response.wsgi_request.user.username


def test_the_count_and_time_are_written_the_vietnamese_way(politburo, superuser_client):
    directive = DirectiveFactory(issuer=politburo)
    DirectiveLinking.objects.create(
        directive=directive, status=DirectiveLinking.Status.DONE, linked_count=1240,
        requested_at=datetime(2026, 12, 7, 10, 24, tzinfo=HANOI),
        finished_at=datetime(2026, 12, 7, 10, 25, tzinfo=HANOI),
    )
    page = change_page(superuser_client, directive)
    assert "Đã gắn văn bản vào 1.240 bài lúc 10:25 07/12/2026." in page


def test_a_running_linking_says_since_when(politburo, superuser_client):
    directive = DirectiveFactory(issuer=politburo)
    DirectiveLinking.objects.create(
        directive=directive, status=DirectiveLinking.Status.RUNNING,
        requested_at=datetime(2026, 12, 7, 10, 24, tzinfo=HANOI),
        started_at=datetime(2026, 12, 7, 10, 24, 30, tzinfo=HANOI),
    )
    page = change_page(superuser_client, directive)
    assert "Đang gắn văn bản vào các bài viết có nhắc tới (bắt đầu lúc 10:24 07/12/2026)." in page


def test_a_run_waiting_or_running_too_long_says_the_worker_may_be_down(
    politburo, superuser_client, settings
):
    settings.TASKS_STUCK_MINUTES = 10
    directive = DirectiveFactory(issuer=politburo)
    linking = DirectiveLinking.objects.create(
        directive=directive, status=DirectiveLinking.Status.PENDING,
        requested_at=timezone.now() - timedelta(minutes=9),
    )
    assert "Chưa bắt đầu" not in change_page(superuser_client, directive)
    linking.requested_at = timezone.now() - timedelta(minutes=11)
    linking.save()
    assert (
        "Chưa bắt đầu sau 10 phút: tiến trình chạy nền có thể không chạy; hãy báo người quản "
        "trị máy chủ."
    ) in change_page(superuser_client, directive)
    linking.status = DirectiveLinking.Status.RUNNING
    linking.started_at = timezone.now() - timedelta(minutes=11)
    linking.save()
    assert (
        "Chưa xong sau 10 phút: tiến trình chạy nền có thể đã dừng giữa chừng. Lưu lại văn "
        "bản để chạy lại."
    ) in change_page(superuser_client, directive)


def test_a_failed_linking_is_recorded_and_shown_with_its_reason(
    politburo, superuser_client, database_tasks, monkeypatch
):
    def fail(**kwargs):
        raise RuntimeError("the linking broke")

    ArticleFactory(body=MENTION)
    superuser_client.post(reverse("admin:news_directive_add"), directive_form(politburo))
    directive = Directive.objects.get(number_key="21", symbol_key="KLTW")
    # The one piece of code replaced: the linking itself (the database is the real one).
    monkeypatch.setattr(tasks, "link_articles_mentioning", fail)

    database_tasks()

    assert DBTaskResult.objects.get().status == "FAILED"
    linking = DirectiveLinking.objects.get(directive=directive)
    assert linking.status == DirectiveLinking.Status.FAILED
    page = change_page(superuser_client, directive)
    assert (
        "Gắn văn bản vào các bài viết không thành công lúc "
        f"{linking.finished_at.astimezone(HANOI):%H:%M %d/%m/%Y}: lỗi không lường trước "
        "(RuntimeError; chi tiết trong nhật ký của tiến trình chạy nền). "
        "Lưu lại văn bản để chạy lại."
    ) in page
    assert "the linking broke" not in page

    # Saving again asks for a new run, which succeeds.
    monkeypatch.undo()
    superuser_client.post(
        reverse("admin:news_directive_change", args=[directive.pk]), directive_form(politburo)
    )
    assert DirectiveLinking.objects.get(directive=directive).status == "pending"
    database_tasks()
    assert "Đã gắn văn bản vào 1 bài lúc " in change_page(superuser_client, directive)


def test_a_directive_no_article_mentions_asks_for_no_linking(
    politburo, superuser_client, database_tasks
):
    ArticleFactory(body="<p>Quán triệt Chỉ thị số 05-CT/TW.</p>")  # another document
    response = superuser_client.post(
        reverse("admin:news_directive_add"), directive_form(politburo), follow=True
    )
    assert "đang gắn văn bản" not in response.content.decode()
    assert not DBTaskResult.objects.exists()
    directive = Directive.objects.get(number_key="21", symbol_key="KLTW")
    assert (
        "Chưa có bài viết nào nhắc tới văn bản này trước khi nó được lưu."
        in change_page(superuser_client, directive)
    )


def test_a_directive_deleted_before_the_worker_runs_is_skipped(
    politburo, superuser_client, database_tasks
):
    article = ArticleFactory(body=MENTION)
    superuser_client.post(reverse("admin:news_directive_add"), directive_form(politburo))
    Directive.objects.get(number_key="21", symbol_key="KLTW").delete()
    database_tasks()
    result = DBTaskResult.objects.get()
    assert (result.status, result.return_value) == ("SUCCESSFUL", 0)
    assert article.unresolved_directive_references.count() == 1


def test_with_the_immediate_backend_the_save_has_linked_by_the_time_it_answers(
    politburo, superuser_client
):
    article = ArticleFactory(body=MENTION)
    superuser_client.post(reverse("admin:news_directive_add"), directive_form(politburo))
    directive = Directive.objects.get(number_key="21", symbol_key="KLTW")
    assert list(article.directives.all()) == [directive]
    assert DirectiveLinking.objects.get(directive=directive).linked_count == 1
    assert not DBTaskResult.objects.exists()
