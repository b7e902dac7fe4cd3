"""The inbox's SQL: raw bodies, delivery reports, replies, and reports meeting their messages.

Every statement on ``raw_bodies``, ``reports`` and ``replies`` is here: what a sync stores and
applies (:mod:`..sync`), and what the inbox and a conversation read. The functions that take a
connection ``c`` run inside the caller's transaction (``with db.write() as c``); the others take
the :class:`~.db.Database` and read, or write in a transaction of their own.

The last section reads and settles the ``messages`` a report belongs to: the queries of the
matching rule (:mod:`..sync.match` says which message a report may settle).

A ``raw_bodies`` row's ``parsed`` is 0 (stored, not yet applied), 1 (applied) or 2 (failed, or
set aside; kept for a later re-parse).
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..phones import lookup_key
from .base import Connection, Database, Row
from .db import prefix_end

# ---- raw bodies -----------------------------------------------------------------------------


def add_raw(
    db: Database,
    account: str | None,
    kind: str,
    body: bytes,
    *,
    url: str = "",
    content_type: str | None = None,
) -> int:
    """Store a raw body (``parsed=0``) in its own committed transaction; return its id."""
    with db.write() as c:
        row = c.execute(
            "INSERT INTO raw_bodies(account, kind, url, content_type, body, parsed)"
            " VALUES(?,?,?,?,?,0) RETURNING id",
            (account, kind, url, content_type, bytes(body)),
        ).fetchone()
    return int(row[0])


def add_raw_applied(
    c: Connection,
    account: str,
    kind: str,
    body: bytes,
    *,
    url: str | None = "",
    content_type: str | None = None,
) -> int:
    """In the caller's transaction: a raw body applied as it is stored (``parsed=1``: a send's
    reply, recorded with its batch's outcome); return its id."""
    row = c.execute(
        "INSERT INTO raw_bodies(account, kind, url, content_type, body, parsed)"
        " VALUES(?,?,?,?,?,1) RETURNING id",
        (account, kind, url, content_type, body),
    ).fetchone()
    return int(row[0])


def raw_body(db: Database, raw_id: int) -> Row | None:
    """One stored body: ``id, account, kind, url, content_type, body, parsed, error``."""
    row: Row | None = (
        db.read()
        .execute(
            "SELECT id, account, kind, url, content_type, body, parsed, error"
            " FROM raw_bodies WHERE id=?",
            (raw_id,),
        )
        .fetchone()
    )
    return row


def raw_ids_to_parse(
    db: Database, states: Sequence[int], kinds: Sequence[str], account: str | None = None
) -> list[int]:
    """The ids of the stored bodies of ``kinds`` in ``states`` (``parsed``), oldest first."""
    marks = ",".join("?" * len(states))
    kind_marks = ",".join("?" * len(kinds))
    sql = f"SELECT id FROM raw_bodies WHERE parsed IN ({marks}) AND kind IN ({kind_marks})"
    args: list[Any] = [*states, *kinds]
    if account is not None:
        sql += " AND account=?"
        args.append(account)
    return [int(r[0]) for r in db.read().execute(sql + " ORDER BY id", args)]


def mark_raw_failed(db: Database, raw_ids: Sequence[int], error: str) -> None:
    """``parsed=2`` with the error (cut to 2,000 characters), unless already applied."""
    if not raw_ids:
        return
    with db.write() as c:
        for rid in raw_ids:
            c.execute(
                "UPDATE raw_bodies SET parsed=2, error=? WHERE id=? AND parsed!=1",
                (error[:2000], rid),
            )


def note_raw_attempt(db: Database, raw_id: int, error: str, *, set_aside: bool = False) -> None:
    """Write ``error`` on a body still waiting (``parsed=0``); ``set_aside`` also fails it."""
    with db.write() as c:
        if set_aside:
            c.execute(
                "UPDATE raw_bodies SET parsed=2, error=? WHERE id=? AND parsed=0", (error, raw_id)
            )
        else:
            c.execute("UPDATE raw_bodies SET error=? WHERE id=? AND parsed=0", (error, raw_id))


def raw_parsed(c: Connection, raw_id: int) -> int | None:
    """The ``parsed`` state of a stored body (None: no such row); in a write transaction, the
    row locked until it ends (another PC applying the same body waits, then sees it applied)."""
    row = c.execute(
        "SELECT parsed FROM raw_bodies WHERE id=?" + c.dialect.for_update, (raw_id,)
    ).fetchone()
    return None if row is None else int(row[0])


def raw_kind(c: Connection, raw_id: int) -> str:
    return str(c.execute("SELECT kind FROM raw_bodies WHERE id=?", (raw_id,)).fetchone()[0])


def add_unparsed_record(c: Connection, account: str, kind: str, text: str, error: str) -> None:
    """One record a client could not parse, kept raw (``parsed=2``; never re-parsed alone)."""
    c.execute(
        "INSERT INTO raw_bodies(account, kind, content_type, body, parsed, error)"
        " VALUES(?,?,?,?,2,?)",
        (account, kind, "text/plain; charset=utf-8", text.encode("utf-8"), error),
    )


def mark_raw_applied(c: Connection, raw_id: int, note: str | None) -> None:
    c.execute("UPDATE raw_bodies SET parsed=1, error=? WHERE id=?", (note, raw_id))


# ---- delivery reports -----------------------------------------------------------------------


def report_seen(
    c: Connection,
    account: str,
    gateway_id: str | None,
    phone: str,
    status: str,
    time: str | None,
) -> bool:
    """A report with these fields is stored already (the vendor handed it out twice)."""
    return (
        c.execute(
            "SELECT id FROM reports WHERE account=? AND gateway_id IS NOT DISTINCT FROM ?"
            " AND phone=? AND status=? AND time IS NOT DISTINCT FROM ? LIMIT 1",
            (account, gateway_id, phone, status, time),
        ).fetchone()
        is not None
    )


def add_report(
    c: Connection,
    account: str,
    gateway_id: str | None,
    phone: str,
    status: str,
    delivered: bool | None,
    time: str | None,
    extno: str | None,
    error_code: str | None,
    message_id: int | None,
    raw_id: int | None,
) -> int:
    row = c.execute(
        "INSERT INTO reports(account, gateway_id, phone, status, delivered, time, extno,"
        " error_code, message_id, raw_id) VALUES(?,?,?,?,?,?,?,?,?,?) RETURNING id",
        (
            account,
            gateway_id,
            phone,
            status,
            None if delivered is None else int(delivered),
            time,
            extno,
            error_code,
            message_id,
            raw_id,
        ),
    ).fetchone()
    return int(row[0])


def reports_to_rematch(
    db: Database, account: str | None = None, message_ids: Sequence[int] | None = None
) -> list[Row]:
    """The stored reports that matched no message, oldest first (``t``: their time, else when
    they were received): of one account, and/or to the numbers of ``message_ids``."""
    sql = (
        "SELECT id, account, gateway_id, phone, status, delivered, error_code,"
        " COALESCE(time, received_at) AS t FROM reports WHERE message_id IS NULL"
    )
    args: list[Any] = []
    if account is not None:
        sql += " AND account=?"
        args.append(account)
    if message_ids is not None:
        if not message_ids:
            return []
        sql += f" AND phone IN (SELECT phone FROM messages WHERE id IN {db.dialect.json_ints})"
        args.append(json.dumps([int(i) for i in message_ids]))
    return list(db.read().execute(sql + " ORDER BY id", args).fetchall())


def report_unmatched(c: Connection, report_id: int) -> bool:
    return (
        c.execute(
            "SELECT 1 FROM reports WHERE id=? AND message_id IS NULL", (report_id,)
        ).fetchone()
        is not None
    )


def set_report_message(c: Connection, report_id: int, message_id: int) -> None:
    c.execute("UPDATE reports SET message_id=? WHERE id=?", (message_id, report_id))


def unmatched_reports(
    db: Database, account: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Stored reports that match no message of this app (newest first), for the inbox."""
    sql = (
        "SELECT id, account, gateway_id, phone, status, delivered, time, error_code, raw_id,"
        " received_at FROM reports WHERE message_id IS NULL"
    )
    args: list[Any] = []
    if account is not None:
        sql += " AND account=?"
        args.append(account)
    sql += " ORDER BY id DESC LIMIT ?"
    args.append(limit)
    return [dict(r) for r in db.read().execute(sql, args)]


# ---- replies --------------------------------------------------------------------------------


def reply_seen(
    c: Connection,
    account: str,
    phone: str,
    content: str,
    time: str | None,
    gateway_id: str | None,
) -> bool:
    """A reply with these fields is stored already (the vendor handed it out twice)."""
    return (
        c.execute(
            "SELECT id FROM replies WHERE account=? AND phone=? AND content=?"
            " AND time IS NOT DISTINCT FROM ? AND gateway_id IS NOT DISTINCT FROM ? LIMIT 1",
            (account, phone, content, time, gateway_id),
        ).fetchone()
        is not None
    )


def add_reply(
    c: Connection,
    account: str,
    phone: str,
    content: str,
    time: str | None,
    gateway_id: str | None,
    extno: str | None,
    opt_out: bool,
    raw_id: int | None,
) -> int:
    row = c.execute(
        "INSERT INTO replies(account, phone, content, time, gateway_id, extno, opt_out,"
        " raw_id) VALUES(?,?,?,?,?,?,?,?) RETURNING id",
        (account, phone, content, time, gateway_id, extno, int(opt_out), raw_id),
    ).fetchone()
    return int(row[0])


# ---- the inbox and one number's replies (reading) ---------------------------------------


def replies_from(db: Database, phone: str) -> list[Row]:
    """Every reply from ``phone`` (exact, on the phone index): ``id, account, time`` (its own,
    else when it was received), ``text``, ``opt_out``, ``is_read``."""
    return list(
        db.read().execute(
            "SELECT id, account, COALESCE(time, received_at) AS time, content AS text, opt_out,"
            " is_read FROM replies WHERE phone = ?",
            (lookup_key(phone),),
        )
    )


def unread_count(db: Database, phone: str | None = None) -> int:
    """Replies not marked read (all, or from one number)."""
    if phone:
        row = (
            db.read()
            .execute(
                "SELECT COUNT(*) FROM replies WHERE phone = ? AND is_read = 0", (lookup_key(phone),)
            )
            .fetchone()
        )
    else:
        row = db.read().execute("SELECT COUNT(*) FROM replies WHERE is_read = 0").fetchone()
    return int(row[0])


def mark_read(
    db: Database, reply_ids: Sequence[int] | None = None, *, phone: str | None = None
) -> int:
    """Mark replies read: the given ids, or every reply from ``phone``; returns how many
    changed. With neither, nothing is marked (never "everything" by accident)."""
    if reply_ids is None and not phone:
        return 0
    with db.write() as c:
        if reply_ids is not None:
            cur = c.execute(
                f"UPDATE replies SET is_read = 1 WHERE is_read = 0 AND id IN {c.dialect.json_ints}",
                (json.dumps([int(i) for i in reply_ids]),),
            )
        else:
            cur = c.execute(
                "UPDATE replies SET is_read = 1 WHERE is_read = 0 AND phone = ?",
                (lookup_key(phone or ""),),
            )
        return int(cur.rowcount)


@dataclass(frozen=True)
class InboxFilter:
    """What the inbox shows. ``since``/``until`` are ``YYYY-MM-DD`` days, both included, on the
    item's own time (else when it was received); ``phone`` is a number or how it starts."""

    account: str | None = None
    phone: str | None = None
    since: str | None = None
    until: str | None = None
    unread_only: bool = False  # replies only
    unmatched_only: bool = False  # reports only: those that matched no message of this app


def _inbox_where(flt: InboxFilter, table: str) -> tuple[str, list[Any]]:
    sql, args = " WHERE 1=1", []
    if flt.account:
        sql += " AND account = ?"
        args.append(flt.account)
    key = lookup_key(flt.phone) if flt.phone else ""
    if key:  # a range on replies_phone (reports have no phone index: a scan of the reports)
        sql += " AND phone >= ? AND phone < ?"
        args += [key, prefix_end(key)]
    if flt.since:
        sql += " AND COALESCE(time, received_at) >= ?"
        args.append(flt.since)
    if flt.until:
        sql += " AND COALESCE(time, received_at) < ?"
        args.append(flt.until + "~")  # "~" sorts after every time on that day
    if table == "replies" and flt.unread_only:
        sql += " AND is_read = 0"
    if table == "reports" and flt.unmatched_only:
        sql += " AND message_id IS NULL"
    return sql, args


def inbox_ids(db: Database, kind: str, flt: InboxFilter | None = None) -> array[int]:
    """The ids of the replies (``kind="replies"``) or reports (``"reports"``) that ``flt``
    selects, newest first: the keys of the inbox's lazy table."""
    if kind not in ("replies", "reports"):
        raise ValueError(kind)
    where, args = _inbox_where(flt or InboxFilter(), kind)
    cur = db.read().cursor()
    cur.row_factory = None
    cur.execute(f"SELECT id FROM {kind}{where} ORDER BY id DESC", args)
    return array("q", (r[0] for r in cur))


def inbox_by_ids(db: Database, kind: str, ids: Sequence[int]) -> list[dict[str, Any] | None]:
    """Rows of :func:`inbox_ids`, in the order given (``None`` for a vanished id).

    A reply has ``blacklisted`` (its number is on the blacklist now) and ``blacklist_source``;
    a report has ``matched`` (it settled a message of this app) and that message's
    ``job_id``."""
    if not ids:
        return []
    ids_in = db.dialect.json_ints
    if kind == "replies":
        sql = (
            "SELECT r.id, r.account, r.phone, r.content, r.time, r.gateway_id, r.extno,"
            " r.opt_out, r.is_read, r.received_at, b.phone IS NOT NULL AS blacklisted,"
            " b.source AS blacklist_source FROM replies r LEFT JOIN blacklist b ON b.phone ="
            f" r.phone WHERE r.id IN {ids_in}"
        )
    elif kind == "reports":
        sql = (
            "SELECT r.id, r.account, r.gateway_id, r.phone, r.status, r.delivered, r.time,"
            " r.error_code, r.message_id, r.received_at, r.message_id IS NOT NULL AS matched,"
            " m.job_id FROM reports r LEFT JOIN messages m ON m.id = r.message_id"
            f" WHERE r.id IN {ids_in}"
        )
    else:
        raise ValueError(kind)
    found = {r["id"]: dict(r) for r in db.read().execute(sql, (json.dumps(list(ids)),))}
    return [found.get(i) for i in ids]


def latest(db: Database, limit: int = 200) -> dict[str, list[dict[str, Any]]]:
    """The newest replies and reports (``limit`` of each), for the CLI's ``inbox``."""
    c = db.read()
    replies = [
        dict(r)
        for r in c.execute(
            "SELECT id, account, phone, content, time, gateway_id, extno, opt_out, is_read,"
            " received_at FROM replies ORDER BY id DESC LIMIT ?",
            (limit,),
        )
    ]
    reports = [
        dict(r)
        for r in c.execute(
            "SELECT id, account, gateway_id, phone, status, delivered, time, error_code,"
            " message_id, received_at FROM reports ORDER BY id DESC LIMIT ?",
            (limit,),
        )
    ]
    return {"replies": replies, "reports": reports}


# ---- reports meet their messages ------------------------------------------------------------

_MSG_COLS = "m.id, m.job_id, m.state, m.message"
# The time the send was journalled (its batch's sent_at; a row recorded without a batch: its own
# time), cut to whole seconds like the vendors' times and the receive time.
_JOURNAL_TIME = "substr(COALESCE(b.sent_at, m.updated_at), 1, 19)"


def message_with_gateway_id(
    c: Connection,
    account: str,
    gateway_id: str,
    phone: str,
    states: Sequence[str],
    first: str,
    *,
    any_case: bool = False,
) -> Row | None:
    """The message of ``account`` with this gateway id and phone in one of ``states`` (those in
    state ``first`` before the others, then the newest): ``id, job_id, state, message``.
    ``any_case`` compares the id ignoring letter case."""
    marks = ",".join("?" * len(states))
    if any_case:
        sql = (
            f"SELECT {_MSG_COLS} FROM messages m WHERE m.phone=? AND m.account=?"
            f" AND lower(m.gateway_id)=lower(?) AND m.state IN ({marks})"
            " ORDER BY (m.state=?) DESC, m.id DESC LIMIT 1"
        )
        args: tuple[Any, ...] = (phone, account, gateway_id, *states, first)
    else:
        sql = (
            f"SELECT {_MSG_COLS} FROM messages m WHERE m.account=? AND m.gateway_id=?"
            f" AND m.phone=? AND m.state IN ({marks}) ORDER BY (m.state=?) DESC, m.id DESC LIMIT 1"
        )
        args = (account, gateway_id, phone, *states, first)
    row: Row | None = c.execute(sql, args).fetchone()
    return row


def gateway_id_answered(c: Connection, account: str, gateway_id: str, unanswered: str) -> bool:
    """Some request of ``account`` was answered with this id (its batch is not in state
    ``unanswered``)."""
    return (
        c.execute(
            "SELECT 1 FROM messages m JOIN batches b ON b.id = m.batch_id"
            " WHERE m.account=? AND m.gateway_id=? AND b.state != ? LIMIT 1",
            (account, gateway_id, unanswered),
        ).fetchone()
        is not None
    )


def newest_send_before(
    c: Connection,
    account: str,
    phone: str,
    state: str,
    time: str,
    *,
    without_gateway_id: bool = False,
) -> Row | None:
    """The newest message of ``account`` to ``phone`` in ``state`` journalled no later than
    ``time`` (``YYYY-MM-DD HH:MM:SS``): ``id, job_id, state, message``."""
    no_id = " AND m.gateway_id IS NULL" if without_gateway_id else ""
    row: Row | None = c.execute(
        f"SELECT {_MSG_COLS} FROM messages m LEFT JOIN batches b ON b.id = m.batch_id"
        f" WHERE m.account=? AND m.phone=? AND m.state=?{no_id} AND {_JOURNAL_TIME} <= ?"
        " ORDER BY m.id DESC LIMIT 1",
        (account, phone, state, time[:19]),
    ).fetchone()
    return row


def journal_time(c: Connection, message_id: int) -> str | None:
    """When the message was sent, as the journal has it (its batch's ``sent_at``; a row recorded
    without a batch: its own last change), to the second."""
    row = c.execute(
        f"SELECT {_JOURNAL_TIME} FROM messages m LEFT JOIN batches b ON b.id = m.batch_id"
        " WHERE m.id=?",
        (message_id,),
    ).fetchone()
    return None if row is None else row[0]


def delay_seconds(sent: str | None, report_time: str | None) -> int | None:
    """Whole seconds from a send (the journal's time) to its report's time, both local
    ``YYYY-MM-DD HH:MM:SS[.fff]`` as the store keeps them; None when either is missing or
    unreadable. Negative when the vendor's clock is behind the PC's."""
    if not sent or not report_time:
        return None
    try:
        start = datetime.fromisoformat(sent[:19])
        end = datetime.fromisoformat(report_time[:19])
    except ValueError:
        return None
    return int((end - start).total_seconds())


def settle_message(
    c: Connection,
    message_id: int,
    state: str | None,
    status: str,
    report_time: str,
    gateway_id: str | None,
    note: str | None,
    delay: int | None = None,
    reason: str | None = None,
) -> None:
    """Record a report on its message: the report's status and time, and ``note`` (when given)
    as the message's explanation; with a ``state``, also that state, the report's ``delay`` after
    the send (seconds), its ``reason`` (an undelivered one's code) and the gateway id where the
    message had none (``state`` None leaves them as they are)."""
    if state is not None:
        c.execute(
            "UPDATE messages SET state=?, report_status=?, report_time=?, report_delay=?,"
            " report_reason=?, gateway_id=COALESCE(gateway_id, ?), message=COALESCE(?, message),"
            f" updated_at={c.dialect.now_ms} WHERE id=?",
            (state, status, report_time, delay, reason, gateway_id, note, message_id),
        )
    else:
        c.execute(
            "UPDATE messages SET report_status=?, report_time=?, message=COALESCE(?, message),"
            f" updated_at={c.dialect.now_ms} WHERE id=?",
            (status, report_time, note, message_id),
        )
