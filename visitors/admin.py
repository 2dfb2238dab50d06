from django.contrib import admin

from core.admin_utils import ReadOnlyAdminMixin

from .models import DailyVisit


@admin.register(DailyVisit)
class DailyVisitAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["date", "count", "page_views"]
    date_hierarchy = "date"
