"""Visitor statistics: visits and page views, counted per day."""

from django.apps import AppConfig


class VisitorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "visitors"
    verbose_name = "Thống kê truy cập"
