"""Matching a delivery report to the message it settles, and settling it.

A report goes to the message sent through the same account with the same gateway id (compared
exactly, then ignoring letter case) and phone, in state accepted, delivered, undelivered or
unknown (an accepted one first, then the most recent). A report whose id no answered request
gave us, or one without an id, may fall back on the phone: the newest send to that number on
that account (an unknown one without an id, resp. an accepted one) whose journal time is not
after the report's time (the vendor's, else the time received), and the message's history says
it was matched by phone and time. ``delivered`` True/False turns the message
``delivered``/``undelivered``; ``None`` (pending, unknown) leaves the state and only records the
status on a still-accepted message. A report that matches nothing is kept with ``message_id``
NULL (:func:`unmatched_reports`), and matched again (:func:`rematch_reports`) when the engine
records a batch's outcome and on every sync: it may have arrived while its batch was still
``sending``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..store import Database

# message states a report may update (engine.MsgState.ACCEPTED_LIKE)
_ACCEPTED = "accepted"
_DELIVERED = "delivered"
_UNDELIVERED = "undelivered"
_MATCHABLE = (_ACCEPTED, _DELIVERED, _UNDELIVERED)
# an "unknown" send is settled by its report: the report proves the request went out
_UNKNOWN = "unknown"

MATCHED_BY_ID = "id"
MATCHED_BY_PHONE_TIME = "phone+time"

_MSG_COLS = "m.id, m.job_id, m.state, m.message"
# The time the send was journalled (its batch's sent_at; a row recorded without a batch: its own
# time), cut to whole seconds like the vendors' times and the receive time.
_JOURNAL_TIME = "substr(COALESCE(b.sent_at, m.updated_at), 1, 19)"


def match_report(
    c: sqlite3.Connection, account: str, gateway_id: str | None, phone: str, report_time: str
) -> tuple[sqlite3.Row | None, str]:
    """The message a report belongs to, and how it was found (``id`` or ``phone+time``).

    By gateway id and phone first (exactly, then ignoring letter case), among the messages a
    report may update. A report whose id no answered request of this account gave us, or one
    without an id, may fall back on the phone: it settles the newest send to that number on that
    account (an ``unknown`` one without an id, resp. an ``accepted`` one) whose journal time is
    not after ``report_time``. A report of a send this app never made (the vendor's web console,
    another PC on the account) is thus never pinned on a later send, and stays unmatched.
    """
    if gateway_id:
        row: sqlite3.Row | None = c.execute(
            f"SELECT {_MSG_COLS} FROM messages m WHERE m.account=? AND m.gateway_id=?"
            " AND m.phone=? AND m.state IN (?,?,?,?) ORDER BY (m.state=?) DESC, m.id DESC LIMIT 1",
            (account, gateway_id, phone, *_MATCHABLE, _UNKNOWN, _ACCEPTED),
        ).fetchone()
        if row is None:  # a reseller that changes the letter case of hex ids
            row = c.execute(
                f"SELECT {_MSG_COLS} FROM messages m WHERE m.phone=? AND m.account=?"
                " AND m.gateway_id=? COLLATE NOCASE AND m.state IN (?,?,?,?)"
                " ORDER BY (m.state=?) DESC, m.id DESC LIMIT 1",
                (phone, account, gateway_id, *_MATCHABLE, _UNKNOWN, _ACCEPTED),
            ).fetchone()
        if row is not None:
            return row, MATCHED_BY_ID
        if c.execute(
            "SELECT 1 FROM messages m JOIN batches b ON b.id = m.batch_id"
            " WHERE m.account=? AND m.gateway_id=? AND b.state != ? LIMIT 1",
            (account, gateway_id, _UNKNOWN),
        ).fetchone():
            return None, ""
        # An id no answered request gave us: it may be the id of a send whose reply was lost
        # (ended "unknown" without an id); the report then proves that request went out.
        state = _UNKNOWN
        no_id = " AND m.gateway_id IS NULL"
    else:
        state = _ACCEPTED
        no_id = ""
    row = c.execute(
        f"SELECT {_MSG_COLS} FROM messages m LEFT JOIN batches b ON b.id = m.batch_id"
        f" WHERE m.account=? AND m.phone=? AND m.state=?{no_id} AND {_JOURNAL_TIME} <= ?"
        " ORDER BY m.id DESC LIMIT 1",
        (account, phone, state, report_time[:19]),
    ).fetchone()
    return (row, MATCHED_BY_PHONE_TIME) if row is not None else (None, "")


def _phone_time_note(report_time: str, gateway_id: str | None) -> str:
    rid = f"（报告编号 {gateway_id}）" if gateway_id else ""
    rid_en = f" (report id {gateway_id})" if gateway_id else ""
    return (
        f"状态报告{rid}不是按网关编号匹配的，而是按号码和时间（报告时间 {report_time}"
        f" 不早于发送时间）。 / Report{rid_en} matched by phone and time (report {report_time},"
        " not before the send), not by gateway id."
    )


def settle(
    c: sqlite3.Connection,
    msg: sqlite3.Row,
    how: str,
    gateway_id: str | None,
    status: str,
    delivered: bool | None,
    report_time: str,
) -> str:
    """Apply a matched report to its message; returns the message's state afterwards."""
    note = None
    if how == MATCHED_BY_PHONE_TIME:
        note = _phone_time_note(report_time, gateway_id)
        if msg["message"]:
            note += " | " + str(msg["message"])
    if delivered is not None:
        new_state = _DELIVERED if delivered else _UNDELIVERED
        c.execute(
            "UPDATE messages SET state=?, report_status=?, report_time=?,"
            " gateway_id=COALESCE(gateway_id, ?), message=COALESCE(?, message),"
            " updated_at=strftime('%Y-%m-%d %H:%M:%f','now','localtime') WHERE id=?",
            (new_state, status, report_time, gateway_id, note, msg["id"]),
        )
        return new_state
    if msg["state"] == _ACCEPTED:
        c.execute(
            "UPDATE messages SET report_status=?, report_time=?, message=COALESCE(?, message),"
            " updated_at=strftime('%Y-%m-%d %H:%M:%f','now','localtime') WHERE id=?",
            (status, report_time, note, msg["id"]),
        )
    return str(msg["state"])


def rematch_reports(
    db: Database, account: str | None = None, message_ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Match again the stored reports that matched no message, and apply the ones that match now.

    A report can arrive before its send's outcome is recorded (a qxt push, or a pull, while the
    batch is still ``sending``); it is stored unmatched. The engine calls this when it records a
    batch's outcome (``message_ids``: that batch's recipients, so only their numbers are looked
    at), and every sync calls it for its account. Returns one dict per report matched now:
    ``report_id``, ``message_id``, ``job_id``, ``previous_state``, ``state``, ``matched_by``.
    """
    sql = (
        "SELECT id, account, gateway_id, phone, status, delivered,"
        " COALESCE(time, received_at) AS t FROM reports WHERE message_id IS NULL"
    )
    args: list[Any] = []
    if account is not None:
        sql += " AND account=?"
        args.append(account)
    if message_ids is not None:
        if not message_ids:
            return []
        sql += (
            " AND phone IN (SELECT phone FROM messages"
            " WHERE id IN (SELECT value FROM json_each(?)))"
        )
        args.append(json.dumps([int(i) for i in message_ids]))
    candidates = db.read().execute(sql + " ORDER BY id", args).fetchall()
    if not candidates:
        return []
    out: list[dict[str, Any]] = []
    with db.write() as c:
        for r in candidates:
            if (
                c.execute(
                    "SELECT 1 FROM reports WHERE id=? AND message_id IS NULL", (r["id"],)
                ).fetchone()
                is None
            ):
                continue  # matched meanwhile (another process)
            msg, how = match_report(c, r["account"], r["gateway_id"], r["phone"], r["t"])
            if msg is None:
                continue
            delivered = None if r["delivered"] is None else bool(r["delivered"])
            state = settle(c, msg, how, r["gateway_id"], r["status"], delivered, r["t"])
            c.execute("UPDATE reports SET message_id=? WHERE id=?", (msg["id"], r["id"]))
            out.append(
                {
                    "report_id": r["id"],
                    "message_id": msg["id"],
                    "job_id": msg["job_id"],
                    "previous_state": msg["state"],
                    "state": state,
                    "matched_by": how,
                }
            )
    return out


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
