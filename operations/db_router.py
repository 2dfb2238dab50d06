"""Reads of anonymous readers from a PostgreSQL read replica (DATABASE_REPLICA_URL).

Installed only when DATABASE_REPLICA_URL is set (portal/settings/base.py): then
DATABASES has a "replica" alias, ReplicaRouter is the database router and
ReplicaReadsMiddleware sits right after Django's AuthenticationMiddleware.

Which requests read from the replica is decided once per request, by the middleware:
GET and HEAD requests of readers who are not logged in, outside /admin/, /editor/ and
the password-reset pages. Everything else reads from the primary ("default"): editors
and previews must see what they have just saved, and a replica can be a few seconds
behind the primary. Within a replica request, reads go back to the primary for the
rest of the request as soon as anything is written and while the primary is inside
an atomic block, so a request never reads older data than it wrote. Writes and
migrations always go to the primary.

Right after an edit the replica may still hold the old rows, and a reader's page
rendered from them would go into the page cache as the fresh one. So a write made by
any request that is not a reader's own (an editor saving, publishing or deleting; a
form post) opens a short window, DATABASE_REPLICA_LAG_SECONDS long and shared by every
app server through the cache, during which readers' pages are read from the primary
too. Writes that no page shows (sessions, which staff requests save every time, login
throttling records, and who has an article open in the admin) do not, nor do writes
outside requests (management commands, the visit counter's flush).

The decision lives in a context variable: each thread of a threaded server and each
task of an asynchronous one has its own, and a query outside any request (management
commands, the shell, cron jobs) reads from the primary.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"

# Pages where the staff work; readers never need them from the replica.
PRIMARY_ONLY_PREFIXES = ("/admin/", "/editor/", "/reset/")
SAFE_METHODS = {"GET", "HEAD"}
RECENT_EDIT_KEY = "replica:recent-edit"
DEFAULT_LAG_SECONDS = 10
# Apps whose rows no public page shows: writing them is not an edit.
NOT_SHOWN_APPS = {"sessions", "axes"}
# Models of that kind in other apps: who has an article open in the admin (news/presence.py),
# written by each open change page every few seconds.
NOT_SHOWN_MODELS = {"news.ArticleEditingSession"}


@dataclass
class ReadChoice:
    reader: bool  # a request the replica may serve
    use_replica: bool
    edit_noted: bool = False


def lag_seconds() -> int:
    return getattr(settings, "DATABASE_REPLICA_LAG_SECONDS", DEFAULT_LAG_SECONDS)


def note_recent_edit() -> None:
    if lag_seconds() > 0:
        cache.set(RECENT_EDIT_KEY, True, lag_seconds())


def edited_recently() -> bool:
    return lag_seconds() > 0 and cache.get(RECENT_EDIT_KEY) is not None


_current: ContextVar[ReadChoice | None] = ContextVar("cong_read_choice", default=None)


def may_read_from_replica(request) -> bool:
    if request.method not in SAFE_METHODS:
        return False
    if request.path.startswith(PRIMARY_ONLY_PREFIXES):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reader = may_read_from_replica(request)
        choice = ReadChoice(reader=reader, use_replica=reader and not edited_recently())
        token = _current.set(choice)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        choice = _current.get()
        if (
            choice is not None
            and choice.use_replica
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA_DB_ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        choice = _current.get()
        if choice is not None:
            # Later reads of this request must see what it wrote.
            choice.use_replica = False
            shown = (
                model._meta.app_label not in NOT_SHOWN_APPS
                and model._meta.label not in NOT_SHOWN_MODELS
            )
            if shown and not choice.reader and not choice.edit_noted:
                choice.edit_noted = True
                note_recent_edit()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
