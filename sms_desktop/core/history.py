"""Reading the send history and the inbox, and exporting the history to .xlsx."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import phones
from .contacts.export import Sheet, write_xlsx
from .store import Database

HISTORY_COLUMNS = [
    ("job_id", "任务 Job"),
    ("seq", "序号 No."),
    ("phone", "号码 Phone"),
    ("name", "姓名 Name"),
    ("state", "状态 State"),
    ("account", "账户 Account"),
    ("gateway_id", "网关编号 Gateway id"),
    ("code", "代码 Code"),
    ("message", "说明 Message"),
    ("report_status", "状态报告 Report"),
    ("report_time", "报告时间 Report time"),
    ("text", "内容 Text"),
    ("updated_at", "更新时间 Updated"),
]


def _phone_key(phone: str) -> str:
    """What the user typed, as stored: ``+86 138-0013-8000`` → ``13800138000``; a partial
    number keeps its digits (``138 0013`` → ``1380013``)."""
    raw = phone.strip()
    res = phones.normalise(raw, allow_landline=True)
    if res.phone:
        return res.phone
    return re.sub(r"[\s\-()（）]", "", raw)


def _prefix_end(prefix: str) -> str:
    """The smallest text above every text that starts with ``prefix`` (for an index range)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def history(
    db: Database,
    *,
    phone: str | None = None,
    job_id: int | None = None,
    limit: int = 1000,
    substring: bool = False,
) -> list[dict[str, Any]]:
    """Sent messages, newest job first.

    ``phone`` matches numbers that *start with* it (a whole number is an exact match), on the
    phone index; ``substring=True`` matches it anywhere in the number instead, which reads the
    whole table (seconds at millions of messages).
    """
    sql = (
        "SELECT job_id, seq, phone, name, state, account, gateway_id, code,"
        " COALESCE(NULLIF(message, ''), reason) AS message, report_status, report_time, text,"
        " updated_at FROM messages WHERE 1=1"
    )
    params: list[Any] = []
    key = _phone_key(phone) if phone else ""
    if key and substring:
        sql += " AND instr(phone, ?) > 0"
        params.append(key)
    elif key:
        # a range on the index (LIKE 'x%' would not use it: LIKE ignores letter case)
        sql += " AND phone >= ? AND phone < ?"
        params += [key, _prefix_end(key)]
    if job_id is not None:
        sql += " AND job_id=?"
        params.append(job_id)
    sql += " ORDER BY job_id DESC, seq LIMIT ?"
    params.append(limit)
    return [dict(r) for r in db.read().execute(sql, params)]


def conversation(db: Database, phone: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Everything sent to ``phone`` and every reply from it, one list ordered by time.

    Each item has ``kind`` (``sent`` or ``reply``), ``time`` (when the send was journalled /
    the reply's own time, else when it was received), ``text``, ``account`` and ``id``; a sent
    item also has ``job_id``, ``state``, ``report_status``, ``report_time`` and ``message``; a
    reply ``opt_out`` and ``is_read``. ``limit`` keeps the newest items. Exact match on the
    phone index of both tables.
    """
    key = _phone_key(phone)
    c = db.read()
    sent = [
        {"kind": "sent", **dict(r)}
        for r in c.execute(
            "SELECT m.id, m.job_id, m.account,"
            " substr(COALESCE(b.sent_at, m.updated_at), 1, 19) AS time, m.text, m.state,"
            " m.report_status, m.report_time, COALESCE(NULLIF(m.message, ''), m.reason) AS message"
            " FROM messages m LEFT JOIN batches b ON b.id = m.batch_id WHERE m.phone = ?",
            (key,),
        )
    ]
    replies = [
        {"kind": "reply", **dict(r)}
        for r in c.execute(
            "SELECT id, account, COALESCE(time, received_at) AS time, content AS text, opt_out,"
            " is_read FROM replies WHERE phone = ?",
            (key,),
        )
    ]
    items = sorted(sent + replies, key=lambda i: (i["time"] or "", i["kind"] == "reply", i["id"]))
    return items[-limit:] if limit else items


def unread_count(db: Database, phone: str | None = None) -> int:
    """Replies not marked read (all, or from one number)."""
    if phone:
        row = (
            db.read()
            .execute(
                "SELECT COUNT(*) FROM replies WHERE phone = ? AND is_read = 0", (_phone_key(phone),)
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
                "UPDATE replies SET is_read = 1 WHERE is_read = 0"
                " AND id IN (SELECT value FROM json_each(?))",
                (json.dumps([int(i) for i in reply_ids]),),
            )
        else:
            cur = c.execute(
                "UPDATE replies SET is_read = 1 WHERE is_read = 0 AND phone = ?",
                (_phone_key(phone or ""),),
            )
        return int(cur.rowcount)


def inbox(db: Database, limit: int = 200) -> dict[str, list[dict[str, Any]]]:
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


_PHONE_AT = [k for k, _ in HISTORY_COLUMNS].index("phone")


def export_history_xlsx(db: Database, path: Path | str, job_id: int | None = None) -> int:
    """The send history (all, or one job) to .xlsx, through the exports' one cell writer."""
    sql = (
        "SELECT "
        + ", ".join(
            "COALESCE(NULLIF(message, ''), reason) AS message" if k == "message" else k
            for k, _ in HISTORY_COLUMNS
        )
        + " FROM messages"
    )
    params: list[Any] = []
    if job_id is not None:
        sql += " WHERE job_id=?"
        params.append(job_id)
    sql += " ORDER BY job_id, seq"
    n = 0

    def write(wb: Any) -> None:
        nonlocal n
        titles = [title for _, title in HISTORY_COLUMNS]
        widths = [8, 6, 16, 12, 10, 14, 22, 12, 50, 12, 20, 50, 22]
        sh = Sheet(wb, "发送记录 History", titles, widths)
        for row in db.read().execute(sql, params):
            values = list(row)
            phone = values.pop(_PHONE_AT)
            sh.append("" if phone is None else phone, values, phone_at=_PHONE_AT)
            n += 1

    write_xlsx(Path(path), write)
    return n


def rejection_summary(db: Database, job_id: int, limit: int = 5) -> list[dict[str, Any]]:
    """Why a job's recipients were refused: one row per distinct vendor code and text, the most
    frequent first, with ``count`` and one example ``phone`` (for an error dialog after a send)."""
    rows = (
        db.read()
        .execute(
            "SELECT code, vendor_text, message, COUNT(*) AS n, MIN(phone) AS phone"
            " FROM messages WHERE job_id=? AND state='rejected'"
            " GROUP BY code, vendor_text, message ORDER BY n DESC LIMIT ?",
            (job_id, limit),
        )
        .fetchall()
    )
    return [
        {
            "code": r["code"],
            "vendor_text": r["vendor_text"],
            "message": r["message"],
            "count": int(r["n"]),
            "phone": r["phone"],
        }
        for r in rows
    ]
