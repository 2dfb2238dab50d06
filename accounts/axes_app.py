"""django-axes under a Vietnamese name in the admin (its own AppConfig has none)."""

from axes.apps import AppConfig


class AxesConfig(AppConfig):
    verbose_name = "Khóa đăng nhập sai mật khẩu"
