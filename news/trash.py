"""Removing articles from the trash (Thùng rác) for good, by hand or when their time is up.

A deleted article is only moved to the trash (news.services.article_delete sets
`trashed_at`); it can be restored for settings.TRASH_RETENTION_DAYS days. Then it is
removed with everything that is its own: the row, its revisions and its old addresses. Its
cover and the photos its text shows are the library's (library.LibraryImage): they stay,
only the article's uses of them (news.ImageUse) go with it. Who may do it by hand:
news.permissions.can_purge.

When is it done without anyone: moving an article to the trash enqueues
`empty_expired_trash` for the moment its time is up (the database task backend keeps it
waiting until then, the worker runs it); `manage.py empty_trash` does the same sweep, for
a backend that cannot wait and as a nightly safety net (docs/deployment.md). Each sweep
removes every article whose time is up, so running it twice, or late, does no harm.

news.services (article_purge, trash_empty) is the door for the admin; this module sits
below it, because the task worker calls it too.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import formats, timezone

from audit.log import record
from audit.models import AuditEvent
from core import tasks
from core.admin_utils import full_name

from .models import Article

# A sweep starts this long after the article's time is up, so that it is surely due.
SWEEP_DELAY = timedelta(minutes=1)


def request_removal(*, article: Article) -> None:
    """Have the task worker remove `article` when its time in the trash is up (in the
    transaction that moved it there). A sweep that finds it restored does nothing."""
    tasks.enqueue_at(empty_expired_trash, article.trash_expires_at + SWEEP_DELAY)


@task
def empty_expired_trash() -> int:
    """Remove every article whose time in the trash is up; how many were removed."""
    return empty_expired()


def empty_expired(*, now=None) -> int:
    """Remove the articles in the trash longer than TRASH_RETENTION_DAYS (by the system)."""
    expired = Article.all_objects.trashed().trash_expired(now=now)
    count = 0
    for pk in list(expired.values_list("pk", flat=True)):
        article = Article.all_objects.select_related("trashed_by").filter(pk=pk).first()
        if article is not None:
            count += purge(article=article, automatic=True)
    return count


def purge(*, article: Article, by=None, request=None, automatic: bool = False) -> bool:
    """Remove a trashed `article` for good: an audit line saying when and by whom it had been
    deleted, the row with its image uses, old addresses and revisions. False, and nothing
    done, when it is no longer in the trash (restored meanwhile)."""
    with transaction.atomic():
        if not still_trashed(article):
            return False
        record(
            action=AuditEvent.Action.PURGE, obj=article, actor=by, request=request,
            detail=_purge_detail(article, automatic=automatic),
        )
        pk = article.pk
        article.delete()
        # django-simple-history keeps a deleted row's revisions (and adds one): they hold
        # the whole text, which is exactly what removing for good must not keep.
        Article.history.filter(id=pk).delete()
    return True


def still_trashed(article: Article) -> bool:
    """Whether `article` is in the trash now, its row locked until the transaction ends (so
    a restore and a removal at the same moment do not both happen)."""
    return (
        Article.all_objects.select_for_update()
        .filter(pk=article.pk, trashed_at__isnull=False).exists()
    )


def _purge_detail(article: Article, *, automatic: bool) -> str:
    trashed_at = formats.date_format(timezone.localtime(article.trashed_at), "d/m/Y H:i")
    who = full_name(article.trashed_by) if article.trashed_by_id else "không rõ"
    detail = (
        f"Trạng thái trước khi xóa: {article.get_status_display()}. "
        f"Đã ở thùng rác từ {trashed_at} (người xóa: {who})."
    )
    if automatic:
        detail += f" Tự động xóa vĩnh viễn sau {settings.TRASH_RETENTION_DAYS} ngày."
    return detail
