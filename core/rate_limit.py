"""Per-address limits (contact form, search): a fixed window counted in the cache."""

from django.core.cache import cache


def allow(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one request of `key` (an address) in `scope`; False once `limit` is passed
    within `window` seconds.

    The window opens with the first request (cache.add) and the count is raised with
    the atomic cache.incr, so parallel requests cannot slip past the limit. Without a
    working cache (see caching/cache.py) every request is allowed.
    """
    cache_key = f"rate:{scope}:{key or 'unknown'}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window closed between add() and incr(), or the cache is down
        cache.add(cache_key, 1, window)
        count = 1
    return count <= limit
