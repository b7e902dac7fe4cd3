"""The one place the data signals of the :class:`~.changes.ChangeBus` come from.

A thread of its own waits on the core's :class:`~sms_desktop.core.store.changes.ChangeFeed`
(the store records a version per aggregate wherever its data is written) and, for each
aggregate that moved, emits its signal on the main thread. So every change reaches every view,
whoever made it: this window's ops, a sync or a push receiver, a send, an import, or the CLI
in another process. Nothing that writes has to announce it; an op that ends only makes the
watcher look at once (:meth:`ChangeWatch.poke`) instead of at its next check.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import TYPE_CHECKING

from ..core.store import changes as aggregates

if TYPE_CHECKING:
    from ..core.store.changes import ChangeFeed
    from .context import AppContext

log = logging.getLogger(__name__)

WAIT = 1.0  # seconds per wait of the thread (it looks every ChangeFeed.interval meanwhile)


class ChangeWatch:
    def __init__(self, ctx: AppContext, interval: float | None = None) -> None:
        from ..core.store.changes import POLL_INTERVAL, ChangeFeed

        self.ctx = ctx
        self.feed: ChangeFeed = ChangeFeed(ctx.db, interval or POLL_INTERVAL)
        self._thread: threading.Thread | None = None
        self.emitted = 0  # batches of signals emitted
        self.told: dict[str, int] = {}  # the versions the views have been told of (main thread)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="change-watch", daemon=True)
            self._thread.start()

    def poke(self) -> None:
        """Thread-safe: look now (an op that may have written has ended)."""
        self.feed.poke()

    def stop(self) -> None:
        """End the thread (before the store closes). Idempotent."""
        self.feed.close()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def _run(self) -> None:
        try:
            self.feed.poll()  # what there is now: only later changes are news
            self.ctx.ops.post(functools.partial(self._emit, set(), self.feed.seen))
            while True:
                changed = self.feed.wait(WAIT)
                if changed:
                    self.ctx.ops.post(functools.partial(self._emit, changed, self.feed.seen))
                elif self.feed.closed:
                    return
        except Exception:  # the store closed under it, a broken file: no more notices
            if not self.feed.closed:
                log.exception("the change watcher stopped")

    def _emit(self, changed: set[str], versions: dict[str, int]) -> None:
        """On the main thread: the signal of each aggregate that moved."""
        if self.ctx.ops.closed:
            return
        self.told = versions
        bus = self.ctx.changes
        if aggregates.ACCOUNTS in changed:
            bus.accounts_changed.emit()
        if aggregates.CONTACTS in changed:
            bus.contacts_changed.emit()
        if aggregates.BLACKLIST in changed:
            bus.blacklist_changed.emit()
        if aggregates.JOBS in changed:
            bus.jobs_changed.emit(None)
        if aggregates.INBOX in changed:
            bus.inbox_changed.emit(None)
        if aggregates.BALANCES in changed:
            bus.balances_changed.emit({})  # readings stored: the views read them again
        if changed:
            self.emitted += 1
