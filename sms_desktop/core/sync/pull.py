"""One pull: one request for one kind (reports or replies) of one account.

ipyy, jsm and txt112088 hand every delivery report and reply out **once**, so the order is fixed:
the raw reply body is **stored** (``raw_bodies``, ``parsed=0``) in its own committed transaction
from the gateway's sink, *before* anything parses it; the family client then **parses** it; and
what it holds is **applied** (:func:`.apply.apply`). A parse failure marks the row ``parsed=2``
with the error; the raw body stays for a later re-parse. A body that decodes only to mojibake
(``charsets.decode_checked``) is marked ``parsed=2`` and not applied. Records the client could
not parse are kept raw and counted; the rest of the body is applied. An empty body is "nothing
new" and is not stored.

:func:`pull` makes exactly one request; what it returns says whether that request certainly never
left (then it does not count against the vendor's interval), and how many records the page held
(:mod:`.pages` pulls again while a page is full).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import charsets
from ..errors import NotSentError, OutcomeUnknownError, ProtocolError, SmsDesktopError
from ..gateways import Gateway, RawReply
from ..gateways.base import is_empty_body
from ..store import Database
from ..store.inbox import mark_raw_failed
from .apply import MOJIBAKE, apply, mojibake_error, split_items
from .result import SyncResult, code_text

log = logging.getLogger(__name__)

_CT_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?[A-Za-z0-9_\-]+[\"']?", re.I)

# Stores a fetched body before it is parsed: (account, kind, raw, the gateway's charset) → id
StoreReply = Callable[[str, str, RawReply, str], int]


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


@dataclass
class Pulled:
    """What one request brought (``result``), and whether it went out at all."""

    result: SyncResult
    left: bool = True  # False: it certainly never left (it does not count as a request)
    records: int = 0  # records the page held, applied or kept raw (0 after a failed pull)

    @property
    def ok(self) -> bool:
        """The page was stored and applied, and the gateway reported no error."""
        return self.left and not self.result.errors

    @property
    def fresh(self) -> int:
        """Records of this page not seen before: new reports and replies, and those kept raw."""
        r = self.result
        return len(r.new_reports) + len(r.new_replies) + r.unparsed


def pull(db: Database, gw: Gateway, name: str, kind: str, store: StoreReply) -> Pulled:
    """One request for ``kind`` of account ``name``: fetch, store each body raw, parse, apply."""
    result = SyncResult(account=name)
    what_zh = "状态报告" if kind == "reports" else "回复"
    raw_ids: list[int] = []
    store_failed: list[BaseException] = []

    def sink(_kind: str, raw: RawReply) -> None:
        # The body is committed before the client parses it: fetched once, never lost.
        if is_empty_body(raw):
            return  # "nothing new": nothing to keep
        try:
            raw_ids.append(store(name, kind, raw, gw.charset))
        except Exception as exc:
            store_failed.append(exc)
            raise

    fetch = gw.fetch_reports if kind == "reports" else gw.fetch_replies
    try:
        qr = fetch(sink)
    except NotSentError as exc:
        result.errors.append(f"获取{what_zh}失败（请求未发出）：{exc} / fetching {kind}: {exc}")
        return Pulled(result, left=False)
    except OutcomeUnknownError as exc:
        partial: RawReply | None = getattr(exc, "partial", None)
        if partial is not None and not raw_ids and not is_empty_body(partial):
            # the part that came in before the reply broke off: kept (marked failed, not
            # applied), so that a re-parse of failed bodies can still bring in what it holds
            raw_ids.append(store(name, kind, partial, gw.charset))
        mark_raw_failed(db, raw_ids, f"transport: {exc}")
        kept = f"（已收到的部分已保存，编号 {raw_ids[-1]}）" if raw_ids else ""
        kept_en = f" (the part received is kept as raw body #{raw_ids[-1]})" if raw_ids else ""
        result.errors.append(
            f"获取{what_zh}时没有收到有效回复（{exc}）{kept}；网关可能已把这批{what_zh}标记为已取走。"
            f" / No usable reply while fetching {kind} ({exc}){kept_en}; the gateway may"
            " already count them as handed out."
        )
        return Pulled(result)
    except ProtocolError as exc:
        mark_raw_failed(db, raw_ids, str(exc))
        where = f"（原文已保存，编号 {raw_ids[-1]}）" if raw_ids else ""
        where_en = f" (raw body kept as #{raw_ids[-1]})" if raw_ids else ""
        result.errors.append(
            f"网关返回的{what_zh}无法识别{where}：{exc} / Unrecognised {kind} reply"
            f"{where_en}: {exc}"
        )
        return Pulled(result)
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
            return Pulled(result)
        if isinstance(exc, SmsDesktopError):
            mark_raw_failed(db, raw_ids, str(exc))
            result.errors.append(f"获取{what_zh}失败：{exc} / fetching {kind} failed: {exc}")
            return Pulled(result)
        log.exception("fetching %s for %s", kind, name)
        mark_raw_failed(db, raw_ids, repr(exc))
        result.errors.append(f"获取{what_zh}出错：{exc!r} / fetching {kind} failed: {exc!r}")
        return Pulled(result)
    if not raw_ids and qr.raw is not None and not is_empty_body(qr.raw):  # forgot the sink
        raw_ids.append(store(name, kind, qr.raw, gw.charset))
    if (
        qr.raw is not None
        and not charsets.decode_checked(qr.raw.body, qr.raw.content_type, gw.charset)[1]
    ):
        mark_raw_failed(db, raw_ids, MOJIBAKE)
        result.errors.append(mojibake_error(what_zh, kind, raw_ids))
        return Pulled(result)
    reports, replies = split_items(qr)
    error = code_text(qr.code) if qr.code is not None else None
    if error:
        result.errors.append(f"获取{what_zh}失败：{error} / fetching {kind} failed: {error}")
    result.merge(apply(db, name, raw_ids, reports, replies, note=error, unparsed=qr.unparsed))
    return Pulled(result, records=qr.page_records)
