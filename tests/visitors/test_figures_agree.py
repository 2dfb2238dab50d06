"""The statistics box agrees with itself, on Redis with the page cache on: Tổng ≥ Tháng này
≥ Hôm nay ≥ Đang truy cập on every page served, today's readers shown within seconds also
on cached pages, copies into the database changing nothing a reader sees, and Tổng counted
from the portal's starting total."""

import re
import time

import pytest
from django.core.cache import cache
from factories import ArticleFactory

from caching import page_cache
from pages.models import PortalInformation
from visitors import statistics
from visitors.models import DailyVisit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_cache", "page_cache_on")]

PHONE = (
    "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/120 "
    "Mobile Safari/537.36"
)
START = 1_234_000
LABELS = {"Đang truy cập": "online", "Hôm nay": "today", "Tháng này": "month",
          "Tổng lượt truy cập": "total"}


@pytest.fixture
def article(db):
    PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Bến Tre", owner="Tỉnh ủy Bến Tre",
        visitors_start_total=START,
    )
    return ArticleFactory(title="Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ năm")


def box(response) -> dict[str, int]:
    html = response.content.decode()
    inside = html.split("<!--live:stats-->")[1].split("<!--/live:stats-->")[0]
    rows = re.findall(r"<dt>([^<]+)</dt><dd>([\d.]+)</dd>", inside)
    return {LABELS[label]: int(value.replace(".", "")) for label, value in rows}


def agrees(figures: dict[str, int]) -> bool:
    return figures["total"] >= figures["month"] >= figures["today"] >= figures["online"]


def load(client, path, number):
    return client.get(
        path, REMOTE_ADDR=f"198.51.{number // 250}.{number % 250 + 1}", HTTP_USER_AGENT=PHONE
    )


def test_150_readers_of_a_cached_page_see_figures_that_agree(client, article, monkeypatch):
    monkeypatch.setattr(page_cache, "STATS_BOX_SECONDS", 0)
    path = article.get_absolute_url()
    seen = []
    for number in range(150):
        if number % 7 == 0:
            cache.delete(statistics.FLUSH_LOCK_KEY)  # a copy into the database now and then
        response = load(client, path, number)
        assert response.status_code == 200
        seen.append(box(response))
    assert load(client, path, 0)["X-Page-Cache"] == "hit"

    assert all(agrees(figures) for figures in seen), [f for f in seen if not agrees(f)]
    todays = [figures["today"] for figures in seen]
    assert todays == sorted(todays), "a figure went down"
    # Each box shows the readers before it (a page is counted once it is sent).
    assert todays == list(range(150))
    last = box(load(client, path, 0))
    assert last == {"online": 150, "today": 150, "month": 150, "total": START + 150}

    cache.delete(statistics.FLUSH_LOCK_KEY)
    statistics.flush()
    assert DailyVisit.objects.get().count == 150
    assert box(load(client, path, 1)) == last  # the copy changed nothing a reader sees


def test_one_reader_loading_150_pages_is_one_visit_of_150_page_views(client, article):
    path = article.get_absolute_url()
    for _ in range(150):
        load(client, path, 7)
    figures = statistics.visit_figures()
    assert (figures.online, figures.today) == (1, 1)
    assert statistics.daily_page_views(days=1)[0][1] == 150


def test_todays_readers_show_on_cached_pages_within_seconds(client, article):
    path = article.get_absolute_url()
    load(client, path, 0)
    for number in range(1, 20):
        assert load(client, path, number)["X-Page-Cache"] == "hit"
    time.sleep(page_cache.STATS_BOX_SECONDS + 0.1)
    assert box(load(client, path, 0))["today"] == 20


def test_a_lost_cache_restarts_from_the_database_without_going_down(client, article):
    path = article.get_absolute_url()
    for number in range(30):
        load(client, path, number)
    cache.delete(statistics.FLUSH_LOCK_KEY)
    statistics.flush()
    before = statistics.visit_figures()

    redis = cache._cache.get_client()
    # Redis restarted without its data (this test's keys only: the server is shared).
    for key in list(redis.scan_iter(match=f"{cache.key_prefix}:*:{statistics.PREFIX}:*")):
        redis.delete(key)
    assert statistics.visit_figures().today == before.today == 30

    load(client, path, 100)
    assert statistics.visit_figures().today == 31
    cache.delete(statistics.FLUSH_LOCK_KEY)
    statistics.flush()
    assert DailyVisit.objects.get().count == 31
