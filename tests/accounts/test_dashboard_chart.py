"""The dashboard's chart of page views over the last 30 days."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from factories import DailyVisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_pending_counts():
    cache.clear()


def test_a_portal_without_views_says_so_instead_of_a_peak_of_one(superuser_client):
    page = superuser_client.get("/admin/").content.decode()

    assert "Chưa có lượt xem nào trong 30 ngày qua." in page
    assert "ngày cao nhất" not in page


def test_the_caption_gives_the_total_and_the_busiest_day(superuser_client):
    today = timezone.localdate()
    DailyVisitFactory(date=today, count=300, page_views=1200)
    DailyVisitFactory(date=today - timedelta(days=1), count=90, page_views=340)

    page = superuser_client.get("/admin/").content.decode()

    assert "Tổng 1.540 lượt xem; ngày cao nhất 1.200." in page
