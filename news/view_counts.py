"""How many times each article was read: Article.view_count, "lượt xem" in the admin.

visitors.middleware.VisitCounterMiddleware calls count_view() for every page view it
counts (readers' GETs of HTML pages, no bots, no prefetches). It sits above the page
cache, so an article page served from the cache is counted like a rendered one.

A view costs no database write: views wait in the worker's memory and are added to
view_count by one UPDATE at most every FLUSH_INTERVAL seconds, by the next counted
request after that, and when the worker exits. Each worker adds its own views, so
several workers and several servers add up. Only published articles are counted: a
draft previewed by its editor, or a slug that is not an article, is dropped at flush.
A worker killed outright loses at most its last minute of views.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.db import DatabaseError
from django.db.models import Case, F, IntegerField, Value, When
from django.urls import Resolver404, resolve, reverse

from .models import Article

logger = logging.getLogger(__name__)

FLUSH_INTERVAL = 60  # seconds between two writes of a worker's views to the database
MAX_PENDING = 1000  # articles waiting in one worker; beyond that it flushes at once

_lock = threading.Lock()
_pending: Counter[str] = Counter()
_last_flush = time.monotonic()


def article_slug(path: str) -> str | None:
    """The slug of the article page at `path`, or None for any other page."""
    if not path.startswith(reverse("news:article_list")):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.kwargs.get("slug") if match.view_name == "news:article_detail" else None


def count_view(path: str) -> None:
    """Count one reader's view of the page at `path` if it is an article."""
    slug = article_slug(path)
    if slug is None:
        return
    with _lock:
        _pending[slug] += 1
        due = len(_pending) >= MAX_PENDING or time.monotonic() - _last_flush >= FLUSH_INTERVAL
    if due:
        flush()


def flush() -> int:
    """Add this worker's waiting views to the published articles they are of; return how
    many views were handed to the database (views of other slugs are dropped)."""
    global _last_flush
    with _lock:
        pending = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not pending:
        return 0
    increment = Case(
        *(When(slug=slug, then=Value(views)) for slug, views in pending.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    try:
        Article.objects.published().filter(slug__in=pending).update(
            view_count=F("view_count") + increment
        )
    except DatabaseError:
        logger.warning("Could not store %d article views; they are kept for the next try",
                       sum(pending.values()), exc_info=True)
        with _lock:
            _pending.update(pending)
        return 0
    return sum(pending.values())


def pending_views() -> dict[str, int]:
    """The views this worker has not stored yet, by article slug."""
    with _lock:
        return dict(_pending)


def discard_pending() -> None:
    """Forget the views not stored yet and start a new interval (each test starts so)."""
    global _last_flush
    with _lock:
        _pending.clear()
        _last_flush = time.monotonic()


@atexit.register
def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:  # the interpreter is going away; nothing else to do
        logger.warning("Could not store article views at exit", exc_info=True)
