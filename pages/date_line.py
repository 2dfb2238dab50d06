"""The date line of the header: today's weekday and date in the portal's time zone.

Pages are cached whole (caching/page_cache.py), so a page that shows the date asks the
cache to drop it at the next midnight: a page rendered on Monday is never served on
Tuesday, however long PAGE_CACHE_SECONDS is.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from caching import page_cache
from core.text import WEEKDAYS


def today_in_portal_zone() -> datetime:
    return timezone.localtime(timezone.now(), timezone.get_default_timezone())


def date_line_text(request=None) -> tuple[date, str]:
    """Today and "Thứ Hai, 07/12/2026"; with a request, its cached page ends at the next
    midnight."""
    now = today_in_portal_zone()
    if request is not None:
        page_cache.expire_at(request, next_midnight(now))
    return now.date(), f"{gettext(WEEKDAYS[now.weekday()])}, {now:%d/%m/%Y}"


def next_midnight(now: datetime) -> datetime:
    tomorrow = now.date() + timedelta(days=1)
    return datetime.combine(tomorrow, time.min, tzinfo=now.tzinfo)
