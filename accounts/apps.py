"""Staff accounts: roles, password rules, login throttling, the admin site, its dashboard."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self):
        from . import roles  # noqa: F401  (roles kept in step after every migrate)
