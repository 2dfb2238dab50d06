"""Whole-page cache for anonymous readers, invalidated precisely by tags.

What is cached
--------------
GET requests without a session or messages cookie (so never a logged-in editor,
never a reader who has just sent the contact form), outside EXCLUDED_PATHS
(the admin, the editor, contact), answered with a 200 HTML page that sets
no cookie, used no CSRF token and did not ask for "private" or "no-store". HEAD
requests are answered from the cached GET. The key is the scheme, host, path and
query string; whatever the query string, an entry lives at most PAGE_CACHE_SECONDS.

How it is invalidated
---------------------
A view names what its page shows with tag(request, "article:12", "articles", ...);
a page that names nothing gets the CONTENT tag, which every change invalidates, and
every page carries LAYOUT (menus, categories, organisations: what appears in the
frame of every page). Each tag has a version token in the cache; an entry keeps the
tokens it was rendered with, and a hit is only served while all of them are still
current. Each app's cache_tags module (from a model signal, or from the services that
write articles, news/services.py) calls invalidate(); once the transaction commits, the
tags get new tokens, so the next reader gets a freshly rendered page: invalidating
costs one cache write, whatever the number of pages.

A page rendered while one of its tags was invalidated is not stored (tokens carry
their time), and views listing articles cap an entry's life at the next scheduled
publication (expire_at()), so a timed article appears when its time comes.

The statistics box is the one live part of a cached page: its HTML sits between
STATS_START and STATS_END and is replaced on every hit by the current box, which each
worker renders at most every STATS_BOX_SECONDS. Visits themselves
are counted by VisitCounterMiddleware, which sits above this middleware.

With Redis (REDIS_URL) every app server shares entries and tokens. The local-memory
cache is per process, so an edit made through one worker does not invalidate the
others: the settings keep PAGE_CACHE_SECONDS short in that case.
"""

import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.http import split_header_value

logger = logging.getLogger(__name__)

LAYOUT = "layout"
CONTENT = "content"

STATS_START = b"<!--live:stats-->"
STATS_END = b"<!--/live:stats-->"

ENTRY_PREFIX = "page-cache:entry:"
TAG_PREFIX = "page-cache:tag:"
HIT_HEADER = "X-Page-Cache"
# The admin and the editor, the contact form, password reset, health checks, and the
# benchmark's pages (which must measure Django itself). Search results are cached, for a
# minute at most (news.cache_tags.tag_search).
EXCLUDED_PATHS = ("/admin/", "/editor/", "/lien-he/", "/reset/", "/healthz", "/__bench__/")
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}
STORED_HEADERS_SKIPPED = {"content-length", "set-cookie", HIT_HEADER.lower()}


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _cache():
    return caches["default"]


# For views -----------------------------------------------------------------


def is_collecting(request) -> bool:
    """True while the page being rendered may be stored (tags are worth declaring)."""
    return hasattr(request, "page_cache_tags")


def tag(request, *tags: str) -> None:
    """Declare what the page being rendered shows; see the module docstring."""
    tags_seen = getattr(request, "page_cache_tags", None)
    if tags_seen is not None:
        tags_seen.update(tags)


def expire_at(request, moment) -> None:
    """The page must not be served from the cache after `moment` (an aware datetime)."""
    if moment is None or not is_collecting(request):
        return
    timestamp = moment.timestamp()
    current = getattr(request, "page_cache_expires", None)
    if current is None or timestamp < current:
        request.page_cache_expires = timestamp


# For the code that writes ------------------------------------------------------


def invalidate(*tags: str) -> None:
    """Give `tags` new tokens once the current transaction commits (at once outside one)."""
    tags = {CONTENT, *(t for t in tags if t)}
    if enabled():
        transaction.on_commit(lambda: invalidate_now(tags), robust=True)


def invalidate_now(tags) -> None:
    token = f"{time.time():.6f}:{uuid.uuid4().hex[:12]}"
    try:
        _cache().set_many({TAG_PREFIX + name: token for name in tags}, timeout=None)
    except Exception:  # a cache outage must not fail an editor's save
        logger.exception("Could not invalidate cached pages for %s", sorted(tags))


def _token_time(token: str) -> float:
    return float(token.split(":", 1)[0])


# The middleware ----------------------------------------------------------------


class PageCacheMiddleware:
    """Answers anonymous readers from the cache; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request) if enabled() else None
        if key is None:
            return self.get_response(request)
        try:
            hit = self._lookup(key, request)
        except Exception:
            logger.exception("Page cache lookup failed for %s", request.path)
            hit = None
        if hit is not None:
            return hit
        request.page_cache_tags = {LAYOUT}
        started = time.time()
        response = self.get_response(request)
        if request.method == "GET" and self._storable(request, response):
            try:
                self._store(key, request, response, started)
            except Exception:
                logger.exception("Could not store %s in the page cache", request.path)
        response[HIT_HEADER] = "miss"
        return response

    # Which requests and responses --------------------------------------------

    @staticmethod
    def _key(request) -> str | None:
        if request.method not in ("GET", "HEAD"):
            return None
        if request.path.startswith(EXCLUDED_PATHS):
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
            return None
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        try:
            host = request.get_host()
        except Exception:  # DisallowedHost: let the view answer it as usual
            return None
        address = f"{request.scheme}://{host}{request.path}?{request.META.get('QUERY_STRING', '')}"
        return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()

    @staticmethod
    def _storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        if getattr(request, "_csp_nonce", None):  # a nonce is for one response only
            return False
        directives = {
            part.split("=", 1)[0].strip().lower()
            for part in split_header_value(response.get("Cache-Control", ""))
        }
        if directives & UNCACHEABLE_DIRECTIVES:
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    # Storing and serving ------------------------------------------------------

    def _store(self, key, request, response, started):
        tags = request.page_cache_tags
        if tags == {LAYOUT}:
            tags = {LAYOUT, CONTENT}
        tokens = self._current_tokens(tags)
        if any(_token_time(token) >= started for token in tokens.values()):
            return  # invalidated while this page was being rendered
        timeout = settings.PAGE_CACHE_SECONDS
        expires = getattr(request, "page_cache_expires", None)
        if expires is not None:
            timeout = min(timeout, int(expires - time.time()))
            if timeout <= 0:
                return
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in STORED_HEADERS_SKIPPED
            ],
            "tokens": tokens,
        }
        _cache().set(key, entry, timeout)

    @staticmethod
    def _current_tokens(tags) -> dict[str, str]:
        cache = _cache()
        keys = {TAG_PREFIX + name: name for name in tags}
        found = cache.get_many(list(keys))
        for tag_key in keys.keys() - found.keys():
            # A tag never invalidated yet: an old token, so pages rendered now are kept.
            cache.add(tag_key, f"0:{uuid.uuid4().hex[:12]}", timeout=None)
        if len(found) < len(keys):
            found = cache.get_many(list(keys))
        return {keys[tag_key]: token for tag_key, token in found.items()}

    def _lookup(self, key, request):
        cache = _cache()
        entry = cache.get(key)
        if entry is None:
            return None
        tokens = entry["tokens"]
        current = cache.get_many([TAG_PREFIX + name for name in tokens])
        if any(current.get(TAG_PREFIX + name) != token for name, token in tokens.items()):
            return None
        content = entry["content"] if request.method == "GET" else b""
        response = HttpResponse(live_content(content), status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response


STATS_BOX_SECONDS = 2.0  # a worker renders the box at most this often for its cache hits
# Each portal has its own box (its own figures): live_box_key() → (monotonic time, HTML).
_stats_boxes: dict[object, tuple[float, bytes]] = {}


def live_content(content: bytes) -> bytes:
    """The cached page with the current statistics box."""
    start = content.find(STATS_START)
    if start < 0:
        return content
    end = content.find(STATS_END, start)
    if end < 0:
        return content
    return content[: start + len(STATS_START)] + _current_stats_box() + content[end:]


def _current_stats_box() -> bytes:
    key = live_box_key()
    rendered_at, box = _stats_boxes.get(key, (0.0, b""))
    now = time.monotonic()
    if now - rendered_at >= STATS_BOX_SECONDS:
        box = live_box_renderer().encode() if live_box_renderer is not None else b""
        _stats_boxes[key] = (now, box)
    return box


# Draws the live box (the visitor statistics) put into cached pages, and names whose box it
# is (the current portal's); the app that owns the box registers both when it starts
# (pages.apps), so the cache imports no app.
live_box_renderer = None


def live_box_key():
    return None


def register_live_box(render, key=None) -> None:
    global live_box_renderer, live_box_key
    live_box_renderer = render
    if key is not None:
        live_box_key = key
