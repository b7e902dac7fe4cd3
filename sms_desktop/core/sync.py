"""Sync of delivery reports and replies: pull, store raw first, parse, match, opt-out.

ipyy, jsm and txt112088 hand every delivery report and reply out **once**. So the order is fixed:

1. **Store** the raw reply body in ``raw_bodies`` (``parsed=0``) in its own committed
   transaction, from the gateway's sink, *before* anything parses it.
2. **Parse** it (the family client does, right after the sink returns).
3. **Apply**: insert the reports and replies, update the matched messages, blacklist opt-outs,
   and mark the raw row ``parsed=1`` — all in **one** transaction. A parse failure marks the row
   ``parsed=2`` with the error; the raw body stays for a later re-parse (``reparse_pending(...,
   include_failed=True)`` once the client is fixed).

A body that decodes only to mojibake (``charsets.decode_checked``) is marked ``parsed=2`` and
not applied. Records the client could not parse are kept as raw rows of kind ``<kind>.record``
(``parsed=2``) and counted in ``SyncResult.unparsed``; the rest of the body is applied. An empty
body is "nothing new" and is not stored.

If the process dies between 1 and 3, the raw row stays at ``parsed=0``.
:meth:`Syncer.reparse_pending` parses such rows again from the stored bytes, and it runs at the start of every sync, so a body
fetched once is applied even though the gateway will never hand it out again. A row re-parsed
:data:`MAX_REPARSE_ATTEMPTS` times without success (a body that crashes the process each time)
is set aside as ``parsed=2`` so it cannot block every later sync.

Applying is guarded by the raw row's ``parsed`` flag inside the transaction, so the same body is
never applied twice (a live sync and a re-parse racing, two processes). Reports are also
de-duplicated on (account, gateway id, phone, status, time), replies on (account, phone, text,
time, gateway id) when a time or id is present.

**Matching** (:func:`match_report`): a report goes to the message sent through the same account
with the same gateway id (compared exactly, then ignoring letter case) and phone, in state
accepted, delivered, undelivered or unknown (an accepted one first, then the most recent). A
report whose id no answered request gave us, or one without an id, may fall back on the phone:
the newest send to that number on that account (an unknown one without an id, resp. an accepted
one) whose journal time is not after the report's time (the vendor's, else the time received),
and the message's history says it was matched by phone and time. ``delivered`` True/False turns
the message ``delivered``/``undelivered``; ``None`` (pending, unknown) leaves the state and only
records the status on a still-accepted message. Phones are normalised like the engine's.
A report that matches nothing is kept with ``message_id`` NULL (:func:`unmatched_reports`), and
matched again (:func:`rematch_reports`) when the engine records a batch's outcome and on every
sync: it may have arrived while its batch was still ``sending``.

**Replies** are stored; an opt-out (see :mod:`.optout`) is flagged ``opt_out=1`` and its number
goes on the blacklist (``source='opt-out'``), which later jobs skip.

**Poll interval**: pull families are polled at most once per ``capabilities.min_poll_interval``
(jsm: 180 s) per account and kind. The time of the last request is kept in ``settings`` under
``sync.last.<account>.<reports|replies>``; it is written just before the request goes out (the
vendor counts requests, answered or not) and restored when the request certainly never left.
``force=True`` bypasses the interval. :class:`Poller` tells a GUI/CLI timer which accounts are due.

qxt pushes its reports and replies; :mod:`.push_receiver` stores each push with
:meth:`Syncer.store_body` and applies it with :meth:`Syncer.process_stored`, the same code path a
re-parse uses.
"""

from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import charsets, optout, phones
from .accounts import AccountStore
from .errors import NotSentError, OutcomeUnknownError, ProtocolError, SmsDesktopError
from .gateways import (
    DeliveryReport,
    Gateway,
    QueryResult,
    RawReply,
    Reply,
    gateway_class,
    make_gateway,
)
from .gateways.base import is_empty_body
from .store import Database

log = logging.getLogger(__name__)

KINDS = ("reports", "replies")
PUSH_KIND = "push"
PARSEABLE_KINDS = (*KINDS, PUSH_KIND)
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
MAX_REPARSE_ATTEMPTS = 3
DEFAULT_POLL_INTERVAL = 300.0  # Poller: families without a vendor rule are polled this often

# message states a report may update (engine.MsgState.ACCEPTED_LIKE)
_ACCEPTED = "accepted"
_DELIVERED = "delivered"
_UNDELIVERED = "undelivered"
_MATCHABLE = (_ACCEPTED, _DELIVERED, _UNDELIVERED)
# an "unknown" send is settled by its report: the report proves the request went out
_UNKNOWN = "unknown"

_ATTEMPT_RE = re.compile(r"^reparse attempt (\d+)")
_CT_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?[A-Za-z0-9_\-]+[\"']?", re.I)

GatewayFactory = Callable[[str], Gateway]


def last_poll_key(account: str, kind: str) -> str:
    return f"sync.last.{account}.{kind}"


@dataclass
class SyncResult:
    """What one sync (or one re-parse, or one push) brought in."""

    new_reports: list[dict[str, Any]] = field(default_factory=list)
    new_replies: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped_reason: str | None = None
    account: str = ""
    wait_seconds: float | None = None  # set with skipped_reason when polled too soon
    polled: list[str] = field(default_factory=list)  # kinds actually requested from the gateway
    recovered: int = 0  # raw bodies left unparsed by an earlier crash and applied now
    applied: list[int] = field(default_factory=list)  # ids of the raw bodies applied
    # reports stored earlier without a match that matched a message now (rematch_reports)
    rematched: list[dict[str, Any]] = field(default_factory=list)
    # records of a pulled body that could not be parsed (kept raw; the others were applied)
    unparsed: int = 0

    def merge(self, other: SyncResult) -> SyncResult:
        self.new_reports.extend(other.new_reports)
        self.new_replies.extend(other.new_replies)
        self.errors.extend(other.errors)
        self.recovered += other.recovered
        self.applied.extend(other.applied)
        self.rematched.extend(other.rematched)
        self.unparsed += other.unparsed
        return self

    @property
    def opt_outs(self) -> list[dict[str, Any]]:
        return [r for r in self.new_replies if r.get("opt_out")]

    @property
    def unmatched_reports(self) -> list[dict[str, Any]]:
        return [r for r in self.new_reports if r.get("message_id") is None]

    def as_dict(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "reports": self.new_reports,
            "replies": self.new_replies,
            "errors": self.errors,
            "skipped_reason": self.skipped_reason,
            "wait_seconds": self.wait_seconds,
            "polled": self.polled,
            "recovered": self.recovered,
            "rematched": self.rematched,
            "unparsed": self.unparsed,
        }


def _as_float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _remaining(last: float | None, interval: float, now: float) -> float:
    """Seconds left of ``interval`` since ``last`` (0 = due)."""
    if interval <= 0 or last is None:
        return 0.0
    elapsed = now - last
    if elapsed < 0 or elapsed >= interval:  # a clock set back does not block forever
        return 0.0
    return interval - elapsed


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


def _with_charset(content_type: str | None, charset: str) -> str:
    ct = content_type or "text/plain"
    if _CT_CHARSET_RE.search(ct):
        return _CT_CHARSET_RE.sub(f"charset={charset}", ct, count=1)
    return f"{ct}; charset={charset}"


def effective_content_type(raw: RawReply, fallback: str) -> str | None:
    """The content type to store so that a re-parse decodes the body exactly as it was decoded.

    It is the received one, unless the text was decoded with a charset that neither the header
    nor ``fallback`` (the gateway's charset) would pick; then that charset is written into it.
    """
    ct = raw.content_type
    if not raw.body or charsets.decode_reply(raw.body, ct, fallback) == raw.text:
        return ct
    for cs in ("utf-8", "gbk", "gb18030", "big5", "utf-16"):
        try:
            if raw.body.decode(charsets.codec(cs)) == raw.text:
                return _with_charset(ct, cs)
        except UnicodeDecodeError:
            continue
    return ct


_MOJIBAKE = (
    "undecodable: neither the declared charset, the account's, GBK nor UTF-8 reads it;"
    " kept raw, not applied"
)


def _mojibake_error(what_zh: str, what_en: str, raw_ids: Sequence[int]) -> str:
    where = f"（原文已保存，编号 {raw_ids[-1]}）" if raw_ids else ""
    where_en = f" (kept raw as #{raw_ids[-1]})" if raw_ids else ""
    return (
        f"{what_zh}的字符编码无法识别，没有处理{where}。 / The {what_en} could not be decoded"
        f" in any charset the gateways use; nothing was applied{where_en}."
    )


def code_text(code: Any) -> str:
    """A CodeInfo as one line: Chinese / English [vendor text]."""
    zh = getattr(code, "zh", "") or ""
    en = getattr(code, "en", "") or ""
    vendor = getattr(code, "vendor_text", "") or ""
    text = " / ".join(p for p in (zh, en) if p) or str(getattr(code, "code", code))
    if vendor and vendor not in text:
        text += f" [{vendor}]"
    return text


class Syncer:
    """Fetches, stores, parses and applies delivery reports and replies.

    ``gateway_factory(name)`` makes the gateway used to *pull* (default: ``accounts.gateway``,
    which needs the password). Stored bodies are *parsed* with a gateway built from the account's
    settings without the password (or with ``gateway_factory`` when one is given).
    ``clock`` (epoch seconds) is replaceable for tests of the poll interval.
    """

    def __init__(
        self,
        db: Database,
        accounts: AccountStore,
        gateway_factory: GatewayFactory | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.accounts = accounts
        self._factory = gateway_factory
        self.clock = clock

    # ---- gateways ---------------------------------------------------------------------------
    def gateway(self, name: str) -> Gateway:
        """The gateway that pulls for this account."""
        if self._factory is not None:
            return self._factory(name)
        return self.accounts.gateway(name)

    def parser(self, name: str) -> Gateway:
        """A gateway good enough to parse stored bodies of this account (no password needed)."""
        if self._factory is not None:
            return self._factory(name)
        return make_gateway(self.accounts.get(name).config(""))

    def interval(self, name: str) -> float:
        """The vendor's minimum seconds between two pulls of one kind (0 = no rule)."""
        caps = gateway_class(self.accounts.get(name).family).capabilities
        return float(caps.min_poll_interval or 0.0)

    def is_push(self, name: str) -> bool:
        return bool(gateway_class(self.accounts.get(name).family).capabilities.push)

    # ---- poll interval ----------------------------------------------------------------------
    def last_poll(self, name: str, kind: str) -> float | None:
        return _as_float(self.db.get_setting(last_poll_key(name, kind)))

    def last_synced(self, name: str) -> datetime | None:
        """When this account was last polled (either kind), for display."""
        times = [t for t in (self.last_poll(name, k) for k in KINDS) if t is not None]
        return datetime.fromtimestamp(max(times)) if times else None

    def wait_time(
        self, name: str, kind: str, interval: float | None = None, now: float | None = None
    ) -> float:
        """Seconds until this kind may be polled again (0 = now)."""
        interval = self.interval(name) if interval is None else interval
        now = self.clock() if now is None else now
        return _remaining(self.last_poll(name, kind), interval, now)

    def _claim(
        self, name: str, kinds: Sequence[str], interval: float, now: float, force: bool
    ) -> dict[str, str | None]:
        """Atomically check the interval and record ``now`` as the last poll of each due kind.

        Returns {kind: previous value} for the kinds claimed. One transaction, so two windows or
        processes syncing at once cannot both pull within the interval.
        """
        claimed: dict[str, str | None] = {}
        with self.db.write() as c:
            for kind in kinds:
                key = last_poll_key(name, kind)
                row = c.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
                previous = None if row is None else str(row[0])
                if not force and _remaining(_as_float(previous), interval, now) > 0:
                    continue
                c.execute(
                    "INSERT INTO settings(key, value) VALUES(?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                    (key, f"{now:.3f}"),
                )
                claimed[kind] = previous
        return claimed

    def _set_last(self, name: str, kind: str, value: str | None) -> None:
        key = last_poll_key(name, kind)
        with self.db.write() as c:
            if value is None:
                c.execute("DELETE FROM settings WHERE key=?", (key,))
            else:
                c.execute(
                    "INSERT INTO settings(key, value) VALUES(?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                    (key, value),
                )

    # ---- sync -------------------------------------------------------------------------------
    def sync_account(self, name: str, *, force: bool = False) -> SyncResult:
        """Recover unparsed bodies, then pull reports and replies if the interval allows.

        Raises InputError for an unknown account; every other problem is in ``errors``.
        """
        acct = self.accounts.get(name)
        result = SyncResult(account=name)
        result.merge(self.reparse_pending(account=name))
        result.rematched.extend(rematch_reports(self.db, account=name))
        caps = gateway_class(acct.family).capabilities
        if caps.push:
            result.skipped_reason = (
                f"账户 {name} 的状态报告和回复由网关推送到本机的推送接收地址，无需拉取。"
                f" / Reports and replies of account {name} are pushed by the gateway to the"
                " local push receiver; there is nothing to pull."
            )
            return result
        interval = float(caps.min_poll_interval or 0.0)
        now = self.clock()
        due: list[str] = []
        waits: list[float] = []
        for kind in KINDS:
            wait = 0.0 if force else self.wait_time(name, kind, interval, now)
            if wait > 0:
                waits.append(wait)
            else:
                due.append(kind)
        if not due:
            wait_s = math.ceil(max(waits))
            result.wait_seconds = float(wait_s)
            result.skipped_reason = (
                f"该网关要求两次获取至少间隔 {interval:g} 秒，请 {wait_s} 秒后再试"
                f"（或强制获取）。 / The gateway allows one request every {interval:g} s;"
                f" try again in {wait_s} s (or force it)."
            )
            return result
        try:
            gw = self.gateway(name)
        except SmsDesktopError as exc:
            result.errors.append(str(exc))
            return result
        try:
            claimed = self._claim(name, due, interval, now, force)
            if not claimed:
                result.skipped_reason = (
                    "另一个窗口或进程刚刚获取过。 / Another window or process has just fetched."
                )
            for kind, previous in claimed.items():
                result.merge(self._pull(gw, name, kind, previous))
                result.polled.append(kind)
        finally:
            if self._factory is None:  # our own gateway: release its connections
                gw.transport.close()
        return result

    def sync_all(
        self, names: Iterable[str] | None = None, *, force: bool = False
    ) -> list[SyncResult]:
        """Sync every account (or the named ones); one account's failure does not stop the rest."""
        if names is None:
            names = [a.name for a in self.accounts.list()]
        out: list[SyncResult] = []
        for name in names:
            try:
                out.append(self.sync_account(name, force=force))
            except SmsDesktopError as exc:
                out.append(SyncResult(account=name, errors=[str(exc)]))
        return out

    def _pull(self, gw: Gateway, name: str, kind: str, previous: str | None) -> SyncResult:
        """One request. ``previous`` is the last-poll value to restore if it never left."""
        result = SyncResult(account=name)
        what_zh = "状态报告" if kind == "reports" else "回复"
        raw_ids: list[int] = []
        store_failed: list[BaseException] = []

        def sink(_kind: str, raw: RawReply) -> None:
            # The body is committed before the client parses it: fetched once, never lost.
            if is_empty_body(raw):
                return  # "nothing new": nothing to keep
            try:
                raw_ids.append(self.store_reply(name, kind, raw, gw.charset))
            except Exception as exc:
                store_failed.append(exc)
                raise

        fetch = gw.fetch_reports if kind == "reports" else gw.fetch_replies
        try:
            qr = fetch(sink)
        except NotSentError as exc:
            self._set_last(name, kind, previous)  # the request never left: it does not count
            result.errors.append(f"获取{what_zh}失败（请求未发出）：{exc} / fetching {kind}: {exc}")
            return result
        except OutcomeUnknownError as exc:
            partial: RawReply | None = getattr(exc, "partial", None)
            if partial is not None and not raw_ids and not is_empty_body(partial):
                # the part that came in before the reply broke off: kept (marked failed, not
                # applied), so that a re-parse of failed bodies can still bring in what it holds
                raw_ids.append(self.store_reply(name, kind, partial, gw.charset))
            self._mark_failed(raw_ids, f"transport: {exc}")
            kept = f"（已收到的部分已保存，编号 {raw_ids[-1]}）" if raw_ids else ""
            kept_en = f" (the part received is kept as raw body #{raw_ids[-1]})" if raw_ids else ""
            result.errors.append(
                f"获取{what_zh}时没有收到有效回复（{exc}）{kept}；网关可能已把这批{what_zh}标记为已取走。"
                f" / No usable reply while fetching {kind} ({exc}){kept_en}; the gateway may"
                " already count them as handed out."
            )
            return result
        except ProtocolError as exc:
            self._mark_failed(raw_ids, str(exc))
            where = f"（原文已保存，编号 {raw_ids[-1]}）" if raw_ids else ""
            where_en = f" (raw body kept as #{raw_ids[-1]})" if raw_ids else ""
            result.errors.append(
                f"网关返回的{what_zh}无法识别{where}：{exc} / Unrecognised {kind} reply"
                f"{where_en}: {exc}"
            )
            return result
        except Exception as exc:  # a client bug must not lose a stored body
            if store_failed:
                # the sink's own failure (Database.write raises it as a StoreError, an
                # SmsDesktopError): say what the user may have lost, whatever its type
                log.error("%s of %s fetched but not stored: %r", kind, name, exc)
                result.errors.append(
                    f"获取到的{what_zh}无法保存到数据库（{exc}），网关可能不会再次下发这些内容。"
                    f" / The {kind} fetched could not be stored ({exc}); the gateway may not"
                    " hand them out again."
                )
                return result
            if isinstance(exc, SmsDesktopError):
                self._mark_failed(raw_ids, str(exc))
                result.errors.append(f"获取{what_zh}失败：{exc} / fetching {kind} failed: {exc}")
                return result
            log.exception("fetching %s for %s", kind, name)
            self._mark_failed(raw_ids, repr(exc))
            result.errors.append(f"获取{what_zh}出错：{exc!r} / fetching {kind} failed: {exc!r}")
            return result
        if not raw_ids and qr.raw is not None and not is_empty_body(qr.raw):  # forgot the sink
            raw_ids.append(self.store_reply(name, kind, qr.raw, gw.charset))
        if (
            qr.raw is not None
            and not charsets.decode_checked(qr.raw.body, qr.raw.content_type, gw.charset)[1]
        ):
            self._mark_failed(raw_ids, _MOJIBAKE)
            result.errors.append(_mojibake_error(what_zh, kind, raw_ids))
            return result
        reports, replies = _split_items(kind, qr)
        error = code_text(qr.code) if qr.code is not None else None
        if error:
            result.errors.append(f"获取{what_zh}失败：{error} / fetching {kind} failed: {error}")
        result.merge(self.apply(name, raw_ids, reports, replies, note=error, unparsed=qr.unparsed))
        return result

    # ---- storing ----------------------------------------------------------------------------
    def store_body(
        self,
        account: str | None,
        kind: str,
        body: bytes,
        *,
        url: str = "",
        content_type: str | None = None,
    ) -> int:
        """Store a raw body (``parsed=0``) in its own committed transaction; return its id."""
        with self.db.write() as c:
            cur = c.execute(
                "INSERT INTO raw_bodies(account, kind, url, content_type, body, parsed)"
                " VALUES(?,?,?,?,?,0)",
                (account, kind, url, content_type, sqlite3.Binary(body)),
            )
            rid = cur.lastrowid
        assert rid is not None
        return int(rid)

    def store_reply(self, account: str, kind: str, raw: RawReply, fallback: str) -> int:
        return self.store_body(
            account,
            kind,
            raw.body,
            url=raw.url,
            content_type=effective_content_type(raw, fallback),
        )

    def _mark_failed(self, raw_ids: Sequence[int], error: str) -> None:
        if not raw_ids:
            return
        with self.db.write() as c:
            for rid in raw_ids:
                c.execute(
                    "UPDATE raw_bodies SET parsed=2, error=? WHERE id=? AND parsed!=1",
                    (error[:2000], rid),
                )

    # ---- re-parsing -------------------------------------------------------------------------
    def reparse_pending(
        self, account: str | None = None, *, include_failed: bool = False
    ) -> SyncResult:
        """Parse and apply stored bodies that were never applied (a crash after storing).

        ``include_failed`` also retries bodies whose parsing failed before (``parsed=2``), e.g.
        after a client fix.
        """
        states = (0, 2) if include_failed else (0,)
        marks = ",".join("?" * len(states))
        kinds = ",".join("?" * len(PARSEABLE_KINDS))
        sql = f"SELECT id FROM raw_bodies WHERE parsed IN ({marks}) AND kind IN ({kinds})"
        args: list[Any] = [*states, *PARSEABLE_KINDS]
        if account is not None:
            sql += " AND account=?"
            args.append(account)
        ids = [int(r[0]) for r in self.db.read().execute(sql + " ORDER BY id", args)]
        result = SyncResult(account=account or "")
        parsers: dict[str, Gateway] = {}
        for rid in ids:
            one = self.process_stored(rid, include_failed=include_failed, _cache=parsers)
            one.recovered = len(one.applied)
            result.merge(one)
        return result

    def process_stored(
        self,
        raw_id: int,
        *,
        include_failed: bool = False,
        _cache: dict[str, Gateway] | None = None,
    ) -> SyncResult:
        """Parse one stored body and apply it (once). Used by re-parse and by the push receiver."""
        row = (
            self.db.read()
            .execute(
                "SELECT id, account, kind, url, content_type, body, parsed, error"
                " FROM raw_bodies WHERE id=?",
                (raw_id,),
            )
            .fetchone()
        )
        result = SyncResult()
        if row is None:
            return result
        name = row["account"] or ""
        result.account = name
        allowed = (0, 2) if include_failed else (0,)
        if row["parsed"] not in allowed:
            return result
        if row["parsed"] == 0 and not self._count_attempt(raw_id, row["error"]):
            result.errors.append(
                f"原文 #{raw_id} 多次解析都未完成，已搁置。 / Raw body #{raw_id} was set aside"
                f" after {MAX_REPARSE_ATTEMPTS} unfinished parse attempts."
            )
            return result
        cache = _cache if _cache is not None else {}
        try:
            gw = cache.get(name) or self.parser(name)
            cache[name] = gw
        except SmsDesktopError as exc:
            result.errors.append(f"原文 #{raw_id}：{exc} / raw body #{raw_id}: {exc}")
            return result
        body = bytes(row["body"])
        note: str | None = None
        unparsed: list[str] = []
        try:
            if row["kind"] == PUSH_KIND:
                from .gateways.qxt import decode_push_body

                params, _ = decode_push_body(body, row["content_type"])
                reports, replies = gw.parse_push(params)
            else:
                text, trusted = charsets.decode_checked(body, row["content_type"], gw.charset)
                if not trusted:
                    self._mark_failed([raw_id], _MOJIBAKE)
                    result.errors.append(_mojibake_error("原文", "raw body", [raw_id]))
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
                reports, replies = _split_items(row["kind"], qr)
                unparsed = qr.unparsed
                if qr.code is not None:
                    note = code_text(qr.code)
        except Exception as exc:  # ProtocolError, or a client bug: keep the raw, mark it
            self._mark_failed([raw_id], str(exc) or repr(exc))
            result.errors.append(
                f"原文 #{raw_id} 无法解析：{exc} / raw body #{raw_id} could not be parsed: {exc}"
            )
            return result
        return result.merge(
            self.apply(
                name, [raw_id], reports, replies, note=note, allowed=allowed, unparsed=unparsed
            )
        )

    def _count_attempt(self, raw_id: int, error: str | None) -> bool:
        """Record one more re-parse attempt; False (and set aside) after too many."""
        m = _ATTEMPT_RE.match(error or "")
        n = int(m.group(1)) if m else 0
        with self.db.write() as c:
            if n >= MAX_REPARSE_ATTEMPTS:
                c.execute(
                    "UPDATE raw_bodies SET parsed=2, error=? WHERE id=? AND parsed=0",
                    (f"set aside after {n} unfinished parse attempts", raw_id),
                )
                return False
            c.execute(
                "UPDATE raw_bodies SET error=? WHERE id=? AND parsed=0",
                (f"reparse attempt {n + 1}", raw_id),
            )
        return True

    # ---- applying ---------------------------------------------------------------------------
    def apply(
        self,
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
        keywords = optout.load_keywords(self.db)
        raw_id = raw_ids[-1] if raw_ids else None
        with self.db.write() as c:
            for rid in raw_ids:
                row = c.execute("SELECT parsed FROM raw_bodies WHERE id=?", (rid,)).fetchone()
                if row is None or row[0] not in allowed:
                    return result
            if unparsed:
                kind = "records"
                if raw_id is not None:
                    got = c.execute("SELECT kind FROM raw_bodies WHERE id=?", (raw_id,)).fetchone()
                    kind = f"{got[0]}.record"
                for text in unparsed:
                    c.execute(
                        "INSERT INTO raw_bodies(account, kind, content_type, body, parsed, error)"
                        " VALUES(?,?,?,?,2,?)",
                        (
                            account,
                            kind,
                            "text/plain; charset=utf-8",
                            sqlite3.Binary(text.encode("utf-8")),
                            f"unparseable record of raw body #{raw_id}",
                        ),
                    )
                count = f"{len(unparsed)} record(s) could not be parsed, kept raw"
                note = f"{note}; {count}" if note else count
                result.unparsed = len(unparsed)
            for rep in reports:
                d = self._apply_report(c, account, rep, raw_id)
                if d is not None:
                    result.new_reports.append(d)
            for rp in replies:
                d = self._apply_reply(c, account, rp, raw_id, keywords)
                if d is not None:
                    result.new_replies.append(d)
            for rid in raw_ids:
                c.execute("UPDATE raw_bodies SET parsed=1, error=? WHERE id=?", (note, rid))
            result.applied.extend(raw_ids)
        return result

    def _apply_report(
        self, c: sqlite3.Connection, account: str, rep: DeliveryReport, raw_id: int | None
    ) -> dict[str, Any] | None:
        phone = normalise_phone(rep.phone)
        gid = (rep.gateway_id or "").strip() or None
        status = (rep.status or "").strip()
        when = _fmt_time(rep.time)
        dup = c.execute(
            "SELECT id FROM reports WHERE account=? AND gateway_id IS ? AND phone=? AND status=?"
            " AND time IS ? LIMIT 1",
            (account, gid, phone, status, when),
        ).fetchone()
        if dup is not None:
            return None
        report_time = when or _now_text()
        msg, how = match_report(c, account, gid, phone, report_time)
        delivered = None if rep.delivered is None else bool(rep.delivered)
        cur = c.execute(
            "INSERT INTO reports(account, gateway_id, phone, status, delivered, time, extno,"
            " error_code, message_id, raw_id) VALUES(?,?,?,?,?,?,?,?,?,?)",
            (
                account,
                gid,
                phone,
                status,
                None if delivered is None else int(delivered),
                when,
                rep.extno,
                rep.error_code,
                msg["id"] if msg is not None else None,
                raw_id,
            ),
        )
        new_state: str | None = None
        if msg is not None:
            new_state = _settle(c, msg, how, gid, status, delivered, report_time)
        return {
            "id": cur.lastrowid,
            "account": account,
            "gateway_id": gid,
            "phone": phone,
            "status": status,
            "delivered": delivered,
            "time": when,
            "extno": rep.extno,
            "error_code": rep.error_code,
            "message_id": msg["id"] if msg is not None else None,
            "job_id": msg["job_id"] if msg is not None else None,
            "state": new_state,
            "matched_by": how if msg is not None else None,
            "raw_id": raw_id,
        }

    def _apply_reply(
        self,
        c: sqlite3.Connection,
        account: str,
        rp: Reply,
        raw_id: int | None,
        keywords: Sequence[str],
    ) -> dict[str, Any] | None:
        phone = normalise_phone(rp.phone)
        content = rp.content or ""
        when = _fmt_time(rp.time)
        gid = (rp.gateway_id or "").strip() or None
        if when is not None or gid is not None:
            dup = c.execute(
                "SELECT id FROM replies WHERE account=? AND phone=? AND content=? AND time IS ?"
                " AND gateway_id IS ? LIMIT 1",
                (account, phone, content, when, gid),
            ).fetchone()
            if dup is not None:
                return None
        is_opt_out = optout.is_opt_out(content, keywords)
        cur = c.execute(
            "INSERT INTO replies(account, phone, content, time, gateway_id, extno, opt_out,"
            " raw_id) VALUES(?,?,?,?,?,?,?,?)",
            (account, phone, content, when, gid, rp.extno, int(is_opt_out), raw_id),
        )
        blacklisted = False
        if is_opt_out and phone:
            shown = content.strip()[:100]
            bl = c.execute(
                "INSERT OR IGNORE INTO blacklist(phone, reason, source) VALUES(?,?,?)",
                (
                    phone,
                    f"回复退订“{shown}”（账户 {account}，{when or _now_text()}）"
                    f" / opted out by replying “{shown}”",
                    "opt-out",
                ),
            )
            blacklisted = bl.rowcount > 0
        return {
            "id": cur.lastrowid,
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


def _split_items(kind: str, qr: QueryResult) -> tuple[list[DeliveryReport], list[Reply]]:
    items = list(qr.items or [])
    reports = [i for i in items if isinstance(i, DeliveryReport)]
    replies = [i for i in items if isinstance(i, Reply)]
    return reports, replies


# ---- matching reports to messages -----------------------------------------------------------

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


def _settle(
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
            state = _settle(c, msg, how, r["gateway_id"], r["status"], delivered, r["t"])
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


def sync_all(
    db: Database,
    accounts: AccountStore,
    names: Iterable[str] | None = None,
    *,
    force: bool = False,
    gateway_factory: GatewayFactory | None = None,
) -> list[SyncResult]:
    """Sync every account (or the named ones) once."""
    return Syncer(db, accounts, gateway_factory).sync_all(names, force=force)


class Poller:
    """Decides which accounts are due for a pull; the GUI/CLI calls it from its own timer/worker.

    An account is due when every kind may be polled again: the vendor's minimum interval, but
    never more often than ``default_interval`` (for families without a rule). Push accounts are
    never due (their pushes arrive at the receiver); :meth:`run_due` still re-parses their
    unfinished bodies.
    """

    def __init__(self, syncer: Syncer, default_interval: float = DEFAULT_POLL_INTERVAL) -> None:
        self.syncer = syncer
        self.default_interval = default_interval

    def interval(self, name: str) -> float:
        return max(self.syncer.interval(name), self.default_interval)

    def wait_for(self, name: str, now: float | None = None) -> float | None:
        """Seconds until the account is due (0 = now), or None for a push account."""
        if self.syncer.is_push(name):
            return None
        interval = self.interval(name)
        return max(self.syncer.wait_time(name, k, interval, now) for k in KINDS)

    def due(self, now: float | None = None) -> list[str]:
        out = []
        for acct in self.syncer.accounts.list():
            wait = self.wait_for(acct.name, now)
            if wait is not None and wait <= 0:
                out.append(acct.name)
        return out

    def next_due_in(self, now: float | None = None) -> float | None:
        """Seconds until the next account is due (0 = one is due now), None if none ever is."""
        waits = [
            w
            for w in (self.wait_for(a.name, now) for a in self.syncer.accounts.list())
            if w is not None
        ]
        return min(waits) if waits else None

    def run_due(self, now: float | None = None) -> list[SyncResult]:
        """Sync the due accounts (and re-parse any unfinished body of the others)."""
        names = self.due(now)
        results = self.syncer.sync_all(names)
        others = self.syncer.reparse_pending()
        if others.new_reports or others.new_replies or others.errors:
            results.append(others)
        return results
