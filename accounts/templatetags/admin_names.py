"""The admin site's names for admin pages rendered without the admin's context.

Django renders a few admin templates outside the admin's views, without site_header and
site_title (admin/invalid_setup.html after a broken filter, for one); admin/base_site.html
then falls back to these instead of Django's "Django administration".
"""

from django import template
from django.contrib import admin

register = template.Library()


@register.simple_tag
def admin_site_header():
    return admin.site.site_header


@register.simple_tag
def admin_site_title():
    return admin.site.site_title
