"""txt112088 (企业短信通 ``*.asp``, 112088.net and its resellers): plain-text replies.

Protocol (the vendor's document, summarised in ``docs/protocols.md``), all with ``us_name`` and
``us_pwd`` (plain password):

* ``sendsms_txt.asp``: ``send_phone`` (at most 100, comma-separated; mobiles, and landlines with
  their area code), ``send_content`` (at most 335 characters), ``send_time`` (``yyyyMMddHHmmss``
  in Beijing time, ``core/vendortime.py``; left out for an immediate send). Reply ``0|a|b|d``:
  ``a`` numbers accepted, ``b`` failed ("一般为号码长度不对等"), ``d`` the batch's SMSID, or (the
  same document, one line further)
  one SMSID per accepted number, comma-separated. Errors: ``-1``, ``-2``, ``-3|禁发词``, ``-4``,
  ``-7``, ``-8``, ``-9``, ``-10``, ``-99``.
* ``get_report_txt.asp``: ``0`` (none) or ``N|smsid;phone;status|…`` with status ``-1`` (no
  report yet), ``10`` (delivered), ``20`` (undelivered). Errors ``-1``, ``-3``, ``-7``.
* ``get_receive_message_txt.asp``: ``0`` or ``N|id;phone;content|…``. Errors as for reports.
* ``Get_Account_Balance.asp``: a number ≥ 0 (messages left), or ``-1``/``-7``.
* Reports and replies are handed out **once**, at most 100 reports or 50 replies a pull (the
  document's "最大返回 100 条" / "最大返回 50 条"): a full page is followed by another pull
  (``Capabilities.paging``; a page counts the records ``N`` announces).

Decisions where the document is silent or ambiguous:

* Charset: the document says nothing; classic ASP hosts expect GBK, so GBK is the default and the
  account may choose UTF-8. Replies are decoded by what they declare, else the account charset,
  else the other of GBK/UTF-8, detection last (the Transport does this).
* An unreadable report or reply item is returned raw in ``QueryResult.unparsed``; the other
  items of the pull are still read.
* Requests are POSTed by default (ASP's ``Request("x")`` reads the query string and the form
  alike). A host whose page reads ``Request.QueryString`` alone sees no credentials in a POST and
  answers ``-7``/``-1``: the account option ``options["method"] = "get"`` sends everything as a
  GET query string instead, and the connection test (:mod:`sms_desktop.core.connection`) finds
  which one the host takes and stores it. IIS refuses a query string over 2,048 bytes
  (:data:`QUERY_LIMIT`), so with GET a batch carries only as many numbers as keep the query under
  it (:meth:`Txt112088Gateway.request_limit`, balanced), and a text too long for even one number
  is refused before anything is sent.
* Which numbers failed when ``b > 0``: the gateway does not say. The numbers that fail this
  family's own check (an 11-digit mobile starting with 1, or a 0-prefixed landline of 10–12
  digits) are taken to be the failed ones **only when that accounts exactly for ``b``** (and
  ``a + b`` is the number of numbers sent): those are REJECTED, the rest ACCEPTED. When fewer
  numbers fail the check than ``b``, those are REJECTED and the rest UNKNOWN; when the counts do
  not add up otherwise, every number is UNKNOWN. No more than ``a`` numbers are ever ACCEPTED.
* SMSIDs: one id is the gateway id of every accepted number; ``a`` ids are matched in order to
  the numbers the gateway accepted; any other count leaves the gateway id empty (the ids are kept
  in ``batch_id``).
* Replies: the document's own example separates id and phone with a comma
  (``2|133,13798361236;我回复一条``), so ``;`` and ``,`` are both accepted there. The content is
  everything after the phone's separator, so ``;`` and ``,`` inside it survive; a ``|`` inside
  the content survives when the text after it does not look like the start of a new item.
* This family has no extension number parameter: an explicit ``extno`` is refused before sending.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar
from urllib.parse import quote, urlencode

from .. import charsets
from ..errors import InputError, ProtocolError
from ..vendortime import appended_time, is_appended_time, read_vendor_time, vendor_time_text
from .base import (
    Balance,
    Capabilities,
    CodeInfo,
    DeliveryReport,
    Gateway,
    Operation,
    Outcome,
    Paging,
    PasswordHash,
    QueryResult,
    RawSink,
    RecipientResult,
    Reply,
    SendResult,
    Template,
    parse_guard,
    query_parser,
)
from .http import RawReply

SEND = "sendsms_txt.asp"
REPORTS = "get_report_txt.asp"
REPLIES = "get_receive_message_txt.asp"
BALANCE = "Get_Account_Balance.asp"

QUERY_LIMIT = 2048  # IIS maxQueryString default, in bytes of the encoded query string
METHODS = ("post", "get")
# Reserved in every GET for ``&send_time=yyyyMMddHHmmss`` (batches are cut before the schedule
# is known).
_SEND_TIME_RESERVE = len("&send_time=") + 14

MOBILE_RE = re.compile(r"^1[0-9]{10}$")
LANDLINE_RE = re.compile(r"^0[0-9]{9,11}$")


def valid_number(phone: str) -> bool:
    """The family's own number check: an 11-digit mobile, or a landline with area code."""
    p = phone.strip()
    return bool(MOBILE_RE.match(p) or LANDLINE_RE.match(p))


def _c(code: str, vendor: str, zh: str, en: str, account_level: bool = False) -> CodeInfo:
    return CodeInfo(code, vendor, zh, en, account_level)


SEND_CODES: dict[str, CodeInfo] = {
    "0": _c("0", "提交短信成功", "提交成功。", "Accepted."),
    "-1": _c(
        "-1",
        "缺少接收的目标号码",
        "缺少接收号码（或没有一个有效号码）。",
        "No recipient number (or no valid one).",
    ),
    "-2": _c("-2", "缺少短信内容", "缺少短信内容。", "The message text is missing."),
    "-3": _c(
        "-3",
        "短信内容非法，含有禁发关键词",
        "短信内容含有禁发关键词。",
        "The text contains words the gateway refuses.",
    ),
    "-4": _c(
        "-4",
        "每次请求条数大于最大允许条数 100 条",
        "一次提交的号码超过 100 个。",
        "More than 100 numbers in one request.",
    ),
    "-7": _c(
        "-7",
        "用户登入信息验证失败(一般为密码错误)",
        "账号验证失败（一般为密码错误）。",
        "Login failed (usually a wrong password).",
        True,
    ),
    "-8": _c(
        "-8",
        "短信内容长度超过规定最大字符长度 335 个字符",
        "短信内容超过 335 个字符。",
        "The text is longer than 335 characters.",
    ),
    "-9": _c(
        "-9",
        "帐户当前余额不足发送本次请求的条数",
        "账户余额不足以发送本次请求。",
        "The balance is insufficient for this request.",
        True,
    ),
    "-10": _c("-10", "帐号已被锁定", "账号已被锁定。", "The account is locked.", True),
    "-99": _c(
        "-99",
        "系统忙，无法受理此次请求",
        "网关系统忙，未受理本次请求，可稍后重试。",
        "The gateway is busy and did not take the request; try again later.",
    ),
}

# Reports and replies share their codes; -1 and -3 mean something else than for a send.
QUERY_CODES: dict[str, CodeInfo] = {
    "-1": _c("-1", "用户不存在", "用户不存在。", "The user does not exist.", True),
    "-3": _c(
        "-3",
        "系统忙，请稍候再试",
        "网关系统忙，请稍后再试。",
        "The gateway is busy; try again later.",
    ),
    "-7": _c(
        "-7",
        "帐号登录验证失败",
        "账号验证失败（一般为密码错误）。",
        "Login failed (usually a wrong password).",
        True,
    ),
}

BALANCE_CODES: dict[str, CodeInfo] = {
    "-1": _c("-1", "帐户不存在", "账户不存在。", "The account does not exist.", True),
    "-7": QUERY_CODES["-7"],
}

# -1 no report yet, 10 delivered, 20 undelivered; anything else is shown as unknown.
REPORT_STATUS: dict[int, bool | None] = {-1: None, 10: True, 20: False}

_INT_RE = re.compile(r"^\s*(-?\d+)\s*$")
_CODE_RE = re.compile(r"^\s*(-\d+)\s*(?:[|｜\s]\s*(.*))?$", re.S)
_ID_SPLIT_RE = re.compile(r"[,，|\s]+")
_IDS_RE = re.compile(r"^\s*\w+(?:\s*[,，]\s*\w+)*\s*$")
_WORD_SPLIT_RE = re.compile(r"[,，、|;；]")
_ITEM_SEP_RE = re.compile(r"\s*[;；,，]\s*")
_REPLY_ITEM_RE = re.compile(
    r"^\s*([^;；,，|\s]+)\s*[;；,，]\s*(\+?\d[\d\-]*)\s*[;；,，](.*)$", re.S
)


class Txt112088Gateway(Gateway):
    """Client of the 企业短信通 ``*_txt.asp`` family."""

    capabilities = Capabilities(
        family="txt112088",
        display_name="企业短信通 112088（*.asp）",
        max_recipients=100,
        max_length=335,
        charsets=("gbk", "utf-8"),
        default_charset="gbk",
        schedule_format="%Y%m%d%H%M%S",
        templates=False,
        push=False,
        min_poll_interval=0.0,
        landlines=True,
        password_hash_default=PasswordHash.NONE,
        # "最大返回 100 条" reports and 50 replies a pull, each handed out once
        paging=Paging(reports=100, replies=50, once=True, max_pages=100),
        # the document gives no signature length: the carriers' common 2–12 characters
        signature_chars=(2, 12),
        notes=(
            "网关只返回失败号码的个数、不说明是哪些号码；按号码格式推断，推断不了的标为结果未知。"
            " / The gateway only counts the failed numbers without naming them; they are"
            " inferred from the number format, and marked unknown where that is not possible.",
            "状态报告和上行短信每条只下发一次。 / Reports and replies are handed out only once.",
        ),
    )
    codes = SEND_CODES
    code_tables: ClassVar[dict[Operation, dict[str, CodeInfo]]] = {
        Operation.SEND: SEND_CODES,
        Operation.BALANCE: BALANCE_CODES,
        Operation.REPORTS: QUERY_CODES,
        Operation.REPLIES: QUERY_CODES,
    }
    # "-1 未收到状态报告；10 发送成功；20 发送失败"
    report_codes: ClassVar[dict[str, tuple[str, str]]] = {
        "-1": ("未收到状态报告", "no delivery report received"),
        "10": ("发送成功", "sent successfully"),
        "20": ("发送失败", "sending failed"),
    }

    @classmethod
    def endpoint_names(cls) -> tuple[str, ...]:
        return (SEND, REPORTS, REPLIES, BALANCE)

    def _credentials(self) -> dict[str, str]:
        return {"us_name": self.account.username, "us_pwd": self.password}

    @property
    def http_method(self) -> str:
        """``post`` (default) or ``get``: ``options["method"]``, set by the connection test."""
        method = (self.account.options.get("method") or "post").strip().lower()
        if method not in METHODS:
            raise InputError(
                f"txt112088 请求方式设置无效：{method}（可选 post、get）。"
                f" / Invalid txt112088 request method {method!r} (post or get)."
            )
        return method

    def alternatives(self, failure: CodeInfo) -> list[dict[str, str]]:
        """Option sets worth a try when the connection test fails with ``failure``.

        A POST refused as a login failure (or as no such user, or by HTTP 405/411) may come from
        a page that reads only the query string: then GET is tried.
        """
        refused = failure.code in ("-7", "-1") or failure.code in ("HTTP 405", "HTTP 411")
        if self.http_method == "post" and refused:
            return [{"method": "get"}]
        return []

    def effective_options(self) -> dict[str, str]:
        return {"method": self.http_method}

    def _query(self, endpoint: str) -> RawReply:
        if self.http_method == "get":
            return self.transport.get(self.url(endpoint), self._credentials(), self.charset)
        return self.transport.post_form(
            self.url(endpoint), self._credentials(), self.charset, self.charset
        )

    def _query_bytes(self, params: dict[str, str]) -> int:
        return len(urlencode(params, encoding=charsets.codec(self.charset), errors="strict"))

    def _number_bytes(self, phone: str) -> int:
        """What one number adds to a GET query: itself, encoded, and its comma (``%2C``)."""
        return len(quote(phone.strip(), safe="")) + 3

    @property
    def sizes_each_request(self) -> bool:
        return self.http_method == "get"

    def request_limit(self, phones: Sequence[str], text: str = "") -> int:
        """With GET, as many numbers as keep the query string under :data:`QUERY_LIMIT`."""
        limit = self.batch_limit
        if self.http_method != "get" or not phones:
            return limit
        params = self._credentials()
        params["send_content"] = self.final_text(text)
        params["send_phone"] = ""
        try:
            fixed = self._query_bytes(params) + _SEND_TIME_RESERVE - 3
        except UnicodeEncodeError:
            return limit  # the text is refused before sending anyway
        widest = max(self._number_bytes(p) for p in phones)
        return max(1, min(limit, (QUERY_LIMIT - fixed) // widest))

    def validate_text(self, text: str) -> str:
        """The family's checks, and with GET: one request of this text must fit IIS's limit."""
        final = super().validate_text(text)
        if self.http_method == "get":
            params = self._credentials()
            params.update(send_phone="0" * 12, send_content=final)
            size = self._query_bytes(params) + _SEND_TIME_RESERVE
            if size > QUERY_LIMIT:
                raise InputError(
                    f"该账户用 GET 提交，本内容编码后的请求长 {size} 字节，超过 IIS 上限"
                    f" {QUERY_LIMIT} 字节，即使只发一个号码也无法提交；请缩短内容。"
                    f" / This account sends by GET, and this text makes a query string of"
                    f" {size} bytes even for one number, above IIS's limit of {QUERY_LIMIT}:"
                    " shorten the text."
                )
        return final

    # ---- send -------------------------------------------------------------------------------
    def send(
        self,
        phones: Sequence[str],
        text: str,
        *,
        send_at: datetime | None = None,
        extno: str | None = None,
        template: Template | None = None,
    ) -> SendResult:
        self._check_batch(phones, template)
        self.capabilities.check_extno(extno)
        for p in phones:
            if "," in p or "，" in p:
                raise InputError(f"号码中含有逗号：{p} / A number contains a comma: {p}")
        params = self._credentials()
        params["send_phone"] = ",".join(p.strip() for p in phones)
        params["send_content"] = self.validate_text(text)
        if send_at is not None:
            params["send_time"] = vendor_time_text(send_at, self.capabilities.schedule_format or "")
        get = self.http_method == "get"
        if get and self._query_bytes(params) > QUERY_LIMIT:
            raise InputError(
                f"GET 请求超过 IIS 上限 {QUERY_LIMIT} 字节，请减少每批号码数。"
                f" / The GET query string exceeds IIS's limit of {QUERY_LIMIT} bytes;"
                " send fewer numbers per request."
            )
        raw, failed = self.post_send(self.url(SEND), params, phones, get=get)
        if failed is not None:
            return failed
        assert raw is not None
        try:
            return self.parse_send(phones, raw)
        except ProtocolError:
            return self.unrecognised(phones, raw)

    @parse_guard("txt112088")
    def parse_send(self, phones: Sequence[str], raw: RawReply) -> SendResult:
        text = raw.text.strip().lstrip("\ufeff")
        m = _CODE_RE.match(text)
        if m:
            return self._rejected_batch(phones, raw, m.group(1), m.group(2))
        parts = [p.strip() for p in text.split("|")]
        if len(parts) < 3 or parts[0] != "0":
            raise ProtocolError(f"txt112088: unrecognised send reply {text[:80]!r}", raw=raw)
        try:
            accepted, failed = int(parts[1]), int(parts[2])
        except ValueError as exc:
            raise ProtocolError(f"txt112088: unreadable counts in {text[:80]!r}", raw=raw) from exc
        if accepted < 0 or failed < 0:
            raise ProtocolError(f"txt112088: negative counts in {text[:80]!r}", raw=raw)
        # The 4th item holds the SMSIDs; items after it are more ids only while they look like
        # ids (``0|2|0|11|12``): a host's appended item (a time) is not one.
        id_parts = parts[3:4]
        for part in parts[4:]:
            if not _IDS_RE.match(part) or is_appended_time(part):
                break
            id_parts.append(part)
        ids = [i for i in _ID_SPLIT_RE.split("|".join(id_parts)) if i]
        return self._classify(list(phones), accepted, failed, ids, raw)

    def _rejected_batch(
        self, phones: Sequence[str], raw: RawReply, code: str, rest: str | None
    ) -> SendResult:
        info = self.code_info(code, (rest or "").strip() or None)
        if code == "-3" and rest and rest.strip():
            # the refused words; a time a host appends after them is none
            words = [
                w.strip()
                for w in _WORD_SPLIT_RE.split(rest)
                if w.strip() and not is_appended_time(w)
            ]
            if words:
                info = CodeInfo(
                    info.code,
                    raw.text.strip(),
                    f"短信内容含有禁发关键词：{'、'.join(words)}。请修改后再发。",
                    f"The text contains words the gateway refuses: {', '.join(words)}."
                    " Edit the text and send again.",
                    account_level=info.account_level,
                )
        return SendResult.rejected(phones, info, raw)

    def _classify(
        self, phones: list[str], accepted: int, failed: int, ids: list[str], raw: RawReply
    ) -> SendResult:
        n = len(phones)
        batch_id = ",".join(ids) or None
        counts = f"0|{accepted}|{failed}"
        if accepted == 0:
            info = CodeInfo(
                "none_accepted",
                counts,
                f"网关未受理任何号码（{failed} 个失败，一般为号码长度不对）。",
                f"The gateway accepted none of the numbers ({failed} failed, usually a wrong"
                " number length).",
            )
            return SendResult(
                [RecipientResult.rejected(p, info) for p in phones], raw, batch_id, info
            )
        ok = [valid_number(p) for p in phones]
        n_bad = ok.count(False)
        if accepted + failed != n or n_bad > failed:
            return SendResult(
                self.unknown_results(
                    phones,
                    f"网关回复受理 {accepted} 个、失败 {failed} 个，与提交的 {n} 个号码对不上，"
                    "无法确定哪些号码已发出；请核对后再决定是否重发。",
                    f"The gateway reports {accepted} accepted and {failed} failed, which does"
                    f" not match the {n} numbers sent; which ones went out is unknown, check"
                    " before sending again.",
                ),
                raw,
                batch_id,
            )
        bad_info = CodeInfo(
            "invalid_number",
            counts,
            "号码格式不对（不是 11 位手机号或带区号的固话），网关未受理。",
            "Not a valid number (neither an 11-digit mobile nor a landline with area code);"
            " the gateway did not take it.",
        )
        # Here the numbers failing the check are all among the b failed ones. When they are
        # exactly b, the others are the a accepted ones; otherwise which others failed is unknown.
        certain = n_bad == failed
        per_number = iter(ids) if len(ids) == accepted > 1 else None
        single = ids[0] if len(ids) == 1 else None
        why_zh = (
            f"网关受理 {accepted} 个、失败 {failed} 个号码，但没有说明是哪些号码失败；"
            "本号码可能已发出，请核对后再决定是否重发。"
        )
        why_en = (
            f"The gateway accepted {accepted} and failed {failed} numbers without naming them;"
            " this one may have gone out, check before sending again."
        )
        results = []
        for p, good in zip(phones, ok, strict=True):
            if not good:
                results.append(RecipientResult.rejected(p, bad_info))
            elif certain:
                gid = next(per_number) if per_number is not None else single
                results.append(RecipientResult(p, Outcome.ACCEPTED, gateway_id=gid))
            else:
                results.append(
                    RecipientResult(p, Outcome.UNKNOWN, message_zh=why_zh, message_en=why_en)
                )
        return SendResult(results, raw, batch_id)

    # ---- balance ----------------------------------------------------------------------------
    def balance(self) -> Balance:
        return self.parse_balance(self._query(BALANCE))

    @parse_guard("txt112088")
    def parse_balance(self, raw: RawReply) -> Balance:
        text = raw.text.strip().lstrip("\ufeff").strip()
        # the number, and whatever a host appends after a separator (|, ;, a space)
        m = re.fullmatch(r"(-?\d+(?:\.\d+)?)(?:\s*[|;；,，\s]\s*.*)?", text, re.S)
        if not m:
            raise ProtocolError(f"txt112088: unrecognised balance reply {text[:80]!r}", raw=raw)
        value = float(m.group(1))
        if value < 0:
            info = self.code_info(m.group(1), text, op=Operation.BALANCE)
            return Balance(None, raw.text, {}, code=info)
        return Balance(value, raw.text, {})

    # ---- reports and replies ----------------------------------------------------------------
    def fetch_reports(self, sink: RawSink | None = None) -> QueryResult:
        return self.parse_reports(self._pull("reports", self._query(REPORTS), sink))

    def fetch_replies(self, sink: RawSink | None = None) -> QueryResult:
        return self.parse_replies(self._pull("replies", self._query(REPLIES), sink))

    def _list_reply(
        self, raw: RawReply, op: Operation = Operation.REPORTS
    ) -> tuple[list[str], CodeInfo | None, int]:
        """``0`` → no items; a negative code → its info; ``N|item|item…`` → the items; and the
        number of records the reply announces (``N``)."""
        text = raw.text.strip().lstrip("\ufeff").strip()
        head, sep, rest = text.partition("|")
        m = _INT_RE.match(head)
        if not m:
            raise ProtocolError(f"txt112088: unrecognised reply {text[:80]!r}", raw=raw)
        count = int(m.group(1))
        if count < 0:
            code = m.group(1)
            return [], self.code_info(code, op=op), 0
        if not sep:
            if count == 0:
                return [], None, 0
            raise ProtocolError(f"txt112088: {count} items announced, none given", raw=raw)
        return rest.split("|"), None, count

    @query_parser("txt112088")
    def parse_reports(self, raw: RawReply) -> QueryResult:
        items, code, announced = self._list_reply(raw)
        reports = []
        unparsed: list[str] = []  # one unreadable item does not cost the others
        for item in items:
            if not item.strip():
                continue
            # smsid;phone;status, then whatever a host appends (a time: ;2017-02-09 12:00:00)
            fields = _ITEM_SEP_RE.split(item.strip())
            if len(fields) < 3 or not fields[1]:
                unparsed.append(item)
                continue
            smsid, phone, status, *extra = fields
            status = status.strip()
            m = _INT_RE.match(status)
            delivered = REPORT_STATUS.get(int(m.group(1))) if m else None
            reports.append(
                DeliveryReport(
                    phone=phone,
                    gateway_id=smsid or None,
                    status=status,
                    delivered=delivered,
                    time=appended_time(extra),
                    error_code=status if delivered is False else None,
                    extra=tuple(extra),
                )
            )
        if items and unparsed and not reports:
            raise ProtocolError(f"txt112088: no readable report item in {items[0][:80]!r}", raw=raw)
        return QueryResult(reports, raw, code, unparsed=unparsed, records=announced)

    @query_parser("txt112088")
    def parse_replies(self, raw: RawReply) -> QueryResult:
        items, code, announced = self._list_reply(raw, Operation.REPLIES)
        replies: list[Reply] = []
        unparsed: list[str] = []
        last = len(items) - 1
        for i, item in enumerate(items):
            m = _REPLY_ITEM_RE.match(item)
            if m:
                replies.append(Reply(phone=m.group(2), content=m.group(3), gateway_id=m.group(1)))
            elif not item.strip() and (i == last or not replies):
                continue  # a stray separator
            elif replies:
                replies[-1].content += "|" + item  # a "|" inside the previous reply's content
            else:
                unparsed.append(item)  # kept raw; the items after it are still read
        if unparsed and not replies:
            raise ProtocolError(f"txt112088: no readable reply item in {items[0][:80]!r}", raw=raw)
        for reply in replies:
            reply.content, reply.time, reply.extra = _trailing_time(reply.content)
        return QueryResult(replies, raw, code, unparsed=unparsed, records=announced)


_CONTENT_SPLIT_RE = re.compile(r"[;；,]")


def _trailing_time(content: str) -> tuple[str, datetime | None, tuple[str, ...]]:
    """A reply's text, and the fields a host appended after it (``TD;2017-02-09 12:00:00``).

    The text may itself hold ``;`` or ``,``: the appended part starts at the first separator
    whose field is a time, and everything from there on is kept as extra data. Without such a time nothing can
    be told apart from the text, which is then kept whole.
    """
    if not _CONTENT_SPLIT_RE.search(content):
        return content, None, ()
    seps = list(_CONTENT_SPLIT_RE.finditer(content))
    for i, sep in enumerate(seps):
        end = seps[i + 1].start() if i + 1 < len(seps) else len(content)
        field = content[sep.end() : end]
        if sep.start() > 0 and is_appended_time(field):
            extra = tuple(_CONTENT_SPLIT_RE.split(content[sep.end() :]))
            return content[: sep.start()], read_vendor_time(field), extra
    return content, None, ()
