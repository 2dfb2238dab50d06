"""The maintenance page readers get while the database is unreachable.

DatabaseUnavailableMiddleware turns a database connection error raised by a
view (or while rendering its template) into a 503 page with Retry-After. The
same errors raised elsewhere (in another middleware, or while rendering the
404 page, which reads the menu from the database) reach Django's 500 handler;
server_error, installed as handler500, answers those with the same page.

The page is rendered from templates/503.html without a request context, so
no context processor, menu tag or visitor statistic can touch the database.
Nothing needs restarting when the database is back: Django opens (or takes
from the pool) a connection for each request, a connection that failed is
closed at the end of its request, and with CONN_HEALTH_CHECKS the pool checks
every connection before handing it out.

Only connection-level failures get the maintenance page (see is_database_down).
"""

import logging
import sqlite3
import sys

from django.conf import settings
from django.db import InterfaceError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 120

# SQLSTATE classes of a server that is going away or out of resources: connection
# exceptions, operator intervention (shutdown, pg_terminate_backend), insufficient resources.
# Errors raised while connecting carry no SQLSTATE at all.
DOWN_SQLSTATE_PREFIXES = ("08", "57P", "53")
# SQLite: the file is gone or unreadable. Other SQLite errors ("no such table") are bugs.
SQLITE_DOWN_MESSAGES = ("unable to open database file", "disk i/o error")

try:  # psycopg is only installed for PostgreSQL
    import psycopg
except ImportError:  # pragma: no cover
    psycopg = None


def _is_down(error: BaseException) -> bool:
    if isinstance(error, InterfaceError):  # Django's: the connection is already closed
        return True
    if psycopg is not None:
        if isinstance(error, psycopg.InterfaceError):
            return True
        if isinstance(error, psycopg.OperationalError):  # includes psycopg_pool.PoolTimeout
            return error.sqlstate is None or error.sqlstate.startswith(DOWN_SQLSTATE_PREFIXES)
    if isinstance(error, sqlite3.OperationalError):
        return str(error).lower() in SQLITE_DOWN_MESSAGES
    return False


def is_database_down(error: BaseException | None) -> bool:
    """True when `error` (or what caused it) says the database cannot be reached.

    Only connection-level failures count: a missing column or a deadlock is a bug or a
    retry, and must stay a 500 that gets noticed, not a maintenance page.
    """
    seen = set()
    while error is not None and id(error) not in seen:
        if _is_down(error):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def maintenance_response() -> HttpResponse:
    html = loader.get_template("503.html").render(
        {"portal_name": settings.PORTAL_NAME, "retry_minutes": RETRY_AFTER_SECONDS // 60}
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_down(exception):
            return None
        logger.error(
            "Database unavailable, maintenance page served for %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        return maintenance_response()


def server_error(request, template_name="500.html"):
    """handler500: the maintenance page when the error is the database being down."""
    if is_database_down(sys.exception()):
        return maintenance_response()
    try:
        return django_server_error(request, template_name)
    except Exception:  # a broken 500 template must not hide the original error page
        return HttpResponseServerError("<h1>Lỗi máy chủ (500)</h1>", content_type="text/html")
