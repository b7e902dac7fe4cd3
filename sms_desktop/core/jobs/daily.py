"""Daily figures: per day and per account, over the last days, how many recipients were sent to,
how many of them were delivered, and what they cost.

* **sent**: recipients a request was made for that day (the day their batch left, as the journal
  has it), whatever came of it (accepted, rejected, unknown);
* **delivered**: of those, the ones whose delivery report said delivered (so far);
* **cost**: the parts (条) of those the gateway accepted, the way the vendors bill: a message of
  more than 70 characters is several parts; a refused or unknown send is not counted. It is
  counted from the journal, not read from the vendor's bill.

Both clients show it: the 统计 tab (a chart and its table) and ``sms-desktop-cli stats``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from ..store import Database
from ..store import messages as store_messages
from .model import MsgState

DAYS = 30
SENT = (
    MsgState.ACCEPTED,
    MsgState.DELIVERED,
    MsgState.UNDELIVERED,
    MsgState.REJECTED,
    MsgState.UNKNOWN,
)


@dataclass(frozen=True)
class DayFigure:
    day: str  # YYYY-MM-DD, local
    account: str
    sent: int
    delivered: int
    parts: int  # the cost: parts of the recipients the gateway accepted


@dataclass
class DailyFigures:
    first_day: str
    last_day: str
    rows: list[DayFigure]  # by day, then account; days without sends are left out

    @property
    def days(self) -> list[str]:
        """Every day of the period, oldest first."""
        first = date.fromisoformat(self.first_day)
        n = (date.fromisoformat(self.last_day) - first).days + 1
        return [(first + timedelta(days=i)).isoformat() for i in range(n)]

    @property
    def accounts(self) -> list[str]:
        return sorted({r.account for r in self.rows})

    def per_day(self, account: str | None = None) -> list[DayFigure]:
        """One figure per day of the period (zeros for a day without sends), of one account or
        all of them added up (``account`` None)."""
        found: dict[str, list[int]] = {d: [0, 0, 0] for d in self.days}
        for r in self.rows:
            if account is None or r.account == account:
                f = found[r.day]
                f[0] += r.sent
                f[1] += r.delivered
                f[2] += r.parts
        return [DayFigure(d, account or "", *f) for d, f in found.items()]

    def totals(self, account: str | None = None) -> DayFigure:
        days = self.per_day(account)
        return DayFigure(
            f"{self.first_day}..{self.last_day}",
            account or "",
            sum(d.sent for d in days),
            sum(d.delivered for d in days),
            sum(d.parts for d in days),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day,
            "last_day": self.last_day,
            "cost_unit": "parts",
            "rows": [asdict(r) for r in self.rows],
        }


def daily_figures(db: Database, days: int = DAYS, today: date | None = None) -> DailyFigures:
    """The last ``days`` days up to ``today`` (local), per day and account."""
    last = today or date.today()
    first = last - timedelta(days=max(1, days) - 1)
    rows = store_messages.daily(
        db, first.isoformat(), SENT, MsgState.DELIVERED, MsgState.ACCEPTED_LIKE
    )
    figures = [
        DayFigure(day, account or "", int(sent), int(delivered or 0), int(parts or 0))
        for day, account, sent, delivered, parts in rows
        if day <= last.isoformat()
    ]
    figures.sort(key=lambda r: (r.day, r.account))
    return DailyFigures(first.isoformat(), last.isoformat(), figures)
