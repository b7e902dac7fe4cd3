"""The journal's rules: how a reply becomes the recipients' outcome, how a write that the store
refuses is retried, and what becomes of a job no runner holds (outcomes received but not yet
written are applied, batches journalled ahead go back to the queue, what was in flight becomes
unknown); and whether a runner recorded in the journal is still alive.

The SQL is the store's (:mod:`~sms_desktop.core.store.jobs`,
:mod:`~sms_desktop.core.store.messages`); the states and texts it writes are decided here.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..contacts.recipients import SkipReason
from ..errors import SmsDesktopError, StoreError
from ..gateways import Outcome, RecipientResult, SendResult
from ..guard import SENT_STATES, BatchGuard
from ..guard.caps import Lately
from ..store import Connection, Database, OperationalError, is_transient
from ..store import inbox as store_inbox
from ..store import jobs as store_jobs
from ..store import messages as store_messages
from ..store.jobs import BATCHES_OPEN
from .model import BOOKKEEPING_ATTEMPTS, BOOKKEEPING_BACKOFF, BatchState, JobState, MsgState, stamp

log = logging.getLogger(__name__)
_T = TypeVar("_T")

# the partial index behind BATCHES_OPEN names these states literally, and the guard's caps count
# the recipients in these states (and skip queued ones) by name
assert BatchState.READY == "ready" and MsgState.SENDING == "sending" and BATCHES_OPEN
assert set(SENT_STATES) == {MsgState.SENDING, MsgState.UNKNOWN, *MsgState.ACCEPTED_LIKE}
assert (MsgState.QUEUED, MsgState.SKIPPED) == ("queued", "skipped")

STOPPED_WAITING = (
    "程序在等待网关回复时中断，结果未知，不会自动重发。"
    " / The program stopped while waiting for the gateway; outcome unknown,"
    " not resent automatically."
)
NOT_RECORDED = (
    "网关的回复未能记录（数据库错误），结果未知，不会自动重发；状态报告可确认。"
    " / The gateway's reply could not be recorded (database error); outcome unknown,"
    " not resent automatically; a delivery report can settle it."
)
CANCELLED = "任务已取消 / job cancelled"
BLACKLISTED_MEANWHILE = (
    "发送期间加入黑名单（如收到退订回复），未发送 / blacklisted while the job was sending (an"
    " opt-out reply, say): not sent"
)
ALL_BLACKLISTED = "all blacklisted"  # why a batch did not leave: every number was blacklisted


# ---- a reply, as the recipients' outcome ------------------------------------------------------
@dataclass
class Plan:
    """A batch's outcome, ready to be written."""

    batch_state: str
    groups: list[tuple[Any, ...]]  # (state, gateway_id, code, vendor_text, message, ids JSON)
    moves: list[tuple[str, str]]  # each recipient's (from, to) state, for a progress tally


def plan(
    message_ids: Sequence[int], phones: Sequence[str], res: SendResult, failover: bool
) -> Plan:
    """Each recipient's outcome from the reply, grouped into one update per outcome.

    ``failover``: an account-level rejection sends the batch to the backup account, so the
    recipients it refused go back to the queue instead of being rejected."""
    if (whole := res.same_for_all) is not None and whole.outcome is Outcome.ACCEPTED:
        # the common case, per batch: one statement, no Python work per recipient
        group = (MsgState.ACCEPTED, whole.gateway_id, whole.code, whole.vendor_text)
        return Plan(
            MsgState.ACCEPTED,
            [(*group, whole.message, json.dumps(list(message_ids)))],
            [(MsgState.SENDING, MsgState.ACCEPTED)] * len(message_ids),
        )
    by_phone: dict[str, list[RecipientResult]] = {}
    for rr in res.results:
        by_phone.setdefault(rr.phone, []).append(rr)
    failover = res.account_level_failure and failover
    updates = []
    for mid, phone in zip(message_ids, phones, strict=True):
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
    return Plan(
        bstate,
        [(*k, json.dumps(ids)) for k, ids in groups.items()],
        [(MsgState.SENDING, u[0]) for u in updates],
    )


def apply_groups(c: Connection, groups: Iterable[Sequence[Any]]) -> None:
    """In a write transaction: a planned outcome (:attr:`Plan.groups`) on the recipients."""
    # one stamp for the statement: cheaper than the time per row
    store_messages.apply_outcomes(c, groups, stamp(), MsgState.QUEUED, MsgState.REJECTED)


# ---- one batch's entries ----------------------------------------------------------------------
@dataclass
class Batch:
    """A batch of one job's recipients, as it is journalled."""

    account: str
    text: str  # the final text (or the JSON list of template values)
    message_ids: list[int]
    phones: list[str]
    batch_id: int = 0
    leaving: bool = False  # committed as ``sending``: its request may have left
    # recipients a frequency cap stopped as the batch was journalled: skipped, and put back
    # in the queue if the batch never leaves (the caps are those of the moment it leaves)
    capped: list[int] = field(default_factory=list)

    def saved(self) -> tuple[list[int], list[str], int, bool, list[int]]:
        """What a journal transaction may change on the batch (its recipients as screened,
        its row's id, the capped ones), to :meth:`restore` when the transaction is rolled back
        and tried again: each attempt starts from the batch as it was."""
        return (
            list(self.message_ids),
            list(self.phones),
            self.batch_id,
            self.leaving,
            list(self.capped),
        )

    def restore(self, saved: tuple[list[int], list[str], int, bool, list[int]]) -> None:
        ids, phones, self.batch_id, self.leaving, capped = saved
        self.message_ids, self.phones, self.capped = list(ids), list(phones), list(capped)


Moves = list[tuple[str, str]]  # recipients' (from, to) states, for a progress tally


def enter(c: Connection, job_id: int, b: Batch) -> Moves:
    """In a write transaction: the batch and its recipients, before any request (``ready``)."""
    b.batch_id = store_jobs.insert_batch(
        c, job_id, b.account, b.text, BatchState.READY, len(b.phones)
    )
    held = store_messages.hold_for_batch(
        c, b.message_ids, b.batch_id, b.account, stamp(), MsgState.QUEUED, MsgState.SENDING
    )
    if held != len(b.message_ids):
        # Some recipients are no longer queued (another runner, a cancel): send only to
        # the ones this journal entry really holds, never to the others.
        rows = store_messages.of_batch(c, b.batch_id)
        b.message_ids = [r[0] for r in rows]
        b.phones = [r[1] for r in rows]
        store_jobs.resize_batch(c, b.batch_id, len(rows))
    return [(MsgState.QUEUED, MsgState.SENDING)] * len(b.message_ids)


def prepare(db: Database, guard: BatchGuard, b: Batch | None) -> Lately | None:
    """Before the write transaction that journals ``b``: what the guard reads without the lock
    (the numbers' counts, see :meth:`BatchGuard.prepare`)."""
    return None if b is None else guard.prepare(db.read(), b.phones)


def screen(c: Connection, guard: BatchGuard, b: Batch, lately: Lately | None) -> Moves:
    """In the write transaction that journals ``b``, before :func:`enter`: the recipients a
    frequency cap stops now are skipped (频次限制) and leave the batch."""
    gone = guard.screen(c, b.message_ids, b.phones, stamp(), lately)
    if not gone:
        return []
    out = set(gone)
    b.capped = [m for i, m in enumerate(b.message_ids) if i in out]
    b.message_ids = [m for i, m in enumerate(b.message_ids) if i not in out]
    b.phones = [p for i, p in enumerate(b.phones) if i not in out]
    return [(MsgState.QUEUED, MsgState.SKIPPED)] * len(gone)


def _uncap(c: Connection, b: Batch) -> Moves:
    """The recipients a cap stopped for ``b``, which never left, go back to the queue."""
    if not b.capped:
        return []
    n = store_messages.unskip_ids(
        c, b.capped, MsgState.SKIPPED, SkipReason.FREQUENCY, MsgState.QUEUED
    )
    b.capped = []
    return [(MsgState.SKIPPED, MsgState.QUEUED)] * n


def drop_blacklisted(c: Connection, b: Batch) -> list[int]:
    """In the write transaction that lets the batch leave: its recipients whose number is on
    the blacklist now are skipped and leave the batch (its size follows); their ids. The
    caller drops them from ``b`` once the transaction is committed."""
    ids = store_messages.skip_blacklisted_in_batch(
        c,
        b.batch_id,
        MsgState.SENDING,
        MsgState.SKIPPED,
        BLACKLISTED_MEANWHILE,
        SkipReason.BLACKLISTED,
        stamp(),
    )
    if ids:
        store_jobs.resize_batch(c, b.batch_id, len(b.message_ids) - len(ids))
    return ids


def leave(c: Connection, b: Batch) -> bool:
    """In a write transaction: the ``ready`` batch is ``sending``, its request leaves now (the
    journal-first rule); False when it is no longer ``ready``."""
    return store_jobs.batch_leaves(c, b.batch_id, BatchState.READY, MsgState.SENDING, stamp())


def release(c: Connection, b: Batch) -> Moves:
    """In a write transaction: a batch journalled ahead that never left goes back."""
    release_ready(c, batch_id=b.batch_id)
    return [(MsgState.SENDING, MsgState.QUEUED)] * len(b.message_ids) + _uncap(c, b)


def record(
    c: Connection,
    b: Batch,
    res: SendResult | None,
    attempts: int,
    why: str,
    plan: Plan | None,
    staged: bool,
) -> Moves:
    """In a write transaction: what became of a batch: the gateway's reply ``res`` as
    ``plan``ned (``staged``: already stored on the batch row), or, with no reply, ``why`` its
    request certainly never left."""
    if res is None:
        if why in ("empty", ALL_BLACKLISTED):
            store_jobs.batch_not_sent(c, b.batch_id, BatchState.NOT_SENT, why)
            return []
        if not b.leaving:
            return release(c, b)
        # the request certainly never left: the recipients go back to the queue
        store_jobs.batch_not_sent(c, b.batch_id, BatchState.NOT_SENT, why, stamp())
        store_messages.requeue_batch(c, b.batch_id, MsgState.SENDING, MsgState.QUEUED)
        return [(MsgState.SENDING, MsgState.QUEUED)] * len(b.message_ids) + _uncap(c, b)
    assert plan is not None
    if staged:  # its batch row was already written by the next batch's leaving commit
        store_jobs.clear_staged(c, b.batch_id)
    else:
        record_reply(c, b, res, attempts, plan, staged=False)
    apply_groups(c, plan.groups)
    return plan.moves


def record_reply(
    c: Connection, b: Batch, res: SendResult, attempts: int, plan: Plan, staged: bool
) -> None:
    """In a write transaction: the batch row's outcome, and when ``staged`` its recipients'
    outcome stored on it (compact, one entry per outcome) until :func:`record` (or a
    recover()) writes it to them."""
    raw_id = None
    if res.raw is not None:
        raw_id = store_inbox.add_raw_applied(
            c, b.account, "send", res.raw.body, url=res.raw.url, content_type=res.raw.content_type
        )
    store_jobs.finish_batch(
        c,
        b.batch_id,
        state=plan.batch_state,
        gateway_batch_id=res.batch_id,
        code=res.code.code if res.code else None,
        message=(res.code.zh + " / " + res.code.en) if res.code else None,
        raw_id=raw_id,
        attempts=attempts,
        staged_outcome=json.dumps(plan.groups, ensure_ascii=False) if staged else None,
        stamp=stamp(),
    )


# ---- writes the store refuses -----------------------------------------------------------------
class BookkeepingFailed(SmsDesktopError):
    """A write to the store failed after its retries (locked, disk full …)."""

    def __init__(self, zh: str, en: str, sqlite_code: int = 0) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en, self.sqlite_code = zh, en, sqlite_code


def write_retried(
    db: Database,
    what: tuple[str, str],
    body: Callable[[Connection], _T],
    *,
    sleep: Callable[[float], None],
    retrying: Callable[[str], None],
    job_id: int,
) -> _T:
    """One write transaction, retried when the store refuses it (locked, disk full …);
    ``retrying`` is told each retry, ``what`` names the write (Chinese, English).

    Raises :class:`BookkeepingFailed` after the last attempt; the transaction was rolled back.
    """
    delay = BOOKKEEPING_BACKOFF
    for attempt in range(1, BOOKKEEPING_ATTEMPTS + 1):
        try:
            with db.journal_write() as c:
                return body(c)
        except (StoreError, OperationalError) as exc:
            if isinstance(exc, StoreError):
                code, zh, en = exc.sqlite_code, exc.zh, exc.en
            else:  # not one the store words (a bug, or a code it does not know)
                code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
                zh = en = str(exc)
            if attempt == BOOKKEEPING_ATTEMPTS or not is_transient(exc):
                failed = BookkeepingFailed(
                    f"无法记录{what[0]}：{zh}", f"could not record {what[1]}: {en}", code
                )
                log.error("job %s: %s (%s)", job_id, failed, exc.__cause__ or exc)
                raise failed from exc
            log.warning(
                "job %s: recording %s failed (%s), retrying", job_id, what[1], exc.__cause__ or exc
            )
            retrying(f"{what[1]}: {en}; retry {attempt}/{BOOKKEEPING_ATTEMPTS - 1}")
            sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


# ---- a job no runner holds --------------------------------------------------------------------
def skip_queued_as_cancelled(c: Connection, job_id: int) -> None:
    """In a write transaction: what is still queued will not be sent."""
    store_messages.skip_in_state(
        c, job_id, MsgState.QUEUED, MsgState.SKIPPED, CANCELLED, SkipReason.CANCELLED
    )


def release_ready(c: Connection, *, job_id: int | None = None, batch_id: int | None = None) -> None:
    """In a write transaction: batches journalled ahead (the job's, or the one batch) whose
    request never left go back to the queue."""
    ids = store_jobs.ready_batches(c, BatchState.READY, job_id=job_id, batch_id=batch_id)
    if not ids:
        return
    store_messages.requeue_batches(c, ids, MsgState.SENDING, MsgState.QUEUED, stamp())
    store_jobs.batches_not_sent(c, ids, BatchState.NOT_SENT, "journalled ahead, never left")


def apply_staged(c: Connection, job_id: int) -> None:
    """In a write transaction: outcomes a runner stored on their batch rows (with the next
    batch's leaving commit) but did not get to write to the recipients: the reply was in."""
    for bid, staged in store_jobs.staged_outcomes(c, job_id):
        apply_groups(c, json.loads(staged))
        store_jobs.clear_staged(c, bid)


def settle_journal(c: Connection, job_id: int, why: str) -> int:
    """In a write transaction, for a job no runner holds: outcomes already received are
    applied, batches journalled ahead go back to the queue, and ``sending`` recipients become
    ``unknown`` (a report can settle them).

    Returns how many became unknown.
    """
    apply_staged(c, job_id)
    release_ready(c, job_id=job_id)
    n = store_messages.settle_in_flight(c, job_id, MsgState.SENDING, MsgState.UNKNOWN, why, stamp())
    store_jobs.settle_batches(c, job_id, MsgState.SENDING, MsgState.UNKNOWN, "interrupted")
    return n


def settle_dead_runner(c: Connection, job_id: int) -> None:
    """In a write transaction: a dead runner's journal is settled and the job interrupted."""
    settle_journal(c, job_id, STOPPED_WAITING)
    store_jobs.release(c, job_id, JobState.INTERRUPTED, "程序中断 / interrupted")


def pid_alive(pid: int | None) -> bool:
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
