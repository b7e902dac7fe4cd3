"""What the store keeps of balances, in ``settings``: the last one read, and the low-balance
threshold, per account.

``balance.last.<account>``: ``{"messages": …, "read_at": "YYYY-MM-DD HH:MM:SS", "pay_type": …}``
(local time), the last good reading and how the account pays as the gateway reported it
(``"prepaid"``, ``"postpaid"`` or null; a postpaid account keeps no figure: ``messages`` null);
``balance_threshold:<account>``: warn below this many messages (an empty value: no threshold).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from . import settings
from .base import Database

LAST_KEY = "balance.last."
THRESHOLD_KEY = "balance_threshold:"


POSTPAID = "postpaid"


@dataclass(frozen=True)
class LastBalance:
    """The balance last read for an account (in messages), and when; how the account pays.

    A postpaid account (``pay_type`` "postpaid", from a balance reply or a send reply) has no
    messages-left figure: ``messages`` is None, and nothing warns of a low balance.
    """

    messages: float | None
    read_at: str  # local time, "YYYY-MM-DD HH:MM:SS"
    pay_type: str | None = None  # "prepaid" / "postpaid" as the gateway reported it

    @property
    def postpaid(self) -> bool:
        return self.pay_type == POSTPAID


def record(
    db: Database,
    name: str,
    messages: float | None,
    read_at: str | None = None,
    *,
    pay_type: str | None = None,
) -> None:
    """Keep a good reading (``read_at``: now when not given) and the pay type it showed."""
    when = read_at or time.strftime("%Y-%m-%d %H:%M:%S")
    if pay_type == POSTPAID:
        messages = None
    value = json.dumps({"messages": messages, "read_at": when, "pay_type": pay_type})
    settings.put(db, LAST_KEY + name, value)


def record_pay_type(db: Database, name: str, pay_type: str) -> None:
    """Keep how an account pays, as a send reply showed it; the last figure read stays unless
    the account is postpaid. One read and one write: inside the caller's transaction when one
    is open on this thread."""
    with db.write():
        before = last(db, name)
        messages = None if pay_type == POSTPAID or before is None else before.messages
        when = before.read_at if before is not None else None
        record(db, name, messages, when, pay_type=pay_type)


def last(db: Database, name: str) -> LastBalance | None:
    raw = settings.get(db, LAST_KEY + name)
    if raw is None:
        return None
    try:
        d = json.loads(raw)
        messages, pay_type = d.get("messages"), d.get("pay_type")
        if messages is None and pay_type != POSTPAID:
            return None
        return LastBalance(
            None if messages is None else float(messages),
            str(d["read_at"]),
            None if pay_type is None else str(pay_type),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def forget(db: Database, name: str) -> None:
    """Drop the last reading (the account is removed)."""
    settings.delete(db, LAST_KEY + name)


def threshold(db: Database, name: str) -> int | None:
    raw = settings.get(db, THRESHOLD_KEY + name)
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def set_threshold(db: Database, name: str, value: int | None) -> None:
    settings.put(db, THRESHOLD_KEY + name, "" if value is None else str(int(value)))
