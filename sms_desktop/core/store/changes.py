"""Which aggregates' data changed, whoever changed it: this process, another one (the CLI, a
scheduled ``run-due``), a sync, a push receiver, an import or a tool writing SQL.

Every write to an aggregate's tables bumps that aggregate's version in ``change_versions`` in
the same transaction: triggers do it where the data is written (schema V6), so no writer has to
announce anything. A reader keeps the versions it last saw and asks :meth:`ChangeFeed.poll`
what moved since.

* **SQLite** (this PC's file): the check is cheap when nothing moved: ``PRAGMA data_version``
  first (it moves only when another connection committed), the few version rows only then;
  :meth:`ChangeFeed.wait` looks every ``interval``.
* **PostgreSQL** (an office server, other PCs writing): the triggers also send a notification
  at commit. :meth:`ChangeFeed.wait` listens for it on a connection of its own (the store's
  :meth:`~.base.Database.change_listener`) and takes it as a hint only: it then reads the
  version rows, which say what moved. A notification can be lost (the connection drops), so
  the rows are read again after every reconnect, and at each call of :meth:`~ChangeFeed.wait`.
  A lost connection is waited out, not fatal: the versions missed meanwhile are still told.

Callers see aggregates' names, never how the store noticed.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .base import Connection, Database, is_transient

# the aggregates whose changes are recorded (schema V6 keeps one row each)
ACCOUNTS = "accounts"
CONTACTS = "contacts"  # contacts and groups
BLACKLIST = "blacklist"
JOBS = "jobs"  # jobs and their recipients' states
INBOX = "inbox"  # replies and delivery reports
BALANCES = "balances"  # the last balance read of each account (schema V7)
AGGREGATES = (ACCOUNTS, CONTACTS, BLACKLIST, JOBS, INBOX, BALANCES)

POLL_INTERVAL = 0.25  # seconds between checks in wait()
# the table of the versions: each store's own bookkeeping, not data (a copy of the store leaves
# it out: the target keeps its own, which the copy's writes move)
TABLE = "change_versions"
# the versions: a sum, as PostgreSQL keeps a row per aggregate and writing session
VERSIONS = f"SELECT aggregate, SUM(version) FROM {TABLE} GROUP BY aggregate"


@contextmanager
def one_bump(c: Connection, table: str, aggregate: str) -> Iterator[None]:
    """In a SQLite write transaction: a bulk write to ``table`` bumps ``aggregate``'s version
    once instead of once per row (SQLite's triggers run per row).

    The table's change triggers are dropped for the block and made again from their own stored
    text at its end, in the same transaction: no other connection ever sees the table without
    them (an error rolls the whole transaction back, the drop included), and the readers learn
    of the change at the commit, as they would have. A bump per row cost a 100,000-row import
    0.1-0.16 s of the writer's time (a quarter of its inserts).
    """
    triggers = c.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
        " AND substr(name, 1, ?) = ?",
        (table, len(table) + 9, f"{table}_changes_"),
    ).fetchall()
    c.execute("UPDATE change_versions SET version = version + 1 WHERE aggregate = ?", (aggregate,))
    for name, _ in triggers:
        c.execute(f'DROP TRIGGER "{name}"')
    done = False
    try:
        yield
        done = True
    finally:
        try:
            for _, sql in triggers:
                c.execute(sql)
        except sqlite3.Error:
            if done:  # else the block's own error is the one to see (it rolls back)
                raise


class ChangeFeed:
    """The aggregates that changed since the last look (Qt-free).

    Poll and wait from one thread at a time: the store's connections are per thread, and
    ``data_version`` counts the commits of connections other than the one asking (a feed that
    is polled from another thread re-reads the versions once, then carries on)."""

    def __init__(self, db: Database, interval: float = POLL_INTERVAL) -> None:
        self.db = db
        self.interval = interval
        self._seen: dict[str, int] | None = None  # versions at the last look
        self._data_version: tuple[int, int] | None = None  # (connection id, data_version)
        self._wake = threading.Event()
        self._closed = False
        self._listener = db.change_listener()  # None: SQLite, which polls
        self.reconnects = 0  # times the store's connection was lost and waited out

    def versions(self) -> dict[str, int]:
        """Every aggregate's current version."""
        rows = self.db.read().execute(VERSIONS)
        return {str(name): int(version) for name, version in rows}

    def poll(self) -> set[str]:
        """The aggregates whose version moved since the last call (the first call only looks:
        it returns an empty set)."""
        conn = self.db.read()
        if conn.dialect.sqlite:
            stamp = (id(conn), int(conn.execute("PRAGMA data_version").fetchone()[0]))
            if stamp == self._data_version and self._seen is not None:
                return set()  # no other connection committed: nothing can have moved
            self._data_version = stamp
        now = self.versions()
        before, self._seen = self._seen, now
        if before is None:
            return set()
        return {name for name, version in now.items() if before.get(name) != version}

    def wait(self, timeout: float) -> set[str]:
        """Block up to ``timeout`` seconds until an aggregate changes; its names (empty on a
        timeout, or once :meth:`close` was called). :meth:`poke` makes it look at once."""
        remaining = timeout
        look = True  # read the versions (always first: a notification may have been lost)
        while not self._closed:
            if look:
                try:
                    changed = self.poll()
                except Exception as exc:
                    if not is_transient(exc):
                        raise
                    changed = set()  # the server is out of reach: wait, look again later
                    self.reconnects += 1
                    self._wake.wait(min(self.interval * 4, max(remaining, 0)))
                if changed or remaining <= 0:
                    return changed
            step = min(self.interval, remaining)
            if self._listener is None:
                self._wake.wait(step)
                look = True
            else:  # a notification, a poke or a new connection (notifications lost) say look
                look = self._listener.wait(step) or self._wake.is_set()
            self._wake.clear()
            remaining -= step
        return set()

    def poke(self) -> None:
        """Look now (thread-safe): a write was just made in this process."""
        self._wake.set()

    def close(self) -> None:
        """End :meth:`wait` (thread-safe, within ``interval``); the feed returns nothing more."""
        self._closed = True
        self._wake.set()

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def seen(self) -> dict[str, int]:
        """The versions at the last look (empty before the first)."""
        return dict(self._seen or {})
