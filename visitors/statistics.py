"""Visitor statistics: online now, today, this month and in total, without a write per page.

How it counts
-------------
* A visit is one visitor (a salted hash of IP address and user agent) in a
  30-minute window: the first page they see opens the window with cache.add(),
  and only then is the day's pending counter in the cache incremented.
* "Online now" counts distinct visitors over the last five minutes: a visitor
  is marked for five minutes with cache.add() and, when newly marked, adds one
  to the counter of the current minute; the figure is the sum of the last five
  minute counters. It is an estimate, good to a visitor or two.
* Pending counts move to the DailyVisit table at most once a minute: the
  request that manages to cache.add() the flush lock does it with an atomic
  F() update. Page views themselves never write to the database.
  `manage.py flush_visit_counts` flushes on demand (for a cron job, or before
  a planned restart).

What survives a restart
-----------------------
Flushed counts are in the database. With Redis as the cache (REDIS_URL), the
pending counts live in Redis and survive an application restart too. With the
local-memory cache they live in the worker process: up to a minute of counts
is lost when it restarts, and each worker counts its own visitors, so Redis is
the cache to use in production.

Reading the figures costs one cache round trip; the database sums are cached
for a minute and refreshed after each flush.
"""

import datetime
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.client_ip import client_ip
from visitors.models import DailyVisit

logger = logging.getLogger(__name__)

VISIT_WINDOW = 30 * 60  # seconds during which one visitor counts as one visit
ONLINE_MINUTES = 5  # "online now" looks back this many minutes
FLUSH_INTERVAL = 60  # seconds between two writes of pending counts to the database
DB_FIGURES_TIMEOUT = 60  # seconds the database sums are cached
PENDING_DAYS = 3  # pending counters kept (and flushed) for today and the days before
PENDING_TIMEOUT = PENDING_DAYS * 24 * 3600

PREFIX = "visits"
FLUSH_LOCK_KEY = f"{PREFIX}:flush-lock"

EXCLUDED_PREFIXES = (
    "/admin/",
    "/editor/",
    "/rss/",
    "/sitemap",
    "/robots.txt",
    "/favicon",
    "/healthz",
)

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|scrap|archiver|fetch|curl|wget|python|java/|go-http|httpclient|"
    r"okhttp|axios|libwww|headless|phantom|lighthouse|pingdom|uptime|monitor|"
    r"facebookexternalhit|embedly|preview",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class VisitFigures:
    online: int
    today: int
    month: int
    total: int


# Counting -----------------------------------------------------------------


def should_count(request, response) -> bool:
    """Only a reader's GET of an HTML page: no files, admin, feeds, prefetches or bots."""
    if request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    path = request.path
    excluded = (*EXCLUDED_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
    if any(prefix and path.startswith(prefix) for prefix in excluded):
        return False
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    user_agent = request.headers.get("User-Agent", "")
    return bool(user_agent) and not BOT_PATTERN.search(user_agent)


def visitor_key(request) -> str:
    """A salted hash of IP address and user agent: no personal data is stored."""
    value = f"{client_ip(request)}|{request.headers.get('User-Agent', '')}"
    return salted_hmac("visitors.statistics.visitor", value, algorithm="sha256").hexdigest()[:32]


def record_visit(request, now: datetime.datetime | None = None) -> bool:
    """Count the page view and the request's visitor; True when it started a new visit."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    visitor = visitor_key(request)
    minute = _minute(now)
    if cache.add(f"{PREFIX}:online-seen:{visitor}", 1, ONLINE_MINUTES * 60):
        _increment(_online_key(minute), (ONLINE_MINUTES + 1) * 60)
    _increment(_pending_key(today, "page_views"), PENDING_TIMEOUT)
    new_visit = cache.add(f"{PREFIX}:visitor:{visitor}", 1, VISIT_WINDOW)
    if new_visit:
        _increment(_pending_key(today), PENDING_TIMEOUT)
    if cache.add(FLUSH_LOCK_KEY, 1, FLUSH_INTERVAL):
        flush(now)
    return new_visit


COUNTERS = ("count", "page_views")  # DailyVisit fields fed by pending cache counters


def flush(now: datetime.datetime | None = None) -> int:
    """Move pending counts from the cache into DailyVisit; return how many visits were moved."""
    today = timezone.localdate(now or timezone.now())
    moved_visits = 0
    for day in _pending_days(today):
        taken = {field: _take_pending(_pending_key(day, field)) for field in COUNTERS}
        taken = {field: count for field, count in taken.items() if count}
        if not taken:
            continue
        try:
            _add_to_day(day, taken)
        except Exception:
            for field, count in taken.items():
                _increment(_pending_key(day, field), PENDING_TIMEOUT, count)
            raise
        moved_visits += taken.get("count", 0)
    if moved_visits:
        cache.delete(_db_figures_key(today))
    return moved_visits


def _take_pending(key: str) -> int:
    """Take a pending counter's value out of the cache; what is counted meanwhile stays."""
    count = cache.get(key) or 0
    if count <= 0:
        return 0
    try:
        cache.decr(key, count)
    except ValueError:  # the counter expired in between
        return 0
    return count


def _add_to_day(day: datetime.date, counts: dict[str, int]) -> None:
    increments = {field: F(field) + count for field, count in counts.items()}
    if DailyVisit.objects.filter(date=day).update(**increments):
        return
    try:
        with transaction.atomic():
            DailyVisit.objects.create(date=day, **counts)
    except IntegrityError:  # another process created the row first
        DailyVisit.objects.filter(date=day).update(**increments)


# Reading ------------------------------------------------------------------


def visit_figures(now: datetime.datetime | None = None) -> VisitFigures:
    """The four figures of the statistics box: database rows plus counts still pending."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    minute = _minute(now)
    pending_keys = {_pending_key(day): day for day in _pending_days(today)}
    online_keys = [_online_key(m) for m in range(minute - ONLINE_MINUTES + 1, minute + 1)]
    db_key = _db_figures_key(today)
    values = cache.get_many([db_key, *pending_keys, *online_keys])

    stored = values.get(db_key)
    if stored is None:
        stored = _db_figures(today)
        cache.set(db_key, stored, DB_FIGURES_TIMEOUT)
    pending = {day: values.get(key) or 0 for key, day in pending_keys.items()}
    this_month = (today.year, today.month)
    return VisitFigures(
        online=sum(values.get(key) or 0 for key in online_keys),
        today=stored["today"] + pending[today],
        month=stored["month"]
        + sum(n for day, n in pending.items() if (day.year, day.month) == this_month),
        total=stored["total"] + sum(pending.values()),
    )


def daily_page_views(days: int = 30, now: datetime.datetime | None = None):
    """(date, page views) for each of the last `days` days, oldest first, pending included."""
    today = timezone.localdate(now or timezone.now())
    first = today - datetime.timedelta(days=days - 1)
    stored = dict(
        DailyVisit.objects.filter(date__gte=first, date__lte=today)
        .values_list("date", "page_views")
    )
    pending_keys = {_pending_key(day, "page_views"): day for day in _pending_days(today)}
    for key, value in cache.get_many(list(pending_keys)).items():
        day = pending_keys[key]
        stored[day] = stored.get(day, 0) + (value or 0)
    return [
        (day, stored.get(day, 0))
        for day in (first + datetime.timedelta(days=n) for n in range(days))
    ]


def _db_figures(today: datetime.date) -> dict[str, int]:
    return DailyVisit.objects.aggregate(
        today=Sum("count", filter=Q(date=today), default=0),
        month=Sum("count", filter=Q(date__gte=today.replace(day=1), date__lte=today), default=0),
        total=Sum("count", default=0),
    )


# Cache keys and counters --------------------------------------------------


def _minute(now: datetime.datetime) -> int:
    return int(now.timestamp()) // 60


def _online_key(minute: int) -> str:
    return f"{PREFIX}:online:{minute}"


def _pending_key(day: datetime.date, field: str = "count") -> str:
    kind = "pending" if field == "count" else field
    return f"{PREFIX}:{kind}:{day.isoformat()}"


def _db_figures_key(today: datetime.date) -> str:
    return f"{PREFIX}:db-figures:{today.isoformat()}"


def _pending_days(today: datetime.date) -> list[datetime.date]:
    return [today - datetime.timedelta(days=n) for n in range(PENDING_DAYS)]


def _increment(key: str, timeout: int, delta: int = 1) -> None:
    """Atomically add `delta` to a counter, creating it with `timeout` if needed."""
    if hasattr(cache, "incr_or_add"):  # Redis (caching.cache): one round trip
        cache.incr_or_add(key, delta, timeout)
        return
    cache.add(key, 0, timeout)
    try:
        cache.incr(key, delta)
    except ValueError:  # expired between add() and incr()
        cache.add(key, delta, timeout)
