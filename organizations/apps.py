from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "organizations"
    verbose_name = "Tổ chức"

    def ready(self):
        from . import cache_tags  # noqa: F401  (page cache invalidation)
