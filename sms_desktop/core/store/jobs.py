"""The SQL of the ``jobs`` aggregate: a job, and the journal of its batches (``batches``; the raw
reply of each send request is stored by :mod:`.inbox`, with every raw body).

Functions that take ``c`` run in the caller's write transaction (``with db.write() as c``), or
read through the connection they are given; those that take ``db`` read on their own. The state
values and texts written are the caller's: the rules live in :mod:`sms_desktop.core.jobs`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .base import Connection, Database, Row

# Batches whose outcome is not yet written to their recipients; the same text as the WHERE of
# the partial index ``batches_open`` (schema V3), which it must match to use it.
BATCHES_OPEN = "(b.state IN ('ready', 'sending') OR b.staged_outcome IS NOT NULL)"


# ---- jobs -------------------------------------------------------------------------------------
def insert(
    c: Connection,
    *,
    account: str,
    backup_account: str | None,
    text: str,
    template_id: str | None,
    template_vars: str | None,
    send_at: str | None,
    hold_locally: bool,
    state: str,
    note: str,
    extno: str,
    kind: str = "notice",
    ignore_window: bool = False,
    is_test: bool = False,
    held_for: str = "",
) -> int:
    """A new job; returns its id."""
    found = c.execute(
        "INSERT INTO jobs(account, backup_account, text, template_id, template_vars,"
        " send_at, hold_locally, state, note, extno, kind, ignore_window, is_test, held_for)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        (
            account,
            backup_account,
            text,
            template_id,
            template_vars,
            send_at,
            int(hold_locally),
            state,
            note,
            extno,
            kind,
            int(ignore_window),
            int(is_test),
            held_for,
        ),
    ).fetchone()
    return int(found[0])


def row(c: Connection, job_id: int) -> Row | None:
    """Every column of one job, or None."""
    found: Row | None = c.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
    return found


def set_state(c: Connection, job_id: int, state: str) -> None:
    c.execute("UPDATE jobs SET state=? WHERE id=?", (state, job_id))


def claim(c: Connection, job_id: int, running: str, pid: int, stamp: str) -> None:
    """The job runs in process ``pid`` from now; its last error is cleared."""
    c.execute(
        "UPDATE jobs SET state=?, runner_pid=?, error=NULL, updated_at=? WHERE id=?",
        (running, pid, stamp, job_id),
    )


def release(
    c: Connection, job_id: int, state: str, error: str | None, stamp: str | None = None
) -> None:
    """No runner holds the job any more: its state and error (``stamp``: its new
    ``updated_at``, else that is left as it is)."""
    c.execute(
        "UPDATE jobs SET state=?, error=?, runner_pid=NULL"
        + (", updated_at=?" if stamp is not None else "")
        + " WHERE id=?",
        (state, error, *([stamp] if stamp is not None else []), job_id),
    )


def hold(c: Connection, job_id: int, state: str, send_at: str, held_for: str) -> None:
    """The job waits in ``state`` until ``send_at``, held locally, for ``held_for`` (why)."""
    c.execute(
        "UPDATE jobs SET state=?, send_at=?, hold_locally=1, held_for=? WHERE id=?",
        (state, send_at, held_for, job_id),
    )


def demote(c: Connection, job_id: int, state: str, to: str, error: str) -> None:
    """A job in ``state`` goes to ``to``, keeping an error it has, else taking ``error``."""
    c.execute(
        "UPDATE jobs SET state=?, error=COALESCE(error, ?) WHERE id=? AND state=?",
        (to, error, job_id, state),
    )


def runners(db: Database, running: str) -> list[tuple[int, int | None]]:
    """(id, runner_pid) of the jobs in the ``running`` state."""
    return [
        (r[0], r[1])
        for r in db.read().execute("SELECT id, runner_pid FROM jobs WHERE state=?", (running,))
    ]


def due(c: Connection, state: str, until: str) -> list[int]:
    """Ids of the jobs in ``state`` whose send time is ``until`` or earlier, earliest first."""
    return [
        r[0]
        for r in c.execute(
            "SELECT id FROM jobs WHERE state=? AND send_at <= ? ORDER BY send_at", (state, until)
        )
    ]


def late(c: Connection, state: str, before: str, unless_held_for: str = "") -> list[int]:
    """Ids of the jobs in ``state`` whose send time is before ``before`` (leaving out those
    held for ``unless_held_for``, when given)."""
    sql, params = "SELECT id FROM jobs WHERE state=? AND send_at < ?", [state, before]
    if unless_held_for:
        sql += " AND held_for != ?"
        params.append(unless_held_for)
    return [r[0] for r in c.execute(sql, params)]


def listing(
    db: Database,
    *,
    job_ids: Sequence[int] | None = None,
    states: Sequence[str] | None = None,
    by_send_time: bool = False,
    limit: int | None = None,
) -> list[Row]:
    """id, account, state, created_at, send_at and error of the jobs asked for (all, these ids,
    or those in ``states``): newest first, or by send time, or in id order for ``job_ids``."""
    sql = (
        "SELECT j.id, j.account, j.state, j.created_at, j.send_at, j.error, j.kind,"
        " j.ignore_window, j.is_test, j.held_for FROM jobs j"
    )
    params: list[Any] = []
    if job_ids is not None:
        if len(job_ids) == 1:
            sql += " WHERE j.id=?"
            params.append(job_ids[0])
        else:
            sql += f" WHERE j.id IN {db.dialect.json_ints}"
            params.append(json.dumps(list(job_ids)))
        order = "j.id"
    elif states is not None:
        sql += " WHERE j.state IN (" + ",".join("?" * len(states)) + ")"
        params += list(states)
        order = "j.id DESC"
    else:
        order = "j.id DESC"
    if by_send_time:
        order = "j.send_at, j.id"
    sql += f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return db.read().execute(sql, params).fetchall()


def texts(db: Database, job_ids: Sequence[int]) -> list[Row]:
    """id, text, template_id and note of these jobs."""
    return (
        db.read()
        .execute(
            f"SELECT id, text, template_id, note FROM jobs WHERE id IN {db.dialect.json_ints}",
            (json.dumps(list(job_ids)),),
        )
        .fetchall()
    )


# ---- the journal of batches -------------------------------------------------------------------
def insert_batch(c: Connection, job_id: int, account: str, text: str, state: str, size: int) -> int:
    """A batch journalled before its request; returns its id."""
    found = c.execute(
        "INSERT INTO batches(job_id, account, text, state, size) VALUES(?,?,?,?,?) RETURNING id",
        (job_id, account, text, state, size),
    ).fetchone()
    return int(found[0])


def resize_batch(c: Connection, batch_id: int, size: int) -> None:
    c.execute("UPDATE batches SET size=? WHERE id=?", (size, batch_id))


def batch_leaves(c: Connection, batch_id: int, ready: str, sending: str, stamp: str) -> bool:
    """A ``ready`` batch becomes ``sending`` (its request leaves now); False when it was not
    ``ready`` any more."""
    cur = c.execute(
        "UPDATE batches SET state=?, sent_at=? WHERE id=? AND state=?",
        (sending, stamp, batch_id, ready),
    )
    return cur.rowcount == 1


def batch_not_sent(
    c: Connection, batch_id: int, not_sent: str, why: str, stamp: str | None = None
) -> None:
    """The batch's request never left (``stamp``: when that was settled, if it was tried)."""
    if stamp is None:
        c.execute("UPDATE batches SET state=?, message=? WHERE id=?", (not_sent, why, batch_id))
    else:
        c.execute(
            "UPDATE batches SET state=?, message=?, finished_at=? WHERE id=?",
            (not_sent, why, stamp, batch_id),
        )


def ready_batches(
    c: Connection, ready: str, *, job_id: int | None = None, batch_id: int | None = None
) -> list[int]:
    """Ids of the ``ready`` batches of a job, or the one batch if it is ``ready``."""
    if batch_id is not None:
        rows = c.execute("SELECT id FROM batches WHERE state=? AND id=?", (ready, batch_id))
    else:
        rows = c.execute("SELECT id FROM batches WHERE state=? AND job_id=?", (ready, job_id))
    return [r[0] for r in rows]


def batches_not_sent(c: Connection, batch_ids: Sequence[int], not_sent: str, why: str) -> None:
    c.execute(
        f"UPDATE batches SET state=?, message=? WHERE id IN {c.dialect.json_ints}",
        (not_sent, why, json.dumps(list(batch_ids))),
    )


def staged_outcomes(c: Connection, job_id: int) -> list[tuple[int, str]]:
    """(batch id, outcome JSON) of the job's batches whose outcome is stored on their row."""
    return [
        (r[0], r[1])
        for r in c.execute(
            "SELECT id, staged_outcome FROM batches WHERE job_id=? AND staged_outcome IS NOT NULL",
            (job_id,),
        )
    ]


def clear_staged(c: Connection, batch_id: int) -> None:
    c.execute("UPDATE batches SET staged_outcome=NULL WHERE id=?", (batch_id,))


def settle_batches(c: Connection, job_id: int, state: str, to: str, why: str) -> None:
    """The job's batches in ``state`` go to ``to`` with ``why``."""
    c.execute(
        "UPDATE batches SET state=?, message=? WHERE job_id=? AND state=?",
        (to, why, job_id, state),
    )


def finish_batch(
    c: Connection,
    batch_id: int,
    *,
    state: str,
    gateway_batch_id: str | None,
    code: str | None,
    message: str | None,
    raw_id: int | None,
    attempts: int,
    staged_outcome: str | None,
    stamp: str,
) -> None:
    """What the gateway said of a batch (``staged_outcome``: its recipients' outcome, stored on
    the row until it is written to them)."""
    c.execute(
        "UPDATE batches SET state=?, gateway_batch_id=?, code=?, message=?, raw_id=?,"
        " attempts=?, finished_at=?, staged_outcome=? WHERE id=?",
        (state, gateway_batch_id, code, message, raw_id, attempts, stamp, staged_outcome, batch_id),
    )


def has_batch_on(db: Database, job_id: int, account: str) -> bool:
    """Whether a batch of the job went through ``account`` (a failover in an earlier run)."""
    found = (
        db.read()
        .execute("SELECT 1 FROM batches WHERE job_id=? AND account=? LIMIT 1", (job_id, account))
        .fetchone()
    )
    return found is not None


def with_open_batches(db: Database, running: str) -> list[int]:
    """Jobs not in the ``running`` state whose journal still has batches in flight."""
    return [
        r[0]
        for r in db.read().execute(
            # the literal condition of the partial index batches_open (schema V3), so a
            # start-up reads only the batches in flight, never every batch of the year
            "SELECT DISTINCT b.job_id FROM batches b JOIN jobs j ON j.id = b.job_id"
            f" WHERE {BATCHES_OPEN} AND j.state != ?",
            (running,),
        )
    ]
