"""What the store keeps of balances, in ``settings``: the last one read, and the low-balance
threshold, per account.

``balance.last.<account>``: ``{"messages": …, "read_at": "YYYY-MM-DD HH:MM:SS"}`` (local time),
the last good reading; ``balance_threshold:<account>``: warn below this many messages (an empty
value: no threshold).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from . import settings
from .db import Database

LAST_KEY = "balance.last."
THRESHOLD_KEY = "balance_threshold:"


@dataclass(frozen=True)
class LastBalance:
    """The balance last read for an account (in messages), and when."""

    messages: float
    read_at: str  # local time, "YYYY-MM-DD HH:MM:SS"


def record(db: Database, name: str, messages: float, read_at: str | None = None) -> None:
    """Keep a good reading (``read_at``: now when not given)."""
    when = read_at or time.strftime("%Y-%m-%d %H:%M:%S")
    value = json.dumps({"messages": messages, "read_at": when})
    settings.put(db, LAST_KEY + name, value)


def last(db: Database, name: str) -> LastBalance | None:
    raw = settings.get(db, LAST_KEY + name)
    if raw is None:
        return None
    try:
        d = json.loads(raw)
        return LastBalance(float(d["messages"]), str(d["read_at"]))
    except (ValueError, KeyError, TypeError):
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
