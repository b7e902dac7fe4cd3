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

from ..identity import Identity
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
    by_server: bool = False,
    by: Identity | None = None,
) -> int:
    """A new job, created by ``by``; returns its id."""
    found = c.execute(
        "INSERT INTO jobs(account, backup_account, text, template_id, template_vars,"
        " send_at, hold_locally, state, note, extno, kind, ignore_window, is_test, held_for,"
        " by_server, created_by_user, created_by_pc)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
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
            int(by_server),
            by.user if by else None,
            by.pc if by else None,
        ),
    ).fetchone()
    return int(found[0])


def row(c: Connection, job_id: int) -> Row | None:
    """Every column of one job, or None."""
    found: Row | None = c.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
    return found


def set_state(c: Connection, job_id: int, state: str) -> None:
    c.execute("UPDATE jobs SET state=? WHERE id=?", (state, job_id))


def hand_back(c: Connection, job_id: int, state: str, to: str) -> None:
    """A job still in ``state`` goes to ``to`` (for its runner to pick up), its error cleared."""
    c.execute("UPDATE jobs SET state=?, error=NULL WHERE id=? AND state=?", (to, job_id, state))


def lock(c: Connection, job_id: int, *, skip_locked: bool = False) -> Row | None:
    """Every column of one job, with ``lease_age`` (seconds since its runner's last heartbeat,
    by the database's clock), the row locked until the caller's write transaction ends (another
    PC's claim of it waits). ``skip_locked``: None, without waiting, when another PC's
    transaction has the row locked (PostgreSQL's ``SKIP LOCKED``)."""
    lock_it = c.dialect.for_update
    if skip_locked and lock_it:
        lock_it += " SKIP LOCKED"
    found: Row | None = c.execute(
        f"SELECT *, {c.dialect.epoch} - runner_beat AS lease_age FROM jobs WHERE id=?" + lock_it,
        (job_id,),
    ).fetchone()
    return found


def claim(
    c: Connection,
    job_id: int,
    running: str,
    pid: int,
    stamp: str,
    host: str | None = None,
    user: str | None = None,
) -> None:
    """The job runs in process ``pid`` of PC ``host`` (user ``user``) from ``stamp`` on, its
    lease's heartbeat now; its last error is cleared."""
    c.execute(
        "UPDATE jobs SET state=?, runner_pid=?, runner_host=?, runner_user=?, runner_since=?,"
        f" runner_beat={c.dialect.epoch}, error=NULL, updated_at=? WHERE id=?",
        (running, pid, host, user, stamp, stamp, job_id),
    )


_MINE = " WHERE id=? AND state=? AND runner_pid=? AND runner_host=? AND runner_since=?"


def beat(c: Connection, job_id: int, running: str, pid: int, host: str, since: str) -> bool:
    """The heartbeat of the lease of the runner (``pid``, ``host``, ``since``); False when the
    job is no longer its own."""
    cur = c.execute(
        f"UPDATE jobs SET runner_beat={c.dialect.epoch}" + _MINE,
        (job_id, running, pid, host, since),
    )
    return cur.rowcount == 1


def holds(c: Connection, job_id: int, running: str, pid: int, host: str, since: str) -> bool:
    """Whether the runner (``pid``, ``host``, ``since``) still holds the job, the row locked
    against a takeover until the caller's write transaction ends."""
    found = c.execute(
        "SELECT 1 FROM jobs" + _MINE + c.dialect.for_share,
        (job_id, running, pid, host, since),
    ).fetchone()
    return found is not None


# who did what to a job, besides creating it: the action → its three columns (who, where, when)
ACTIONS = ("started", "paused", "cancelled")


def record_action(c: Connection, job_id: int, action: str, by: Identity, stamp: str) -> None:
    """``by`` did ``action`` (one of :data:`ACTIONS`) to the job at ``stamp``; the latest of each
    action is kept."""
    if action not in ACTIONS:
        raise ValueError(action)
    c.execute(
        f"UPDATE jobs SET {action}_by_user=?, {action}_by_pc=?, {action}_at=? WHERE id=?",
        (by.user, by.pc, stamp, job_id),
    )


# the columns that say who did what, as :func:`listing` reads them
WHO_COLUMNS = (
    "created_by_user",
    "created_by_pc",
    *(f"{a}_{k}" for a in ACTIONS for k in ("by_user", "by_pc", "at")),
)


def release(
    c: Connection, job_id: int, state: str, error: str | None, stamp: str | None = None
) -> None:
    """No runner holds the job any more: its state and error (``stamp``: its new
    ``updated_at``, else that is left as it is)."""
    c.execute(
        "UPDATE jobs SET state=?, error=?, runner_pid=NULL, runner_host=NULL, runner_user=NULL,"
        " runner_since=NULL, runner_beat=NULL"
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


def flag_for_decision(c: Connection, job_id: int, state: str) -> None:
    """The job, if it is in ``state``, waits for a person's decision (a crash interrupted it)."""
    c.execute("UPDATE jobs SET needs_decision=1 WHERE id=? AND state=?", (job_id, state))


def clear_decision(c: Connection, job_id: int) -> bool:
    """A person decided what becomes of the job; False when it was not waiting for that."""
    cur = c.execute("UPDATE jobs SET needs_decision=0 WHERE id=? AND needs_decision=1", (job_id,))
    return cur.rowcount == 1


def awaiting_decision(db: Database) -> list[int]:
    """Ids of the jobs interrupted by a crash that wait for a decision, oldest first."""
    return [
        r[0]
        for r in db.read().execute(
            # the literal condition of the partial index jobs_needs_decision
            "SELECT id FROM jobs WHERE needs_decision = 1 ORDER BY id"
        )
    ]


def runners(db: Database, running: str) -> list[Row]:
    """id, runner_pid, runner_host, runner_user, runner_since and ``lease_age`` (seconds since
    the lease's last heartbeat) of the jobs in the ``running`` state."""
    conn = db.read()
    return conn.execute(
        "SELECT id, runner_pid, runner_host, runner_user, runner_since,"
        f" {conn.dialect.epoch} - runner_beat AS lease_age FROM jobs WHERE state=?",
        (running,),
    ).fetchall()


def due(c: Connection, state: str, until: str) -> list[int]:
    """Ids of the jobs in ``state`` whose send time is ``until`` or earlier, earliest first;
    not those handed to the service (:func:`for_service`)."""
    return [
        r[0]
        for r in c.execute(
            "SELECT id FROM jobs WHERE state=? AND send_at <= ? AND by_server=0 ORDER BY send_at",
            (state, until),
        )
    ]


def for_service(
    c: Connection, ready: Sequence[str], held: str, until: str, unsent: str
) -> list[int]:
    """Ids of the jobs handed to the service that it should run now, oldest first: those in a
    ``ready`` state (running ones among them: the claim takes over those whose runner died),
    those ``held`` whose send time is ``until`` or earlier, and those in the ``unsent`` state
    with no batch yet (handed to the gateway's scheduler by the service)."""
    marks = ",".join("?" * len(ready))
    return [
        r[0]
        for r in c.execute(
            f"SELECT id FROM jobs j WHERE by_server=1 AND (state IN ({marks})"
            " OR (state=? AND send_at <= ?)"
            " OR (state=? AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.job_id = j.id)))"
            " ORDER BY id",
            (*ready, held, until, unsent),
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
    created_by: Identity | None = None,
) -> list[Row]:
    """id, account, state, created_at, send_at, error, the guard's columns (kind, ignore_window,
    is_test, held_for), by_server, needs_decision and who did what (:data:`WHO_COLUMNS`) of the
    jobs asked for (all, these ids, those in ``states``, or those ``created_by`` this user on this
    PC, through the index ``jobs_created_by``): newest first, or by send time, or in id order for
    ``job_ids``."""
    who = ", ".join(f"j.{k}" for k in WHO_COLUMNS)
    sql = (
        "SELECT j.id, j.account, j.state, j.created_at, j.send_at, j.error, j.kind,"
        " j.ignore_window, j.is_test, j.held_for, j.by_server,"
        f" j.needs_decision, {who} FROM jobs j"
    )
    params: list[Any] = []
    if created_by is not None:
        if job_ids is not None or states is not None:
            raise ValueError("created_by lists all of a user's jobs, not some of them")
        sql += " WHERE j.created_by_user=? AND j.created_by_pc=?"
        params += [created_by.user, created_by.pc]
        order = "j.id DESC"
    elif job_ids is not None:
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
