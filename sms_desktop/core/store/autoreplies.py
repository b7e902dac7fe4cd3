"""The keyword auto-replies' SQL: their rules, the replies looked at, and the 24-hour limits.

Every statement on ``autoreply_rules``, ``autoreply_replies`` and ``autoreply_limits`` is here;
:mod:`~sms_desktop.core.automation.autoreply` holds the rules of the feature. The functions that
take a connection ``c`` run in the caller's transaction; the others take the
:class:`~.base.Database`. Portable SQL: times are passed in (local time, the store's format).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import Connection, Database, Row

RULES = "autoreply_rules"
RULE_COLUMNS = (
    "id",
    "account",
    "name",
    "match_mode",
    "keywords",
    "answer",
    "state",
    "created_at",
    "updated_at",
)
_SELECT_RULE = f"SELECT {', '.join(RULE_COLUMNS)} FROM autoreply_rules"
DELETED = "deleted"


# ---- rules ------------------------------------------------------------------------------------
def rules(db: Database, account: str | None = None, *, states: Sequence[str] = ()) -> list[Row]:
    """The rules not deleted (or those in ``states``), by account and id."""
    sql = _SELECT_RULE
    args: list[Any] = []
    if states:
        sql += f" WHERE state IN ({','.join('?' * len(states))})"
        args.extend(states)
    else:
        sql += " WHERE state != ?"
        args.append(DELETED)
    if account is not None:
        sql += " AND account=?"
        args.append(account)
    return list(db.read().execute(sql + " ORDER BY account, id", args))


def rule(db: Database, rule_id: int) -> Row | None:
    """One rule by id (a deleted one too)."""
    found: Row | None = db.read().execute(_SELECT_RULE + " WHERE id=?", (rule_id,)).fetchone()
    return found


def rule_by_name(db: Database, account: str | None, name: str) -> list[Row]:
    """The rules not deleted named ``name`` (of ``account``, or of any)."""
    sql, args = _SELECT_RULE + " WHERE state != ? AND name=?", [DELETED, name]
    if account is not None:
        sql += " AND account=?"
        args.append(account)
    return list(db.read().execute(sql + " ORDER BY id", args))


def insert_rule(
    db: Database, account: str, name: str, match_mode: str, keywords: str, answer: str, now: str
) -> int:
    """A new enabled rule; its id. Raises the store's ``IntegrityError`` when the account has a
    rule of that name."""
    with db.write() as c:
        row = c.execute(
            "INSERT INTO autoreply_rules(account, name, match_mode, keywords, answer, state,"
            " created_at, updated_at) VALUES(?,?,?,?,?,'enabled',?,?) RETURNING id",
            (account, name, match_mode, keywords, answer, now, now),
        ).fetchone()
    return int(row[0])


def update_rule(
    db: Database,
    rule_id: int,
    account: str,
    name: str,
    match_mode: str,
    keywords: str,
    answer: str,
    now: str,
) -> int:
    """Rewrite a rule not deleted: how many rows changed (0: none such). Raises the store's
    ``IntegrityError`` when the new name is another rule's."""
    with db.write() as c:
        cur = c.execute(
            "UPDATE autoreply_rules SET account=?, name=?, match_mode=?, keywords=?, answer=?,"
            " updated_at=? WHERE id=? AND state != ?",
            (account, name, match_mode, keywords, answer, now, rule_id, DELETED),
        )
        return int(cur.rowcount)


def set_state(db: Database, rule_id: int, state: str, now: str) -> int:
    """Enable, pause or delete a rule not deleted: how many rows changed."""
    with db.write() as c:
        cur = c.execute(
            "UPDATE autoreply_rules SET state=?, updated_at=? WHERE id=? AND state != ?",
            (state, now, rule_id, DELETED),
        )
        return int(cur.rowcount)


def rule_stats(db: Database) -> dict[int, tuple[int, str | None]]:
    """Per rule: how many replies it answered, and when it last did (``seen_at``)."""
    rows = db.read().execute(
        "SELECT rule_id, COUNT(*), MAX(seen_at) FROM autoreply_replies"
        " WHERE outcome='answered' AND rule_id IS NOT NULL GROUP BY rule_id"
    )
    return {int(r[0]): (int(r[1]), r[2]) for r in rows}


# ---- the replies looked at ----------------------------------------------------------------------
def new_replies(db: Database, lookback: int, limit: int) -> list[Row]:
    """Replies not yet looked at, oldest first: those above the highest looked at, and those up
    to ``lookback`` ids below it (a reply whose transaction committed after a later one's, on
    PostgreSQL). ``id, account, phone, content, opt_out, received_at``."""
    return list(
        db.read().execute(
            "SELECT r.id, r.account, r.phone, r.content, r.opt_out, r.received_at FROM replies r"
            " WHERE r.id > (SELECT COALESCE(MAX(reply_id), 0) FROM autoreply_replies) - ?"
            " AND NOT EXISTS (SELECT 1 FROM autoreply_replies s WHERE s.reply_id = r.id)"
            " ORDER BY r.id LIMIT ?",
            (lookback, limit),
        )
    )


def mark_reply(
    c: Connection,
    reply_id: int,
    outcome: str,
    now: str,
    *,
    rule_id: int | None = None,
    job_id: int | None = None,
    detail: str = "",
) -> bool:
    """Record a reply as looked at, with its outcome: False when it was already (another PC or
    process got to it first; nothing written)."""
    row = c.execute(
        "INSERT INTO autoreply_replies(reply_id, outcome, rule_id, job_id, detail, seen_at)"
        " VALUES(?,?,?,?,?,?) ON CONFLICT(reply_id) DO NOTHING RETURNING reply_id",
        (reply_id, outcome, rule_id, job_id, detail[:2000], now),
    ).fetchone()
    return row is not None


def looked_at(db: Database, reply_ids: Sequence[int]) -> dict[int, Row]:
    """The records of these replies: ``reply_id, outcome, rule_id, job_id, detail, seen_at``."""
    if not reply_ids:
        return {}
    marks = ",".join("?" * len(reply_ids))
    rows = db.read().execute(
        "SELECT reply_id, outcome, rule_id, job_id, detail, seen_at FROM autoreply_replies"
        f" WHERE reply_id IN ({marks})",
        list(reply_ids),
    )
    return {int(r["reply_id"]): r for r in rows}


def answers(db: Database, rule_id: int | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The replies answered (newest first), with the rule's name and the answer's job."""
    sql = (
        "SELECT s.reply_id, s.rule_id, ru.name AS rule_name, s.job_id, s.seen_at, r.phone,"
        " r.account FROM autoreply_replies s JOIN replies r ON r.id = s.reply_id"
        " LEFT JOIN autoreply_rules ru ON ru.id = s.rule_id WHERE s.outcome='answered'"
    )
    args: list[Any] = []
    if rule_id is not None:
        sql += " AND s.rule_id=?"
        args.append(rule_id)
    sql += " ORDER BY s.reply_id DESC LIMIT ?"
    args.append(limit)
    return [dict(r) for r in db.read().execute(sql, args)]


# ---- the 24-hour limit ----------------------------------------------------------------------------
def take_limit(c: Connection, rule_id: int, phone: str, now: str, since: str) -> bool:
    """Record that ``rule_id`` answers ``phone`` now, unless it did after ``since``: True when
    taken. One row per rule and number; another PC or process doing the same at once waits for
    this transaction (PostgreSQL: the row's lock; SQLite: the write lock) and then finds it
    taken."""
    row = c.execute(
        "INSERT INTO autoreply_limits(rule_id, phone, answered_at) VALUES(?,?,?)"
        " ON CONFLICT(rule_id, phone) DO UPDATE SET answered_at = excluded.answered_at"
        " WHERE autoreply_limits.answered_at <= ? RETURNING rule_id",
        (rule_id, phone, now, since),
    ).fetchone()
    return row is not None
