from django.apps import AppConfig


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        # Signal handlers and system checks register themselves on import.
        from . import audit, cache_tags, checks, roles  # noqa: F401
