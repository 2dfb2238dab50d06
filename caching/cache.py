"""A Redis cache that treats an unreachable Redis as an empty cache.

Django's RedisCache raises redis.ConnectionError or redis.TimeoutError on every
call while Redis is down, which turns each page into a 500. Everything this
portal keeps in the cache (visit counters, rate-limit windows, cached
fragments and pages) can be rebuilt or safely forgotten, so during an outage
this backend answers like an empty cache that stores nothing: reads miss,
writes are dropped, add() reports that nothing was added and incr() that the
key is missing.

After a failure Redis is left alone for OUTAGE_RETRY_SECONDS (an OPTIONS
entry, default 5), so a Redis that hangs costs a request at most one socket
timeout per interval instead of one per cache call. The outage is logged as a
warning at most once a minute per process, and its end once.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
WARNING_INTERVAL = 60  # seconds between two warnings about the same outage
DEFAULT_OUTAGE_RETRY_SECONDS = 5.0


class _Outage:
    """Per-process memory of a Redis outage, shared by every thread's cache object."""

    def __init__(self):
        self._lock = threading.Lock()
        self.retry_at = 0.0  # monotonic time before which Redis is not tried
        self.last_warning = None  # monotonic time of the last warning, None when healthy

    def failed(self, location: str, error: Exception, retry_seconds: float) -> None:
        now = time.monotonic()
        with self._lock:
            self.retry_at = now + retry_seconds
            warn = self.last_warning is None or now - self.last_warning >= WARNING_INTERVAL
            if warn:
                self.last_warning = now
        if warn:
            logger.warning(
                "Redis cache at %s unreachable (%s: %s); serving without the cache",
                location,
                type(error).__name__,
                error,
            )

    def succeeded(self, location: str) -> None:
        if self.last_warning is None:  # the usual case, checked without the lock
            return
        with self._lock:
            was_down = self.last_warning is not None
            self.last_warning, self.retry_at = None, 0.0
        if was_down:
            logger.warning("Redis cache at %s reachable again", location)

    def skipping(self) -> bool:
        return time.monotonic() < self.retry_at


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new redis.Redis object for every cache call, which costs
    as much CPU as the round trip itself; one per connection pool is enough (thread-safe)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.outage_retry_seconds = float(
            options.pop("OUTAGE_RETRY_SECONDS", DEFAULT_OUTAGE_RETRY_SECONDS)
        )
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self._location = server if isinstance(server, str) else ",".join(server)
        self._outage = _outage_for(self._location)

    def _call(self, method, fallback, *args, **kwargs):
        if self._outage.skipping():
            return fallback()
        try:
            result = method(*args, **kwargs)
        except REDIS_ERRORS as error:
            self._outage.failed(self._location, error, self.outage_retry_seconds)
            return fallback()
        self._outage.succeeded(self._location)
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (Redis unreachable).")

        return self._call(super().incr, missing, key, delta, version)

    def incr_or_add(self, key, delta=1, timeout=DEFAULT_TIMEOUT, version=None):
        """Add `delta` to a counter, creating it (with `timeout`) when missing, in one round
        trip; the visit counters call it on every page view."""

        def increment():
            redis_key = self.make_and_validate_key(key, version=version)
            pipeline = self._cache.get_client(redis_key, write=True).pipeline(transaction=False)
            pipeline.set(redis_key, 0, ex=self.get_backend_timeout(timeout), nx=True)
            pipeline.incrby(redis_key, delta)
            return pipeline.execute()[1]

        return self._call(increment, lambda: None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, lambda: None, keys, version)

    def clear(self):
        return self._call(super().clear, lambda: False)
