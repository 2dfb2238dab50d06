"""The portal's admin site: its names and its own pages.

PortalAdminSite is Django's default admin site here (PortalAdminConfig below, in
INSTALLED_APPS instead of "django.contrib.admin"), so
`admin.site` and `@admin.register` are this site everywhere.

- Names: the header and the page titles of every admin page, the login, the password
  pages and the lockout page come from this class, so no page falls back to Django's
  "Django administration" ("Trang quản trị cho Django").
- Pages of its own: the locked-out logins (portal/admin_lockouts.py).
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path


class PortalAdminSite(admin.AdminSite):
    site_title = "Quản trị Cổng"
    index_title = "Bảng điều khiển"

    @property
    def site_header(self):
        return f"Quản trị {settings.PORTAL_NAME}"

    def get_urls(self):
        from . import admin_lockouts

        return [
            path(
                "khoa-dang-nhap/",
                self.admin_view(admin_lockouts.LoginLockoutsView.as_view(admin_site=self)),
                name="login_lockouts",
            ),
            *super().get_urls(),
        ]


class PortalAdminConfig(AdminConfig):
    """Django's admin app with PortalAdminSite as `admin.site`."""

    default_site = "portal.admin_site.PortalAdminSite"
