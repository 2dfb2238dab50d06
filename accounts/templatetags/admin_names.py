"""The admin site's names for admin pages rendered without the admin's context, and the
names of people in Vietnamese order.

Django renders a few admin templates outside the admin's views, without site_header and
site_title (admin/invalid_setup.html after a broken filter, for one); admin/base_site.html
then falls back to these instead of Django's "Django administration".
"""

from django import template
from django.contrib import admin

from core import admin_utils

register = template.Library()


@register.simple_tag
def admin_site_header():
    return admin.site.site_header


@register.simple_tag
def admin_site_title():
    return admin.site.site_title


@register.filter
def full_name(user) -> str:
    """A user's name in Vietnamese order, "Trần Văn Minh" (core.admin_utils.full_name);
    Django's own get_full_name() puts the tên first."""
    return admin_utils.full_name(user)
