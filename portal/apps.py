"""The project package: settings, URLs, WSGI, the gunicorn configuration, system checks."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from core.link_rows import name_link_rows

        from . import checks  # noqa: F401  (system checks register themselves on import)

        name_link_rows()
