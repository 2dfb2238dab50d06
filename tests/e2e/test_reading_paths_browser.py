"""The home page's portal grid and the article page's reading lists as Chromium lays them
out at 1366 px (an office PC) and 390 px (a phone): no orphan among the featured, no tall
empty column, the lists beside the article on a desktop and after it on a phone."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from demo_articles import article_with_every_reading_list
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from news.models import Article
from portals import hosts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The rows of a grid's items, as [number of items in each row] (items sharing a top).
ROWS = """selector => {
  const tops = [...document.querySelectorAll(selector)]
    .map(e => Math.round(e.getBoundingClientRect().top));
  const rows = new Map();
  tops.forEach(top => rows.set(top, (rows.get(top) || 0) + 1));
  return [...rows.values()];
}"""
# How far down a column's content reaches, from the top of the column (its last child).
CONTENT_HEIGHT = """selector => {
  const column = document.querySelector(selector);
  const bottoms = [...column.children].map(e => e.getBoundingClientRect().bottom);
  return Math.round(Math.max(...bottoms) - column.getBoundingClientRect().top);
}"""
BOX = """selector => { const r = document.querySelector(selector).getBoundingClientRect();
  return {left: r.left, top: r.top + scrollY, right: r.right, bottom: r.bottom + scrollY}; }"""


@pytest.fixture
def demo():
    cache.clear()  # pages cached by an earlier test show another test's photos
    # The demo dates its articles back from the moment it runs; at a fixed hour (yesterday,
    # 15:00 in Hà Nội) the same articles fall on the same days, so the columns measured
    # below do not depend on the hour the suite runs at.
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    yesterday = timezone.now().astimezone(zone) - timedelta(days=1)
    with time_machine.travel(yesterday.replace(hour=15, minute=0), tick=True):
        # 18: the main portal keeps enough articles besides six featured ones for its
        # "Tin mới" beside the lead (the Tỉnh Đoàn's are on its own portal).
        call_command("load_demo", articles=18, verbosity=0)


def feature(count: int) -> None:
    """Exactly the `count` newest illustrated articles are featured (the lead and the rest)."""
    Article.objects.published().update(is_featured=False)
    published = Article.objects.shown_on(hosts.main_portal())  # the home page the test opens
    newest = published.filter(cover__isnull=False).order_by("-published_at")[:count]
    Article.objects.filter(pk__in=[article.pk for article in newest]).update(is_featured=True)
    cache.clear()


@pytest.mark.parametrize("featured", [4, 5, 6])
def test_the_featured_leave_no_orphan_at_desktop_or_phone_width(new_page, demo, featured):
    feature(featured)
    desktop = new_page(width=1366, height=900)
    desktop.goto("/")

    assert desktop.locator(".top-lead .card-large").count() == 1
    # The others in one full row across the page.
    assert desktop.evaluate(ROWS, ".featured-grid > .card") == [featured - 1]

    phone = new_page(width=390, height=844)
    phone.goto("/")
    # One per row on a phone: a list, each with its small picture.
    assert phone.evaluate(ROWS, ".featured-grid > .card") == [1] * (featured - 1)
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_no_column_of_the_home_page_runs_on_empty_at_1366(new_page, demo):
    feature(6)
    page = new_page(width=1366, height=900)
    page.goto("/")

    lead, latest = (page.evaluate(CONTENT_HEIGHT, s) for s in (".top-lead", ".top-side"))
    main, side = (page.evaluate(CONTENT_HEIGHT, s) for s in (".home-main", ".home-side"))
    assert abs(lead - latest) < 250, (lead, latest)
    # Since the Tỉnh Đoàn's articles went to its own portal, the demo's main portal has one
    # category block less (Hoạt động Đoàn): measured 838 against 1,444 (0.42).
    assert abs(main - side) < 0.45 * max(main, side), (main, side)
    # The category blocks' leads are small pictures, not the page-wide photo of old.
    widths = page.eval_on_selector_all(
        ".category-block .card-image img", "images => images.map(i => i.clientWidth)"
    )
    assert widths
    assert max(widths) <= 240


def test_the_reading_lists_sit_beside_the_article_on_a_desktop_and_after_it_on_a_phone(
    new_page, demo
):
    article = article_with_every_reading_list()
    desktop = new_page(width=1366, height=900)
    desktop.goto(article.get_absolute_url())
    body, side = desktop.evaluate(BOX, ".article"), desktop.evaluate(BOX, ".article-side")
    assert side["left"] >= body["right"]
    assert side["top"] < body["bottom"]
    for heading in ("Tin cùng chuyên mục", "Tin mới nhất", "Xem nhiều"):
        assert desktop.get_by_role("heading", name=heading, level=2).is_visible()
    assert desktop.locator(".article-meta .view-count").inner_text().endswith("lượt xem")

    phone = new_page(width=390, height=844)
    phone.goto(article.get_absolute_url())
    order = [
        phone.evaluate(BOX, selector)["top"]
        for selector in ("#article-content", "#section-heading", "#newest-heading",
                         "#most-read-heading")
    ]
    assert order == sorted(order)
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
