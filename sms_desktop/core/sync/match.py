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

from collections.abc import Sequence
from typing import Any

from ..store import Connection, Database, Row, inbox

# message states a report may update (engine.MsgState.ACCEPTED_LIKE)
_ACCEPTED = "accepted"
_DELIVERED = "delivered"
_UNDELIVERED = "undelivered"
_MATCHABLE = (_ACCEPTED, _DELIVERED, _UNDELIVERED)
# an "unknown" send is settled by its report: the report proves the request went out
_UNKNOWN = "unknown"

MATCHED_BY_ID = "id"
MATCHED_BY_PHONE_TIME = "phone+time"


def match_report(
    c: Connection, account: str, gateway_id: str | None, phone: str, report_time: str
) -> tuple[Row | None, str]:
    """The message a report belongs to, and how it was found (``id`` or ``phone+time``).

    By gateway id and phone first (exactly, then ignoring letter case), among the messages a
    report may update. A report whose id no answered request of this account gave us, or one
    without an id, may fall back on the phone: it settles the newest send to that number on that
    account (an ``unknown`` one without an id, resp. an ``accepted`` one) whose journal time is
    not after ``report_time``. A report of a send this app never made (the vendor's web console,
    another PC on the account) is thus never pinned on a later send, and stays unmatched.
    """
    if gateway_id:
        for any_case in (False, True):  # then: a reseller that changes the letter case of hex ids
            row = inbox.message_with_gateway_id(
                c, account, gateway_id, phone, (*_MATCHABLE, _UNKNOWN), _ACCEPTED, any_case=any_case
            )
            if row is not None:
                return row, MATCHED_BY_ID
        if inbox.gateway_id_answered(c, account, gateway_id, _UNKNOWN):
            return None, ""
        # An id no answered request gave us: it may be the id of a send whose reply was lost
        # (ended "unknown" without an id); the report then proves that request went out.
        row = inbox.newest_send_before(
            c, account, phone, _UNKNOWN, report_time, without_gateway_id=True
        )
    else:
        row = inbox.newest_send_before(c, account, phone, _ACCEPTED, report_time)
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
    c: Connection,
    msg: Row,
    how: str,
    gateway_id: str | None,
    status: str,
    delivered: bool | None,
    report_time: str,
    error_code: str | None = None,
) -> str:
    """Apply a matched report to its message; returns the message's state afterwards. A final
    report also records how long after the send it came, and an undelivered one why (its
    ``error_code``, else its status)."""
    note = None
    if how == MATCHED_BY_PHONE_TIME:
        note = _phone_time_note(report_time, gateway_id)
        if msg["message"]:
            note += " | " + str(msg["message"])
    if delivered is not None:
        new_state = _DELIVERED if delivered else _UNDELIVERED
        delay = inbox.delay_seconds(inbox.journal_time(c, msg["id"]), report_time)
        reason = None if delivered else ((error_code or "").strip() or status)
        inbox.settle_message(
            c, msg["id"], new_state, status, report_time, gateway_id, note, delay, reason
        )
        return new_state
    if msg["state"] == _ACCEPTED:
        inbox.settle_message(c, msg["id"], None, status, report_time, gateway_id, note)
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
    candidates = inbox.reports_to_rematch(db, account, message_ids)
    if not candidates:
        return []
    out: list[dict[str, Any]] = []
    with db.write() as c:
        for r in candidates:
            if not inbox.report_unmatched(c, r["id"]):
                continue  # matched meanwhile (another process)
            msg, how = match_report(c, r["account"], r["gateway_id"], r["phone"], r["t"])
            if msg is None:
                continue
            delivered = None if r["delivered"] is None else bool(r["delivered"])
            state = settle(
                c, msg, how, r["gateway_id"], r["status"], delivered, r["t"], r["error_code"]
            )
            inbox.set_report_message(c, r["id"], msg["id"])
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
