"""Parsing stored bodies and applying what they hold: reports, replies, opt-outs.

Applying is one transaction: insert the reports (each matched to its message, see
:mod:`.match`) and the replies (an opt-out puts its number on the blacklist), and mark the raw
rows ``parsed=1``. It is guarded by the raw rows' ``parsed`` flag inside that transaction, so the
same body is never applied twice (a live sync and a re-parse racing, two processes). Reports are
also de-duplicated on (account, gateway id, phone, status, time), replies on (account, phone,
text, time, gateway id) when a time or id is present.

A stored body is parsed again from its bytes (:func:`process_stored`): after a crash between
storing and applying, for a qxt push, or for a body whose parsing failed once the client is
fixed. A row re-parsed :data:`MAX_REPARSE_ATTEMPTS` times without success (a body that crashes
the process each time) is set aside as ``parsed=2`` so it cannot block every later sync.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from .. import charsets, optout, phones
from ..contacts.repository import blacklist_insert
from ..errors import SmsDesktopError
from ..gateways import DeliveryReport, Gateway, QueryResult, RawReply, Reply
from ..store import Connection, Database, inbox
from .match import match_report, settle
from .result import PARSEABLE_KINDS, PUSH_KIND, SyncResult, code_text

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
MAX_REPARSE_ATTEMPTS = 3

_ATTEMPT_RE = re.compile(r"^reparse attempt (\d+)")

MOJIBAKE = (
    "undecodable: neither the declared charset, the account's, GBK nor UTF-8 reads it;"
    " kept raw, not applied"
)

Parser = Callable[[str], Gateway]  # account name → a gateway that can parse its bodies


def mojibake_error(what_zh: str, what_en: str, raw_ids: Sequence[int]) -> str:
    where = f"（原文已保存，编号 {raw_ids[-1]}）" if raw_ids else ""
    where_en = f" (kept raw as #{raw_ids[-1]})" if raw_ids else ""
    return (
        f"{what_zh}的字符编码无法识别，没有处理{where}。 / The {what_en} could not be decoded"
        f" in any charset the gateways use; nothing was applied{where_en}."
    )


def _fmt_time(t: datetime | None) -> str | None:
    if t is None:
        return None
    try:
        return t.strftime(TIME_FORMAT)
    except (ValueError, AttributeError):
        return None


def _now_text() -> str:
    return datetime.now().strftime(TIME_FORMAT)


def normalise_phone(phone: str) -> str:
    """The phone as the engine stores it (``+86 138-0013-8000`` → ``13800138000``), else as is."""
    raw = (phone or "").strip()
    res = phones.normalise(raw, allow_landline=True)
    return res.phone if res.phone else raw


def split_items(qr: QueryResult) -> tuple[list[DeliveryReport], list[Reply]]:
    items = list(qr.items or [])
    reports = [i for i in items if isinstance(i, DeliveryReport)]
    replies = [i for i in items if isinstance(i, Reply)]
    return reports, replies


# ---- re-parsing -----------------------------------------------------------------------------
def reparse_pending(
    db: Database, parser: Parser, account: str | None = None, *, include_failed: bool = False
) -> SyncResult:
    """Parse and apply stored bodies that were never applied (a crash after storing).

    ``include_failed`` also retries bodies whose parsing failed before (``parsed=2``), e.g.
    after a client fix.
    """
    states = (0, 2) if include_failed else (0,)
    ids = inbox.raw_ids_to_parse(db, states, PARSEABLE_KINDS, account)
    result = SyncResult(account=account or "")
    parsers: dict[str, Gateway] = {}

    def cached(name: str) -> Gateway:
        gw = parsers.get(name) or parser(name)
        parsers[name] = gw
        return gw

    for rid in ids:
        one = process_stored(db, rid, cached, include_failed=include_failed)
        one.recovered = len(one.applied)
        result.merge(one)
    return result


def process_stored(
    db: Database, raw_id: int, parser: Parser, *, include_failed: bool = False
) -> SyncResult:
    """Parse one stored body and apply it (once). Used by re-parse and by the push receiver."""
    row = inbox.raw_body(db, raw_id)
    result = SyncResult()
    if row is None:
        return result
    name = row["account"] or ""
    result.account = name
    allowed = (0, 2) if include_failed else (0,)
    if row["parsed"] not in allowed:
        return result
    if row["parsed"] == 0 and not _count_attempt(db, raw_id, row["error"]):
        result.errors.append(
            f"原文 #{raw_id} 多次解析都未完成，已搁置。 / Raw body #{raw_id} was set aside"
            f" after {MAX_REPARSE_ATTEMPTS} unfinished parse attempts."
        )
        return result
    try:
        gw = parser(name)
    except SmsDesktopError as exc:
        result.errors.append(f"原文 #{raw_id}：{exc} / raw body #{raw_id}: {exc}")
        return result
    body = bytes(row["body"])
    note: str | None = None
    unparsed: list[str] = []
    try:
        if row["kind"] == PUSH_KIND:
            from ..gateways.qxt import decode_push_body

            params, _ = decode_push_body(body, row["content_type"])
            reports, replies = gw.parse_push(params)
        else:
            text, trusted = charsets.decode_checked(body, row["content_type"], gw.charset)
            if not trusted:
                inbox.mark_raw_failed(db, [raw_id], MOJIBAKE)
                result.errors.append(mojibake_error("原文", "raw body", [raw_id]))
                return result
            raw = RawReply(
                url=row["url"] or "",
                status=200,
                body=body,
                content_type=row["content_type"],
                text=text,
            )
            if row["kind"] == "reports":
                qr = gw.parse_reports(raw)
            else:
                qr = gw.parse_replies(raw)
            reports, replies = split_items(qr)
            unparsed = qr.unparsed
            if qr.code is not None:
                note = code_text(qr.code)
    except Exception as exc:  # ProtocolError, or a client bug: keep the raw, mark it
        inbox.mark_raw_failed(db, [raw_id], str(exc) or repr(exc))
        result.errors.append(
            f"原文 #{raw_id} 无法解析：{exc} / raw body #{raw_id} could not be parsed: {exc}"
        )
        return result
    return result.merge(
        apply(db, name, [raw_id], reports, replies, note=note, allowed=allowed, unparsed=unparsed)
    )


def _count_attempt(db: Database, raw_id: int, error: str | None) -> bool:
    """Record one more re-parse attempt; False (and set aside) after too many."""
    m = _ATTEMPT_RE.match(error or "")
    n = int(m.group(1)) if m else 0
    if n >= MAX_REPARSE_ATTEMPTS:
        note = f"set aside after {n} unfinished parse attempts"
        inbox.note_raw_attempt(db, raw_id, note, set_aside=True)
        return False
    inbox.note_raw_attempt(db, raw_id, f"reparse attempt {n + 1}")
    return True


# ---- applying -------------------------------------------------------------------------------
def apply(
    db: Database,
    account: str,
    raw_ids: Sequence[int],
    reports: Sequence[DeliveryReport],
    replies: Sequence[Reply],
    *,
    note: str | None = None,
    allowed: tuple[int, ...] = (0,),
    unparsed: Sequence[str] = (),
) -> SyncResult:
    """Insert reports and replies and mark the raw rows parsed, in one transaction.

    ``unparsed``: the raw text of records the client could not parse (the others are
    applied); each is kept as a raw row of kind ``<kind>.record`` (``parsed=2``, never
    re-parsed on its own) and counted in ``SyncResult.unparsed``.
    Does nothing when a raw row was already applied (by a concurrent sync or re-parse).
    """
    result = SyncResult(account=account)
    keywords = optout.load_keywords(db)
    raw_id = raw_ids[-1] if raw_ids else None
    with db.write() as c:
        for rid in raw_ids:
            if inbox.raw_parsed(c, rid) not in allowed:
                return result
        if unparsed:
            kind = "records"
            if raw_id is not None:
                kind = f"{inbox.raw_kind(c, raw_id)}.record"
            for text in unparsed:
                inbox.add_unparsed_record(
                    c, account, kind, text, f"unparseable record of raw body #{raw_id}"
                )
            count = f"{len(unparsed)} record(s) could not be parsed, kept raw"
            note = f"{note}; {count}" if note else count
            result.unparsed = len(unparsed)
        for rep in reports:
            d = _apply_report(c, account, rep, raw_id)
            if d is not None:
                result.new_reports.append(d)
        for rp in replies:
            d = _apply_reply(c, account, rp, raw_id, keywords)
            if d is not None:
                result.new_replies.append(d)
        for rid in raw_ids:
            inbox.mark_raw_applied(c, rid, note)
        result.applied.extend(raw_ids)
    return result


def _apply_report(
    c: Connection, account: str, rep: DeliveryReport, raw_id: int | None
) -> dict[str, Any] | None:
    phone = normalise_phone(rep.phone)
    gid = (rep.gateway_id or "").strip() or None
    status = (rep.status or "").strip()
    when = _fmt_time(rep.time)
    if inbox.report_seen(c, account, gid, phone, status, when):
        return None
    report_time = when or _now_text()
    msg, how = match_report(c, account, gid, phone, report_time)
    delivered = None if rep.delivered is None else bool(rep.delivered)
    message_id = msg["id"] if msg is not None else None
    report_id = inbox.add_report(
        c,
        account,
        gid,
        phone,
        status,
        delivered,
        when,
        rep.extno,
        rep.error_code,
        message_id,
        raw_id,
    )
    new_state: str | None = None
    if msg is not None:
        new_state = settle(c, msg, how, gid, status, delivered, report_time, rep.error_code)
    return {
        "id": report_id,
        "account": account,
        "gateway_id": gid,
        "phone": phone,
        "status": status,
        "delivered": delivered,
        "time": when,
        "extno": rep.extno,
        "error_code": rep.error_code,
        "message_id": message_id,
        "job_id": msg["job_id"] if msg is not None else None,
        "state": new_state,
        "matched_by": how if msg is not None else None,
        "raw_id": raw_id,
    }


def _apply_reply(
    c: Connection,
    account: str,
    rp: Reply,
    raw_id: int | None,
    keywords: Sequence[str],
) -> dict[str, Any] | None:
    phone = normalise_phone(rp.phone)
    content = rp.content or ""
    when = _fmt_time(rp.time)
    gid = (rp.gateway_id or "").strip() or None
    if (when is not None or gid is not None) and inbox.reply_seen(
        c, account, phone, content, when, gid
    ):
        return None
    is_opt_out = optout.is_opt_out(content, keywords)
    reply_id = inbox.add_reply(c, account, phone, content, when, gid, rp.extno, is_opt_out, raw_id)
    blacklisted = False
    if is_opt_out and phone:
        shown = content.strip()[:100]
        blacklisted = blacklist_insert(
            c,
            phone,
            f"回复退订“{shown}”（账户 {account}，{when or _now_text()}）"
            f" / opted out by replying “{shown}”",
            "opt-out",
        )
    return {
        "id": reply_id,
        "account": account,
        "phone": phone,
        "content": content,
        "time": when,
        "gateway_id": gid,
        "extno": rp.extno,
        "opt_out": is_opt_out,
        "blacklisted": blacklisted,
        "raw_id": raw_id,
    }
