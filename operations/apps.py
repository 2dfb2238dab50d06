"""Running the portal: backups, health, maintenance page, logs, security headers, database
router, media storage."""

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "operations"
    verbose_name = "Vận hành"
