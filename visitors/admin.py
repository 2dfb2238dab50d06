from django.contrib import admin

from core.admin_utils import ReadOnlyAdminMixin

from .models import DailyVisit


@admin.register(DailyVisit)
class DailyVisitAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Each portal's days (issue 19): filter by portal to read one portal's figures."""

    list_display = ["date", "portal", "count", "page_views"]
    list_filter = ["portal"]
    list_select_related = ["portal__information", "portal__organization"]
    date_hierarchy = "date"
