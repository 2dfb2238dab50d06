"""Background work of the news app, run by the task worker (docs/architecture.md,
"Background tasks").

Saving a directive links the articles that named it before it was on the portal; with a
thousand such articles that takes seconds, so the save only asks for it
(request_directive_linking) and the worker runs link_directive_mentions. How the last run
went is kept in DirectiveLinking, which the directive's admin page shows.

A move of the review or a comment asks for e-mail to those concerned
(request_review_emails); the worker sends it (send_review_emails), so a slow mail server
never holds up the editor's page.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.tasks import task
from django.utils import timezone

from core import tasks

from . import notifications
from .directive_links import link_articles_mentioning, unresolved_mentions_of
from .models import ArticleComment, Directive, DirectiveLinking

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


# -- e-mail about the review of articles (news/notifications.py) ----------------------------


def request_review_emails(*, entry, link: str, preferences_link: str) -> None:
    """Ask the worker to e-mail those concerned by `entry` (a move or a comment), in the
    transaction that wrote it."""
    if notifications.event_of(entry) not in notifications.EVENTS:
        return
    tasks.enqueue(
        send_review_emails, entry_id=entry.pk, link=link, preferences_link=preferences_link,
    )


@task
def send_review_emails(*, entry_id: int, link: str, preferences_link: str) -> int:
    """E-mail each person concerned by the entry (one message each, so nobody sees the
    others' addresses); the number sent. A failing address does not stop the others."""
    entry = (
        ArticleComment.objects.select_related("article", "author").filter(pk=entry_id).first()
    )
    if entry is None:
        return 0  # the article was deleted since
    sent = 0
    for recipient in notifications.recipients(entry=entry):
        message = notifications.review_email(
            entry=entry, recipient=recipient, link=link, preferences_link=preferences_link,
        )
        try:
            message.send()
        except Exception:
            logger.exception("Could not e-mail user %s about comment %s", recipient.pk, entry_id)
            continue
        sent += 1
    return sent
