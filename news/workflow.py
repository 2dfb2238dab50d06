"""Editorial workflow: draft → pending review → published → archived, and back to draft.

The rules of a move: who may make it (check_move, on top of news.permissions) and the
audit line it leaves (audit_move). news.services.article_save applies both to every save
by a user (the admin's form, its actions through article_change_status, a revision
restore), so a tampered request cannot skip the check.
"""

from django.core.exceptions import PermissionDenied
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


def move_action(*, article, old_status, by=None):
    """The audit log's name for moving `article` from `old_status` to its status, or None
    when nothing moved (a new draft is not a move). Every move is named: sending for
    review, withdrawing one's own submission, sending it back, publishing, unpublishing
    and archiving."""
    new_status = article.status
    if old_status == new_status or (old_status is None and new_status == Status.DRAFT):
        return None
    if new_status in AUDITED:
        return AUDITED[new_status]
    if old_status in (Status.PUBLISHED, Status.ARCHIVED):
        return AuditEvent.Action.UNPUBLISH
    if new_status == Status.PENDING:
        return AuditEvent.Action.SUBMIT
    # Back from review to draft: its writer takes it back, or someone else returns it.
    if by is not None and article.author_id == by.pk:
        return AuditEvent.Action.WITHDRAW
    return AuditEvent.Action.SEND_BACK


def audit_move(*, article, old_status, by=None, request=None) -> None:
    """Write the audit line for a change of state that has just been saved."""
    new_status = article.status
    action = move_action(article=article, old_status=old_status, by=by)
    if action is None:
        return
    detail = f"{Status(old_status).label if old_status else 'mới'} → {Status(new_status).label}"
    if article.is_scheduled:
        detail += f"; hẹn đăng lúc {timezone.localtime(article.published_at):%d/%m/%Y %H:%M}"
    record(action=action, obj=article, actor=by, detail=detail, request=request)
