"""django-axes under a Vietnamese name in the admin (its own AppConfig has none), its records
named in Vietnamese (accounts/admin_wording.py)."""

from axes.apps import AppConfig


class AxesConfig(AppConfig):
    verbose_name = "Khóa đăng nhập sai mật khẩu"

    def ready(self):
        super().ready()
        from accounts import admin_wording

        admin_wording.install_axes()
