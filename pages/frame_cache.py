"""What the frame of every page reads from the database — the portal's information and the
header's menu — kept in the cache, so that a page the page cache does not hold (a miss, a
logged-in reader, a preview) does not read them again. Saving or deleting a menu, a menu
item or the portal's information forgets them at once (pages/cache_tags.py); FRAME_SECONDS
bounds what nothing announces (a changed PORTAL_NAME setting, rows loaded by loaddata).
Each portal has its own frame (portals/hosts.py: the portal of the request); forgetting a
name forgets it for every portal."""

from collections.abc import Callable

from django.core.cache import cache

from portals import hosts

FRAME_SECONDS = 3600
PREFIX = "pages:frame:"


def _key(portal_id: int, name: str) -> str:
    return f"{PREFIX}{portal_id}:{name}"


def cached[T](name: str, build: Callable[[], T]) -> T:
    key = _key(hosts.current().pk, name)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FRAME_SECONDS)
    return value


def forget(*names: str) -> None:
    portal_ids = hosts.portal_map().portals
    cache.delete_many([_key(pk, name) for pk in portal_ids for name in names])


PORTAL_INFORMATION = "portal-information"


def menu_key(slug: str) -> str:
    return f"menu:{slug}"
