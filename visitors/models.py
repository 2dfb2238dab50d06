"""Visits and page views counted per portal and per day (visitors/statistics.py writes them).

The table keeps the name it had in the portal app (db_table)."""

from django.db import models

from portals.models import Portal


def main_portal_id() -> int:
    """A row saved without a portal is the main portal's (like pages.PortalInformation)."""
    from portals.hosts import main_portal

    return main_portal().pk


class DailyVisit(models.Model):
    """Visits and page views of one portal on one day (Vietnam time), copied from the cache's
    day counters by visitors.statistics.flush()."""

    portal = models.ForeignKey(
        Portal, on_delete=models.CASCADE, related_name="daily_visits", verbose_name="cổng",
        default=main_portal_id,
    )
    date = models.DateField("ngày")
    count = models.PositiveBigIntegerField("lượt truy cập", default=0)
    page_views = models.PositiveBigIntegerField("lượt xem trang", default=0)

    class Meta:
        db_table = "portal_dailyvisit"
        verbose_name = "lượt truy cập trong ngày"
        verbose_name_plural = "lượt truy cập theo ngày"
        ordering = ["-date", "portal"]
        constraints = [
            models.UniqueConstraint(fields=["portal", "date"], name="one_daily_visit_per_portal"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.count} lượt truy cập, {self.page_views} lượt xem trang"
