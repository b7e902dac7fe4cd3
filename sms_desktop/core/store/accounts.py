"""The ``accounts`` table's SQL: one row per gateway account, everything but its secrets.

Rows go in and out as the values of :data:`COLUMNS`, in that order; :mod:`..accounts` turns them
into :class:`~..accounts.Account` objects. Passwords and the jsm veryCode are never here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import Database, Row

COLUMNS = (
    "name",
    "family",
    "base_url",
    "username",
    "userid",
    "verycode",
    "charset",
    "password_hash",
    "signature",
    "batch_size",
    "extno",
    "connect_timeout",
    "read_timeout",
    "options",
    "hold_locally",
    "concurrency",
    "rate_per_second",
)


def insert(db: Database, values: Sequence[Any], *, replace: bool = False) -> None:
    """One new row (``values`` in :data:`COLUMNS` order); ``replace`` overwrites one of that
    name. Raises the store's ``IntegrityError`` when the name exists and ``replace`` is False."""
    sql = f"INSERT INTO accounts({', '.join(COLUMNS)}) VALUES({', '.join('?' for _ in COLUMNS)})"
    if replace:
        sql += " ON CONFLICT(name) DO UPDATE SET " + ", ".join(
            f"{col}=excluded.{col}" for col in COLUMNS[1:]
        )
    with db.write() as c:
        c.execute(sql, list(values))


def update(db: Database, values: Sequence[Any]) -> None:
    """Every column but the name of the row named ``values[0]``."""
    cols = COLUMNS[1:]
    with db.write() as c:
        c.execute(
            f"UPDATE accounts SET {', '.join(f'{col}=?' for col in cols)} WHERE name=?",
            [*values[1:], values[0]],
        )


def get(db: Database, name: str) -> Row | None:
    row: Row | None = db.read().execute("SELECT * FROM accounts WHERE name=?", (name,)).fetchone()
    return row


def all_rows(db: Database) -> list[Row]:
    """Every account's row, by name."""
    return list(db.read().execute("SELECT * FROM accounts ORDER BY name").fetchall())


def delete(db: Database, name: str) -> None:
    with db.write() as c:
        c.execute("DELETE FROM accounts WHERE name=?", (name,))


def set_options(db: Database, name: str, options: str) -> None:
    """The account's options (a JSON object)."""
    with db.write() as c:
        c.execute("UPDATE accounts SET options=? WHERE name=?", (options, name))
