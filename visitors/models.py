"""Visits and page views counted per day (visitors/statistics.py writes them).

The table keeps the name it had in the portal app (db_table)."""

from django.db import models


class DailyVisit(models.Model):
    """Visits and page views of one day (Vietnam time), copied from the cache's day counters
    by visitors.statistics.flush()."""

    date = models.DateField("ngày", unique=True)
    count = models.PositiveBigIntegerField("lượt truy cập", default=0)
    page_views = models.PositiveBigIntegerField("lượt xem trang", default=0)

    class Meta:
        db_table = "portal_dailyvisit"
        verbose_name = "lượt truy cập trong ngày"
        verbose_name_plural = "lượt truy cập theo ngày"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.count} lượt truy cập, {self.page_views} lượt xem trang"
