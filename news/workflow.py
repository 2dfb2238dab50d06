"""Editorial workflow: draft → pending review → published → archived, and back to draft.

Every change of state goes through `article_change_status()`, which checks the rules of
news.permissions and writes the audit log. The admin's form, its actions and a revision
restore all end here, so a tampered request cannot skip the check.
"""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from audit.log import record
from audit.models import AuditEvent

from . import permissions
from .models import Article

Status = Article.Status

# Moves an editor without the publishing permission may make.
WRITER_MOVES = {
    (Status.DRAFT, Status.DRAFT),
    (Status.DRAFT, Status.PENDING),
    (Status.PENDING, Status.PENDING),
    (Status.PENDING, Status.DRAFT),
}

AUDITED = {
    Status.PUBLISHED: AuditEvent.Action.PUBLISH,
    Status.ARCHIVED: AuditEvent.Action.ARCHIVE,
}


def may_move(user, old_status, new_status) -> bool:
    if permissions.can_publish(user):
        return True
    return (old_status or Status.DRAFT, new_status) in WRITER_MOVES


def check_move(*, user, old_status, new_status) -> None:
    if not may_move(user, old_status, new_status):
        raise PermissionDenied(
            "Chỉ người duyệt bài mới được đăng, gỡ, hẹn giờ hoặc lưu trữ bài viết."
        )


def audit_move(*, article, old_status, by=None, request=None) -> None:
    """Write the audit line for a change of state that has just been saved."""
    new_status = article.status
    if old_status == new_status:
        return
    if new_status in AUDITED:
        action = AUDITED[new_status]
    elif old_status in (Status.PUBLISHED, Status.ARCHIVED):
        action = AuditEvent.Action.UNPUBLISH
    else:
        return
    detail = f"{Status(old_status).label if old_status else 'mới'} → {Status(new_status).label}"
    if new_status == Status.PUBLISHED and article.published_at and article.published_at > timezone.now():
        detail += f"; hẹn đăng lúc {timezone.localtime(article.published_at):%d/%m/%Y %H:%M}"
    record(action=action, obj=article, actor=by, detail=detail, request=request)


def article_change_status(*, article, to, by, at=None, request=None) -> Article:
    """Move a saved article to state `to` (with a publication time for publishing)."""
    old_status = article.status
    check_move(user=by, old_status=old_status, new_status=to)
    if to == Status.PUBLISHED:
        article.publish(at=at)
    else:
        article.status = to
    article.save()
    audit_move(article=article, old_status=old_status, by=by, request=request)
    return article


@receiver(post_delete, sender=Article, dispatch_uid="audit_article_deleted")
def _article_deleted(sender, instance, **kwargs):
    record(action=AuditEvent.Action.DELETE, obj=instance,
           detail=f"Trạng thái khi xóa: {instance.get_status_display()}")
