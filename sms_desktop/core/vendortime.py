"""Vendor times are Beijing wall-clock time, both ways: converted here, at the gateway boundary.

The gateways' clocks are Beijing time (UTC+8, no daylight saving since 1991): ipyy ``sendTime``,
jsm ``sendtime``, txt112088 ``send_time``, and every time in a report or a reply, pushed or
pulled. The rest of the application (the journal, the scheduler, the inbox) keeps the PC's local
wall-clock time. Every family converts through the helpers here, and nowhere else:

* :func:`vendor_time_text` formats a send time for the gateway (a naive time is the PC's local
  time; an aware one is exact), so a send held locally and one the gateway schedules go out at
  the same moment;
* :func:`read_vendor_time` reads a report's or a reply's time (:func:`parse_vendor_time`, the
  Beijing wall clock) and gives the PC's local time, so the phone-and-time fallback of the sync
  compares it with the journal's own times;
* :func:`beijing_time` gives the Beijing time of a local one, for the clients to show beside it
  when the two differ (the scheduler, the confirmation, the CLI's estimate).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


def to_beijing(t: datetime) -> datetime:
    """The Beijing wall-clock time (naive) of ``t``: a naive ``t`` is the PC's local time."""
    return t.astimezone(BEIJING).replace(tzinfo=None)


def from_beijing(t: datetime) -> datetime | None:
    """The PC's local wall-clock time (naive) of ``t``, a Beijing wall-clock time (naive, or
    aware and then exact); None where the PC cannot convert it (out of its range)."""
    try:
        aware = t if t.tzinfo is not None else t.replace(tzinfo=BEIJING)
        return aware.astimezone().replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return None


def beijing_time(t: datetime) -> datetime | None:
    """The Beijing time of a local ``t`` when it reads differently, else None (the PC keeps
    Beijing time already): what a client shows beside the local time."""
    bj = to_beijing(t)
    return None if bj == t.replace(tzinfo=None) else bj


def local_and_beijing(t: datetime, fmt: str = "%Y-%m-%d %H:%M:%S") -> tuple[str, str]:
    """A local time as both clients show it, in Chinese and in English: the time, and beside
    it the Beijing time when the two differ (``2026-12-08 09:00:00（北京时间 2026-12-08
    22:00:00）``)."""
    shown = t.strftime(fmt)
    bj = beijing_time(t)
    if bj is None:
        return shown, shown
    return (
        f"{shown}（本机时间，北京时间 {bj.strftime(fmt)}）",
        f"{shown} (this computer's time; Beijing time {bj.strftime(fmt)})",
    )


def vendor_time_text(t: datetime, fmt: str) -> str:
    """A send time as the gateway reads it: ``t`` in Beijing time, formatted with ``fmt``."""
    return to_beijing(t).strftime(fmt)


def read_vendor_time(value: str | None) -> datetime | None:
    """A report's or a reply's time as the PC's local time, or None when it cannot be read
    for certain (:func:`parse_vendor_time`)."""
    t = parse_vendor_time(value)
    return None if t is None else from_beijing(t)


# A time a host appends to a record has a clock (2017-02-09 12:00:00) or is 14 digits: a bare
# date or number among appended values is no time.
_APPENDED_CLOCK_RE = re.compile(r"\d\s*[:：时]\s*\d|^\s*\d{14}\s*$")


def is_appended_time(value: str) -> bool:
    """Whether a value appended to a record (or ``name=value``'s value) is a time."""
    return bool(_APPENDED_CLOCK_RE.search(value)) and parse_vendor_time(value) is not None


def appended_time(values: Iterable[str]) -> datetime | None:
    """The first of a record's appended values that is a time (``name=value`` pairs are read
    by their value), as the PC's local time."""
    for item in values:
        value = item.split("=", 1)[-1]
        if is_appended_time(value):
            return read_vendor_time(value)
    return None


# A clock time, with optional seconds and fraction: 9:03, 09:03:01, 9时3分1秒, 22:12:11.123
_CLOCK = r"(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*(?:[:：]|分)\s*(\d{1,2})(?:\.\d+)?\s*秒?|\s*分)?"
_TIME_PART = rf"(?:(?:\s+|T|(?<=日)){_CLOCK})?"
_YEAR_FIRST_RE = re.compile(
    rf"^(\d{{4}})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*日?{_TIME_PART}$"
)
_YEAR_LAST_RE = re.compile(rf"^(\d{{1,2}})\s*[-/.]\s*(\d{{1,2}})\s*[-/.]\s*(\d{{4}}){_TIME_PART}$")
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$")
# AM/PM (a.m., p.m.) and the Chinese 上午/下午 (with 凌晨/早上 and 中午/晚上), anywhere
_MERIDIEM_RE = re.compile(
    r"(?<![A-Za-z])([AaPp])\.?\s*[Mm]\.?(?![A-Za-z])|上午|早上|凌晨|中午|下午|晚上"
)
_ZONE_RE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
_BEIJING = {"+08:00", "+0800"}


def _meridiem(value: str) -> tuple[str, str | None]:
    """The value without its AM/PM word, and "am", "pm", "noon" or None."""
    found = [m.group(0) for m in _MERIDIEM_RE.finditer(value)]
    if not found:
        return value, None
    kinds = set()
    for word in found:
        w = word.replace(".", "").replace(" ", "").lower()
        if w in ("am", "上午", "早上", "凌晨"):
            kinds.add("am")
        elif w == "中午":
            kinds.add("noon")
        else:
            kinds.add("pm")
    if len(kinds) != 1:
        return value, "?"
    return _MERIDIEM_RE.sub(" ", value), kinds.pop()


def _hour(hour: int, meridiem: str | None) -> int | None:
    if meridiem is None:
        return hour
    if not 0 <= hour <= 12:
        return hour if meridiem == "pm" and hour < 24 else None  # "13:00 PM" is still clear
    if meridiem == "am":
        return 0 if hour == 12 else hour
    if meridiem == "noon":  # 中午 11:30, 中午 12:30, 中午 1:30
        return hour + 12 if hour < 11 else hour
    return hour if hour == 12 else hour + 12


def parse_vendor_time(value: str | None) -> datetime | None:
    """A gateway's time, or None when it cannot be read *for certain* (never raises).

    Read: ``2015-06-08 11:21:46``, ``2015/6/8 9:05:00``, ``2015年6月8日 9时5分``,
    ``20150608112146``, ``2015-06-08T11:21:46.123`` (a ``+08:00`` zone is Beijing time, the
    gateways' clock), with AM/PM or 上午/下午 before or after the clock
    (``2016/1/5 下午 9:03:01`` is 21:03:01). With the year last, the order is month/day when an
    AM/PM is given (.NET's en-US ``1/5/2016 9:03:01 AM``) or when the day is above 12;
    ``05/01/2016 09:03`` (24-hour, both ≤ 12) could be either, so it is None, as is any other
    form: no time is better than a wrong one (it takes part in the duplicate check).
    """
    text = " ".join((value or "").split())
    if not text:
        return None
    zone = _ZONE_RE.search(text)
    if zone is not None and re.search(r"\d[T ]?\d{1,2}:\d{2}", text):
        if zone.group(0) not in _BEIJING:
            return None  # another zone: converting it is guesswork
        text = text[: zone.start()].strip()
    text, meridiem = _meridiem(text)
    if meridiem == "?":
        return None
    text = " ".join(text.split())
    m = _YEAR_FIRST_RE.match(text) or _COMPACT_RE.match(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        clock = m.groups()[3:]
    else:
        m = _YEAR_LAST_RE.match(text)
        if not m:
            return None
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        clock = m.groups()[3:]
        if a > 12 >= b:
            d, mo = a, b
        elif b > 12 >= a or a == b or meridiem is not None:
            mo, d = a, b  # month first: the only reading, or .NET en-US with AM/PM
        else:
            return None  # 05/01/2016: May 1st or January 5th
    if clock[0] is None:
        if meridiem is not None:
            return None  # "PM" with no clock to apply it to
        h, mi, sec = 0, 0, 0
    else:
        hour = _hour(int(clock[0]), meridiem)
        if hour is None:
            return None
        h, mi, sec = hour, int(clock[1]), int(clock[2] or 0)
    try:
        return datetime(y, mo, d, h, mi, sec)
    except ValueError:
        return None
