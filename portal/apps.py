from django.apps import AppConfig


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from . import audit, cache_tags, roles  # noqa: F401  (signal handlers)
        from . import checks  # noqa: F401  (system checks)
