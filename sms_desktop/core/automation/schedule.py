"""When an automation rule runs: its schedule, in Beijing time whatever the PC's zone.

A schedule is a time of day (``HH:MM``, Beijing time) and the days it runs on:

* ``daily``; ``weekdays`` (Monday to Friday); ``weekly`` on one weekday (0 = Monday);
* ``monthly`` on the 1st, the 15th or the last day of the month (28, 29, 30 or 31);
* ``date``: a date-field rule runs every day at its time (who gets it that day is the
  rule's business, :mod:`.datefield`);

up to an end date (Beijing date, included), or for ever. All times here are naive Beijing
wall-clock times; :func:`beijing_now` gives the current one from the PC's clock.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..errors import InputError
from ..vendortime import to_beijing

DAILY = "daily"
WEEKDAYS = "weekdays"
WEEKLY = "weekly"
MONTHLY = "monthly"
DATE = "date"  # a date-field rule: every day, at its time
SCHEDULES = (DAILY, WEEKDAYS, WEEKLY, MONTHLY, DATE)
MONTH_DAYS = ("1", "15", "last")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

SCHEDULE_ZH = {
    DAILY: "每天",
    WEEKDAYS: "工作日（周一至周五）",
    WEEKLY: "每周",
    MONTHLY: "每月",
    DATE: "按日期字段",
}
WEEKDAY_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def beijing_now(clock: Callable[[], datetime] | None = None) -> datetime:
    """Now, Beijing wall-clock time (naive, to the second), from the PC's clock (``clock``: the
    PC's local time, as the engine's)."""
    local = clock() if clock is not None else datetime.now()
    return to_beijing(local).replace(microsecond=0)


def parse_clock(text: str) -> time:
    """``HH:MM`` (or ``H:MM``) as a time; InputError otherwise."""
    try:
        hh, mm = text.strip().split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise InputError(
            f"时间格式应为 HH:MM（北京时间）：{text!r} / The time must be HH:MM (Beijing time):"
            f" {text!r}"
        ) from None


@dataclass(frozen=True)
class Schedule:
    kind: str  # one of SCHEDULES
    at: time  # Beijing time of day
    weekday: int | None = None  # WEEKLY: 0 = Monday … 6 = Sunday
    month_day: str | None = None  # MONTHLY: "1", "15" or "last"
    end: date | None = None  # the last day it runs on (Beijing date), or None

    def check(self) -> Schedule:
        """The schedule itself, or InputError naming what is wrong."""
        if self.kind not in SCHEDULES:
            raise InputError(
                f"未知的周期：{self.kind}（可选 {', '.join(SCHEDULES)}） / Unknown schedule"
                f" {self.kind!r} (one of {', '.join(SCHEDULES)})"
            )
        if self.kind == WEEKLY and (self.weekday is None or not 0 <= self.weekday <= 6):
            raise InputError(
                "每周发送须指定星期几（1-7，周一为 1）。 / A weekly send needs its weekday (1-7,"
                " Monday is 1)."
            )
        if self.kind == MONTHLY and self.month_day not in MONTH_DAYS:
            raise InputError(
                "每月发送的日期只能是 1 日、15 日或月末（last）。 / A monthly send runs on the"
                " 1st, the 15th or the last day (last)."
            )
        return self

    def runs_on(self, day: date) -> bool:
        """Whether it runs on this (Beijing) day, the end date aside."""
        if self.kind in (DAILY, DATE):
            return True
        if self.kind == WEEKDAYS:
            return day.weekday() < 5
        if self.kind == WEEKLY:
            return day.weekday() == self.weekday
        if self.kind == MONTHLY:
            if self.month_day == "last":
                return day.day == calendar.monthrange(day.year, day.month)[1]
            return str(day.day) == self.month_day
        return False

    def runs_after(self, after: datetime) -> Iterator[datetime]:
        """Its run times strictly after ``after`` (Beijing), in order, up to the end date."""
        day = after.date()
        # a schedule runs at least once in 31 days (monthly): a year of days with none is an
        # end date passed
        for _ in range(800):
            if self.end is not None and day > self.end:
                return
            if self.runs_on(day):
                at = datetime.combine(day, self.at)
                if at > after:
                    yield at
            day += timedelta(days=1)

    def next_run(self, after: datetime) -> datetime | None:
        """The first run time strictly after ``after`` (Beijing), or None (past its end)."""
        return next(self.runs_after(after), None)

    def runs_between(self, after: datetime, until: datetime) -> list[datetime]:
        """The run times in (``after``, ``until``]: what fell due since ``after``."""
        out = []
        for at in self.runs_after(after):
            if at > until:
                break
            out.append(at)
        return out

    def describe(self) -> tuple[str, str]:
        """The schedule in Chinese and in English (``每月 月末 09:00（北京时间）``)."""
        clock = self.at.strftime("%H:%M")
        if self.kind == WEEKLY and self.weekday is not None:
            zh, en = f"每{WEEKDAY_ZH[self.weekday]}", f"every {WEEKDAY_EN[self.weekday]}"
        elif self.kind == MONTHLY:
            zh, en = {
                "1": ("每月 1 日", "monthly on the 1st"),
                "15": ("每月 15 日", "monthly on the 15th"),
                "last": ("每月最后一天", "monthly on the last day"),
            }.get(self.month_day or "", ("每月", "monthly"))
        else:
            zh = SCHEDULE_ZH[self.kind]
            en = {DAILY: "daily", WEEKDAYS: "on weekdays (Mon-Fri)", DATE: "daily"}.get(
                self.kind, self.kind
            )
        zh, en = f"{zh} {clock}（北京时间）", f"{en} at {clock} (Beijing time)"
        if self.end is not None:
            zh += f"，至 {self.end.isoformat()}"
            en += f", until {self.end.isoformat()}"
        return zh, en


def fmt(t: datetime) -> str:
    return t.strftime(TIME_FORMAT)


def parse(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT)
