"""The portals (Cổng) one installation serves, each at its own domains, and which portal a
request is for."""

from django.apps import AppConfig


class PortalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portals"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from . import hosts  # noqa: F401  (receivers: the host map forgotten on a change)
