"""One job's run: its queued recipients cut into batches, up to ``concurrency`` requests in
flight per account, each batch journalled before its request leaves, its outcome recorded after.

A runner sees its engine only through a :class:`GatewayPool` (each account's gateway, in-flight
slots and rate limiter, shared by every job of the engine), the store, and a ``sleep``. Its
transactions and progress events are :mod:`.books`'s; it decides when each is written.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from operator import itemgetter
from typing import Any

from ..accounts import Account, AccountStore
from ..errors import InputError, NotSentError, ProtocolError
from ..gateways import Gateway, Outcome, RecipientResult, SendResult, Template
from ..gateways.base import first_balanced
from ..guard import BatchGuard
from ..store import Database, Row
from ..store import jobs as store_jobs
from ..store import messages as store_messages
from . import journal, lease
from .books import RunBooks, Sent, Tally
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
        self.sleep = sleep
        self.job_id: int = job["id"]
        self.primary = acct
        self.backup: str | None = job["backup_account"]
        self.send_at = gateway_send_at
        self.control = control
        self.failed_over = False
        self.error: str | None = None
        self._stop = threading.Event()  # set by any slot: the others stop after their request
        self._failover = False
        self.tally = Tally(db, self.job_id, progress)
        # the run's transactions; the job's lease is checked in each (None: a runner of its
        # own, in tests of the runner alone)
        self.books = RunBooks(
            db,
            self.job_id,
            self.tally,
            record_pay_type=pool.record_pay_type,
            plan=self._plan,
            on_error=self._failed,
            sleep=sleep,
            guard=guard,
            lease=lease,
        )
        self.template_id: str | None = job["template_id"]
        self.extno: str | None = job["extno"] or None

    def _failed(self, why: str) -> None:
        self.error = why

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
                self.tally.emit("failover", self.backup)
                continue
            break
        if self.control.cancelled:
            self.books.write(
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
            self.tally.emit("held", self.held_until.strftime("%Y-%m-%d %H:%M:%S"))
        elif self.control.paused and not self.control.cancelled and not self._stop.is_set():
            self.tally.emit("paused")  # a paused run returns; resume() starts it again
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
            cur = book.submit(self.books.transition, (), take).result()
            prev: list[Sent] = []  # the outcome still to be recorded
            while cur is not None:
                ahead: list[Future[Batch | None]] = []

                def leaving(prev: list[Sent] = prev, ahead: list[Any] = ahead) -> None:
                    # cur is committed as sending: record the last outcome and journal the
                    # next batch while its request is out
                    if rec is book or not prev:
                        ahead.append(book.submit(self.books.transition, list(prev), take))
                    else:  # two transactions at once: the next batch's, the outcome's
                        ahead.append(book.submit(self.books.transition, [], take))
                        ahead.append(rec.submit(self.books.transition, list(prev), None))
                    prev.clear()

                sent = self._send(gw, limits, cur, leaving, prev)
                if sent.res is not None:  # on this thread, so that the next leaving stores it
                    sent.plan = self._plan(sent.batch, sent.res)
                if sent.why == "empty":  # nothing left in it to send: on to the next one
                    prev.append(sent)
                    cur = book.submit(self.books.transition, list(prev), take).result()
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
                    book.submit(self.books.transition, prev, None, [nxt] if nxt else []).result()
                    return
                cur = nxt
        except BookkeepingFailed:
            self._stop.set()  # what could not be recorded is settled when the run ends
        except Exception as exc:  # a bug in our own code: stop, and let it be seen
            log.error("batch worker failed", exc_info=exc)
            self.error = f"{type(exc).__name__}: {exc}"
            self._stop.set()

    # ---- one batch ---------------------------------------------------------------------------
    def _send(
        self,
        gw: Gateway,
        limits: Limits,
        b: Batch,
        leaving: Callable[[], None],
        received: Sequence[Sent] = (),
    ) -> Sent:
        """Send one journalled batch. Never raises: the result says what is certain.

        ``leaving`` is called once, after the batch is committed as ``sending`` (together with
        the outcome of the ``received`` batches) and before its request leaves."""
        if not b.phones:
            return Sent(b, None, 0, "done", "empty")
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
                            return Sent(b, None, attempt, "stop", "halted")
                        if not self.books.mark_leaving(b, received):
                            return Sent(b, None, attempt, "stop", "journal changed")
                        leaving()
                        if not b.phones:  # every number blacklisted meanwhile: nothing leaves
                            return Sent(b, None, attempt, "done", journal.ALL_BLACKLISTED)
                    # the rate is kept on the wire: the limiter comes after the journal's
                    # commit, whose time varies, right before the request leaves
                    limiter.wait()
                    if self._halted():  # asked while it waited: certain, it never left
                        return Sent(b, None, attempt, "stop", "halted")
                    res = gw.send(
                        b.phones, text, send_at=self.send_at, extno=self.extno, template=template
                    )
                break
            except BookkeepingFailed as exc:
                self._stop.set()
                return Sent(b, None, attempt, "stop", str(exc))  # never left
            except NotSentError as exc:
                # certain: nothing left this machine, so it is safe to try again
                if attempt <= NOT_SENT_RETRIES and not self.control.cancelled:
                    self.tally.emit(
                        "retry", f"{exc}; retry {attempt}/{NOT_SENT_RETRIES} in {delay:g}s"
                    )
                    self.sleep(delay)
                    delay *= 2
                    continue
                self.error = f"无法连接网关 / cannot reach the gateway: {exc}"
                self._stop.set()
                return Sent(b, None, attempt, "stop", str(exc))
            except InputError as exc:
                # refused before sending (charset, length …): certain, nothing was sent
                return Sent(b, _rejected_all(b.phones, "input", str(exc)), attempt, "done")
            except ProtocolError as exc:
                return Sent(b, gw.unrecognised(b.phones, _raw_of(exc)), attempt, "done")
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
                return Sent(b, res, attempt, "stop")
        status = "done"
        if res.account_level_failure and self.backup and not self.failed_over:
            self._failover = True
            self._stop.set()
            status = "failover"
        elif res.account_level_failure:
            self.error = res.code.zh + " / " + res.code.en if res.code else "account failure"
            self._stop.set()
            status = "stop"
        return Sent(b, res, attempt, status)

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
