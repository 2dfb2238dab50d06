"""The date line of the header ("Thứ Hai, 07/12/2026", pages/date_line.py): the portal's
time zone, and never a stale day on a page served from the page cache."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pages.date_line import next_midnight

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def date_line(response) -> str:
    html = response.content.decode()
    start = html.index('<p class="site-date">')
    return html[start : html.index("</p>", start)]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 12, 7, 8, 0, tzinfo=HANOI), "Thứ Hai, 07/12/2026"),
        (datetime(2026, 12, 12, 23, 59, tzinfo=HANOI), "Thứ Bảy, 12/12/2026"),
        (datetime(2026, 12, 13, 0, 0, tzinfo=HANOI), "Chủ Nhật, 13/12/2026"),
        # 17:30 UTC on the 8th is already the 9th in Hà Nội.
        (datetime(2026, 12, 8, 17, 30, tzinfo=ZoneInfo("UTC")), "Thứ Tư, 09/12/2026"),
    ],
)
def test_weekday_and_date_in_the_portals_time_zone(client, moment, expected):
    with time_machine.travel(moment, tick=False):
        line = date_line(client.get("/"))
    assert expected in line
    assert f'<time datetime="{moment.astimezone(HANOI).date().isoformat()}">' in line


def test_a_cached_page_shows_the_new_day_after_midnight(client):
    with time_machine.travel(datetime(2026, 12, 7, 23, 58, tzinfo=HANOI), tick=False) as clock:
        first = client.get("/tin-tuc/")
        assert first["X-Page-Cache"] == "miss"
        assert "Thứ Hai, 07/12/2026" in date_line(first)
        clock.move_to(datetime(2026, 12, 7, 23, 59, 59, tzinfo=HANOI))
        again = client.get("/tin-tuc/")
        assert again["X-Page-Cache"] == "hit"  # the page is cached…
        assert "Thứ Hai, 07/12/2026" in date_line(again)

        clock.move_to(datetime(2026, 12, 8, 0, 0, 1, tzinfo=HANOI))
        after_midnight = client.get("/tin-tuc/")

    assert after_midnight["X-Page-Cache"] == "miss"  # …but not past its day
    assert "Thứ Ba, 08/12/2026" in date_line(after_midnight)


def test_a_page_rendered_in_the_last_second_of_the_day_is_not_kept(client):
    with time_machine.travel(datetime(2026, 12, 7, 23, 59, 59, 500000, tzinfo=HANOI), tick=False):
        client.get("/")
        assert client.get("/")["X-Page-Cache"] == "miss"


def test_next_midnight_is_in_the_portals_time_zone():
    now = datetime(2026, 12, 31, 15, 0, tzinfo=HANOI)
    assert next_midnight(now) == datetime(2027, 1, 1, tzinfo=HANOI)

