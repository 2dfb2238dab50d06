"""System checks for deployments (`manage.py check --deploy`).

portal.W010: the set-up looks scaled out (media in a bucket, or a read replica, both of
which only make sense with several app servers) but the cache is the process's own
memory. Then each process keeps its own page cache, visit counts and rate limits, and
an edit may show on one server and not on another: set REDIS_URL.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_when_scaled_out(app_configs, **kwargs):
    scaled_out = settings.MEDIA_STORAGE != "local" or bool(settings.DATABASE_REPLICA_URL)
    if scaled_out and settings.CACHES["default"]["BACKEND"] in LOCAL_CACHES:
        return [
            Warning(
                "Media in object storage or a read replica means several app servers, but "
                "the cache is each process's own memory: the page cache, visit counts and "
                "rate limits are not shared between servers.",
                hint="Set REDIS_URL to a Redis server that every app server reaches.",
                id="portal.W010",
            )
        ]
    return []
