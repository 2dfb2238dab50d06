"""The page cache for anonymous readers and the Redis cache backend."""

from django.apps import AppConfig


class CachingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "caching"
    verbose_name = "Bộ nhớ đệm trang"
