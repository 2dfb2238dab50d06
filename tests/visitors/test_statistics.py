import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from pages.models import StaticPage
from visitors import statistics
from visitors.models import DailyVisit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

PHONE = (
    "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/120 "
    "Mobile Safari/537.36"
)
DESKTOP = "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 Chrome/109 Safari/537.36"
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def page():
    return StaticPage.objects.create(title="Giới thiệu", body="<p>Xin chào</p>")


def view(client, path, ip="203.0.113.1", agent=PHONE, **extra):
    return client.get(path, REMOTE_ADDR=ip, HTTP_USER_AGENT=agent, **extra)


def request_from(ip, agent=PHONE, path="/"):
    return RequestFactory().get(path, REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)


def figures():
    return statistics.visit_figures()


def dailyvisit_writes(queries):
    return [
        q["sql"] for q in queries
        if "portal_dailyvisit" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


def test_many_page_views_of_one_visitor_are_one_visit(client, page):
    for _ in range(5):
        assert view(client, page.get_absolute_url()).status_code == 200
    assert figures().today == 1
    assert figures().online == 1


def test_different_visitors_count_separately(client, page):
    view(client, page.get_absolute_url(), ip="203.0.113.1")
    view(client, page.get_absolute_url(), ip="203.0.113.2")
    view(client, page.get_absolute_url(), ip="203.0.113.2", agent=DESKTOP)
    assert figures().today == 3
    assert figures().online == 3


def test_admin_static_bots_and_non_pages_are_not_counted(client, page):
    view(client, "/admin/login/")
    view(client, page.get_absolute_url(), agent="Mozilla/5.0 (compatible; Googlebot/2.1)")
    view(client, page.get_absolute_url(), agent="")
    view(client, page.get_absolute_url(), HTTP_SEC_PURPOSE="prefetch")
    view(client, "/robots.txt")
    view(client, "/trang/khong-co/")
    client.post("/lien-he/", {}, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=PHONE)
    assert figures().today == 0

    html_response = HttpResponse("<p>x</p>", content_type="text/html; charset=utf-8")
    for path in ["/static/css/portal.css", "/media/anh.jpg", "/rss/", "/admin/"]:
        assert not statistics.should_count(request_from("1.2.3.4", path=path), html_response)
    assert statistics.should_count(request_from("1.2.3.4", path="/tin-tuc/"), html_response)


def test_page_views_do_not_write_to_the_database_until_the_flush_interval_passes(client, page):
    url = page.get_absolute_url()
    view(client, url, ip="198.51.100.1")  # the first counted view after start-up copies
    assert DailyVisit.objects.get().count == 1

    with CaptureQueriesContext(connection) as queries:
        for number in range(2, 12):
            view(client, url, ip=f"198.51.100.{number}")
    assert dailyvisit_writes(queries.captured_queries) == []
    assert DailyVisit.objects.get().count == 1
    assert figures().today == 11

    cache.delete(statistics.FLUSH_LOCK_KEY)  # the interval has passed
    with CaptureQueriesContext(connection) as queries:
        view(client, url, ip="198.51.100.12")
    assert len(dailyvisit_writes(queries.captured_queries)) == 1
    assert DailyVisit.objects.get().count == 12
    assert figures().today == 12


def test_flush_copies_the_counters_into_the_database_and_they_survive_a_restart():
    cache.add(statistics.FLUSH_LOCK_KEY, 1, 3600)  # no flush while counting
    for number in range(4):
        statistics.record_visit(request_from(f"192.0.2.{number}"))
    assert not DailyVisit.objects.exists()

    assert statistics.flush() == 1  # one day copied
    assert statistics.flush() == 1  # copied again: the same figures, nothing doubled
    assert DailyVisit.objects.get().count == 4

    cache.clear()  # an application restart with the local-memory cache
    assert DailyVisit.objects.get().count == 4
    result = figures()
    assert (result.today, result.month, result.total) == (4, 4, 4)

    statistics.record_visit(request_from("192.0.2.9"))  # counting goes on from the row
    assert figures().today == 5
    statistics.flush()
    assert DailyVisit.objects.get().count == 5


def test_flush_adds_to_an_existing_day():
    cache.add(statistics.FLUSH_LOCK_KEY, 1, 3600)
    today = statistics.timezone.localdate()
    DailyVisit.objects.create(date=today, count=40)
    statistics.record_visit(request_from("192.0.2.1"))
    statistics.record_visit(request_from("192.0.2.2"))
    statistics.flush()
    assert DailyVisit.objects.get(date=today).count == 42


def test_management_command_flushes(capsys):
    cache.add(statistics.FLUSH_LOCK_KEY, 1, 3600)
    statistics.record_visit(request_from("192.0.2.1"))
    call_command("flush_visit_counts")
    assert DailyVisit.objects.get().count == 1
    assert "Đã ghi số lượt truy cập của 1 ngày" in capsys.readouterr().out


def test_figures_across_a_day_and_month_boundary():
    DailyVisit.objects.create(date=datetime.date(2026, 2, 28), count=100)
    DailyVisit.objects.create(date=datetime.date(2026, 3, 1), count=10)
    before_midnight = datetime.datetime(2026, 3, 31, 23, 58, tzinfo=VN)
    after_midnight = datetime.datetime(2026, 4, 1, 0, 2, tzinfo=VN)

    statistics.record_visit(request_from("192.0.2.1"), now=before_midnight)  # flushes
    statistics.record_visit(request_from("192.0.2.2"), now=before_midnight)  # pending
    march = statistics.visit_figures(now=before_midnight)
    assert (march.today, march.month, march.total) == (2, 12, 112)

    statistics.record_visit(request_from("192.0.2.3"), now=after_midnight)
    statistics.record_visit(request_from("192.0.2.4"), now=after_midnight)
    # Four minutes later, but a new day opens a new visit: today's readers are today's visits.
    statistics.record_visit(request_from("192.0.2.1"), now=after_midnight)
    april = statistics.visit_figures(now=after_midnight)
    assert (april.today, april.month, april.total) == (3, 3, 115)
    assert april.online == 3  # yesterday's last minutes are not today's readers

    assert statistics.flush(now=after_midnight) == 2
    cache.clear()
    stored = dict(DailyVisit.objects.values_list("date", "count"))
    assert stored[datetime.date(2026, 3, 31)] == 2
    assert stored[datetime.date(2026, 4, 1)] == 3
    april = statistics.visit_figures(now=after_midnight)
    assert (april.today, april.month, april.total) == (3, 3, 115)


def test_online_now_only_looks_back_five_minutes():
    now = statistics.timezone.now()
    statistics.record_visit(request_from("192.0.2.1"), now=now - datetime.timedelta(minutes=10))
    statistics.record_visit(request_from("192.0.2.2"), now=now - datetime.timedelta(minutes=3))
    statistics.record_visit(request_from("192.0.2.3"), now=now)
    assert statistics.visit_figures(now=now).online == 2


def test_stats_box_shows_vietnamese_thousand_separators(client, page):
    DailyVisit.objects.create(date=datetime.date(2020, 1, 1), count=1_234_567)

    html = view(client, page.get_absolute_url()).content.decode()

    assert '<section class="stats-box"' in html
    assert "Đang truy cập" in html
    assert "Tổng lượt truy cập" in html
    assert "<dd>1.234.568</dd>" in html or "<dd>1.234.567</dd>" in html


def test_a_broken_counter_never_breaks_the_page(client, page, monkeypatch, caplog):
    def broken(request, now=None):
        raise ConnectionError("cache down")

    monkeypatch.setattr(statistics, "record_visit", broken)
    assert view(client, page.get_absolute_url()).status_code == 200
    assert "Could not count a visit" in caplog.text


def test_visitor_key_is_a_salted_hash_without_the_ip():
    key = statistics.visitor_key(request_from("203.0.113.77"))
    assert "203.0.113.77" not in key
    assert len(key) == 32
    assert key != statistics.visitor_key(request_from("203.0.113.78"))


def test_the_box_shows_what_was_counted_and_nothing_else(client, page):
    """A reader's first page is counted once it is sent: the box never shows a visitor
    online beside nobody today."""
    first = view(client, page.get_absolute_url()).content.decode()
    assert "<dt>Đang truy cập</dt><dd>0</dd>" in first
    assert "<dt>Hôm nay</dt><dd>0</dd>" in first
    second = view(client, page.get_absolute_url()).content.decode()
    assert "<dt>Đang truy cập</dt><dd>1</dd>" in second
    assert "<dt>Hôm nay</dt><dd>1</dd>" in second


def test_headless_browsers_are_not_counted(client, page):
    headless = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/131.0.0.0 Safari/537.36"
    )
    for number in range(5):
        view(client, page.get_absolute_url(), ip=f"198.51.100.{number}", agent=headless)
    assert figures() == statistics.VisitFigures(online=0, today=0, month=0, total=0)


def test_unreadable_figures_hide_the_box_but_not_the_page(client, page, monkeypatch):
    def broken(now=None):
        raise ConnectionError("cache down")

    monkeypatch.setattr(statistics, "visit_figures", broken)
    response = view(client, page.get_absolute_url())
    assert response.status_code == 200
    assert "stats-box" not in response.content.decode()


@pytest.mark.parametrize(
    ("value", "shown"), [(0, "0"), (999, "999"), (12345, "12.345"), (1234567, "1.234.567")]
)
def test_vietnamese_thousand_separators(value, shown):
    from pages.templatetags.portal_tags import vn_number

    assert vn_number(value) == shown


def test_page_views_are_counted_per_day_beside_visits(client, page):
    url = page.get_absolute_url()
    for _ in range(3):
        view(client, url, ip="198.51.100.50")
    view(client, url, ip="198.51.100.51")

    pending = statistics.daily_page_views(days=30)
    statistics.flush()
    stored = DailyVisit.objects.get()

    assert (stored.count, stored.page_views) == (2, 4)
    assert len(pending) == 30
    assert pending[-1] == (stored.date, 4)
    assert pending[0][0] == stored.date - datetime.timedelta(days=29)
    assert statistics.daily_page_views(days=30)[-1] == (stored.date, 4)  # no double counting


def test_counting_with_redis_in_one_round_trip_per_counter(redis_cache, client, page):
    url = page.get_absolute_url()
    for number in range(1, 6):
        view(client, url, ip=f"198.51.100.{number}")
        view(client, url, ip=f"198.51.100.{number}")
    assert figures().today == 5
    cache.delete(statistics.FLUSH_LOCK_KEY)
    assert statistics.flush() == 1
    assert DailyVisit.objects.get().count == 5
    assert figures().today == 5
    assert statistics.daily_page_views(days=1)[0][1] == 10
