"""The SQL of the local HTTP API: its tokens (``api_tokens``, the SHA-256 of each token, never the
token), the jobs made through it (``api_jobs``, with the client's ``Idempotency-Key``), and the
replies a client reads (the rules are in :mod:`sms_desktop.core.automation.api_tokens` and
:mod:`~sms_desktop.core.automation.api_server`).

Functions that take ``c`` run in the caller's write transaction (``with db.write() as c``).
"""

from __future__ import annotations

from typing import Any

from .base import Connection, Database, Row

TOKENS = "api_tokens"
JOBS = "api_jobs"

_TOKEN_COLS = "id, name, prefix, created_at, created_by, revoked_at, last_used_at, webhook_url"


# ---- tokens ------------------------------------------------------------------------------------
def add_token(
    c: Connection, name: str, token_hash: str, prefix: str, created_at: str, created_by: str
) -> int:
    """A new token's row; the store's IntegrityError when a live token has this name."""
    row = c.execute(
        "INSERT INTO api_tokens(name, token_hash, prefix, created_at, created_by)"
        " VALUES(?,?,?,?,?) RETURNING id",
        (name, token_hash, prefix, created_at, created_by),
    ).fetchone()
    return int(row[0])


def tokens(db: Database, include_revoked: bool = True) -> list[Row]:
    """Every token (newest first), without its hash."""
    where = "" if include_revoked else " WHERE revoked_at IS NULL"
    return (
        db.read()
        .execute(f"SELECT {_TOKEN_COLS} FROM api_tokens{where} ORDER BY id DESC")
        .fetchall()
    )


def live_token(db: Database, token_hash: str) -> Row | None:
    """The live (not revoked) token with this hash, or None."""
    found: Row | None = (
        db.read()
        .execute(
            f"SELECT {_TOKEN_COLS} FROM api_tokens WHERE token_hash=? AND revoked_at IS NULL",
            (token_hash,),
        )
        .fetchone()
    )
    return found


def revoke_named(c: Connection, name: str, when: str) -> int:
    """Revoke the live token of this name; how many were revoked (0 or 1)."""
    cur = c.execute(
        "UPDATE api_tokens SET revoked_at=? WHERE revoked_at IS NULL AND name=?", (when, name)
    )
    return int(cur.rowcount)


def revoke_id(c: Connection, token_id: int, when: str) -> int:
    """Revoke the token with this id, if live; how many were revoked (0 or 1)."""
    cur = c.execute(
        "UPDATE api_tokens SET revoked_at=? WHERE revoked_at IS NULL AND id=?", (when, token_id)
    )
    return int(cur.rowcount)


def touch(c: Connection, token_id: int, when: str) -> None:
    c.execute("UPDATE api_tokens SET last_used_at=? WHERE id=?", (when, token_id))


# ---- the jobs made through the API ----------------------------------------------------------------
def add_job(
    c: Connection,
    job_id: int,
    token_id: int,
    idem_key: str | None,
    body_hash: str,
    created_at: str,
) -> None:
    """Record a job made through the API, in the job's own transaction; the store's
    IntegrityError when this token already made a job with this key (the job then is not
    made either: the whole transaction is rolled back)."""
    c.execute(
        "INSERT INTO api_jobs(job_id, token_id, idem_key, body_hash, created_at) VALUES(?,?,?,?,?)",
        (job_id, token_id, idem_key, body_hash, created_at),
    )


def job_of_key(db: Database, token_id: int, idem_key: str) -> Row | None:
    """The job this token made with this key: ``job_id``, ``body_hash``; or None."""
    found: Row | None = (
        db.read()
        .execute(
            "SELECT job_id, body_hash FROM api_jobs WHERE token_id=? AND idem_key=?",
            (token_id, idem_key),
        )
        .fetchone()
    )
    return found


def made_by(db: Database, job_id: int) -> int | None:
    """The token that made this job through the API, or None (not made through it)."""
    row = db.read().execute("SELECT token_id FROM api_jobs WHERE job_id=?", (job_id,)).fetchone()
    return None if row is None else int(row[0])


def count_jobs(db: Database) -> int:
    return int(db.read().execute("SELECT COUNT(*) FROM api_jobs").fetchone()[0])


# ---- replies, for a client that polls ------------------------------------------------------------
def replies_after(
    db: Database, after_id: int, since_time: str | None, limit: int
) -> list[dict[str, Any]]:
    """Replies with an id above ``after_id`` (and, with ``since_time``, received or sent at or
    after it), oldest first, at most ``limit``."""
    sql = (
        "SELECT id, account, phone, content, time, extno, opt_out, received_at FROM replies"
        " WHERE id > ?"
    )
    args: list[Any] = [after_id]
    if since_time:
        sql += " AND COALESCE(time, received_at) >= ?"
        args.append(since_time)
    sql += " ORDER BY id LIMIT ?"
    args.append(limit)
    return [dict(r) for r in db.read().execute(sql, args)]


# ---- webhooks ------------------------------------------------------------------------------------
EVENTS = "api_events"


def set_webhook(c: Connection, token_id: int, url: str | None, since: str) -> None:
    """A token's webhook (None: none); replies from now on are announced, and jobs made since."""
    c.execute(
        "UPDATE api_tokens SET webhook_url=?, webhook_since=?,"
        " reply_cursor=(SELECT COALESCE(MAX(id), 0) FROM replies) WHERE id=?",
        (url, since if url else None, token_id),
    )


def webhook_tokens(db: Database) -> list[Row]:
    """The live tokens with a webhook: ``id``, ``name``, ``webhook_url``, ``webhook_since``,
    ``reply_cursor``."""
    return (
        db.read()
        .execute(
            "SELECT id, name, webhook_url, webhook_since, reply_cursor FROM api_tokens"
            " WHERE revoked_at IS NULL AND webhook_url IS NOT NULL ORDER BY id"
        )
        .fetchall()
    )


def finished_unannounced(
    db: Database, token_id: int, since: str, states: tuple[str, ...]
) -> list[int]:
    """The jobs this token made since ``since`` that are in one of ``states`` and have no
    ``job.finished`` event yet."""
    marks = ",".join("?" * len(states))
    return [
        int(r[0])
        for r in db.read().execute(
            "SELECT a.job_id FROM api_jobs a JOIN jobs j ON j.id = a.job_id"
            " LEFT JOIN api_events e ON e.token_id = a.token_id AND e.kind = 'job.finished'"
            f" AND e.ref = a.job_id WHERE a.token_id = ? AND a.created_at >= ? AND j.state IN ({marks})"
            " AND e.id IS NULL ORDER BY a.job_id",
            (token_id, since, *states),
        )
    ]


def add_event(
    c: Connection, token_id: int, kind: str, ref: int, body: str, when: str, next_at: float
) -> bool:
    """One event to announce; False when it is there already (made by another PC meanwhile)."""
    cur = c.execute(
        "INSERT INTO api_events(token_id, kind, ref, body, created_at, next_at) VALUES(?,?,?,?,?,?)"
        " ON CONFLICT(token_id, kind, ref) DO NOTHING",
        (token_id, kind, ref, body, when, next_at),
    )
    return cur.rowcount == 1


def move_reply_cursor(c: Connection, token_id: int, to: int) -> None:
    c.execute(
        "UPDATE api_tokens SET reply_cursor=? WHERE id=? AND reply_cursor < ?", (to, token_id, to)
    )


def due_events(db: Database, now: float, limit: int = 50) -> list[Row]:
    """Events whose next attempt is due, with their token's webhook URL."""
    return (
        db.read()
        .execute(
            "SELECT e.id, e.token_id, e.kind, e.ref, e.body, e.attempts, t.webhook_url"
            " FROM api_events e JOIN api_tokens t ON t.id = e.token_id"
            " WHERE e.next_at IS NOT NULL AND e.next_at <= ? AND t.revoked_at IS NULL"
            " AND t.webhook_url IS NOT NULL ORDER BY e.next_at LIMIT ?",
            (now, limit),
        )
        .fetchall()
    )


def claim_event(c: Connection, event_id: int, now: float, until: float) -> bool:
    """Take a due event for one attempt (its next time moves to ``until``): one PC wins."""
    cur = c.execute(
        "UPDATE api_events SET attempts = attempts + 1, next_at = ?"
        " WHERE id = ? AND next_at IS NOT NULL AND next_at <= ?",
        (until, event_id, now),
    )
    return cur.rowcount == 1


def event_done(c: Connection, event_id: int, when: str) -> None:
    c.execute(
        "UPDATE api_events SET delivered_at=?, next_at=NULL, last_error=NULL WHERE id=?",
        (when, event_id),
    )


def event_failed(c: Connection, event_id: int, error: str, next_at: float | None) -> None:
    """An attempt failed: try again at ``next_at`` (None: given up)."""
    c.execute(
        "UPDATE api_events SET last_error=?, next_at=? WHERE id=?", (error[:500], next_at, event_id)
    )


def events(db: Database, token_id: int | None = None) -> list[dict[str, Any]]:
    where, args = ("", []) if token_id is None else (" WHERE token_id=?", [token_id])
    return [
        dict(r)
        for r in db.read().execute(
            "SELECT id, token_id, kind, ref, created_at, attempts, next_at, delivered_at,"
            f" last_error FROM api_events{where} ORDER BY id",
            args,
        )
    ]
