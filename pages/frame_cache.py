"""What the frame of every page reads from the database — the portal's information and the
header's menu — kept in the cache, so that a page the page cache does not hold (a miss, a
logged-in reader, a preview) does not read them again. Saving or deleting a menu, a menu
item or the portal's information forgets them at once (pages/cache_tags.py); FRAME_SECONDS
bounds what nothing announces (a changed PORTAL_NAME setting, rows loaded by loaddata)."""

from collections.abc import Callable

from django.core.cache import cache

FRAME_SECONDS = 3600
PREFIX = "pages:frame:"


def cached[T](name: str, build: Callable[[], T]) -> T:
    key = PREFIX + name
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FRAME_SECONDS)
    return value


def forget(*names: str) -> None:
    cache.delete_many([PREFIX + name for name in names])


PORTAL_INFORMATION = "portal-information"


def menu_key(slug: str) -> str:
    return f"menu:{slug}"
