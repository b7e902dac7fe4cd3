"""The vendor's minimum interval between two pulls, per account and kind.

The time of the last request is kept in ``settings`` under ``sync.last.<account>.<kind>``. It is
claimed (checked and written in one transaction) just before the request goes out, since the
vendor counts requests, answered or not, and restored when the request certainly never left.
Every page of a sync is claimed so (:mod:`.pages`), never forced after the first.

When a sync stopped on a full page (its bound on pages, or the interval), more may be waiting:
``sync.more.<account>.<kind>`` says so until a pull of that kind comes back short, and the
poller then makes the account due at the vendor's minimum interval.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..store import Database, settings


def last_poll_key(account: str, kind: str) -> str:
    return f"sync.last.{account}.{kind}"


def more_key(account: str, kind: str) -> str:
    return f"sync.more.{account}.{kind}"


def _as_float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def remaining(last: float | None, interval: float, now: float) -> float:
    """Seconds left of ``interval`` since ``last`` (0 = due)."""
    if interval <= 0 or last is None:
        return 0.0
    elapsed = now - last
    if elapsed < 0 or elapsed >= interval:  # a clock set back does not block forever
        return 0.0
    return interval - elapsed


class PollClock:
    """When each kind of an account was last requested, in the store."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def last(self, name: str, kind: str) -> float | None:
        return _as_float(settings.get(self.db, last_poll_key(name, kind)))

    def claim(
        self, name: str, kinds: Sequence[str], interval: float, now: float, force: bool
    ) -> dict[str, str | None]:
        """Atomically check the interval and record ``now`` as the last poll of each due kind.

        Returns {kind: previous value} for the kinds claimed. One transaction, so two windows or
        processes syncing at once cannot both pull within the interval.
        """
        claimed: dict[str, str | None] = {}
        with self.db.write():
            for kind in kinds:
                key = last_poll_key(name, kind)
                previous = settings.get(self.db, key)
                if not force and remaining(_as_float(previous), interval, now) > 0:
                    continue
                settings.put(self.db, key, f"{now:.3f}")
                claimed[kind] = previous
        return claimed

    def restore(self, name: str, kind: str, value: str | None) -> None:
        """Put back the last-poll value a claim replaced (the request never left)."""
        key = last_poll_key(name, kind)
        if value is None:
            settings.delete(self.db, key)
        else:
            settings.put(self.db, key, value)

    def more(self, name: str, kind: str) -> bool:
        """The last sync of this kind stopped on a full page: more may be waiting."""
        return settings.get(self.db, more_key(name, kind)) is not None

    def set_more(self, name: str, kind: str, more: bool) -> None:
        key = more_key(name, kind)
        if more:
            settings.put(self.db, key, "1")
        elif settings.get(self.db, key) is not None:
            settings.delete(self.db, key)
