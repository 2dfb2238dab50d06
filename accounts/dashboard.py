"""The editors' dashboard on the admin index: my drafts, waiting for review, recently
published, and page views per day over the last 30 days."""

from dataclasses import dataclass

from news import permissions
from news.models import Article
from visitors.statistics import daily_page_views

LIST_SIZE = 8
CHART_DAYS = 30
CHART_HEIGHT = 120


@dataclass(frozen=True)
class Bar:
    date: object
    views: int
    x: int
    y: int
    height: int


def dashboard_for(user) -> dict:
    visible = permissions.articles_for(user).select_related("organization").defer(
        "body", "search_document", "search_vector"
    )
    context = {
        "my_drafts": list(
            visible.filter(author=user, status=Article.Status.DRAFT)
            .order_by("-updated_at")[:LIST_SIZE]
        ),
        "recently_published": list(
            visible.filter(status=Article.Status.PUBLISHED).order_by("-published_at")[:LIST_SIZE]
        ),
        "can_publish": permissions.can_publish(user),
        "chart": page_view_chart(),
    }
    if context["can_publish"]:
        context["pending_review"] = list(
            visible.filter(status=Article.Status.PENDING).order_by("updated_at")[:LIST_SIZE]
        )
    return context


def page_view_chart(days: int = CHART_DAYS) -> dict:
    series = daily_page_views(days)
    peak = max((views for _, views in series), default=0)
    scale = CHART_HEIGHT / (peak or 1)  # no views yet: flat bars, not a division by zero
    bar_width = 10
    bars = [
        Bar(date=day, views=views, x=index * (bar_width + 2),
            y=CHART_HEIGHT - round(views * scale), height=round(views * scale))
        for index, (day, views) in enumerate(series)
    ]
    return {
        "bars": bars,
        "peak": peak,
        "total": sum(views for _, views in series),
        "width": len(bars) * (bar_width + 2),
        "height": CHART_HEIGHT,
        "bar_width": bar_width,
    }
