"""Vendor times (issue 7, item 6): AM/PM and 上午/下午 read right; an ambiguous form is None,
never a wrong time. Properties checked with Hypothesis."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sms_desktop.core.gateways.base import parse_vendor_time

SETTINGS = settings(max_examples=300, deadline=None)
TIMES = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda t: t.replace(microsecond=0)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/5/2016 9:03:01 AM", datetime(2016, 1, 5, 9, 3, 1)),
        ("1/5/2016 9:03:01 PM", datetime(2016, 1, 5, 21, 3, 1)),
        ("12/31/2016 12:00:00 AM", datetime(2016, 12, 31, 0, 0, 0)),
        ("12/31/2016 12:30:00 PM", datetime(2016, 12, 31, 12, 30, 0)),
        ("2016/1/5 下午 9:03:01", datetime(2016, 1, 5, 21, 3, 1)),
        ("2016/1/5 上午 9:03:01", datetime(2016, 1, 5, 9, 3, 1)),
        ("2016-01-05 下午9:03", datetime(2016, 1, 5, 21, 3)),
        ("2015年6月8日 9时5分", datetime(2015, 6, 8, 9, 5)),
        ("13/5/2016 10:00:00", datetime(2016, 5, 13, 10, 0, 0)),  # only one reading
        ("5/13/2016 10:00:00", datetime(2016, 5, 13, 10, 0, 0)),
        ("2016-01-05T09:03:01+08:00", datetime(2016, 1, 5, 9, 3, 1)),
        ("2011-12-02 22:12:11", datetime(2011, 12, 2, 22, 12, 11)),
        ("20111202221211", datetime(2011, 12, 2, 22, 12, 11)),
        # ambiguous or contradictory: nothing rather than a wrong time
        ("05/01/2016 09:03:01", None),
        ("2016/1/5 13:03:01 AM", None),
        ("2016-01-05T09:03:01Z", None),
        ("2016/1/5 下午", None),
        ("9:03:01 PM", None),
    ],
)
def test_vendor_time_forms(text: str, expected: datetime | None) -> None:
    assert parse_vendor_time(text) == expected


def _twelve(t: datetime) -> tuple[int, bool]:
    return (t.hour % 12 or 12), t.hour >= 12


@SETTINGS
@given(TIMES)
def test_every_unambiguous_rendering_reads_back_exactly(t: datetime) -> None:
    h12, pm = _twelve(t)
    forms = [
        t.strftime("%Y-%m-%d %H:%M:%S"),
        f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}:{t.second:02d}",
        t.strftime("%Y%m%d%H%M%S"),
        t.strftime("%Y-%m-%dT%H:%M:%S"),
        # .NET en-US and zh-CN renderings of DateTime.ToString()
        f"{t.month}/{t.day}/{t.year} {h12}:{t.minute:02d}:{t.second:02d} {'PM' if pm else 'AM'}",
        f"{t.year}/{t.month}/{t.day} {'下午' if pm else '上午'} {h12}:{t.minute:02d}:{t.second:02d}",
        f"{t.year}年{t.month}月{t.day}日 {t.hour}时{t.minute}分{t.second}秒",
    ]
    for form in forms:
        assert parse_vendor_time(form) == t, form


@SETTINGS
@given(TIMES)
def test_day_first_24_hour_is_right_or_none(t: datetime) -> None:
    """en-GB style d/M/yyyy: read when only one reading exists, else None; never wrong."""
    got = parse_vendor_time(f"{t.day:02d}/{t.month:02d}/{t.year} {t:%H:%M:%S}")
    if t.day > 12 or t.day == t.month:
        assert got == t
    else:
        assert got is None


@SETTINGS
@given(st.text(max_size=40))
def test_any_text_is_a_datetime_or_none(text: str) -> None:
    value = parse_vendor_time(text)
    assert value is None or isinstance(value, datetime)
