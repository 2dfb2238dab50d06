"""The portal's admin site and its names.

PortalAdminSite is Django's default admin site here (PortalAdminConfig below, in
INSTALLED_APPS instead of "django.contrib.admin"), so
`admin.site` and `@admin.register` are this site everywhere.

- Names: the header and the page titles of every admin page, the login, the password
  pages and the lockout page come from this class, so no page falls back to Django's
  "Django administration" ("Trang quản trị cho Django").
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PortalAdminSite(admin.AdminSite):
    site_title = "Quản trị Cổng"
    index_title = "Bảng điều khiển"

    @property
    def site_header(self):
        return f"Quản trị {settings.PORTAL_NAME}"


class PortalAdminConfig(AdminConfig):
    """Django's admin app with PortalAdminSite as `admin.site`."""

    default_site = "portal.admin_site.PortalAdminSite"
