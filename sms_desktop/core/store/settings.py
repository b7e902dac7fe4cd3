"""The ``settings`` table's SQL: one text value per key.

The keys are the callers' (``optout.keywords``, ``sync.last.<account>.<kind>``, the balances of
:mod:`.balances` …). Each function is a transaction of its own, or joins the caller's when one is
open on this thread (``with db.write():``), so a read-and-write of several keys can be atomic.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .base import Connection


class Database(Protocol):
    """What these functions need of :class:`.base.Database` (which calls them)."""

    def read(self) -> Connection: ...

    def write(self) -> AbstractContextManager[Connection]: ...


def get(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.read().execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
    return default if row is None else str(row[0])


def put(db: Database, key: str, value: str) -> None:
    with db.write() as c:
        c.execute(
            "INSERT INTO settings(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )


def delete(db: Database, key: str) -> None:
    with db.write() as c:
        c.execute("DELETE FROM settings WHERE key=?", (key,))
