"""The audit log: who did what to what, when and from where."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "Nhật ký hệ thống"

    def ready(self):
        from . import log  # noqa: F401  (signal receivers)
