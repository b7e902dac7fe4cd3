"""Which aggregates' data changed, whoever changed it: this process, another one (the CLI, a
scheduled ``run-due``), a sync, a push receiver, an import or a tool writing SQL.

Every write to an aggregate's tables bumps that aggregate's row in ``change_versions`` in the
same transaction: SQLite triggers do it where the data is written (schema V6), so no writer has
to announce anything. A reader keeps the versions it last saw and asks :meth:`ChangeFeed.poll`
what moved since. The check is cheap when nothing did: ``PRAGMA data_version`` first (it moves
only when another connection committed), the few version rows only then.

The interface is engine-neutral: a server database would bump the same rows and send a
notification (LISTEN/NOTIFY) that only wakes :meth:`ChangeFeed.wait`, which then reads the
versions the same way. Callers see aggregates' names, never how the store noticed.
"""

from __future__ import annotations

import threading

from .db import Database

# the aggregates whose changes are recorded (schema V6 keeps one row each)
ACCOUNTS = "accounts"
CONTACTS = "contacts"  # contacts and groups
BLACKLIST = "blacklist"
JOBS = "jobs"  # jobs and their recipients' states
INBOX = "inbox"  # replies and delivery reports
AGGREGATES = (ACCOUNTS, CONTACTS, BLACKLIST, JOBS, INBOX)

POLL_INTERVAL = 0.25  # seconds between checks in wait()


class ChangeFeed:
    """The aggregates that changed since the last look (Qt-free).

    Poll from one thread at a time: the store's connections are per thread, and
    ``data_version`` counts the commits of connections other than the one asking (a feed that
    is polled from another thread re-reads the versions once, then carries on)."""

    def __init__(self, db: Database, interval: float = POLL_INTERVAL) -> None:
        self.db = db
        self.interval = interval
        self._seen: dict[str, int] | None = None  # versions at the last look
        self._data_version: tuple[int, int] | None = None  # (connection id, data_version)
        self._wake = threading.Event()
        self._closed = False

    def versions(self) -> dict[str, int]:
        """Every aggregate's current version."""
        rows = self.db.read().execute("SELECT aggregate, version FROM change_versions")
        return {str(name): int(version) for name, version in rows}

    def poll(self) -> set[str]:
        """The aggregates whose version moved since the last call (the first call only looks:
        it returns an empty set)."""
        conn = self.db.read()
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
        while not self._closed:
            changed = self.poll()
            if changed or remaining <= 0:
                return changed
            step = min(self.interval, remaining)
            self._wake.wait(step)
            self._wake.clear()
            remaining -= step
        return set()

    def poke(self) -> None:
        """Look now (thread-safe): a write was just made in this process."""
        self._wake.set()

    def close(self) -> None:
        """End :meth:`wait` (thread-safe); the feed returns nothing more."""
        self._closed = True
        self._wake.set()

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def seen(self) -> dict[str, int]:
        """The versions at the last look (empty before the first)."""
        return dict(self._seen or {})
