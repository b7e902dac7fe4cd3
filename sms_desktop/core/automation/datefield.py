"""The dates of a contact group's date column (生日, 到期日), as Excel forms give them, and who
has a date on a given day.

Read (:func:`parse_date`):

* a date cell, as the importer stores it (``1990-05-17``, or ``1990-05-17 08:30:00`` for a
  cell with a time: :func:`~sms_desktop.core.contacts.columns.cell_text`);
* ``1990-05-17``, ``1990/5/17``, ``1990.5.17``, ``1990年5月17日``;
* ``5月17日`` (no year: good for a birthday, not for a full date);
* ``19900517``.

Anything else (``17/5/1990``, ``5/17``, a bare number such as an Excel serial ``32980``, a
day that does not exist) is unreadable: listed with its contact, never guessed.

**Feb 29.** A yearly date (a birthday) on Feb 29 falls on Feb 28 in a year without one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_YEAR_FIRST = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")
_LEAP_YEAR = 2000  # checks a month and day without a year (Feb 29 exists)

FEB29_ZH = "2月29日的日期在非闰年按2月28日发送。"
FEB29_EN = "A Feb 29 date goes out on Feb 28 in years without one."


@dataclass(frozen=True)
class FieldDate:
    """A date read from a field: ``year`` None when the value had none (``5月17日``)."""

    year: int | None
    month: int
    day: int

    def on(self, day: date, yearly: bool) -> bool:
        """Whether this date falls on ``day``: by month and day when ``yearly`` (Feb 29 on Feb
        28 in a non-leap year), else the full date (a date without a year never does)."""
        if not yearly:
            return self.year is not None and (self.year, self.month, self.day) == (
                day.year,
                day.month,
                day.day,
            )
        if (self.month, self.day) == (day.month, day.day):
            return True
        return (
            (self.month, self.day) == (2, 29)
            and (day.month, day.day) == (2, 28)
            and not calendar.isleap(day.year)
        )


def parse_date(value: object) -> FieldDate | None:
    """A field's date, or None when it cannot be read for certain (never raises)."""
    text = " ".join(str(value if value is not None else "").split())
    if not text:
        return None
    m = _YEAR_FIRST.match(text) or _COMPACT.match(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        try:
            date(y, mo, d)
        except ValueError:
            return None
        return FieldDate(y, mo, d)
    m = _MONTH_DAY.match(text)
    if m:
        mo, d = int(m.group(1)), int(m.group(2))
        try:
            date(_LEAP_YEAR, mo, d)
        except ValueError:
            return None
        return FieldDate(None, mo, d)
    return None


def unreadable_reason(value: object, yearly: bool) -> tuple[str, str] | None:
    """Why a field's value gives no date for a rule (Chinese, English), or None when it does:
    empty, unreadable, or (a full-date rule) without a year."""
    text = str(value if value is not None else "").strip()
    if not text:
        return "日期为空", "no date"
    found = parse_date(text)
    if found is None:
        return "无法识别的日期", "unreadable date"
    if not yearly and found.year is None:
        return "日期缺少年份", "the date has no year"
    return None
