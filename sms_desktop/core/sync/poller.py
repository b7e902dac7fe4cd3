"""Which accounts are due for a pull: the GUI's timer and the CLI ask :class:`Poller`."""

from __future__ import annotations

from .result import KINDS, SyncResult
from .syncer import Syncer

DEFAULT_POLL_INTERVAL = 300.0  # Poller: families without a vendor rule are polled this often


class Poller:
    """Decides which accounts are due for a pull; the GUI/CLI calls it from its own timer/worker.

    An account is due when every kind may be polled again: the vendor's minimum interval, but
    never more often than ``default_interval`` (for families without a rule). An account whose
    last sync stopped on a full page (more may be waiting: the bound on pages, or the vendor's
    interval) is due again as soon as the vendor's minimum interval allows (at once where there
    is none). Push accounts are never due (their pushes arrive at the receiver); :meth:`run_due`
    still re-parses their unfinished bodies.
    """

    def __init__(self, syncer: Syncer, default_interval: float = DEFAULT_POLL_INTERVAL) -> None:
        self.syncer = syncer
        self.default_interval = default_interval

    def interval(self, name: str) -> float:
        return max(self.syncer.interval(name), self.default_interval)

    def wait_for(self, name: str, now: float | None = None) -> float | None:
        """Seconds until the account is due (0 = now), or None for a push account."""
        if self.syncer.is_push(name):
            return None
        interval = self.interval(name)
        wait = max(self.syncer.wait_time(name, k, interval, now) for k in KINDS)
        for kind in KINDS:  # a backlog: due at the vendor's own interval
            if self.syncer.more_waiting(name, kind):
                wait = min(wait, self.syncer.wait_time(name, kind, None, now))
        return wait

    def due(self, now: float | None = None) -> list[str]:
        out = []
        for acct in self.syncer.accounts.list():
            wait = self.wait_for(acct.name, now)
            if wait is not None and wait <= 0:
                out.append(acct.name)
        return out

    def next_due_in(self, now: float | None = None) -> float | None:
        """Seconds until the next account is due (0 = one is due now), None if none ever is."""
        waits = [
            w
            for w in (self.wait_for(a.name, now) for a in self.syncer.accounts.list())
            if w is not None
        ]
        return min(waits) if waits else None

    def run_due(self, now: float | None = None) -> list[SyncResult]:
        """Sync the due accounts (and re-parse any unfinished body of the others)."""
        names = self.due(now)
        results = self.syncer.sync_all(names)
        others = self.syncer.reparse_pending()
        if others.new_reports or others.new_replies or others.errors:
            results.append(others)
        return results
