"""Background work of the news app, run by the task worker (docs/architecture.md,
"Background tasks").

Saving a directive links the articles that named it before it was on the portal; with a
thousand such articles that takes seconds, so the save only asks for it
(request_directive_linking) and the worker runs link_directive_mentions. How the last run
went is kept in DirectiveLinking, which the directive's admin page shows.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.tasks import task
from django.utils import timezone

from core import tasks

from .directive_links import link_articles_mentioning, unresolved_mentions_of
from .models import Directive, DirectiveLinking

logger = logging.getLogger(__name__)


def request_directive_linking(*, directive: Directive, by=None) -> bool:
    """Ask the worker to link the articles that mention `directive`; False when none does."""
    if not unresolved_mentions_of(directive).exists():
        return False
    DirectiveLinking.objects.update_or_create(
        directive=directive,
        defaults={
            "status": DirectiveLinking.Status.PENDING, "requested_at": timezone.now(),
            "started_at": None, "finished_at": None, "linked_count": None, "error": "",
        },
    )
    tasks.enqueue(
        link_directive_mentions, directive_id=directive.pk,
        by_id=getattr(by, "pk", None),
    )
    return True


@task
def link_directive_mentions(*, directive_id: int, by_id: int | None = None) -> int:
    """Link the articles that mention the directive; the number of articles linked."""
    runs = DirectiveLinking.objects.filter(directive_id=directive_id)
    directive = Directive.objects.filter(pk=directive_id).first()
    if directive is None:
        return 0  # deleted since it was saved
    runs.update(status=DirectiveLinking.Status.RUNNING, started_at=timezone.now())
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    try:
        count = link_articles_mentioning(directive=directive, by=by)
    except Exception as error:
        logger.exception("Linking the articles that mention directive %s failed", directive_id)
        runs.update(
            status=DirectiveLinking.Status.FAILED, finished_at=timezone.now(),
            error=failure_reason(error),
        )
        raise  # the task backend records the traceback
    runs.update(
        status=DirectiveLinking.Status.DONE, finished_at=timezone.now(), linked_count=count,
    )
    return count


def failure_reason(error: Exception) -> str:
    """Why a run failed, for the editor: in Vietnamese, the details are in the worker's log."""
    if isinstance(error, DatabaseError):
        return (
            "cơ sở dữ liệu báo lỗi trong khi gắn "
            "(chi tiết trong nhật ký của tiến trình chạy nền)."
        )
    return (
        f"lỗi không lường trước ({type(error).__name__}; chi tiết trong nhật ký của tiến trình "
        "chạy nền)."
    )
