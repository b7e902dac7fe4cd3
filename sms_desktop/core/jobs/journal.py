"""The journal's rules for a job no runner holds: outcomes received but not yet written are
applied, batches journalled ahead go back to the queue, what was in flight becomes unknown; and
whether a runner recorded in the journal is still alive."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from typing import Any

from ..contacts.recipients import SkipReason
from ..errors import SmsDesktopError
from .model import BatchState, JobState, MsgState, _stamp


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


class _BookkeepingFailed(SmsDesktopError):
    """A write to the store failed after its retries (locked, disk full …)."""

    def __init__(self, zh: str, en: str, sqlite_code: int = 0) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en, self.sqlite_code = zh, en, sqlite_code
