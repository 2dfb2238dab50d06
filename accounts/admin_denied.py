"""The page of a request refused for want of permission (403). Inside the admin it is an
admin page (the admin's header, its menu, a way back to the dashboard); elsewhere it is the
portal's 403.html. portal/urls.py sets it as handler403."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import defaults


def permission_denied(request, exception=None):
    if request.path.startswith(reverse("admin:index")) and request.user.is_authenticated:
        context = {
            **admin.site.each_context(request),
            "title": "Không có quyền truy cập",
            "reason": str(exception or ""),
        }
        response = TemplateResponse(request, "admin/403.html", context, status=403)
        return response.render()
    return defaults.permission_denied(request, exception)
