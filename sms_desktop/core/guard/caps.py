"""The guard where it touches the store: what each number was sent lately (the frequency caps),
counted for the confirmation and enforced by the engine at each batch, with the marketing
window, through :class:`BatchGuard`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from ..contacts.recipients import SkipReason
from ..store import messages as store_messages
from .rules import Caps, JobKind, MarketingWindow, day_start

if TYPE_CHECKING:
    from ..store import Connection, Database

log = logging.getLogger(__name__)

# recipients whose request left (or may have): what a number was sent, and what keeps its
# ``sent_at`` (the journal clears it for the rejected ones, certainly not sent, and for those
# back in the queue; skipped ones were never tried)
SENT_STATES = ("sending", "accepted", "delivered", "undelivered", "unknown")
STAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # as messages.sent_at holds it (to the millisecond)


def _stamp(t: datetime) -> str:
    return t.strftime(STAMP_FORMAT)[:-3]


def sent_lately(
    c: Connection,
    phones: Sequence[str],
    now: datetime,
    caps: Caps | None = None,
    kind: str | None = None,
) -> dict[str, tuple[int, int, int]]:
    """Per number that got anything this week (Beijing days): (today, today's marketing, this
    week's marketing), from every job and account but test sends. Given ``caps`` (and the
    ``kind`` of the send, else both kinds), only the numbers one more message may put over a cap
    come back (the others are left in the store: a batch's check reads what it needs)."""
    day = _stamp(day_start(now))
    if caps is None:
        return store_messages.sent_counts(
            c, phones, since=_stamp(day_start(now, Caps.WEEK_DAYS - 1)), day_start=day,
            marketing=JobKind.MARKETING,
        )  # fmt: skip
    marketing = kind != JobKind.NOTICE  # a notification meets the daily cap of any kind only
    return store_messages.sent_counts(
        c,
        phones,
        since=_stamp(day_start(now, Caps.WEEK_DAYS - 1 if caps.marketing_week else 0)),
        day_start=day,
        marketing=JobKind.MARKETING,
        day_at_least=caps.any_day or None,
        marketing_day_at_least=(caps.marketing_day or None) if marketing else None,
        marketing_at_least=(caps.marketing_week or None) if marketing else None,
    )


@dataclass
class CapCount:
    """How many of a job's numbers one more message of ``kind`` would put over a cap, by the
    first cap each breaks; ``sample``: a few of them."""

    kind: str
    by_rule: dict[str, int] = field(default_factory=dict)
    sample: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_rule.values())

    def as_dict(self, caps: Caps) -> dict[str, object]:
        return {
            "numbers": self.total,
            "by_rule": dict(self.by_rule),
            "caps": caps.as_dict(),
            "sample": list(self.sample),
        }


def count_capped(
    db: Database, phones: Sequence[str], caps: Caps, now: datetime
) -> dict[str, CapCount]:
    """For the confirmation: per kind, how many of ``phones`` a send now would skip."""
    lately = sent_lately(db.read(), phones, now, caps)
    out = {k: CapCount(k) for k in JobKind.ALL}
    for phone, counts in lately.items():
        for kind, found in out.items():
            rule = caps.exceeded(kind, *counts)
            if rule:
                found.by_rule[rule] = found.by_rule.get(rule, 0) + 1
                if len(found.sample) < 20:
                    found.sample.append(phone)
    return out


@dataclass
class Lately:
    """What a batch's numbers were sent lately, read before the write lock is taken, and the
    journal's epoch it was read at."""

    epoch: int
    counts: dict[str, tuple[int, int, int]]


class BatchGuard:
    """The guard of one running job, asked by the runner at each batch: whether the marketing
    window has closed (:meth:`closed`), and which of the batch's numbers a cap now stops
    (:meth:`screen`, inside the transaction that journals the batch, so two jobs never both
    take a number's last allowed message).

    The counts are read before the transaction (:meth:`prepare`), so the write lock, which the
    job's other requests wait for as they leave, is not held for them; under the lock they are
    used when no other job journalled a batch meanwhile (``cap_epoch``), and read again when
    one did.
    """

    def __init__(
        self,
        kind: str,
        caps: Caps | None,
        window: MarketingWindow | None,
        clock: Callable[[], datetime],
    ) -> None:
        self.kind = kind
        self.caps = caps  # None: no caps (a test send)
        self.window = window  # None: not held by the window (a notification, or overridden)
        self.clock = clock
        self.seconds = 0.0  # time spent on the caps, and its CPU time (the benchmark reads them)
        self.cpu_seconds = 0.0
        self.locked_seconds = 0.0  # of which under the write lock
        self.batches = 0
        self.rechecks = 0  # counts read again under the lock (another job journalled meanwhile)
        self.skipped = 0

    def closed(self) -> datetime | None:
        """The window's next opening (the PC's local time) when it is closed now, else None."""
        if self.window is None:
            return None
        return self.window.opening_after(self.clock())

    def _counts(self, c: Connection, phones: Sequence[str]) -> Lately:
        epoch = store_messages.cap_epoch(c)  # first: a later journal entry makes it stale
        return Lately(epoch, sent_lately(c, phones, self.clock(), self.caps, self.kind))

    def prepare(self, c: Connection, phones: Sequence[str]) -> Lately | None:
        """Before the write transaction: the counts of the batch's numbers."""
        if self.caps is None or not phones:
            return None
        t0, cpu0 = time.perf_counter(), time.thread_time()
        try:
            return self._counts(c, phones)
        finally:
            self.seconds += time.perf_counter() - t0
            self.cpu_seconds += time.thread_time() - cpu0

    def screen(
        self,
        c: Connection,
        message_ids: Sequence[int],
        phones: Sequence[str],
        stamp: str,
        lately: Lately | None = None,
    ) -> list[int]:
        """In the write transaction that journals a batch: its recipients a cap stops now are
        skipped with the reason 频次限制 (code ``frequency``). Returns the positions (in the
        batch) of those skipped. ``lately``: the counts :meth:`prepare` read."""
        if self.caps is None or not phones:
            return []
        t0, cpu0 = time.perf_counter(), time.thread_time()
        try:
            # the epoch's row locked first: another transaction journalling counted recipients
            # (another job, on this PC or another) waits for this one's commit, and then counts
            # again, this batch included
            epoch = store_messages.cap_epoch(c, lock=True)
            if lately is None or lately.epoch != epoch:
                if lately is not None:
                    self.rechecks += 1
                lately = self._counts(c, phones)  # under the row's lock: the same epoch
            stopped: dict[str, list[int]] = {}
            for i, phone in enumerate(phones):
                counts = lately.counts.get(phone)
                if counts is None:
                    continue
                rule = self.caps.exceeded(self.kind, *counts)
                if rule:
                    stopped.setdefault(rule, []).append(i)
            for rule, positions in stopped.items():
                store_messages.skip_ids(
                    c,
                    [message_ids[i] for i in positions],
                    "queued",
                    "skipped",
                    self.caps.reason(rule),
                    SkipReason.FREQUENCY,
                    stamp,
                )
            out = sorted(i for positions in stopped.values() for i in positions)
            if len(out) < len(phones):
                store_messages.bump_cap_epoch(c)  # the others are journalled now
            self.skipped += len(out)
            return out
        finally:
            spent = time.perf_counter() - t0
            self.seconds += spent
            self.locked_seconds += spent
            self.cpu_seconds += time.thread_time() - cpu0
            self.batches += 1
