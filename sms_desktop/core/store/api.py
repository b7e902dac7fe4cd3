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

_TOKEN_COLS = "id, name, prefix, created_at, created_by, revoked_at, last_used_at"


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


def revoke(c: Connection, name_or_id: str, when: str) -> int:
    """Revoke the live token of this name (else, for digits, of this id); how many were revoked
    (0 or 1)."""
    cur = c.execute(
        "UPDATE api_tokens SET revoked_at=? WHERE revoked_at IS NULL AND name=?", (when, name_or_id)
    )
    if cur.rowcount == 0 and name_or_id.isdigit():
        cur = c.execute(
            "UPDATE api_tokens SET revoked_at=? WHERE revoked_at IS NULL AND id=?",
            (when, int(name_or_id)),
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
