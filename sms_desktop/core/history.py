"""Reading the send history and one number's thread, and exporting the history to .xlsx.

The inbox's own queries (replies, reports, unread counts) are in :mod:`.store.inbox`."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bilingual import LANGS, pick
from .contacts.export import Sheet, write_xlsx
from .phones import lookup_key
from .store import Database, inbox
from .store import jobs as store_jobs
from .store import messages as store_messages
from .store.db import prefix_end

# The history export's columns: (key, Chinese title, English title).
HISTORY_COLUMNS = [
    ("job_id", "任务", "Job"),
    ("seq", "序号", "No."),
    ("phone", "号码", "Phone"),
    ("name", "姓名", "Name"),
    ("state", "状态", "State"),
    ("account", "账户", "Account"),
    ("gateway_id", "网关编号", "Gateway id"),
    ("code", "代码", "Code"),
    ("vendor_text", "网关原文", "Gateway's text"),
    ("message", "说明", "Message"),
    ("report_status", "状态报告", "Report"),
    ("report_time", "报告时间", "Report time"),
    ("text", "内容", "Text"),
    ("updated_at", "更新时间", "Updated"),
]
# A recipient's state as the export writes it (the window passes its own labels, so a file it
# writes says what its screens say).
STATE_NAMES: dict[str, tuple[str, str]] = {
    "queued": ("待发送", "Pending"),
    "sending": ("发送中", "Sending"),
    "accepted": ("网关已接收", "Accepted by gateway"),
    "delivered": ("已送达", "Delivered"),
    "rejected": ("被拒绝", "Rejected"),
    "undelivered": ("未送达", "Not delivered"),
    "unknown": ("结果未知", "Unknown outcome"),
    "skipped": ("已跳过", "Skipped"),
}


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
    key = lookup_key(phone) if phone else ""
    return store_messages.history(
        db,
        phone_within=key if key and substring else None,
        phone_prefix=(key, prefix_end(key)) if key and not substring else None,
        job_id=job_id,
        limit=limit,
    )


# ---- one job's recipients, keys first (the GUI's lazy table) ---------------------------------
RECIPIENT_COLUMNS = (
    "id",
    "seq",
    "phone",
    "name",
    "state",
    "account",
    "gateway_id",
    "code",
    "vendor_text",
    "message",
    "report_status",
    "report_time",
    "updated_at",
)


def message_ids(db: Database, job_id: int, states: Iterable[str] | None = None) -> array[int]:
    """The ids of a job's recipients in send order, optionally only those in ``states``: the
    keys of a lazy table, in an ``array('q')`` (8 bytes each, 0.8 MB for 100k recipients).

    Read from the covering ``messages_job(job_id, state)`` index alone: ``create_job`` inserts a
    job's recipients in ``seq`` order in one statement, so id order is send order."""
    return store_messages.ids_of_job(db, job_id, states)


def messages_by_ids(db: Database, ids: Sequence[int]) -> list[dict[str, Any] | None]:
    """The rows of ``ids`` (one page of a lazy table), in the order given; ``None`` for an id
    that no longer exists. ``message`` is the engine's explanation, or the skip reason."""
    if not ids:
        return []
    found = store_messages.by_ids(db, ids)
    return [found.get(i) for i in ids]


@dataclass(frozen=True)
class JobText:
    text: str  # the message text (with any {placeholders}), or the template's variables
    template_id: str | None
    note: str


def job_texts(db: Database, job_ids: Sequence[int]) -> dict[int, JobText]:
    """The texts of some jobs (for a jobs list beside ``Engine.jobs()``), in one query."""
    if not job_ids:
        return {}
    return {
        r["id"]: JobText(r["text"], r["template_id"], r["note"])
        for r in store_jobs.texts(db, job_ids)
    }


# ---- one number's thread, unread replies ----------------------------------------------------
def conversation(db: Database, phone: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Everything sent to ``phone`` and every reply from it, one list ordered by time.

    Each item has ``kind`` (``sent`` or ``reply``), ``time`` (when the send was journalled /
    the reply's own time, else when it was received), ``text``, ``account`` and ``id``; a sent
    item also has ``job_id``, ``state``, ``code`` (the vendor's, or the skip reason),
    ``report_status``, ``report_time`` and ``message``; a
    reply ``opt_out`` and ``is_read``. ``limit`` keeps the newest items. Exact match on the
    phone index of both tables.
    """
    key = lookup_key(phone)
    sent = [{"kind": "sent", **r} for r in store_messages.sent_to(db, key)]
    replies = [{"kind": "reply", **dict(r)} for r in inbox.replies_from(db, key)]
    items = sorted(sent + replies, key=lambda i: (i["time"] or "", i["kind"] == "reply", i["id"]))
    return items[-limit:] if limit else items


_KEYS = [k for k, _, _ in HISTORY_COLUMNS]
_PHONE_AT, _STATE_AT, _MESSAGE_AT = (_KEYS.index(k) for k in ("phone", "state", "message"))


def export_history_xlsx(
    db: Database,
    path: Path | str,
    job_id: int | None = None,
    *,
    lang: str = "zh_CN",
    state_names: Mapping[str, str] | None = None,
) -> int:
    """The send history (all, or one job) to .xlsx, through the exports' one cell writer.

    Written in ``lang`` (``zh_CN`` or ``en``): the column titles, the states (``state_names``
    when given, else :data:`STATE_NAMES`) and the explanations (the half of the core's
    ``中文 / English`` messages in that language).
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    en = lang == "en"
    names = dict(state_names or {k: v[1] if en else v[0] for k, v in STATE_NAMES.items()})
    columns = [k for k, _, _ in HISTORY_COLUMNS]
    n = 0

    def write(wb: Any) -> None:
        nonlocal n
        titles = [en_title if en else zh_title for _, zh_title, en_title in HISTORY_COLUMNS]
        widths = [8, 6, 16, 12, 14, 14, 22, 12, 30, 50, 12, 20, 50, 22]
        sh = Sheet(wb, "History" if en else "发送记录", titles, widths)
        for row in store_messages.export_rows(db, columns, job_id):
            values = list(row)
            values[_STATE_AT] = names.get(values[_STATE_AT], values[_STATE_AT])
            values[_MESSAGE_AT] = pick(values[_MESSAGE_AT] or "", lang)
            phone = values.pop(_PHONE_AT)
            sh.append("" if phone is None else phone, values, phone_at=_PHONE_AT)
            n += 1

    write_xlsx(Path(path), write)
    return n


def rejection_summary(db: Database, job_id: int, limit: int = 5) -> list[dict[str, Any]]:
    """Why a job's recipients were refused: one row per distinct vendor code and text, the most
    frequent first, with ``count`` and one example ``phone`` (for an error dialog after a send)."""
    rows = store_messages.rejections(db, job_id, "rejected", limit)
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
