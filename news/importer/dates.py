"""Dates as old portals print them, read as Vietnam time.

    "21/03/2019"                     date only (kept at 00:00)
    "15/09/2023 08:30:00AM"          date-time, 12-hour clock
    "Thứ Hai, 21/03/2019 - 08:30"    weekday, date, time
    "08:30 21-3-2019", "8h30 ngày 21.3.2019", "Ngày 21 tháng 3 năm 2019"
    "2019-03-21T08:30:00+07:00"      ISO (HTML meta tags)
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from .text_tools import fold

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

_DATE_RE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})(?!\d)"
)
_WORDY_DATE_RE = re.compile(
    r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+nam\s+(?P<y>\d{4})(?!\d)"
)
_ISO_DATE_RE = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_TIME_RE = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2})\s*(?::|h|gio)\s*(?P<min>\d{2})(?:\s*:\s*(?P<s>\d{2}))?"
    r"(?:\s*(?P<half>am|pm|a\.m\.|p\.m\.|sa|ch)\b)?(?![\d:])"
)
# Words that may surround a date on a "date line" and carry no other meaning.
_FILLER_RE = re.compile(
    r"\b(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat|cn|t[2-7]|ngay\s+dang|dang\s+ngay"
    r"|cap\s+nhat(?:\s+luc)?|dang\s+luc|ngay\s+cap\s+nhat|xuat\s+ban|ngay|luc|vao\s+luc|gio"
    r"|gmt\s*[+-]?\s*\d{1,2}(?::?\d{2})?|utc\s*[+-]?\s*\d{1,2}|sang|chieu|toi|trua"
    r"|posted|on|at|date|time|luot\s+xem\s*:?\s*\d*)\b"
)


@dataclass(frozen=True)
class FoundDate:
    value: datetime  # aware, Asia/Ho_Chi_Minh
    has_time: bool


def _valid_date(year: int, month: int, day: int) -> date | None:
    if not 1945 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _time(match) -> time | None:
    hour, minute = int(match["h"]), int(match["min"])
    second = int(match["s"]) if match["s"] else 0
    half = (match["half"] or "").replace(".", "")
    if half in ("pm", "ch") and hour < 12:
        hour += 12
    elif half in ("am", "sa") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _first_date(folded: str):
    """(date, match) of the first date in `folded`, trying each written shape."""
    found = []
    for pattern in (_DATE_RE, _WORDY_DATE_RE, _ISO_DATE_RE):
        for match in pattern.finditer(folded):
            value = _valid_date(int(match["y"]), int(match["m"]), int(match["d"]))
            if value is not None:
                found.append((match.start(), value, match))
                break
    if not found:
        return None, None
    _, value, match = min(found, key=lambda item: item[0])
    return value, match


def find_date(text: str) -> FoundDate | None:
    """The first date in `text` with the time written next to it, if any."""
    folded = fold(text)
    day, match = _first_date(folded)
    if day is None:
        return None
    rest = folded[: match.start()] + " " * (match.end() - match.start()) + folded[match.end():]
    clock = None
    for time_match in _TIME_RE.finditer(rest):
        clock = _time(time_match)
        if clock is not None:
            break
    value = datetime.combine(day, clock or time(0, 0), tzinfo=VIETNAM)
    return FoundDate(value, clock is not None)


def is_date_line(text: str) -> bool:
    """True for a line that only gives a date (and time), like "15/09/2023 08:30:00AM"."""
    folded = fold(text)
    day, match = _first_date(folded)
    if day is None:
        return False
    rest = folded[: match.start()] + " " + folded[match.end():]
    rest = _TIME_RE.sub(" ", rest)
    rest = _FILLER_RE.sub(" ", rest)
    return not re.sub(r"[\s,;:|/()\[\]\-–—.]+", "", rest)


def parse_iso(value: str) -> FoundDate | None:
    """A meta tag's "2019-03-21T08:30:00+07:00" (or without zone: Vietnam time)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return find_date(value)
    if not 1945 <= parsed.year <= 2100:
        return None
    has_time = "T" in value or ":" in value
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VIETNAM)
    return FoundDate(parsed.astimezone(VIETNAM), has_time)
