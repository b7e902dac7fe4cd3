"""One run's bookkeeping: the transactions a :class:`~.runner.JobRunner` writes to the store
(each batch's transition, the commit that lets a batch leave, a refused write retried) and
the progress it reports (:class:`Tally`).

The steps each transaction takes are :mod:`.journal`'s; the runner decides when.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..gateways import Outcome, SendResult
from ..guard import BatchGuard
from ..store import Connection, Database
from ..store import messages as store_messages
from ..sync import rematch_reports
from . import journal, lease
from .journal import Batch, BookkeepingFailed, Plan
from .model import MsgState, Progress

log = logging.getLogger(__name__)
_T = TypeVar("_T")


@dataclass
class Sent:
    """What became of one batch's request, to be recorded."""

    batch: Batch
    res: SendResult | None  # None: the request certainly never left
    attempts: int
    status: str  # "done", "failover" or "stop"
    why: str = ""  # why it was not sent
    plan: Plan | None = None  # the outcome, once worked out
    staged: bool = False  # the outcome is stored on the batch row, not yet on its recipients

    @property
    def size(self) -> int:
        return len(self.batch.phones)


class Tally:
    """A run's recipients by state, kept up to date with each transaction, so a progress event
    costs no query (a GROUP BY over 100k recipients per batch took 11 ms on the sending
    thread), and the events themselves. Without a ``progress`` sink it keeps nothing."""

    def __init__(
        self, db: Database, job_id: int, progress: Callable[[Progress], None] | None
    ) -> None:
        self.job_id = job_id
        self.progress = progress
        self._lock = threading.Lock()
        self.counts: dict[str, int] = dict(store_messages.counts(db, job_id)) if progress else {}

    def move(self, moves: Iterable[tuple[str, str]]) -> None:
        """Record recipients changing state (from, to)."""
        if not self.progress:
            return
        counted = Counter(moves)  # a batch's moves are mostly one (from, to): counted in C
        with self._lock:
            for (old, new), k in counted.items():
                self.counts[old] = self.counts.get(old, 0) - k
                self.counts[new] = self.counts.get(new, 0) + k

    def emit(self, event: str, detail: str = "") -> None:
        if self.progress:
            with self._lock:
                counts = {k: v for k, v in self.counts.items() if v}
            total = sum(counts.values())
            done = total - counts.get(MsgState.QUEUED, 0) - counts.get(MsgState.SENDING, 0)
            try:
                self.progress(Progress(self.job_id, total, done, counts, event, detail))
            except Exception:  # a broken progress sink must not stop a send
                log.exception("progress callback failed")


class RunBooks:
    """The transactions of one job's run, each retried when the store refuses it."""

    def __init__(
        self,
        db: Database,
        job_id: int,
        tally: Tally,
        *,
        record_pay_type: Callable[[str, str], None],
        plan: Callable[[Batch, SendResult], Plan],
        on_error: Callable[[str], None],
        sleep: Callable[[float], None],
        guard: BatchGuard | None = None,
        lease: lease.Runner | None = None,
    ) -> None:
        """``plan``: each recipient's outcome from a reply (the runner's, which knows whether
        it may fail over); ``on_error(why)``: sets the run's error, when a write failed for good;
        ``guard``: the compliance guard (the caps screen each batch journalled); ``lease``:
        the job's, checked in each transaction (None: a runner of its own, in tests)."""
        self.db = db
        self.job_id = job_id
        self.tally = tally
        self.record_pay_type = record_pay_type
        self.plan = plan
        self.on_error = on_error
        self.sleep = sleep
        self.guard = guard
        self.lease = lease
        self._pay_types: dict[str, str] = {}  # per account, as send replies showed it

    def write(self, what: tuple[str, str], body: Callable[[Connection], _T]) -> _T:
        """One write transaction, retried when the store refuses it (locked, disk full …).

        Raises BookkeepingFailed after the last attempt (the job's error then says why); the
        transaction was rolled back.
        """
        try:
            return journal.write_retried(
                self.db,
                what,
                body,
                sleep=self.sleep,
                retrying=lambda detail: self.tally.emit("retry", detail),
                job_id=self.job_id,
            )
        except BookkeepingFailed as exc:
            self.failed(str(exc))
            raise

    def transition(
        self,
        sents: Sequence[Sent],
        take: Callable[[], Batch | None] | None,
        release: Sequence[Batch] = (),
    ) -> Batch | None:
        """One transaction: record ``sents``, put ``release`` back in the queue, and journal the
        next batch (``ready``). Returns that batch, or None when there is none."""
        # What reads the store before the transaction (the queue's next page, the caps'
        # counts) may fail (a lost connection): the outcomes in ``sents`` are recorded all the
        # same, the next batch is not journalled, and the run stops as for a failed write (the
        # job stays resumable; its batch stays queued).
        unread: Exception | None = None
        nxt = lately = None
        try:
            nxt = take() if take is not None else None
            # the counts the caps need (checked again under the lock if need be)
            if nxt is not None and self.guard is not None:
                lately = journal.prepare(self.db, self.guard, nxt)
        except Exception as exc:
            log.exception("job %s: reading the queue or the caps' counts", self.job_id)
            unread, nxt = exc, None
        if not sents and not release and nxt is None and unread is None:
            return None  # nothing to record
        moves: list[tuple[str, str]] = []
        # the per-recipient work is done before the transaction, not while holding the lock
        plans = [x.plan or self.plan(x.batch, x.res) if x.res is not None else None for x in sents]

        # a rolled-back attempt (a deadlock, a lock wait, a lost connection) may have screened
        # or entered a batch: the next attempt starts from the batches as they were
        touched = [x.batch for x in sents] + list(release) + ([nxt] if nxt is not None else [])
        before = [(b, b.saved()) for b in touched]

        def body(c: Connection) -> None:
            moves.clear()
            for b, was in before:
                b.restore(was)
            self._check_lease(c)
            for x, plan in zip(sents, plans, strict=True):
                moves.extend(journal.record(c, x.batch, x.res, x.attempts, x.why, plan, x.staged))
            for b in release:
                moves.extend(journal.release(c, b))
            if nxt is not None:
                if self.guard is not None:
                    moves.extend(journal.screen(c, self.guard, nxt, lately))
                moves.extend(journal.enter(c, self.job_id, nxt))

        self.write(("发送结果", "a batch's outcome"), body)
        self.tally.move(moves)
        for x in sents:
            if x.res is not None:
                self._rematch(x.batch)
                if x.res.pay_type:  # the reply shows how the account pays (ipyy: postpaid)
                    self._keep_pay_type(x.batch.account, x.res.pay_type)
        for x in sents:
            if x.res is not None:
                self.tally.emit(
                    "batch", f"{x.batch.account}: {x.res.count(Outcome.ACCEPTED)}/{x.size}"
                )
        if unread is not None:
            failed = BookkeepingFailed(
                f"读取发送队列失败：{unread}", f"reading the send queue failed: {unread}"
            )
            self.failed(str(failed))
            raise failed
        return nxt

    def _keep_pay_type(self, account: str, pay_type: str) -> None:
        """Store the pay type a send reply showed (a remainpoint below zero: postpaid), once per
        account and run; the send goes on when the store refuses it (the balance tab asks)."""
        if self._pay_types.get(account) == pay_type:
            return
        try:
            self.record_pay_type(account, pay_type)
        except Exception:
            log.exception("keeping the pay type of %s", account)
        else:
            self._pay_types[account] = pay_type

    def _rematch(self, b: Batch) -> None:
        """A report that came in while the batch was sending is matched to it now."""
        try:
            settled = rematch_reports(self.db, b.account, b.message_ids)
        except Exception:  # the next sync matches it again; the send goes on
            log.exception("matching stored reports after batch %s", b.batch_id)
        else:
            mine = (x for x in settled if x["job_id"] == self.job_id)
            self.tally.move((x["previous_state"], x["state"]) for x in mine)

    def _check_lease(self, c: Connection) -> None:
        """In a journal transaction: stop (LeaseLost, rolling it back) when another runner took
        the job over."""
        if self.lease is not None:
            lease.check(c, self.job_id, self.lease)

    def mark_leaving(self, b: Batch, received: Sequence[Sent] = ()) -> bool:
        """Commit the batch as ``sending`` just before its request leaves (one row), with the
        outcome of the ``received`` batches, whose replies are in, on their own rows. In the
        same transaction, the batch's numbers blacklisted since it was journalled (an opt-out
        received anywhere, by any PC) are skipped: they never leave. A batch left with no
        number is not sent (``b.phones`` empty)."""
        staging = [x for x in received if x.res is not None and not x.staged]

        def body(c: Connection) -> tuple[bool, list[int]]:
            self._check_lease(c)
            for x in staging:
                assert x.res is not None and x.plan is not None
                journal.record_reply(c, x.batch, x.res, x.attempts, x.plan, staged=True)
            dropped = journal.drop_blacklisted(c, b)
            if len(dropped) == len(b.message_ids):
                return True, dropped  # nothing left to send: record() settles the batch
            return journal.leave(c, b), dropped

        ok, dropped = self.write(("发送日志", "the journal"), body)
        if dropped:
            gone = set(dropped)
            kept = [(m, p) for m, p in zip(b.message_ids, b.phones, strict=True) if m not in gone]
            b.message_ids = [m for m, _ in kept]
            b.phones = [p for _, p in kept]
            self.tally.move([(MsgState.SENDING, MsgState.SKIPPED)] * len(dropped))
            log.info(
                "job %s: %d numbers of batch %s blacklisted since it was journalled: skipped",
                self.job_id,
                len(dropped),
                b.batch_id,
            )
        b.leaving = ok and bool(b.phones)
        for x in staging:
            x.staged = True
        return ok

    def failed(self, why: str) -> None:
        """A write failed for good: the run's error, and an event saying so."""
        self.on_error(why)
        self.tally.emit("error", why)
