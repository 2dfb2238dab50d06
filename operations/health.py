"""/healthz: is this instance able to serve pages? For load balancers and monitoring.

200 {"status": "ok", "database": "ok", "cache": "ok"} when the database answers
SELECT 1 and the cache stores and returns a value; 503 with "error" next to
whichever failed otherwise. It is never cached. Without REDIS_URL the cache
is the process's local memory and always answers.

HealthCheckMiddleware answers the probe before the session, authentication,
CSRF and visit-counting middleware run: a probe that carries a session cookie
must not load or save that session (SESSION_SAVE_EVERY_REQUEST would), so the
answer never sets a cookie. The URL pattern named "healthz" points to the same
view, for reverse() and for a URLconf used without this middleware.

Slow dependencies fail fast because of the timeouts in settings (PostgreSQL
connect_timeout and pool timeout, Redis socket timeouts).

With the database task backend (settings.TASKS) the answer also says "tasks": "stuck"
when a task has waited for the worker longer than TASKS_STUCK_MINUTES (the worker is
down or far behind), else "ok". That alone leaves the status 200: this instance still
serves pages, and a load balancer must not take every instance out for it; monitoring
should alert on it.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

PATH = "/healthz"


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("Health check: database unreachable (%s)", error)
        return False


def cache_ok() -> bool:
    # caching.cache.ResilientRedisCache hides outages as misses, so only a value read
    # back proves that the cache works.
    # A key of its own per probe: parallel probes from other workers cannot interfere.
    token = secrets.token_hex(8)
    key = f"healthz:{token}"
    try:
        cache.set(key, token, 30)
        passed = cache.get(key) == token
        cache.delete(key)
        return passed
    except Exception as error:
        logger.warning("Health check: cache unreachable (%s)", error)
        return False


def tasks_stuck() -> bool | None:
    """Whether a task has waited longer than TASKS_STUCK_MINUTES; None when tasks do not
    wait in the database (another backend) or the database does not answer."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        return None
    waited_since = timezone.now() - timedelta(minutes=settings.TASKS_STUCK_MINUTES)
    try:
        return (
            DBTaskResult.objects.ready()
            .filter(backend_name=backend.alias, enqueued_at__lt=waited_since)
            .exists()
        )
    except DatabaseError:
        return None  # already reported as the database's failure


@require_safe
def healthz(request):
    checks = {"database": database_ok(), "cache": cache_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error"}
    body.update({name: "ok" if passed else "error" for name, passed in checks.items()})
    stuck = tasks_stuck() if checks["database"] else None
    if stuck is not None:
        body["tasks"] = "stuck" if stuck else "ok"
    response = JsonResponse(body, status=200 if healthy else 503)
    add_never_cache_headers(response)  # includes no-store
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)
