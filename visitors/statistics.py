"""Visitor statistics: online now, today, this month and in total, without a write per page.

Each portal (issue 19) counts its own: the request's portal (request.portal, set by
portals.middleware) names every counter and every DailyVisit row, so a reader of the Tỉnh
Đoàn portal adds to the Tỉnh Đoàn portal's figures only, and one person reading two portals
is a visitor of each.

What is counted
---------------
Only a reader's GET of an HTML page that answered 200 (should_count): not the admin, files,
feeds, sitemaps, prefetches, nor bots and headless browsers (BOT_PATTERN). Pages served from
the page cache count like the others: the counter sits above the page cache.

* A page view is one such page load.
* A visit is one visitor (a salted hash of IP address and user agent) within a 30-minute
  window of the same day: the first page they see opens the window with cache.add(), and
  only then is the day's visit counter incremented. 150 loads by one reader in an hour are
  two visits and 150 page views; one load each by 150 readers, 150 visits.
* "Online now" counts distinct visitors of today over the last five minutes: a visitor is
  marked for five minutes with cache.add() and, when newly marked, adds one to the counter
  of the current minute; the figure is the sum of today's last five minute counters.

Why the figures agree with each other
-------------------------------------
Each day has two counters in the cache (visits and page views) that only ever grow while
the day lasts; they are read live, so a page view shows within STATS_BOX_SECONDS (the page
cache's live box) even on cached pages. At most once a minute, the request that wins the
flush lock copies the counters of the last PENDING_DAYS days into DailyVisit as they stand
(GREATEST of the row and the counter: a copy, never a sum, so a flush can neither lose nor
double a count, and a reader never sees counts in between). A day's figure is the larger of
its counter and its row; older days come from the rows. So Tổng ≥ Tháng này ≥ Hôm nay, and
since a visitor online today has opened a visit today, Hôm nay ≥ Đang truy cập.
The portal's starting total (visitors_start_total of the portal's information) is added to
"Tổng" by the caller. One flush copies the counters of every portal.

What survives a restart
-----------------------
Copied counts are in the database. With Redis as the cache (REDIS_URL) the counters live in
Redis and survive an application restart; when a day's counter is missing from the cache (a
Redis restart, an eviction), the next count starts it from the day's row. With the
local-memory cache they live in the worker process: up to a minute of counts is lost when
it restarts, and each worker counts its own visitors, so Redis is the cache to use in
production. `manage.py flush_visit_counts` copies on demand (before a planned restart).

Reading the figures costs one cache round trip; the database sums of the days before the
counters' window are cached for a minute.
"""

import datetime
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.client_ip import client_ip
from portals import hosts
from visitors.models import DailyVisit

logger = logging.getLogger(__name__)

VISIT_WINDOW = 30 * 60  # seconds during which one visitor counts as one visit
ONLINE_MINUTES = 5  # "online now" looks back this many minutes
FLUSH_INTERVAL = 60  # seconds between two copies of the counters into the database
DB_FIGURES_TIMEOUT = 60  # seconds the database sums are cached
PENDING_DAYS = 3  # days whose counters are kept in the cache and copied (today and before)
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

COUNTERS = ("count", "page_views")  # DailyVisit fields, each with a counter per day


@dataclass(frozen=True)
class VisitFigures:
    online: int
    today: int
    month: int
    total: int

    def starting_from(self, start_total: int) -> "VisitFigures":
        """The figures of a portal that had `start_total` visits before it was counted here."""
        return VisitFigures(self.online, self.today, self.month, self.total + start_total)


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
    """Count the page view and the request's visitor on the request's portal; True when it
    started a new visit."""
    now = now or timezone.now()
    portal_id = _portal_id(getattr(request, "portal", None))
    today = timezone.localdate(now)
    visitor = visitor_key(request)
    day = f"{portal_id}:{today.isoformat()}"
    counters = {field: _day_key(portal_id, today, field) for field in COUNTERS}
    _seed_missing(portal_id, today, counters)
    _increment(counters["page_views"], PENDING_TIMEOUT)
    new_visit = cache.add(f"{PREFIX}:visitor:{day}:{visitor}", 1, VISIT_WINDOW)
    if new_visit:
        _increment(counters["count"], PENDING_TIMEOUT)
    if cache.add(f"{PREFIX}:online-seen:{day}:{visitor}", 1, ONLINE_MINUTES * 60):
        _increment(_online_key(portal_id, today, _minute(now)), (ONLINE_MINUTES + 1) * 60)
    if cache.add(FLUSH_LOCK_KEY, 1, FLUSH_INTERVAL):
        flush(now)
    return new_visit


def _seed_missing(portal_id: int, day: datetime.date, counters: dict[str, str]) -> None:
    """A day counter missing from the cache (the day's first count, or the cache lost it)
    starts from what the day's row holds; add() lets only one process start it."""
    found = cache.get_many(list(counters.values()))
    missing = [field for field, key in counters.items() if key not in found]
    if not missing:
        return
    stored = (
        DailyVisit.objects.filter(portal_id=portal_id, date=day).values(*COUNTERS).first() or {}
    )
    for field in missing:
        cache.add(counters[field], stored.get(field, 0), PENDING_TIMEOUT)


def flush(now: datetime.datetime | None = None) -> int:
    """Copy the day counters of the last PENDING_DAYS days of every portal into DailyVisit;
    return the number of (portal, day) rows copied."""
    today = timezone.localdate(now or timezone.now())
    days = _pending_days(today)
    portal_ids = list(hosts.portal_map().portals)
    keys = {
        (portal_id, day, field): _day_key(portal_id, day, field)
        for portal_id in portal_ids for day in days for field in COUNTERS
    }
    values = cache.get_many(list(keys.values()))
    copied = 0
    for portal_id in portal_ids:
        for day in days:
            counts = {field: values.get(keys[portal_id, day, field]) or 0 for field in COUNTERS}
            if any(counts.values()):
                _copy_to_day(portal_id, day, counts)
                copied += 1
    return copied


def _copy_to_day(portal_id: int, day: datetime.date, counts: dict[str, int]) -> None:
    """The row keeps the larger of what it holds and the counter (GREATEST)."""
    larger = {field: Greatest(F(field), count) for field, count in counts.items()}
    rows = DailyVisit.objects.filter(portal_id=portal_id, date=day)
    if rows.update(**larger):
        return
    try:
        with transaction.atomic():
            DailyVisit.objects.create(portal_id=portal_id, date=day, **counts)
    except IntegrityError:  # another process created the row first (or the portal is gone)
        rows.update(**larger)


# Reading ------------------------------------------------------------------


def visit_figures(portal=None, now: datetime.datetime | None = None) -> VisitFigures:
    """The four figures of the statistics box of `portal` (the current portal when None),
    without the portal's starting total."""
    now = now or timezone.now()
    portal_id = _portal_id(portal)
    today = timezone.localdate(now)
    minute = _minute(now)
    days = _pending_days(today)
    counter_keys = {_day_key(portal_id, day, "count"): day for day in days}
    online_keys = [
        _online_key(portal_id, today, m) for m in range(minute - ONLINE_MINUTES + 1, minute + 1)
    ]
    db_key = _db_figures_key(portal_id, today)
    values = cache.get_many([db_key, *counter_keys, *online_keys])

    stored = values.get(db_key)
    if stored is None:
        stored = _db_figures(portal_id, today)
        cache.set(db_key, stored, DB_FIGURES_TIMEOUT)
    per_day = {
        day: max(values.get(key) or 0, stored["days"].get(day.isoformat(), 0))
        for key, day in counter_keys.items()
    }
    this_month = (today.year, today.month)
    month = stored["month_before"] + sum(
        n for day, n in per_day.items() if (day.year, day.month) == this_month
    )
    return VisitFigures(
        online=sum(values.get(key) or 0 for key in online_keys),
        today=per_day[today],
        month=month,
        total=stored["total_before"] + sum(per_day.values()),
    )


def daily_page_views(days: int = 30, now: datetime.datetime | None = None, portals=None):
    """(date, page views) for each of the last `days` days, oldest first, counters included,
    summed over `portals` (the current portal when None)."""
    today = timezone.localdate(now or timezone.now())
    first = today - datetime.timedelta(days=days - 1)
    portal_ids = [_portal_id(p) for p in portals] if portals is not None else [_portal_id(None)]
    per_portal: dict[tuple[int, datetime.date], int] = {
        (portal_id, day): views
        for portal_id, day, views in DailyVisit.objects.filter(
            portal_id__in=portal_ids, date__gte=first, date__lte=today
        ).values_list("portal_id", "date", "page_views")
    }
    counter_keys = {
        _day_key(portal_id, day, "page_views"): (portal_id, day)
        for portal_id in portal_ids for day in _pending_days(today)
    }
    for key, value in cache.get_many(list(counter_keys)).items():
        portal_day = counter_keys[key]
        per_portal[portal_day] = max(per_portal.get(portal_day, 0), value or 0)
    stored: dict[datetime.date, int] = {}
    for (_portal, day), views in per_portal.items():
        stored[day] = stored.get(day, 0) + views
    return [
        (day, stored.get(day, 0))
        for day in (first + datetime.timedelta(days=n) for n in range(days))
    ]


def _db_figures(portal_id: int, today: datetime.date) -> dict:
    """Sums of the days before the counters' window, and the rows of the window's days."""
    window_start = _pending_days(today)[-1]
    before = Q(date__lt=window_start)
    sums = {
        "month_before": Sum(
            "count", filter=before & Q(date__gte=today.replace(day=1)), default=0
        ),
        "total_before": Sum("count", filter=before, default=0),
    }
    days = {
        f"day_{day:%Y%m%d}": Sum("count", filter=Q(date=day), default=0)
        for day in _pending_days(today)
    }
    found = DailyVisit.objects.filter(portal_id=portal_id).aggregate(**sums, **days)
    return {
        "month_before": found["month_before"],
        "total_before": found["total_before"],
        "days": {day.isoformat(): found[f"day_{day:%Y%m%d}"] for day in _pending_days(today)},
    }


# Cache keys and counters --------------------------------------------------


def _minute(now: datetime.datetime) -> int:
    return int(now.timestamp()) // 60


def _portal_id(portal) -> int:
    """A portal (or its id) as an id; the current portal when None."""
    if portal is None:
        portal = hosts.current()
    return portal if isinstance(portal, int) else portal.pk


def _online_key(portal_id: int, day: datetime.date, minute: int) -> str:
    return f"{PREFIX}:online:{portal_id}:{day.isoformat()}:{minute}"


def _day_key(portal_id: int, day: datetime.date, field: str) -> str:
    return f"{PREFIX}:day:{portal_id}:{day.isoformat()}:{field}"


def _db_figures_key(portal_id: int, today: datetime.date) -> str:
    return f"{PREFIX}:db-figures:{portal_id}:{today.isoformat()}"


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
