"""The send engine: jobs, the journal, batches, retries, failover, pause/cancel, scheduling.

Safety rules, in the order they are applied:

1. **The journal comes first.** A batch is committed as ``sending`` (with its messages) before
   its HTTP request leaves. After a crash, ``sending`` batches become ``unknown``
   (:meth:`Engine.recover`) and are never resent automatically; the user may resend unknown
   recipients explicitly (``resume(..., resend_unknown=True)``). To keep the request path
   short, a slot journals its next batch as ``ready`` while the current request is in flight
   (together with the previous batch's outcome, one transaction per batch transition), and a
   cheap commit marks it ``sending`` just before it leaves; a ``ready`` batch never left, so
   a stop or a crash puts it back in the queue. That commit also stores the previous batch's
   outcome in compact form on its batch row (``staged_outcome``), so a crash before the
   transition commits loses no reply that came in: :meth:`Engine.recover` applies it first.
   If the store refuses to record an outcome even after retries, those recipients become
   ``unknown`` and the job is not ``done``.
2. **Only certain failures are retried**: the connection was refused, DNS failed, or the connect
   timed out (:class:`~sms_desktop.core.errors.NotSentError`). A read timeout, a dropped
   connection, an HTTP 5xx or an unreadable reply is ``unknown``.
3. **Failover** to the backup account happens only for account-level rejections (balance,
   authentication, locked or disabled account). An unknown outcome never fails over.
4. Invalid, duplicate and blacklisted recipients are ``skipped`` with the reason, and nothing is
   sent to them.
"""

from __future__ import annotations

import heapq
import itertools
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from .accounts import Account, AccountStore
from .contacts.recipients import Recipient, SkipReason
from .errors import InputError, NotSentError, ProtocolError, SmsDesktopError, StoreError
from .estimate import EmptyFields, Estimate, Estimator
from .gateways import Gateway, Outcome, RecipientResult, SendResult, Template
from .store import Database
from .sync import rematch_reports

log = logging.getLogger(__name__)

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_T = TypeVar("_T")


class MsgState:
    QUEUED = "queued"
    SENDING = "sending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNKNOWN = "unknown"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    SKIPPED = "skipped"

    ALL = (QUEUED, SENDING, ACCEPTED, REJECTED, UNKNOWN, DELIVERED, UNDELIVERED, SKIPPED)
    # states that count as "accepted by the gateway" in summaries
    ACCEPTED_LIKE = (ACCEPTED, DELIVERED, UNDELIVERED)


class BatchState:
    """``batches.state`` besides the message states it shares (sending, accepted, rejected,
    unknown) and ``partial``/``not_sent``."""

    READY = "ready"  # journalled ahead, its request has not left: a stop puts it back
    NOT_SENT = "not_sent"


# Batches whose outcome is not yet written to their recipients; the same text as the WHERE of
# the partial index ``batches_open`` (store/schema.py V3), which it must match to use it.
BATCHES_OPEN = "(b.state IN ('ready', 'sending') OR b.staged_outcome IS NOT NULL)"
assert BatchState.READY == "ready" and MsgState.SENDING == "sending"


class JobState:
    QUEUED = "queued"  # ready to run
    SCHEDULED = "scheduled"  # handed to the gateway with its own schedule parameter
    HELD = "held"  # held locally until send_at
    OVERDUE = "overdue"  # a held job found past its time at start-up: waits for confirmation
    RUNNING = "running"
    PAUSED = "paused"
    INTERRUPTED = "interrupted"  # stopped by a crash, an error, or certain network failure
    CANCELLED = "cancelled"
    DONE = "done"


# states a job can be cancelled from (a finished job keeps its state; see Engine.cancel)
_CANCELLABLE = (
    JobState.QUEUED,
    JobState.HELD,
    JobState.PAUSED,
    JobState.INTERRUPTED,
    JobState.OVERDUE,
)

# grace before a locally held job counts as overdue (it was due while the app was closed)
OVERDUE_GRACE = timedelta(minutes=2)
NOT_SENT_RETRIES = 3
NOT_SENT_BACKOFF = 1.0  # seconds, doubled each time
# recording a batch (journal, outcome) when the store refuses a write ("database is locked"
# after the busy timeout, disk full): attempts, and the first pause between them (doubled)
BOOKKEEPING_ATTEMPTS = 4
BOOKKEEPING_BACKOFF = 1.0
# SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL: worth another try (a bug is not)
_TRANSIENT_SQLITE = frozenset({5, 6, 10, 13})


@dataclass
class JobSpec:
    account: str
    text: str  # may hold {column} placeholders; for a template, the template variables
    recipients: Sequence[Recipient | str]
    send_at: datetime | None = None
    backup_account: str | None = None
    template_id: str | None = None  # jsm template id (msgtype=2)
    template_vars: Sequence[str] = ()  # one value per @n@, each may use {column} placeholders
    extno: str = ""  # "" = the account's own
    note: str = ""
    # a placeholder with no value for a recipient: EmptyFields.SKIP that recipient (rows of a
    # file or group), ERROR (numbers typed or pasted), or ALLOW (send it with the field empty)
    empty_fields: str = EmptyFields.SKIP


@dataclass
class Progress:
    job_id: int
    total: int
    done: int  # recipients in a final state (not queued/sending)
    counts: dict[str, int]
    event: str = ""  # "batch", "retry", "failover", "paused", "finished" …
    detail: str = ""


class JobOutcome:
    """What a job's sent recipients came to, for lists to colour (``JobSummary.outcome``).

    Only recipients a request was made for count (skipped ones do not); ``None`` while nothing
    has been sent (queued, held, cancelled before any batch).
    """

    OK = "ok"  # every recipient sent to was accepted
    PARTIAL = "partial"  # some accepted, others rejected, unknown or still queued
    UNDELIVERED = "undelivered"  # every one accepted, some of them reported undelivered
    FAILED = "failed"  # none accepted, none unknown: every sent recipient was refused
    UNKNOWN = "unknown"  # none accepted, and some outcomes are unknown

    ALL = (OK, PARTIAL, UNDELIVERED, FAILED, UNKNOWN)

    @staticmethod
    def of(
        accepted: int, rejected: int, unknown: int, queued: int, undelivered: int = 0
    ) -> str | None:
        """``undelivered`` (a subset of ``accepted``): taken by the gateway, then reported as not
        delivered. Such a job is never ``ok``; when every other one was accepted, it is
        ``undelivered`` (not ``partial``: nothing was refused or left unsent)."""
        if accepted + rejected + unknown == 0:
            return None
        if rejected == unknown == queued == undelivered == 0:
            return JobOutcome.OK
        if rejected == unknown == queued == 0 and accepted > undelivered:
            return JobOutcome.UNDELIVERED
        if accepted > undelivered:
            return JobOutcome.PARTIAL
        if unknown:
            return JobOutcome.UNKNOWN
        return JobOutcome.FAILED


@dataclass
class JobSummary:
    job_id: int
    account: str
    state: str
    recipients: int
    accepted: int
    rejected: int
    unknown: int
    skipped: int
    queued: int
    created_at: str
    invalid: int = 0  # skipped as invalid numbers (a subset of skipped)
    send_at: str | None = None
    error: str | None = None
    undelivered: int = 0  # reported not delivered (a subset of accepted)
    delivered: int = 0  # reported delivered (a subset of accepted)

    @property
    def outcome(self) -> str | None:
        """``ok``, ``partial``, ``failed`` or ``unknown`` (:class:`JobOutcome`); None before any
        send. The state says where the job is; the outcome says what its sends came to."""
        return JobOutcome.of(
            self.accepted, self.rejected, self.unknown, self.queued, self.undelivered
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "account": self.account,
            "state": self.state,
            "outcome": self.outcome,
            "recipients": self.recipients,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "unknown": self.unknown,
            "skipped": self.skipped,
            "queued": self.queued,
            "delivered": self.delivered,
            "undelivered": self.undelivered,
            "send_at": self.send_at,
            "created_at": self.created_at,
        }


class JobControl:
    """Pause, resume and cancel a running job between batches (thread-safe)."""

    def __init__(self) -> None:
        self._run = threading.Event()
        self._run.set()
        self.cancelled = False

    def pause(self) -> None:
        self._run.clear()

    def resume(self) -> None:
        self._run.set()

    def cancel(self) -> None:
        self.cancelled = True
        self._run.set()

    @property
    def paused(self) -> bool:
        return not self._run.is_set()

    def wait_if_paused(self, timeout: float | None = None) -> None:
        self._run.wait(timeout)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _stamp() -> str:
    """Now, as ``updated_at`` columns hold it (local time, milliseconds)."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def _fmt(t: datetime | None) -> str | None:
    return t.strftime(TIME_FORMAT) if t else None


def _parse_time(s: str | None) -> datetime | None:
    return datetime.strptime(s, TIME_FORMAT) if s else None


def _skip_queued_as_cancelled(c: Any, job_id: int) -> None:
    """In a write transaction: what is still queued will not be sent."""
    c.execute(
        "UPDATE messages SET state=?, reason=?, code=? WHERE job_id=? AND state=?",
        (
            MsgState.SKIPPED,
            "任务已取消 / job cancelled",
            SkipReason.CANCELLED,
            job_id,
            MsgState.QUEUED,
        ),
    )


def _release_ready(c: Any, where: str, params: Sequence[Any]) -> None:
    """In a write transaction: batches journalled ahead whose request never left go back to the
    queue (``where`` selects batches)."""
    ids = [
        r[0]
        for r in c.execute(
            f"SELECT id FROM batches WHERE state=? AND {where}", (BatchState.READY, *params)
        )
    ]
    if not ids:
        return
    c.execute(
        "UPDATE messages SET state=?, batch_id=NULL, account=NULL,"
        " updated_at=strftime('%Y-%m-%d %H:%M:%f','now','localtime')"
        " WHERE batch_id IN (SELECT value FROM json_each(?)) AND state=?",
        (MsgState.QUEUED, json.dumps(ids), MsgState.SENDING),
    )
    c.execute(
        "UPDATE batches SET state=?, message=? WHERE id IN (SELECT value FROM json_each(?))",
        (BatchState.NOT_SENT, "journalled ahead, never left", json.dumps(ids)),
    )


_STOPPED_WAITING = (
    "程序在等待网关回复时中断，结果未知，不会自动重发。"
    " / The program stopped while waiting for the gateway; outcome unknown,"
    " not resent automatically."
)
_NOT_RECORDED = (
    "网关的回复未能记录（数据库错误），结果未知，不会自动重发；状态报告可确认。"
    " / The gateway's reply could not be recorded (database error); outcome unknown,"
    " not resent automatically; a delivery report can settle it."
)


def _apply_groups(c: Any, groups: Iterable[Sequence[Any]]) -> None:
    """In a write transaction: a batch's recipients' outcome, one statement per distinct outcome
    (``groups``: state, gateway_id, code, vendor_text, message, ids as JSON)."""
    stamp = _stamp()  # one value for the statement: cheaper than strftime() per row
    for st, g, co, v, m, ids in groups:
        # batch_id is only written for recipients going back to the queue: assigning it
        # would rewrite its index entry for every row of the batch
        c.execute(
            "UPDATE messages SET state=?, gateway_id=?, code=?, vendor_text=?, message=?,"
            + (" batch_id=NULL," if st == MsgState.QUEUED else "")
            + " updated_at=? WHERE id IN (SELECT value FROM json_each(?))",
            (st, g, co, v, m, stamp, ids),
        )


def _apply_staged(c: Any, job_id: int) -> None:
    """In a write transaction: outcomes a runner stored on their batch rows (with the next
    batch's leaving commit) but did not get to write to the recipients: the reply was in."""
    rows = c.execute(
        "SELECT id, staged_outcome FROM batches WHERE job_id=? AND staged_outcome IS NOT NULL",
        (job_id,),
    ).fetchall()
    for bid, staged in rows:
        _apply_groups(c, json.loads(staged))
        c.execute("UPDATE batches SET staged_outcome=NULL WHERE id=?", (bid,))


def _settle_journal(c: Any, job_id: int, why: str) -> int:
    """In a write transaction, for a job no runner holds: outcomes already received are
    applied, batches journalled ahead go back to the queue, and ``sending`` recipients become
    ``unknown`` (a report can settle them).

    Returns how many became unknown.
    """
    _apply_staged(c, job_id)
    _release_ready(c, "job_id=?", (job_id,))
    cur = c.execute(
        "UPDATE messages SET state=?, message=?,"
        " updated_at=strftime('%Y-%m-%d %H:%M:%f','now','localtime')"
        " WHERE job_id=? AND state=?",
        (MsgState.UNKNOWN, why, job_id, MsgState.SENDING),
    )
    c.execute(
        "UPDATE batches SET state=?, message=? WHERE job_id=? AND state=?",
        (MsgState.UNKNOWN, "interrupted", job_id, MsgState.SENDING),
    )
    return int(cur.rowcount)


def _settle_dead_runner(c: Any, job_id: int) -> None:
    """In a write transaction: a dead runner's journal is settled and the job interrupted."""
    _settle_journal(c, job_id, _STOPPED_WAITING)
    c.execute(
        "UPDATE jobs SET state=?, runner_pid=NULL, error=? WHERE id=?",
        (JobState.INTERRUPTED, "程序中断 / interrupted", job_id),
    )


def _pid_alive(pid: int | None) -> bool:
    """Whether another process with this pid runs (this process's own jobs use a registry)."""
    if not pid:
        return False
    if pid == os.getpid():
        return False
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    """On Windows ``os.kill(pid, 0)`` would terminate the process: ask the kernel instead."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    process_query_limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return bool(ctypes.get_last_error() == 5)  # type: ignore[attr-defined]  # access denied: exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


class _RateLimiter:
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


class Engine:
    def __init__(
        self,
        db: Database,
        accounts: AccountStore,
        *,
        gateway_factory: Callable[[str], Gateway] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.db = db
        self.accounts = accounts
        self._gateway_factory = gateway_factory or accounts.gateway
        self._sleep = sleep
        self._gateways: dict[str, Gateway] = {}
        self._limits: dict[str, tuple[threading.Semaphore, _RateLimiter]] = {}
        self._active: set[int] = set()  # jobs running in this process
        self._active_lock = threading.Lock()
        self._gw_lock = threading.Lock()

    def account_limits(self, account: str) -> tuple[threading.Semaphore, _RateLimiter]:
        """The account's in-flight slots and rate limiter, shared by every job of this engine."""
        with self._gw_lock:
            lim = self._limits.get(account)
            if lim is None:
                acct = self.accounts.get(account)
                lim = (
                    threading.BoundedSemaphore(max(1, acct.concurrency)),
                    _RateLimiter(acct.rate_per_second),
                )
                self._limits[account] = lim
            return lim

    def forget_account(self, name: str) -> None:
        """Drop the cached gateway and limits of an account, so that an edited account (URL,
        charset, concurrency, rate …) takes effect for the next job. A job already running keeps
        the ones it started with."""
        with self._gw_lock:
            # not closed here: a request of a running job may still use its session
            self._gateways.pop(name, None)
            self._limits.pop(name, None)

    def gateway(self, account: str) -> Gateway:
        with self._gw_lock:
            gw = self._gateways.get(account)
            if gw is None:
                gw = self._gateway_factory(account)
                self._gateways[account] = gw
            return gw

    # ------------------------------------------------------------------ creating a job --------
    def estimate(self, spec: JobSpec, *, now: datetime | None = None) -> Estimate:
        """What ``create_job(spec)`` would do, without storing or sending anything.

        The GUI calls it for its confirmation (and keeps an :meth:`estimator` while the user
        types); the CLI for ``send --dry-run``. Loads the blacklist and the account's last known
        balance. Raises InputError only for an unknown account; every other problem is in
        ``problems``, the first of which :meth:`create_job` raises.
        """
        acct = self.accounts.get(spec.account)
        problems: list[InputError] = []
        backup: Account | None = None
        if spec.backup_account:
            try:
                backup = self.accounts.get(spec.backup_account)
            except InputError as exc:
                problems.append(exc)
            else:
                if backup.name == acct.name:
                    problems.append(
                        InputError(
                            "备用账户不能与主账户相同。 / The backup account is the primary."
                        )
                    )
                    backup = None

        def run(name: str) -> Estimate:
            return self.estimator(name, spec.recipients).estimate(
                spec.text,
                template_id=spec.template_id,
                template_vars=spec.template_vars,
                send_at=spec.send_at,
                extno=spec.extno,
                empty_fields=spec.empty_fields,
                now=now,
            )

        est = run(acct.name)
        est.problems[:0] = problems
        if backup is not None and est.ok:
            # After a failover the backup sends the same texts: its charset, cap and extension
            # number rule must take them too, or the failover would only fail later.
            for p in run(backup.name).problems:
                est.problems.append(
                    InputError(f"备用账户 {backup.name} / backup account {backup.name}: {p}")
                )
                break
        return est

    def estimator(self, account: str, recipients: Sequence[Recipient | str]) -> Estimator:
        """An :class:`Estimator` for a compose page: the account, its recipients, the blacklist
        and the last known balance, loaded once; call ``.estimate(text, ...)`` per keystroke.

        The backup-account checks are not in it: :meth:`estimate` (the confirmation) and
        :meth:`create_job` make them.
        """
        acct = self.accounts.get(account)
        last = self.accounts.last_balance(acct.name)
        return Estimator(
            acct,
            recipients,
            blacklist=self._blacklist(),
            balance=last.messages if last else None,
            balance_read_at=last.read_at if last else None,
        )

    def create_job(self, spec: JobSpec) -> int:
        """Validate everything, then journal the job and its recipients in one transaction.

        Raises InputError (nothing stored, nothing sent) for bad input: unknown account, empty
        text, a placeholder no recipient can fill (or, with ``EmptyFields.ERROR``, one without a
        value), text the charset cannot carry or too long, a time in the past, an extension
        number the family refuses, no valid recipient. The checks are those of :meth:`estimate`.
        """
        acct = self.accounts.get(spec.account)
        self.gateway(acct.name)  # the password must be there before a job exists
        est = self.estimate(spec)
        if est.problems:
            raise est.problems[0]
        send_at = est.send_at
        given = spec.recipients
        if not isinstance(given, Sequence):
            given = list(given)

        def who(seq: int) -> tuple[str, str]:
            """Name and fields JSON of the recipient at ``seq`` (1-based)."""
            r = given[seq - 1]
            return (r.name, _fields_json(r.fields)) if isinstance(r, Recipient) else ("", "{}")

        # Rows are made as they are inserted, in send order (valid ones come in order; the
        # skipped ones are merged in by seq): at 1,000,000 recipients a list of rows, and one
        # Recipient per typed number, cost hundreds of MB.
        valid_rows = (
            (v.seq, v.phone, *who(v.seq), text, parts, MsgState.QUEUED, "", None)
            for v, text, parts in zip(est.valid, est.texts, est.parts, strict=True)
        )
        skipped_rows = [
            (rj.seq, rj.value, *who(rj.seq), "", 0, MsgState.SKIPPED, rj.message, rj.reason)
            for rj in est.rejected
        ]
        skipped_rows.sort(key=lambda row: row[0])
        rows = heapq.merge(valid_rows, skipped_rows, key=lambda row: row[0])
        if send_at is None:
            state = JobState.QUEUED
        elif acct.holds_locally:
            state = JobState.HELD
        else:
            state = JobState.SCHEDULED
        with self.db.write() as c:
            cur = c.execute(
                "INSERT INTO jobs(account, backup_account, text, template_id, template_vars,"
                " send_at, hold_locally, state, note, extno) VALUES(?,?,?,?,?,?,?,?,?,?)",
                (
                    acct.name,
                    spec.backup_account,
                    spec.text,
                    spec.template_id,
                    json.dumps(list(spec.template_vars), ensure_ascii=False)
                    if spec.template_id
                    else None,
                    _fmt(send_at),
                    int(state == JobState.HELD),
                    state,
                    spec.note,
                    (spec.extno or "").strip(),
                ),
            )
            job_id = int(cur.lastrowid or 0)
            c.executemany(
                "INSERT INTO messages(job_id, seq, phone, name, fields, text, parts, state, reason,"
                " code) VALUES(?,?,?,?,?,?,?,?,?,?)",
                ((job_id, *row) for row in rows),
            )
        return job_id

    def _blacklist(self) -> set[str]:
        return {r[0] for r in self.db.read().execute("SELECT phone FROM blacklist")}

    # ------------------------------------------------------------------ running a job ---------
    def run_job(
        self,
        job_id: int,
        *,
        progress: Callable[[Progress], None] | None = None,
        control: JobControl | None = None,
        release_held: bool = False,
    ) -> JobSummary:
        """Send every queued recipient of the job, batch by batch, and return the summary.

        A HELD job runs only when ``release_held`` (its time has come, or the user confirmed an
        overdue job). A SCHEDULED job goes to the gateway now with the gateway's own time.
        """
        control = control or JobControl()
        if not self._claim(job_id, release_held):
            return self.summary(job_id)
        try:
            return self._run_claimed(job_id, progress, control)
        finally:
            with self._active_lock:
                self._active.discard(job_id)

    def _claim(self, job_id: int, release_held: bool) -> bool:
        """Mark the job running for this process, atomically; False when it must not run now.

        The check and the update happen in one write transaction (``BEGIN IMMEDIATE`` takes the
        database's write lock), so two processes can never both claim a job; within a process, a
        registry stops a second thread. Raises InputError when another runner has it.
        """
        with self._active_lock:
            if job_id in self._active:
                raise InputError(
                    f"任务 {job_id} 正在发送中。 / Job {job_id} is already being sent."
                )
            self._active.add(job_id)
        ok = False
        try:
            with self.db.write() as c:
                job = c.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
                if job is None:
                    raise InputError(f"没有编号为 {job_id} 的任务。 / No job {job_id}.")
                state = job["state"]
                if state == JobState.CANCELLED or (
                    state in (JobState.HELD, JobState.OVERDUE) and not release_held
                ):
                    return False
                if state == JobState.RUNNING:
                    if _pid_alive(job["runner_pid"]):
                        raise InputError(
                            f"任务 {job_id} 正在另一个进程中发送。"
                            f" / Job {job_id} is being sent by another process."
                        )
                    _settle_dead_runner(c, job_id)  # its runner died: settle the journal first
                c.execute(
                    "UPDATE jobs SET state=?, runner_pid=?, error=NULL,"
                    " updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime') WHERE id=?",
                    (JobState.RUNNING, os.getpid(), job_id),
                )
                ok = True
            return True
        finally:
            if not ok:
                with self._active_lock:
                    self._active.discard(job_id)

    def _run_claimed(
        self, job_id: int, progress: Callable[[Progress], None] | None, control: JobControl
    ) -> JobSummary:
        job = self._job_row(job_id)
        send_at = _parse_time(job["send_at"])
        acct = self.accounts.get(job["account"])
        gateway_send_at = (
            send_at if (send_at and not acct.holds_locally and send_at > _now()) else None
        )
        runner = _JobRunner(self, job_id, job, acct, gateway_send_at, control, progress)
        try:
            final_state, error = runner.run()
        except _BookkeepingFailed as exc:
            final_state, error = JobState.INTERRUPTED, str(exc)

        def body(c: sqlite3.Connection) -> None:
            # Nothing is in flight any more: a batch still ``sending`` is one whose outcome
            # could not be recorded. Its recipients become unknown, and the job is not done.
            state = final_state
            if _settle_journal(c, job_id, _NOT_RECORDED) and state == JobState.DONE:
                state = JobState.INTERRUPTED
            c.execute(
                "UPDATE jobs SET state=?, error=?, runner_pid=NULL,"
                " updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime') WHERE id=?",
                (state, error, job_id),
            )

        try:
            runner._write(("任务状态", "the job's state"), body)
        except _BookkeepingFailed as exc:
            # The job stays "running" for this process; recover() settles it once it is over.
            raise StoreError(
                f"{exc.zh} 任务 {job_id} 已停止，未发送的号码都还在；解决后可继续发送"
                f"（发送记录，或 `sms-desktop-cli resume {job_id}`）。",
                f"{exc.en} Job {job_id} has stopped and keeps every recipient not yet sent;"
                f" resume it once this is solved (history, or `sms-desktop-cli resume {job_id}`).",
                sqlite_code=exc.sqlite_code,
            ) from exc
        summary = self.summary(job_id)
        if progress:
            progress(self._progress(job_id, "finished", final_state))
        return summary

    def _job_row(self, job_id: int) -> Any:
        row = self.db.read().execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        if row is None:
            raise InputError(f"没有编号为 {job_id} 的任务。 / No job {job_id}.")
        return row

    def _progress(self, job_id: int, event: str, detail: str = "") -> Progress:
        counts = self.counts(job_id)
        total = sum(counts.values())
        done = total - counts.get(MsgState.QUEUED, 0) - counts.get(MsgState.SENDING, 0)
        return Progress(job_id, total, done, counts, event, detail)

    def counts(self, job_id: int) -> dict[str, int]:
        """Recipients by state, from ``job_counts`` (kept by triggers on ``messages``)."""
        rows = self.db.read().execute(
            "SELECT state, n FROM job_counts WHERE job_id=? AND n > 0", (job_id,)
        )
        return {r[0]: r[1] for r in rows}

    def summary(self, job_id: int) -> JobSummary:
        found = self._summaries("j.id=?", (job_id,))
        if not found:
            raise InputError(f"没有编号为 {job_id} 的任务。 / No job {job_id}.")
        return found[0]

    def _summaries(
        self,
        where: str = "1",
        params: Sequence[Any] = (),
        order: str = "j.id DESC",
        limit: int = -1,
    ) -> list[JobSummary]:
        """Jobs with their counts, in three queries whatever the number of jobs.

        The counts come from ``job_counts`` (kept by triggers on ``messages``: a few rows per job
        however many recipients it has); only skipped rows are read to count the invalid numbers
        among them.
        """
        db = self.db.read()
        jobs = db.execute(
            f"SELECT j.id, j.account, j.state, j.created_at, j.send_at, j.error FROM jobs j"
            f" WHERE {where} ORDER BY {order} LIMIT ?",
            (*params, limit),
        ).fetchall()
        if not jobs:
            return []
        ids = json.dumps([j["id"] for j in jobs])
        counts: dict[int, dict[str, int]] = {j["id"]: {} for j in jobs}
        for job_id, state, n in db.execute(
            "SELECT job_id, state, n FROM job_counts"
            " WHERE job_id IN (SELECT value FROM json_each(?)) AND n > 0",
            (ids,),
        ):
            counts[job_id][state] = n
        invalid = dict(
            db.execute(
                "SELECT job_id, COUNT(*) FROM messages WHERE job_id IN"
                " (SELECT value FROM json_each(?)) AND state=? AND code=? GROUP BY job_id",
                (ids, MsgState.SKIPPED, SkipReason.INVALID),
            ).fetchall()
        )
        out = []
        for j in jobs:
            c = counts[j["id"]]
            out.append(
                JobSummary(
                    job_id=j["id"],
                    account=j["account"],
                    state=j["state"],
                    recipients=sum(c.values()),
                    accepted=sum(c.get(s, 0) for s in MsgState.ACCEPTED_LIKE),
                    rejected=c.get(MsgState.REJECTED, 0),
                    unknown=c.get(MsgState.UNKNOWN, 0) + c.get(MsgState.SENDING, 0),
                    skipped=c.get(MsgState.SKIPPED, 0),
                    queued=c.get(MsgState.QUEUED, 0),
                    created_at=j["created_at"],
                    invalid=invalid.get(j["id"], 0),
                    send_at=j["send_at"],
                    error=j["error"],
                    undelivered=c.get(MsgState.UNDELIVERED, 0),
                    delivered=c.get(MsgState.DELIVERED, 0),
                )
            )
        return out

    def jobs(self, limit: int | None = 200) -> list[JobSummary]:
        """The newest jobs (all of them when ``limit`` is None) with their counts and outcome."""
        return self._summaries(limit=-1 if limit is None else limit)

    def resend_spec(self, job_id: int, states: Sequence[str] = (MsgState.REJECTED,)) -> JobSpec:
        """A new job's spec for the recipients of a job that ended in ``states`` (by default the
        rejected ones): same account, backup, text or template, extension, and each recipient's
        own fields. Raises InputError when there is no such recipient. Nothing is sent here."""
        job = self._job_row(job_id)
        rows = (
            self.db.read()
            .execute(
                "SELECT phone, name, fields FROM messages WHERE job_id=? AND state IN"
                " (SELECT value FROM json_each(?)) ORDER BY seq",
                (job_id, json.dumps(list(states))),
            )
            .fetchall()
        )
        if not rows:
            raise InputError(
                f"任务 {job_id} 没有{'/'.join(states)}的号码。"
                f" / Job {job_id} has no {'/'.join(states)} recipients."
            )
        return JobSpec(
            account=job["account"],
            text=job["text"],
            recipients=[
                Recipient(r["phone"], r["name"], json.loads(r["fields"] or "{}")) for r in rows
            ],
            backup_account=job["backup_account"],
            template_id=job["template_id"],
            template_vars=json.loads(job["template_vars"]) if job["template_vars"] else (),
            extno=job["extno"] or "",
            note=f"重发任务 {job_id} / resend of job {job_id}",
        )

    def results(self, job_id: int) -> list[dict[str, Any]]:
        rows = self.db.read().execute(
            "SELECT phone, state, gateway_id, code, COALESCE(NULLIF(message,''), reason) AS message,"
            " account FROM messages WHERE job_id=? ORDER BY seq",
            (job_id,),
        )
        return [dict(r) for r in rows]

    # ------------------------------------------------------------------ after a crash ---------
    def recover(self) -> list[int]:
        """Jobs whose runner died: ``sending`` becomes ``unknown``; the job is interrupted.

        Returns the ids of the jobs recovered. Never resends anything.
        """
        rows = (
            self.db.read()
            .execute("SELECT id, runner_pid FROM jobs WHERE state=?", (JobState.RUNNING,))
            .fetchall()
        )
        # Jobs no runner holds whose journal still has batches in flight: their outcome could
        # not be recorded (the store refused it), or an older version left them so.
        orphans = [
            r[0]
            for r in self.db.read().execute(
                # the literal condition of the partial index batches_open (schema V3), so a
                # start-up reads only the batches in flight, never every batch of the year
                "SELECT DISTINCT b.job_id FROM batches b JOIN jobs j ON j.id = b.job_id"
                f" WHERE {BATCHES_OPEN} AND j.state != ?",
                (JobState.RUNNING,),
            )
        ]
        if orphans:
            with self.db.write() as c:
                for job_id in orphans:
                    _settle_journal(c, job_id, _NOT_RECORDED)
                    c.execute(
                        "UPDATE jobs SET state=?, error=COALESCE(error, ?) WHERE id=? AND state=?",
                        (JobState.INTERRUPTED, _NOT_RECORDED, job_id, JobState.DONE),
                    )
        recovered: list[int] = list(orphans)
        for row in rows:
            pid = row["runner_pid"]
            if pid == os.getpid():
                with self._active_lock:
                    if row["id"] in self._active:
                        continue  # running in this process right now
            elif _pid_alive(pid):
                continue  # another live process is sending it
            recovered.append(row["id"])
        dead = recovered[len(orphans) :]
        if dead:
            with self.db.write() as c:
                for job_id in dead:
                    _settle_dead_runner(c, job_id)
        return recovered

    def resume(
        self,
        job_id: int,
        *,
        resend_unknown: bool = False,
        progress: Callable[[Progress], None] | None = None,
        control: JobControl | None = None,
    ) -> JobSummary:
        """Send what is still queued. Unknown recipients are resent only when asked explicitly."""
        self.recover()
        job = self._job_row(job_id)
        if job["state"] == JobState.CANCELLED:
            raise InputError(f"任务 {job_id} 已取消。 / Job {job_id} was cancelled.")
        send_at = _parse_time(job["send_at"])
        if job["state"] == JobState.HELD and send_at and send_at > _now():
            raise InputError(
                f"任务 {job_id} 定时于 {job['send_at']} 发送，时间未到。"
                f" / Job {job_id} is held until {job['send_at']}; its time has not come."
            )
        if resend_unknown:
            with self.db.write() as c:
                c.execute(
                    "UPDATE messages SET state=?, batch_id=NULL, gateway_id=NULL, code=NULL,"
                    " message=? WHERE job_id=? AND state=?",
                    (
                        MsgState.QUEUED,
                        "用户选择重发 / resent by the user",
                        job_id,
                        MsgState.UNKNOWN,
                    ),
                )
        return self.run_job(job_id, progress=progress, control=control, release_held=True)

    def cancel(self, job_id: int) -> None:
        """Cancel a job that has not finished: its queued recipients are skipped.

        Only queued, held, paused, interrupted and overdue jobs can be cancelled. A finished job
        keeps its state (what was sent stays sent), a job handed to the gateway's own scheduler
        cannot be recalled from here, and a running job is stopped by its sender
        (:meth:`JobControl.cancel`). Each refusal raises InputError and changes nothing.
        """
        self.recover()  # a job whose runner died is interrupted, and so can be cancelled
        with self.db.write() as c:
            job = c.execute(
                "SELECT state, send_at, runner_pid FROM jobs WHERE id=?", (job_id,)
            ).fetchone()
            if job is None:
                raise InputError(f"没有编号为 {job_id} 的任务。 / No job {job_id}.")
            state = job["state"]
            sent = c.execute(
                "SELECT COUNT(*) FROM messages WHERE job_id=? AND state IN (?,?,?,?,?,?)",
                (
                    job_id,
                    MsgState.SENDING,
                    *MsgState.ACCEPTED_LIKE,
                    MsgState.REJECTED,
                    MsgState.UNKNOWN,
                ),
            ).fetchone()[0]
            if state == JobState.SCHEDULED and sent:
                raise InputError(
                    f"任务 {job_id} 已交给网关定时于 {job['send_at']} 发送，无法在本程序中撤回；"
                    f"如需撤回请联系短信服务商。 / Job {job_id} was handed to the gateway's"
                    f" scheduler for {job['send_at']}; it cannot be recalled from here"
                    " (ask the SMS vendor)."
                )
            if state == JobState.RUNNING:
                raise InputError(
                    f"任务 {job_id} 正在发送中，请在发送它的窗口中停止。"
                    f" / Job {job_id} is being sent; stop it where it is being sent."
                )
            if state == JobState.CANCELLED:
                raise InputError(f"任务 {job_id} 已取消。 / Job {job_id} is already cancelled.")
            if state not in _CANCELLABLE and not (state == JobState.SCHEDULED and not sent):
                raise InputError(
                    f"任务 {job_id} 已结束（{state}），已发出 {sent} 条，不能取消。"
                    f" / Job {job_id} has finished ({state}) with {sent} recipients sent;"
                    " it cannot be cancelled."
                )
            _skip_queued_as_cancelled(c, job_id)
            c.execute("UPDATE jobs SET state=? WHERE id=?", (JobState.CANCELLED, job_id))

    # ------------------------------------------------------------------ scheduling ------------
    def held_jobs(self) -> list[JobSummary]:
        return self._summaries(
            "j.state IN (?,?)", (JobState.HELD, JobState.OVERDUE), order="j.send_at, j.id"
        )

    def mark_overdue(self, now: datetime | None = None) -> list[JobSummary]:
        """At start-up: held jobs whose time passed while the app was closed wait for the user."""
        now = now or _now()
        limit = _fmt(now - OVERDUE_GRACE)
        with self.db.write() as c:
            ids = [
                r[0]
                for r in c.execute(
                    "SELECT id FROM jobs WHERE state=? AND send_at < ?", (JobState.HELD, limit)
                )
            ]
            for i in ids:
                c.execute("UPDATE jobs SET state=? WHERE id=?", (JobState.OVERDUE, i))
        if not ids:
            return []
        return self._summaries(
            "j.id IN (SELECT value FROM json_each(?))", (json.dumps(ids),), order="j.id"
        )

    def due_jobs(self, now: datetime | None = None) -> list[int]:
        """Held jobs whose time has come (not overdue ones: those wait for confirmation)."""
        now = now or _now()
        return [
            r[0]
            for r in self.db.read().execute(
                "SELECT id FROM jobs WHERE state=? AND send_at <= ? ORDER BY send_at",
                (JobState.HELD, _fmt(now)),
            )
        ]

    def confirm_overdue(self, job_id: int, send: bool) -> None:
        job = self._job_row(job_id)
        if job["state"] != JobState.OVERDUE:
            raise InputError(f"任务 {job_id} 不是逾期待确认状态。 / Job {job_id} is not overdue.")
        if send:
            with self.db.write() as c:
                c.execute("UPDATE jobs SET state=? WHERE id=?", (JobState.HELD, job_id))
        else:
            self.cancel(job_id)


@dataclass
class _Batch:
    account: str
    text: str  # the final text (or the JSON list of template values)
    message_ids: list[int]
    phones: list[str]
    batch_id: int = 0
    leaving: bool = False  # committed as ``sending``: its request may have left


class _JobRunner:
    """Runs one job: builds batches, keeps up to ``concurrency`` requests in flight."""

    def __init__(
        self,
        engine: Engine,
        job_id: int,
        job: Any,
        acct: Account,
        gateway_send_at: datetime | None,
        control: JobControl,
        progress: Callable[[Progress], None] | None,
    ) -> None:
        self.e = engine
        self.db = engine.db
        self.job_id = job_id
        self.job = job
        self.primary = acct
        self.backup = job["backup_account"]
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
        self.tally: dict[str, int] = dict(engine.counts(job_id)) if progress else {}
        self.template_id = job["template_id"]
        self.extno = job["extno"] or None

    def _move(self, moves: Iterable[tuple[str, str]]) -> None:
        """Record recipients changing state (from, to) in the progress tally."""
        if not self.progress:
            return
        with self._lock:
            for old, new in moves:
                self.tally[old] = self.tally.get(old, 0) - 1
                self.tally[new] = self.tally.get(new, 0) + 1

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

    def _queued_batches(self, account: str) -> Iterable[_Batch]:
        """The queued recipients, grouped by text, cut by the gateway's own batching rule."""
        gw = self.e.gateway(account)
        rows = (
            self.db.read()
            .execute(
                "SELECT id, phone, text FROM messages WHERE job_id=? AND state=? ORDER BY text, seq",
                (self.job_id, MsgState.QUEUED),
            )
            .fetchall()
        )
        for text, group in itertools.groupby(rows, key=lambda r: r["text"]):
            members = list(group)
            start = 0
            for chunk in gw.batches([r["phone"] for r in members], text):
                ids = [r["id"] for r in members[start : start + len(chunk)]]
                start += len(chunk)
                yield _Batch(account, text, ids, chunk)

    def run(self) -> tuple[str, str | None]:
        account = self.primary.name
        # after a failover in an earlier run, go on with the backup
        prev = (
            self.db.read()
            .execute(
                "SELECT 1 FROM batches WHERE job_id=? AND account=? LIMIT 1",
                (self.job_id, self.backup or ""),
            )
            .fetchone()
        )
        if prev and self.backup:
            account = self.backup
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
            self._write(("取消", "the cancel"), lambda c: _skip_queued_as_cancelled(c, self.job_id))
            return JobState.CANCELLED, None
        counts = self.e.counts(self.job_id)
        if counts.get(MsgState.SENDING, 0):
            # outcomes that could not be recorded: the job stays resumable, never "done"
            return JobState.INTERRUPTED, self.error
        if counts.get(MsgState.QUEUED, 0):
            if self.control.paused:
                return JobState.PAUSED, None
            return JobState.INTERRUPTED, self.error
        return JobState.DONE, self.error

    def _run_account(self, account: str) -> str:
        """Send all queued batches through one account. Returns "done", "failover" or "stop".

        Each of the account's ``concurrency`` slots runs a pipeline (:meth:`_slot`); one
        bookkeeping thread does the slots' transactions, each while a request is in flight.
        """
        acct = self.e.accounts.get(account)
        workers = max(1, acct.concurrency)
        batches = iter(list(self._queued_batches(account)))
        take_lock = threading.Lock()
        self._stop = threading.Event()
        self._failover = False

        def take() -> _Batch | None:
            with take_lock:
                if self._halted():
                    return None
                return next(batches, None)

        gw = self.e.gateway(account)
        limits = self.e.account_limits(account)
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal") as book,
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"send-{account}") as ex,
        ):
            for f in [ex.submit(self._slot, gw, limits, take, book) for _ in range(workers)]:
                f.result()  # _slot handles its own errors; this only waits for it
        if self.control.paused and not self.control.cancelled and not self._stop.is_set():
            self._emit("paused")  # a paused run returns; resume() starts it again
        if self._failover and self.backup and not self.failed_over:
            return "failover"
        return "stop" if self._stop.is_set() else "done"

    def _halted(self) -> bool:
        return self._stop.is_set() or self.control.cancelled or self.control.paused

    # ---- one slot: a pipeline of batches -----------------------------------------------------
    def _slot(
        self,
        gw: Gateway,
        limits: tuple[threading.Semaphore, _RateLimiter],
        take: Callable[[], _Batch | None],
        book: ThreadPoolExecutor,
    ) -> None:
        """Send batches one after another; the journal of the next overlaps the request.

        A batch is journalled ``ready`` (with its recipients ``sending``) before its turn. When
        its turn comes, a cheap commit marks it ``sending`` (the journal-first rule) and stores
        the outcome of this slot's previous batch on that batch's row, in compact form (one
        entry per distinct outcome); only then one transaction, done by ``book`` while the
        request is in flight, writes that outcome to the recipients and journals the slot's next
        batch: the per-recipient work stays off the request path. A crash at any point leaves
        unknown only the batches whose reply had not come in (at most one per slot): a stored
        outcome is applied by :meth:`Engine.recover`, and a ``ready`` batch never left, so its
        recipients go back to the queue.
        """
        try:
            cur = book.submit(self._transition, (), take).result()
            prev: list[_Sent] = []  # the outcome still to be recorded
            while cur is not None:
                ahead: list[Future[_Batch | None]] = []

                def leaving(prev: list[_Sent] = prev, ahead: list[Any] = ahead) -> None:
                    # cur is committed as sending: record the last outcome and journal the
                    # next batch while its request is out
                    ahead.append(book.submit(self._transition, list(prev), take))
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
                if ahead:
                    try:
                        nxt = ahead[0].result()
                    except _BookkeepingFailed:
                        self._stop.set()
                prev.append(sent)
                if sent.status != "done" or nxt is None or self._halted():
                    book.submit(self._transition, prev, None, [nxt] if nxt else []).result()
                    return
                cur = nxt
        except _BookkeepingFailed:
            self._stop.set()  # what could not be recorded is settled when the run ends
        except Exception as exc:  # a bug in our own code: stop, and let it be seen
            log.error("batch worker failed", exc_info=exc)
            self.error = f"{type(exc).__name__}: {exc}"
            self._stop.set()

    def _write(self, what: tuple[str, str], body: Callable[[sqlite3.Connection], _T]) -> _T:
        """One write transaction, retried when the store refuses it (locked, disk full …).

        Raises _BookkeepingFailed after the last attempt; the transaction was rolled back.
        """
        delay = BOOKKEEPING_BACKOFF
        for attempt in range(1, BOOKKEEPING_ATTEMPTS + 1):
            try:
                with self.db.write() as c:
                    return body(c)
            except (StoreError, sqlite3.OperationalError) as exc:
                if isinstance(exc, StoreError):
                    code, zh, en = exc.sqlite_code, exc.zh, exc.en
                else:  # not one the store words (a bug, or a code it does not know)
                    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
                    zh = en = str(exc)
                if attempt == BOOKKEEPING_ATTEMPTS or code not in _TRANSIENT_SQLITE:
                    failed = _BookkeepingFailed(
                        f"无法记录{what[0]}：{zh}", f"could not record {what[1]}: {en}", code
                    )
                    self.error = str(failed)
                    log.error("job %s: %s (%s)", self.job_id, self.error, exc.__cause__ or exc)
                    self._emit("error", self.error)
                    raise failed from exc
                log.warning(
                    "job %s: recording %s failed (%s), retrying",
                    self.job_id,
                    what[1],
                    exc.__cause__ or exc,
                )
                self._emit("retry", f"{what[1]}: {en}; retry {attempt}/{BOOKKEEPING_ATTEMPTS - 1}")
                self.e._sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _transition(
        self,
        sents: Sequence[_Sent],
        take: Callable[[], _Batch | None] | None,
        release: Sequence[_Batch] = (),
    ) -> _Batch | None:
        """One transaction: record ``sents``, put ``release`` back in the queue, and journal the
        next batch (``ready``). Returns that batch, or None when there is none."""
        nxt = take() if take is not None else None
        if not sents and not release and nxt is None:
            return None  # nothing to record
        moves: list[tuple[str, str]] = []
        # the per-recipient work is done before the transaction, not while holding the lock
        plans = [x.plan or self._plan(x.batch, x.res) if x.res is not None else None for x in sents]

        def body(c: sqlite3.Connection) -> None:
            moves.clear()
            for x, plan in zip(sents, plans, strict=True):
                moves.extend(self._record(c, x, plan))
            for b in release:
                moves.extend(self._release(c, b))
            if nxt is not None:
                moves.extend(self._journal(c, nxt))

        self._write(("发送结果", "a batch's outcome"), body)
        self._move(moves)
        for x in sents:
            if x.res is not None:
                self._rematch(x.batch)
        for x in sents:
            if x.res is not None:
                self._emit("batch", f"{x.batch.account}: {x.res.count(Outcome.ACCEPTED)}/{x.size}")
        return nxt

    def _rematch(self, b: _Batch) -> None:
        """A report may have come in while the batch was sending (issue 7, item 1)."""
        try:
            settled = rematch_reports(self.db, b.account, b.message_ids)
        except Exception:  # the next sync matches it again; the send goes on
            log.exception("matching stored reports after batch %s", b.batch_id)
        else:
            mine = (x for x in settled if x["job_id"] == self.job_id)
            self._move((x["previous_state"], x["state"]) for x in mine)

    def _journal(self, c: sqlite3.Connection, b: _Batch) -> list[tuple[str, str]]:
        """In a write transaction: the batch and its recipients, before any request (``ready``)."""
        cur = c.execute(
            "INSERT INTO batches(job_id, account, text, state, size) VALUES(?,?,?,?,?)",
            (self.job_id, b.account, b.text, BatchState.READY, len(b.phones)),
        )
        b.batch_id = int(cur.lastrowid or 0)
        cur = c.execute(
            "UPDATE messages SET state=?, batch_id=?, account=?, updated_at=?"
            " WHERE id IN (SELECT value FROM json_each(?)) AND state=?",
            (
                MsgState.SENDING,
                b.batch_id,
                b.account,
                _stamp(),
                json.dumps(b.message_ids),
                MsgState.QUEUED,
            ),
        )
        if cur.rowcount != len(b.message_ids):
            # Some recipients are no longer queued (another runner, a cancel): send only to
            # the ones this journal entry really holds, never to the others.
            held = c.execute(
                "SELECT id, phone FROM messages WHERE batch_id=? ORDER BY id", (b.batch_id,)
            ).fetchall()
            b.message_ids = [r["id"] for r in held]
            b.phones = [r["phone"] for r in held]
            c.execute("UPDATE batches SET size=? WHERE id=?", (len(held), b.batch_id))
        return [(MsgState.QUEUED, MsgState.SENDING)] * len(b.message_ids)

    def _release(self, c: sqlite3.Connection, b: _Batch) -> list[tuple[str, str]]:
        """In a write transaction: a batch journalled ahead that never left goes back."""
        _release_ready(c, "id=?", (b.batch_id,))
        return [(MsgState.SENDING, MsgState.QUEUED)] * len(b.message_ids)

    def _mark_leaving(self, b: _Batch, received: Sequence[_Sent] = ()) -> bool:
        """Commit the batch as ``sending`` just before its request leaves (one row), with the
        outcome of the ``received`` batches, whose replies are in, on their own rows."""
        staging = [x for x in received if x.res is not None and not x.staged]

        def body(c: sqlite3.Connection) -> bool:
            for x in staging:
                assert x.res is not None and x.plan is not None
                self._finish_batch(c, x.batch, x.res, x.attempts, x.plan, staged=True)
            cur = c.execute(
                "UPDATE batches SET state=?,"
                " sent_at=strftime('%Y-%m-%d %H:%M:%f','now','localtime') WHERE id=? AND state=?",
                (MsgState.SENDING, b.batch_id, BatchState.READY),
            )
            return cur.rowcount == 1

        b.leaving = self._write(("发送日志", "the journal"), body)
        for x in staging:
            x.staged = True
        return b.leaving

    # ---- one batch ---------------------------------------------------------------------------
    def _send(
        self,
        gw: Gateway,
        limits: tuple[threading.Semaphore, _RateLimiter],
        b: _Batch,
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
                    # the rate is kept on the wire: the limiter comes after the journal's
                    # commit, whose time varies, right before the request leaves
                    limiter.wait()
                    if self._halted():  # asked while it waited: certain, it never left
                        return _Sent(b, None, attempt, "stop", "halted")
                    res = gw.send(
                        b.phones, text, send_at=self.send_at, extno=self.extno, template=template
                    )
                break
            except _BookkeepingFailed as exc:
                self._stop.set()
                return _Sent(b, None, attempt, "stop", str(exc))  # never left
            except NotSentError as exc:
                # certain: nothing left this machine, so it is safe to try again
                if attempt <= NOT_SENT_RETRIES and not self.control.cancelled:
                    self._emit("retry", f"{exc}; retry {attempt}/{NOT_SENT_RETRIES} in {delay:g}s")
                    self.e._sleep(delay)
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

    def _record(
        self, c: sqlite3.Connection, sent: _Sent, plan: _Plan | None
    ) -> list[tuple[str, str]]:
        """In a write transaction: what became of a batch."""
        b = sent.batch
        if sent.res is None:
            if sent.why == "empty":
                c.execute(
                    "UPDATE batches SET state='not_sent', message='empty' WHERE id=?",
                    (b.batch_id,),
                )
                return []
            if not b.leaving:
                return self._release(c, b)
            # the request certainly never left: the recipients go back to the queue
            c.execute(
                "UPDATE batches SET state='not_sent', message=?,"
                " finished_at=strftime('%Y-%m-%d %H:%M:%f','now','localtime') WHERE id=?",
                (sent.why, b.batch_id),
            )
            c.execute(
                "UPDATE messages SET state=?, batch_id=NULL, account=NULL WHERE batch_id=? AND state=?",
                (MsgState.QUEUED, b.batch_id, MsgState.SENDING),
            )
            return [(MsgState.SENDING, MsgState.QUEUED)] * len(b.message_ids)
        return self._finish(
            c, b, sent.res, sent.attempts, plan or self._plan(b, sent.res), sent.staged
        )

    def _plan(self, b: _Batch, res: SendResult) -> _Plan:
        """Each recipient's outcome from the reply, grouped into one update per outcome."""
        by_phone: dict[str, list[RecipientResult]] = {}
        for rr in res.results:
            by_phone.setdefault(rr.phone, []).append(rr)
        failover = res.account_level_failure and bool(self.backup) and not self.failed_over
        updates = []
        for mid, phone in zip(b.message_ids, b.phones, strict=True):
            lst = by_phone.get(phone)
            r = lst.pop(0) if lst else None
            if r is None:
                state, gid, code, vtext, msg = (
                    MsgState.UNKNOWN,
                    None,
                    None,
                    None,
                    "网关回复中没有该号码 / the reply did not mention this number",
                )
            else:
                state = {
                    Outcome.ACCEPTED: MsgState.ACCEPTED,
                    Outcome.REJECTED: MsgState.REJECTED,
                    Outcome.UNKNOWN: MsgState.UNKNOWN,
                }[r.outcome]
                gid, code, vtext, msg = r.gateway_id, r.code, r.vendor_text, r.message
            if failover and state == MsgState.REJECTED:
                # account-level rejection: certain, nothing sent; back to the queue for the backup
                state = MsgState.QUEUED
                msg = f"主账户拒绝，改用备用账户 / primary rejected, failing over: {msg}"
            updates.append((state, gid, code, vtext, msg, mid))
        states = {u[0] for u in updates}
        if states == {MsgState.ACCEPTED}:
            bstate = MsgState.ACCEPTED
        elif states == {MsgState.REJECTED} or states == {MsgState.QUEUED}:
            bstate = MsgState.REJECTED
        elif states == {MsgState.UNKNOWN}:
            bstate = MsgState.UNKNOWN
        else:
            bstate = "partial"
        # one statement per distinct outcome (usually one per batch), not one per recipient
        groups: dict[tuple[Any, ...], list[int]] = {}
        for *outcome, mid in updates:
            groups.setdefault(tuple(outcome), []).append(mid)
        return _Plan(
            bstate,
            [(*k, json.dumps(ids)) for k, ids in groups.items()],
            [(MsgState.SENDING, u[0]) for u in updates],
        )

    def _finish(
        self,
        c: sqlite3.Connection,
        b: _Batch,
        res: SendResult,
        attempts: int,
        plan: _Plan,
        staged: bool = False,
    ) -> list[tuple[str, str]]:
        """In a write transaction: the batch's outcome, as planned (``staged``: its batch row
        was already written by the next batch's leaving commit)."""
        if staged:
            c.execute("UPDATE batches SET staged_outcome=NULL WHERE id=?", (b.batch_id,))
        else:
            self._finish_batch(c, b, res, attempts, plan, staged=False)
        _apply_groups(c, plan.groups)
        return plan.moves

    def _finish_batch(
        self,
        c: sqlite3.Connection,
        b: _Batch,
        res: SendResult,
        attempts: int,
        plan: _Plan,
        staged: bool,
    ) -> None:
        """In a write transaction: the batch row's outcome, and when ``staged`` its recipients'
        outcome stored on it until :meth:`_finish` (or a recover()) writes it to them."""
        raw_id = None
        if res.raw is not None:
            cur = c.execute(
                "INSERT INTO raw_bodies(account, kind, url, content_type, body, parsed)"
                " VALUES(?,?,?,?,?,1)",
                (b.account, "send", res.raw.url, res.raw.content_type, res.raw.body),
            )
            raw_id = cur.lastrowid
        c.execute(
            "UPDATE batches SET state=?, gateway_batch_id=?, code=?, message=?, raw_id=?,"
            " attempts=?, finished_at=strftime('%Y-%m-%d %H:%M:%f','now','localtime'),"
            " staged_outcome=? WHERE id=?",
            (
                plan.batch_state,
                res.batch_id,
                res.code.code if res.code else None,
                (res.code.zh + " / " + res.code.en) if res.code else None,
                raw_id,
                attempts,
                json.dumps(plan.groups, ensure_ascii=False) if staged else None,
                b.batch_id,
            ),
        )


@dataclass
class _Plan:
    """A batch's outcome, ready to be written."""

    batch_state: str
    groups: list[tuple[Any, ...]]  # (state, gateway_id, code, vendor_text, message, ids JSON)
    moves: list[tuple[str, str]]


@dataclass
class _Sent:
    """What became of one batch's request, to be recorded."""

    batch: _Batch
    res: SendResult | None  # None: the request certainly never left
    attempts: int
    status: str  # "done", "failover" or "stop"
    why: str = ""  # why it was not sent
    plan: _Plan | None = None  # the outcome, once worked out
    staged: bool = False  # the outcome is stored on the batch row, not yet on its recipients

    @property
    def size(self) -> int:
        return len(self.batch.phones)


class _BookkeepingFailed(SmsDesktopError):
    """A write to the store failed after its retries (locked, disk full …)."""

    def __init__(self, zh: str, en: str, sqlite_code: int = 0) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en, self.sqlite_code = zh, en, sqlite_code


def _fields_json(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, default=str) if fields else "{}"


def _rejected_all(phones_: Sequence[str], code: str, why: str) -> SendResult:
    return SendResult(
        results=[RecipientResult(p, Outcome.REJECTED, code=code, message_zh=why) for p in phones_]
    )


def _raw_of(exc: ProtocolError) -> Any:
    from .gateways import RawReply

    raw = exc.raw
    if isinstance(raw, RawReply):
        return raw
    body = raw if isinstance(raw, bytes) else str(raw or "").encode("utf-8")
    return RawReply.from_bytes(body)
