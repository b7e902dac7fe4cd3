"""One job's run: its queued recipients cut into batches, up to ``concurrency`` requests in
flight per account, each batch journalled before its request leaves, its outcome recorded after.

A runner sees its engine only through a :class:`GatewayPool` (each account's gateway, in-flight
slots and rate limiter, shared by every job of the engine), the store, and a ``sleep``.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import Any, TypeVar

from ..accounts import Account, AccountStore
from ..errors import InputError, NotSentError, ProtocolError
from ..gateways import Gateway, Outcome, RecipientResult, SendResult, Template
from ..gateways.base import first_balanced
from ..guard import BatchGuard
from ..store import Connection, Database, Row
from ..store import jobs as store_jobs
from ..store import messages as store_messages
from ..sync import rematch_reports
from . import journal, lease
from .journal import Batch, BookkeepingFailed, Plan
from .model import (
    NOT_SENT_BACKOFF,
    NOT_SENT_RETRIES,
    JobControl,
    JobState,
    MsgState,
    Progress,
)

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class RateLimiter:
    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        delay = start - time.monotonic()
        if delay > 0:
            time.sleep(delay)


Limits = tuple[threading.Semaphore, RateLimiter]


class GatewayPool:
    """Each account's gateway and limits (in-flight slots, rate), made on first use and shared
    by every job of one engine: what a runner may ask of its engine."""

    def __init__(self, accounts: AccountStore, factory: Callable[[str], Gateway]) -> None:
        self.accounts = accounts
        self._factory = factory
        self._gateways: dict[str, Gateway] = {}
        self._limits: dict[str, Limits] = {}
        self._lock = threading.Lock()

    def account(self, name: str) -> Account:
        return self.accounts.get(name)

    def gateway(self, account: str) -> Gateway:
        with self._lock:
            gw = self._gateways.get(account)
            if gw is None:
                gw = self._factory(account)
                self._gateways[account] = gw
            return gw

    def limits(self, account: str) -> Limits:
        """The account's in-flight slots and rate limiter."""
        with self._lock:
            lim = self._limits.get(account)
            if lim is None:
                acct = self.accounts.get(account)
                lim = (
                    threading.BoundedSemaphore(max(1, acct.concurrency)),
                    RateLimiter(acct.rate_per_second),
                )
                self._limits[account] = lim
            return lim

    def record_pay_type(self, account: str, pay_type: str) -> None:
        """Keep how the account pays, as a send reply showed it."""
        self.accounts.record_pay_type(account, pay_type)

    def forget(self, account: str) -> None:
        """Drop the account's gateway and limits: the next job makes them afresh."""
        with self._lock:
            # not closed here: a request of a running job may still use its session
            self._gateways.pop(account, None)
            self._limits.pop(account, None)


_ID, _PHONE, _TEXT = itemgetter(0), itemgetter(1), itemgetter(2)  # queued_page's row
QUEUED_PAGE = 5000  # queued recipients read at a time


class _Cutter:
    """A job's queued recipients cut into batches as they are read, text by text, with the
    gateway's rule (:meth:`Gateway.batches`: as few requests as the limit allows, balanced).

    A text's batches are cut while its buffer holds two requests' worth or more, each the size
    the balanced cut of everything still queued gives its first batch; the rest of each text is
    cut, balanced, when all is read. With one text (a message without fields: the usual large
    job) ``remaining`` is that text's own count, and the batches are exactly those of
    ``Gateway.batches`` over the whole job (1,005 at a limit of 1,000: 503 + 502). With several,
    ``remaining`` overstates a text's count: its batches never exceed the limit and none is
    under half of it unless the text has fewer numbers, but there may be more of them than a
    cut of that text alone would make."""

    def __init__(self, gw: Gateway, account: str, remaining: int) -> None:
        self.gw = gw
        self.account = account
        self.remaining = remaining  # queued and not yet cut, all texts
        self.buf: dict[str, tuple[list[int], list[str]]] = {}

    def add(self, text: str, ids: list[int], phones: list[str]) -> Iterator[Batch]:
        bi, bp = self.buf.setdefault(text, ([], []))
        bi.extend(ids)
        bp.extend(phones)
        limit = self.gw.request_limit(bp, text)
        while len(bp) >= 2 * limit:
            left = max(self.remaining, len(bp))
            size = first_balanced(left, limit)
            yield Batch(self.account, text, bi[:size], bp[:size])
            del bi[:size], bp[:size]
            self.remaining = left - size

    def rest(self) -> Iterator[Batch]:
        for text, (bi, bp) in self.buf.items():
            start = 0
            for chunk in self.gw.batches(bp, text):
                yield Batch(self.account, text, bi[start : start + len(chunk)], chunk)
                start += len(chunk)
        self.buf.clear()


@dataclass
class _Sent:
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


class JobRunner:
    """Runs one job: builds batches, keeps up to ``concurrency`` requests in flight."""

    def __init__(
        self,
        db: Database,
        pool: GatewayPool,
        job: Row,
        acct: Account,
        gateway_send_at: datetime | None,
        control: JobControl,
        progress: Callable[[Progress], None] | None,
        sleep: Callable[[float], None] = time.sleep,
        guard: BatchGuard | None = None,
        lease: lease.Runner | None = None,
    ) -> None:
        self.db = db
        # the compliance guard, asked at each batch: the marketing window (a closed window
        # halts the run like a pause, and the job is held until ``held_until``) and the
        # frequency caps (a batch's capped recipients are skipped as it is journalled)
        self.guard = guard
        self.held_until: datetime | None = None
        self.pool = pool
        # the job's lease, checked in each of the journal's transactions (None: a runner of its
        # own, in tests of the runner alone)
        self.lease = lease
        self._pay_types: dict[str, str] = {}  # per account, as send replies showed it
        self.sleep = sleep
        self.job_id: int = job["id"]
        self.primary = acct
        self.backup: str | None = job["backup_account"]
        self.send_at = gateway_send_at
        self.control = control
        self.progress = progress
        self.failed_over = False
        self.error: str | None = None
        self._stop = threading.Event()  # set by any slot: the others stop after their request
        self._failover = False
        self._lock = threading.Lock()
        # Counts by state, kept up to date with each transaction, so a progress event costs no
        # query (a GROUP BY over 100k recipients per batch took 11 ms on the sending thread).
        self.tally: dict[str, int] = (
            dict(store_messages.counts(db, self.job_id)) if progress else {}
        )
        self.template_id: str | None = job["template_id"]
        self.extno: str | None = job["extno"] or None

    def _move(self, moves: Iterable[tuple[str, str]]) -> None:
        """Record recipients changing state (from, to) in the progress tally."""
        if not self.progress:
            return
        counted = Counter(moves)  # a batch's moves are mostly one (from, to): counted in C
        with self._lock:
            for (old, new), k in counted.items():
                self.tally[old] = self.tally.get(old, 0) - k
                self.tally[new] = self.tally.get(new, 0) + k

    def _emit(self, event: str, detail: str = "") -> None:
        if self.progress:
            with self._lock:
                counts = {k: v for k, v in self.tally.items() if v}
            total = sum(counts.values())
            done = total - counts.get(MsgState.QUEUED, 0) - counts.get(MsgState.SENDING, 0)
            try:
                self.progress(Progress(self.job_id, total, done, counts, event, detail))
            except Exception:  # a broken progress sink must not stop a send
                log.exception("progress callback failed")

    def _queued_batches(self, account: str) -> Iterator[Batch]:
        """The queued recipients, read a page at a time and cut by the gateway's batching rule
        (:class:`_Cutter`) as they come: the first request leaves after one page is read, not
        after all 100,000 recipients are read and sorted (0.3 s at the start of each run)."""
        span = store_messages.id_span(self.db, self.job_id)
        if span is None:
            return
        queued = store_messages.counts(self.db, self.job_id).get(MsgState.QUEUED, 0)
        cutter = _Cutter(self.pool.gateway(account), account, queued)
        after, last = span[0] - 1, span[1]
        while True:
            rows = store_messages.queued_page(
                self.db, self.job_id, MsgState.QUEUED, after, last, QUEUED_PAGE
            )
            if rows:
                after = rows[-1][0]
            # each text of the page once (a merge field with a few values interleaves them):
            # runs of one text column by column (itemgetter, map), no Python step per recipient
            by_text: dict[str, tuple[list[int], list[str]]] = {}
            for text, group in itertools.groupby(rows, key=_TEXT):
                members = list(group)
                ids, phones = by_text.setdefault(text, ([], []))
                ids.extend(map(_ID, members))
                phones.extend(map(_PHONE, members))
            for text, (ids, phones) in by_text.items():
                yield from cutter.add(text, ids, phones)
            if len(rows) < QUEUED_PAGE:
                break
        yield from cutter.rest()

    def run(self) -> tuple[str, str | None]:
        # after a failover in an earlier run, go on with the backup
        if self.backup and store_jobs.has_batch_on(self.db, self.job_id, self.backup):
            self.failed_over = True
        while True:
            account = self.backup if (self.failed_over and self.backup) else self.primary.name
            outcome = self._run_account(account)
            if outcome == "failover" and self.backup and not self.failed_over:
                self.failed_over = True
                self._emit("failover", self.backup)
                continue
            break
        if self.control.cancelled:
            self.write(
                ("取消", "the cancel"), lambda c: journal.skip_queued_as_cancelled(c, self.job_id)
            )
            return JobState.CANCELLED, None
        counts = store_messages.counts(self.db, self.job_id)
        if counts.get(MsgState.SENDING, 0):
            # outcomes that could not be recorded: the job stays resumable, never "done"
            return JobState.INTERRUPTED, self.error
        if counts.get(MsgState.QUEUED, 0):
            if self.held_until is not None:
                return JobState.HELD, None
            if self.control.paused:
                return JobState.PAUSED, None
            return JobState.INTERRUPTED, self.error
        return JobState.DONE, self.error

    def _run_account(self, account: str) -> str:
        """Send all queued batches through one account. Returns "done", "failover" or "stop".

        Each of the account's ``concurrency`` slots runs a pipeline (:meth:`_slot`); one
        bookkeeping thread does the slots' transactions, each while a request is in flight (on
        PostgreSQL, a second one records the outcomes beside it).
        """
        acct = self.pool.account(account)
        workers = max(1, acct.concurrency)
        batches = self._queued_batches(account)  # read as the journal thread takes them
        take_lock = threading.Lock()
        self._stop = threading.Event()
        self._failover = False

        def take() -> Batch | None:
            with take_lock:
                if self._halted():
                    return None
                return next(batches, None)

        gw = self.pool.gateway(account)
        limits = self.pool.limits(account)
        # where the store takes two writers at once (PostgreSQL), a batch's outcome is recorded
        # on a thread of its own while the next batch is journalled (on SQLite one transaction
        # does both: its writes take turns anyway)
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal") as book,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="outcomes") as outcomes,
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"send-{account}") as ex,
        ):
            rec = outcomes if self.db.concurrent_writes else book
            for f in [ex.submit(self._slot, gw, limits, take, book, rec) for _ in range(workers)]:
                f.result()  # _slot handles its own errors; this only waits for it
        if self.held_until is not None and not self.control.cancelled:
            self._emit("held", self.held_until.strftime("%Y-%m-%d %H:%M:%S"))
        elif self.control.paused and not self.control.cancelled and not self._stop.is_set():
            self._emit("paused")  # a paused run returns; resume() starts it again
        if self._failover and self.backup and not self.failed_over:
            return "failover"
        return "stop" if self._stop.is_set() else "done"

    def _halted(self) -> bool:
        return (
            self._stop.is_set()
            or self.control.cancelled
            or self.control.paused
            or self._window_closed()
        )

    def _window_closed(self) -> bool:
        """The marketing window has closed: no batch leaves until it opens again."""
        if self.held_until is None and self.guard is not None:
            self.held_until = self.guard.closed()
        return self.held_until is not None

    # ---- one slot: a pipeline of batches -----------------------------------------------------
    def _slot(
        self,
        gw: Gateway,
        limits: Limits,
        take: Callable[[], Batch | None],
        book: ThreadPoolExecutor,
        rec: ThreadPoolExecutor,
    ) -> None:
        """Send batches one after another; the journal of the next overlaps the request.

        A batch is journalled ``ready`` (with its recipients ``sending``) before its turn. When
        its turn comes, a cheap commit marks it ``sending`` (the journal-first rule) and stores
        the outcome of this slot's previous batch on that batch's row, in compact form (one
        entry per distinct outcome); only then one transaction, done by ``book`` while the
        request is in flight, writes that outcome to the recipients and journals the slot's next
        batch: the per-recipient work stays off the request path. Where the store takes two
        writers at once (PostgreSQL) those are two transactions at once, the outcome's on the
        outcomes' thread; the slot waits for both before its next batch leaves. A crash at any point leaves
        unknown only the batches whose reply had not come in (at most one per slot): a stored
        outcome is applied by :meth:`Engine.recover`, and a ``ready`` batch never left, so its
        recipients go back to the queue.
        """
        try:
            cur = book.submit(self._transition, (), take).result()
            prev: list[_Sent] = []  # the outcome still to be recorded
            while cur is not None:
                ahead: list[Future[Batch | None]] = []

                def leaving(prev: list[_Sent] = prev, ahead: list[Any] = ahead) -> None:
                    # cur is committed as sending: record the last outcome and journal the
                    # next batch while its request is out
                    if rec is book or not prev:
                        ahead.append(book.submit(self._transition, list(prev), take))
                    else:  # two transactions at once: the next batch's, the outcome's
                        ahead.append(book.submit(self._transition, [], take))
                        ahead.append(rec.submit(self._transition, list(prev), None))
                    prev.clear()

                sent = self._send(gw, limits, cur, leaving, prev)
                if sent.res is not None:  # on this thread, so that the next leaving stores it
                    sent.plan = self._plan(sent.batch, sent.res)
                if sent.why == "empty":  # nothing left in it to send: on to the next one
                    prev.append(sent)
                    cur = book.submit(self._transition, list(prev), take).result()
                    prev.clear()
                    continue
                nxt = None
                # the next batch journalled and the last outcome recorded (or the run stopping)
                # before the next batch leaves, whether one transaction did both or two
                for k, f in enumerate(ahead):
                    try:
                        got = f.result()
                    except BookkeepingFailed:
                        self._stop.set()
                    else:
                        nxt = got if k == 0 else nxt
                prev.append(sent)
                if sent.status != "done" or nxt is None or self._halted():
                    book.submit(self._transition, prev, None, [nxt] if nxt else []).result()
                    return
                cur = nxt
        except BookkeepingFailed:
            self._stop.set()  # what could not be recorded is settled when the run ends
        except Exception as exc:  # a bug in our own code: stop, and let it be seen
            log.error("batch worker failed", exc_info=exc)
            self.error = f"{type(exc).__name__}: {exc}"
            self._stop.set()

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
                retrying=lambda detail: self._emit("retry", detail),
                job_id=self.job_id,
            )
        except BookkeepingFailed as exc:
            self.error = str(exc)
            self._emit("error", self.error)
            raise

    def _transition(
        self,
        sents: Sequence[_Sent],
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
        plans = [x.plan or self._plan(x.batch, x.res) if x.res is not None else None for x in sents]

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
        self._move(moves)
        for x in sents:
            if x.res is not None:
                self._rematch(x.batch)
                if x.res.pay_type:  # the reply shows how the account pays (ipyy: postpaid)
                    self._keep_pay_type(x.batch.account, x.res.pay_type)
        for x in sents:
            if x.res is not None:
                self._emit("batch", f"{x.batch.account}: {x.res.count(Outcome.ACCEPTED)}/{x.size}")
        if unread is not None:
            failed = BookkeepingFailed(
                f"读取发送队列失败：{unread}", f"reading the send queue failed: {unread}"
            )
            self.error = str(failed)
            self._emit("error", self.error)
            raise failed
        return nxt

    def _keep_pay_type(self, account: str, pay_type: str) -> None:
        """Store the pay type a send reply showed (a remainpoint below zero: postpaid), once per
        account and run; the send goes on when the store refuses it (the balance tab asks)."""
        if self._pay_types.get(account) == pay_type:
            return
        try:
            self.pool.record_pay_type(account, pay_type)
        except Exception:
            log.exception("keeping the pay type of %s", account)
        else:
            self._pay_types[account] = pay_type

    def _rematch(self, b: Batch) -> None:
        """A report may have come in while the batch was sending (issue 7, item 1)."""
        try:
            settled = rematch_reports(self.db, b.account, b.message_ids)
        except Exception:  # the next sync matches it again; the send goes on
            log.exception("matching stored reports after batch %s", b.batch_id)
        else:
            mine = (x for x in settled if x["job_id"] == self.job_id)
            self._move((x["previous_state"], x["state"]) for x in mine)

    def _check_lease(self, c: Connection) -> None:
        """In a journal transaction: stop (LeaseLost, rolling it back) when another runner took
        the job over."""
        if self.lease is not None:
            lease.check(c, self.job_id, self.lease)

    def _mark_leaving(self, b: Batch, received: Sequence[_Sent] = ()) -> bool:
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
            self._move([(MsgState.SENDING, MsgState.SKIPPED)] * len(dropped))
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

    # ---- one batch ---------------------------------------------------------------------------
    def _send(
        self,
        gw: Gateway,
        limits: Limits,
        b: Batch,
        leaving: Callable[[], None],
        received: Sequence[_Sent] = (),
    ) -> _Sent:
        """Send one journalled batch. Never raises: the result says what is certain.

        ``leaving`` is called once, after the batch is committed as ``sending`` (together with
        the outcome of the ``received`` batches) and before its request leaves."""
        if not b.phones:
            return _Sent(b, None, 0, "done", "empty")
        template = None
        text = b.text
        if self.template_id:
            template = Template(self.template_id, json.loads(b.text))
            text = ""
        slot, limiter = limits
        delay = NOT_SENT_BACKOFF
        attempt = 0
        while True:
            attempt += 1
            try:
                with slot:  # at most `concurrency` requests in flight per account, all jobs
                    if not b.leaving:
                        if self._halted():  # paused, cancelled or stopped: it never leaves
                            return _Sent(b, None, attempt, "stop", "halted")
                        if not self._mark_leaving(b, received):
                            return _Sent(b, None, attempt, "stop", "journal changed")
                        leaving()
                        if not b.phones:  # every number blacklisted meanwhile: nothing leaves
                            return _Sent(b, None, attempt, "done", journal.ALL_BLACKLISTED)
                    # the rate is kept on the wire: the limiter comes after the journal's
                    # commit, whose time varies, right before the request leaves
                    limiter.wait()
                    if self._halted():  # asked while it waited: certain, it never left
                        return _Sent(b, None, attempt, "stop", "halted")
                    res = gw.send(
                        b.phones, text, send_at=self.send_at, extno=self.extno, template=template
                    )
                break
            except BookkeepingFailed as exc:
                self._stop.set()
                return _Sent(b, None, attempt, "stop", str(exc))  # never left
            except NotSentError as exc:
                # certain: nothing left this machine, so it is safe to try again
                if attempt <= NOT_SENT_RETRIES and not self.control.cancelled:
                    self._emit("retry", f"{exc}; retry {attempt}/{NOT_SENT_RETRIES} in {delay:g}s")
                    self.sleep(delay)
                    delay *= 2
                    continue
                self.error = f"无法连接网关 / cannot reach the gateway: {exc}"
                self._stop.set()
                return _Sent(b, None, attempt, "stop", str(exc))
            except InputError as exc:
                # refused before sending (charset, length …): certain, nothing was sent
                return _Sent(b, _rejected_all(b.phones, "input", str(exc)), attempt, "done")
            except ProtocolError as exc:
                return _Sent(b, gw.unrecognised(b.phones, _raw_of(exc)), attempt, "done")
            except Exception as exc:
                # A bug below us after the journal: the request may have left. Unknown, and
                # the job stops so that the problem is seen rather than repeated.
                log.exception("send failed unexpectedly")
                self.error = f"内部错误 / internal error: {exc!r}"
                self._stop.set()
                res = SendResult(
                    Gateway.unknown_results(
                        b.phones,
                        f"程序内部错误，结果未知，不会自动重发：{exc!r}",
                        f"Internal error, outcome unknown, not resent automatically: {exc!r}",
                    )
                )
                return _Sent(b, res, attempt, "stop")
        status = "done"
        if res.account_level_failure and self.backup and not self.failed_over:
            self._failover = True
            self._stop.set()
            status = "failover"
        elif res.account_level_failure:
            self.error = res.code.zh + " / " + res.code.en if res.code else "account failure"
            self._stop.set()
            status = "stop"
        return _Sent(b, res, attempt, status)

    def _plan(self, b: Batch, res: SendResult) -> Plan:
        """Each recipient's outcome from the reply (see :func:`journal.plan`)."""
        return journal.plan(
            b.message_ids, b.phones, res, failover=bool(self.backup) and not self.failed_over
        )


def _rejected_all(phones_: Sequence[str], code: str, why: str) -> SendResult:
    return SendResult(
        results=[RecipientResult(p, Outcome.REJECTED, code=code, message_zh=why) for p in phones_]
    )


def _raw_of(exc: ProtocolError) -> Any:
    from ..gateways import RawReply

    raw = exc.raw
    if isinstance(raw, RawReply):
        return raw
    body = raw if isinstance(raw, bytes) else str(raw or "").encode("utf-8")
    return RawReply.from_bytes(body)
