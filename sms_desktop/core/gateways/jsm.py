"""jsm (江苏迅辰 ``httpInterface.do``): send, balance, delivery reports and replies over HTTP POST.

Protocol (the vendor's document, summarised in ``docs/protocols.md``):

* One endpoint, ``<base>/service/httpService/httpInterface.do?method=…``. The ``method`` goes in the
  query string, every other parameter in the ``application/x-www-form-urlencoded`` POST body.
  ``service/httpService/`` is added when the account's base URL is only a host and port.
* Credentials on every call: ``username``, ``password`` (as given), ``veryCode`` (通信认证密码).
* ``getAmount``: ``<sms><mt><status>0</status><account>5000</account></mt></sms>``; messages that
  can still be sent = ``account × 10`` (``account`` may be fractional).
* ``sendMsg`` (with ``code=utf-8|gbk``), ``sendUtf8Msg`` or ``sendGbkMsg``: ``mobile`` (at most 100,
  comma-separated), ``content`` (at most 300 characters), ``extcode`` (at most 4 digits),
  ``sendtime`` (``yyyyMMddHHmmss``, Beijing time; the document writes ``hh`` but its example is
  24-hour),
  ``msgtype`` (1 normal, 2 template) and ``tempid``. ``signtag``/``signtext`` are marked obsolete
  in the document and are never sent. Reply: ``<sms><mt><status>0</status><msgid>…</msgid></mt>
  </sms>``; one msgid covers every number of the request.
* ``queryReport`` → ``<rpt>`` items (``DELIVRD`` delivered, anything else undelivered);
  ``queryMo`` → ``<mo>`` items. ``<mt><status>104</status></mt>`` means nothing new. Both serve the
  **current day only** and hand each item out **once**; the vendor asks for at most one call every
  3 minutes. The document names no page size, so a pull that returned any item may be followed
  by more: one pull of a kind a sync, and the next as soon as the 3 minutes allow
  (``Capabilities.paging``).

Decisions where the document is silent or ambiguous:

* Method and charset: the account option ``options["method"]`` (``sendMsg``, ``sendUtf8Msg`` or
  ``sendGbkMsg``) chooses the send method. Without it, ``sendUtf8Msg`` is used when the account
  charset is UTF-8 and ``sendGbkMsg`` otherwise; the default charset is GBK (the document's
  ``code`` default). The body is encoded in the charset the method implies, and the text is
  checked against that charset before anything is sent.
* Templates (``msgtype=2``): ``content`` carries ``@1@=v1,@2@=v2,…``. A value holding ``,``,
  ``=`` or ``@`` would change how the gateway splits the list, so it is refused before sending.
  The ``text`` argument is not sent with a template (the template lives on the gateway, with its
  signature).
* Return codes mean different things per method (105 is "content too long" for a send and
  "wrong verification code" for a query), so each method has its own table. A non-zero status
  that the document does not list for that method (``-1``, ``999``) is not a certain refusal:
  the outcome is unknown, shown with the vendor's own text; a reply without a status is
  unrecognised (outcome unknown) too.
* ``110#(词A,词B)`` is parsed liberally (full-width ``＃（，）``, spaces, ``、``) and the words are
  named in the messages.
* The XML is parsed with ``defusedxml``; a broken prolog (the document's own example writes
  ``version=\\"1.0\\"``) is dropped, and bare ``&`` and ``<`` that cannot begin markup are
  escaped outside CDATA sections (CDATA is text), before parsing. A report or reply body that
  still does not parse is read record by record (``xmlrecords``); unreadable records are
  returned raw in ``QueryResult.unparsed``. Tags are matched case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import ClassVar
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as DET

from .. import charsets, segments
from ..errors import InputError, ProtocolError
from ..vendortime import parse_vendor_time as parse_vendor_time  # kept importable here
from ..vendortime import read_vendor_time, vendor_time_text
from .base import (
    AccountField,
    Balance,
    Capabilities,
    CodeInfo,
    DeliveryReport,
    Gateway,
    Operation,
    Paging,
    PasswordHash,
    QueryResult,
    RawSink,
    Reply,
    SendResult,
    Template,
    parse_guard,
    query_parser,
)
from .http import RawReply
from .xmlrecords import extra_fields, parse_by_record, tolerant_xml

ENDPOINT = "httpInterface.do"

_METHODS = {m.lower(): m for m in ("sendMsg", "sendUtf8Msg", "sendGbkMsg")}
_METHOD_CHARSET = {"sendUtf8Msg": "utf-8", "sendGbkMsg": "gbk"}
_TEMPLATE_FORBIDDEN = (",", "=", "@")


def _c(code: str, vendor: str, zh: str, en: str, account_level: bool = False) -> CodeInfo:
    return CodeInfo(code, vendor, zh, en, account_level)


# Codes every method shares, with the same meaning.
_COMMON = {
    "101": _c(
        "101",
        "用户账号不存在或密码错误",
        "用户账号不存在或密码错误，请检查账号和密码。",
        "The account does not exist or the password is wrong.",
        True,
    ),
    "102": _c("102", "账号已禁用", "该账号已被禁用。", "The account is disabled.", True),
    "103": _c(
        "103",
        "参数不正确",
        "请求参数不正确（请检查账号设置、号码和内容）。",
        "The gateway found a parameter incorrect (check the account settings, numbers and text).",
    ),
    "117": _c(
        "117",
        "未开通此接入方式",
        "该账号未开通 HTTP 接口接入方式，请联系服务商开通。",
        "HTTP interface access is not enabled for this account; ask the provider to enable it.",
        True,
    ),
}
_QUERY_VERYCODE = _c(
    "105",
    "认证码错误",
    "通信认证密码（veryCode）错误。",
    "The interface verification code (veryCode) is wrong.",
    True,
)

SEND_CODES: dict[str, CodeInfo] = {
    "0": _c("0", "提交成功", "提交成功。", "Accepted."),
    "100": _c(
        "100",
        "发送失败",
        "网关发送失败，可稍后重试。",
        "The gateway failed to send; try again later.",
    ),
    **_COMMON,
    "105": _c(
        "105",
        "短信内容超过300字或为空、或内容编码格式不正确",
        "短信内容超过 300 字、为空，或编码格式不正确。",
        "The text is over 300 characters, empty, or not in the declared encoding.",
    ),
    "106": _c(
        "106",
        "手机号码超过100个或有错误号码",
        "手机号码超过 100 个，或其中有错误号码（整批未发送）。",
        "More than 100 numbers, or a wrong number among them (nothing in the batch was sent).",
    ),
    "108": _c("108", "余额不足", "账号余额不足。", "The account balance is insufficient.", True),
    "109": _c(
        "109",
        "ip错误",
        "本机 IP 不在该账号允许的 IP 范围内。",
        "This computer's IP address is not allowed for the account.",
        True,
    ),
    "110": _c(
        "110",
        "短信内容存在系统保留关键词",
        "短信内容含有网关禁止的关键词。",
        "The text contains words the gateway refuses.",
    ),
    "114": _c(
        "114",
        "模板短信序号不存在",
        "模板编号不存在，请检查模板编号。",
        "The template id does not exist on the gateway.",
    ),
    "115": _c(
        "115",
        "短信签名标签序号不存在",
        "短信签名序号不存在。",
        "The signature number (signtag) does not exist.",
    ),
    "116": _c(
        "116",
        "认证码不正确",
        "通信认证密码（veryCode）不正确。",
        "The interface verification code (veryCode) is wrong.",
        True,
    ),
}

BALANCE_CODES: dict[str, CodeInfo] = {
    "0": _c("0", "查询成功", "查询成功。", "Query succeeded."),
    "100": _c(
        "100",
        "查询余额失败",
        "查询余额失败，可稍后重试。",
        "The balance query failed; try again later.",
    ),
    **_COMMON,
    "105": _QUERY_VERYCODE,
}

REPORT_CODES: dict[str, CodeInfo] = {
    "100": _c(
        "100",
        "获取状态报告失败",
        "获取状态报告失败，可稍后重试。",
        "Fetching delivery reports failed; try again later.",
    ),
    **_COMMON,
    "104": _c("104", "暂无短信状态报告", "暂无新的状态报告。", "No new delivery reports."),
    "105": _QUERY_VERYCODE,
}

MO_CODES: dict[str, CodeInfo] = {
    "100": _c(
        "100",
        "获取上行短信失败",
        "获取上行短信失败，可稍后重试。",
        "Fetching replies failed; try again later.",
    ),
    **_COMMON,
    "104": _c("104", "暂无上行短信", "暂无新的上行短信。", "No new replies."),
    "105": _QUERY_VERYCODE,
}

NOTHING_NEW = "104"

# The documented elements of a report and a reply; any other is the record's extra data.
_RPT_FIELDS = frozenset({"mobile", "msgid", "status", "time", "extno"})
_MO_FIELDS = frozenset({"mobile", "recvcode", "content", "time"})


# ---- tolerant XML ---------------------------------------------------------------------------

_PROLOG_RE = re.compile(r"^\s*<\?xml.*?\?>", re.S | re.I)


def _xml_body(text: str) -> str:
    body = _PROLOG_RE.sub("", text.lstrip("\ufeff"), count=1).strip()
    if not body.startswith("<"):
        raise ProtocolError(f"jsm: not an XML reply: {body[:80]!r}", raw=text)
    return body


def _parse_body(body: str, text: str) -> Element:
    try:
        return DET.fromstring(body)
    except DET.ParseError:
        pass
    try:
        return DET.fromstring(tolerant_xml(body))
    except DET.ParseError as exc:
        raise ProtocolError(f"jsm: malformed XML ({exc})", raw=text) from exc


def _parse_xml(text: str) -> Element:
    return _parse_body(_xml_body(text), text)


def _query_root(text: str, record: str) -> tuple[Element, list[str]]:
    """The parsed root; if the whole body does not parse, its ``record`` elements one by one
    (an ``<sms>`` of those that parsed, and the raw text of the others)."""
    return parse_by_record(_xml_body(text), record, lambda t: _parse_body(t, text), "sms")


def _tag(el: Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _items(root: Element, name: str) -> list[Element]:
    """Elements named ``name`` (any letter case), the root included."""
    return [el for el in root.iter() if _tag(el) == name]


def _fields(el: Element) -> dict[str, str]:
    """Child tag (lower case) → stripped text; the first occurrence wins."""
    out: dict[str, str] = {}
    for child in el:
        key = _tag(child)
        if key and key not in out:
            out[key] = (child.text or "").strip()
    return out


def _status(root: Element) -> str | None:
    for el in _items(root, "status"):
        return (el.text or "").strip()
    return None


_STATUS_RE = re.compile(r"^\s*(-?\d+)\s*(?:[#＃]\s*(.*))?$", re.S)
_WORD_SPLIT_RE = re.compile(r"[,，、;；]")


def split_status(status: str) -> tuple[str, list[str]]:
    """``"110#(李老师,XX)"`` → ``("110", ["李老师", "XX"])``; ``"0"`` → ``("0", [])``."""
    m = _STATUS_RE.match(status)
    if not m:
        raise ProtocolError(f"jsm: unrecognised status {status!r}", raw=status)
    rest = (m.group(2) or "").strip().strip("()（）[]【】").strip()
    words = [w.strip() for w in _WORD_SPLIT_RE.split(rest)] if rest else []
    return m.group(1), [w for w in words if w]


class JsmGateway(Gateway):
    """Client of the jsm ``httpInterface.do`` family. ``options["method"]`` picks the send method."""

    capabilities = Capabilities(
        family="jsm",
        display_name="迅辰 jsm（httpInterface.do）",
        max_recipients=100,
        max_length=300,
        charsets=("gbk", "utf-8"),
        default_charset="gbk",
        schedule_format="%Y%m%d%H%M%S",
        templates=True,
        push=False,
        min_poll_interval=180.0,
        landlines=False,
        password_hash_default=PasswordHash.NONE,
        extno_digits=4,
        # each record once, the current day only; the document names no page size, and its
        # 3 minutes between queries allow one pull of a kind per sync
        paging=Paging(reports=None, replies=None, once=True, max_pages=1),
        account_fields=(
            # the document marks it 必填 for every method; without it every request fails
            AccountField(
                "verycode",
                "通信认证密码（veryCode）",
                "veryCode (communication password)",
                required=True,
                secret=True,
            ),
        ),
        # the document gives no signature length: the carriers' common 2–12 characters
        signature_chars=(2, 12),
        notes=(
            "状态报告和上行短信只能查询当天的，每条只下发一次；建议每 3 分钟查询一次。"
            " / Delivery reports and replies are served for the current day only, each only"
            " once; poll at most every 3 minutes.",
        ),
    )
    codes = SEND_CODES
    code_tables: ClassVar[dict[Operation, dict[str, CodeInfo]]] = {
        Operation.SEND: SEND_CODES,
        Operation.BALANCE: BALANCE_CODES,
        Operation.REPORTS: REPORT_CODES,
        Operation.REPLIES: MO_CODES,
    }
    # a report's status: "DELIVRD-成功，其他-失败"
    report_codes: ClassVar[dict[str, tuple[str, str]]] = {
        "DELIVRD": ("成功", "delivered"),
    }
    default_path = "service/httpService/"

    @classmethod
    def endpoint_names(cls) -> tuple[str, ...]:
        return (ENDPOINT,)

    # ---- settings ---------------------------------------------------------------------------
    @property
    def send_method(self) -> str:
        """``sendMsg``, ``sendUtf8Msg`` or ``sendGbkMsg``, from ``options["method"]`` or charset."""
        opt = (self.account.options.get("method") or "").strip()
        if opt:
            method = _METHODS.get(opt.lower())
            if method is None:
                raise InputError(
                    f"jsm 发送方式设置无效：{opt}（可选 sendMsg、sendUtf8Msg、sendGbkMsg）。"
                    f" / Invalid jsm send method {opt!r} (sendMsg, sendUtf8Msg or sendGbkMsg)."
                )
            return method
        return "sendUtf8Msg" if self._account_charset() == "utf-8" else "sendGbkMsg"

    @property
    def charset(self) -> str:
        """The charset the send method implies (``sendMsg``: the account's, sent as ``code``)."""
        return _METHOD_CHARSET.get(self.send_method) or self._account_charset()

    def _account_charset(self) -> str:
        return charsets.canonical(self.account.charset or self.capabilities.default_charset)

    def method_url(self, method: str) -> str:
        return f"{self.url(ENDPOINT)}?method={method}"

    def _credentials(self) -> dict[str, str]:
        return {
            "username": self.account.username,
            "password": self.password,
            "veryCode": self.account.verycode,
        }

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
        self._check_batch(phones)
        method = self.send_method
        cs = self.charset
        if cs not in ("gbk", "utf-8"):
            raise InputError(
                f"jsm 只支持 GBK 或 UTF-8，账号设置为 {cs}。"
                f" / jsm supports GBK or UTF-8 only; the account is set to {cs}."
            )
        for p in phones:
            if "," in p:
                raise InputError(f"号码中含有逗号：{p} / A number contains a comma: {p}")
        params = self._credentials()
        params["mobile"] = ",".join(p.strip() for p in phones)
        if template is not None:
            params["content"] = self.template_content(template)
            params["msgtype"] = "2"
            params["tempid"] = template.template_id.strip()
        else:
            params["content"] = self.validate_text(text)
            params["msgtype"] = "1"
        ext = self.capabilities.check_extno(self.account.extno if extno is None else extno)
        if ext:
            params["extcode"] = ext
        if send_at is not None:
            params["sendtime"] = vendor_time_text(send_at, self.capabilities.schedule_format or "")
        if method == "sendMsg":
            params["code"] = cs
        raw, failed = self.post_send(self.method_url(method), params, phones, cs)
        if failed is not None:
            return failed
        assert raw is not None
        try:
            return self.parse_send(phones, raw)
        except ProtocolError:
            return self.unrecognised(phones, raw)

    def template_content(self, template: Template) -> str:
        """``@1@=v1,@2@=v2,…``, refusing values the gateway would split wrongly."""
        if not template.template_id.strip():
            raise InputError("模板编号为空。 / The template id is empty.")
        pairs = []
        for i, value in enumerate(template.values, 1):
            bad = [c for c in _TEMPLATE_FORBIDDEN if c in value]
            if bad:
                shown = " ".join(f"“{c}”" for c in bad)
                raise InputError(
                    f"模板变量 @{i}@ 的值“{value}”含有 {shown}，网关会把它拆错，请去掉。"
                    f" / Template value @{i}@ {value!r} holds {' '.join(bad)}, which the gateway"
                    " would split wrongly; remove it."
                )
            pairs.append(f"@{i}@={value}")
        content = ",".join(pairs)
        charsets.ensure_encodable(content, self.charset)
        limit = self.capabilities.max_length or 0
        if segments.char_count(content) > limit:
            raise InputError(
                f"模板变量共 {segments.char_count(content)} 字，超过上限 {limit} 字。"
                f" / The template values take {segments.char_count(content)} characters,"
                f" above the limit of {limit}."
            )
        return content

    @parse_guard("jsm")
    def parse_send(self, phones: Sequence[str], raw: RawReply) -> SendResult:
        root = _parse_xml(raw.text)
        status = _status(root)
        if status is None:
            raise ProtocolError("jsm: send reply without <status>", raw=raw)
        code, words = split_status(status)
        if code == "0":
            msgid = next(((el.text or "").strip() for el in _items(root, "msgid")), "") or None
            return SendResult.accepted(phones, msgid, raw, batch_id=msgid)
        info = self.code_info(code, status)
        if code == "110" and words:
            info = sensitive_info(info, status, words)
        return SendResult.rejected(phones, info, raw)

    # ---- balance ----------------------------------------------------------------------------
    def balance(self) -> Balance:
        raw = self.transport.post_form(
            self.method_url("getAmount"), self._credentials(), self.charset, self.charset
        )
        return self.parse_balance(raw)

    @parse_guard("jsm")
    def parse_balance(self, raw: RawReply) -> Balance:
        root = _parse_xml(raw.text)
        status = _status(root)
        if status is None:
            raise ProtocolError("jsm: balance reply without <status>", raw=raw)
        code, _ = split_status(status)
        if code != "0":
            return Balance(
                None,
                raw.text,
                {"status": status},
                code=self.code_info(code, status, Operation.BALANCE),
            )
        account = next(((el.text or "").strip() for el in _items(root, "account")), "")
        try:
            amount = Decimal(account)
        except InvalidOperation as exc:
            raise ProtocolError(f"jsm: unreadable balance {account!r}", raw=raw) from exc
        if not amount.is_finite():
            raise ProtocolError(f"jsm: unreadable balance {account!r}", raw=raw)
        return Balance(float(amount * 10), raw.text, {"account": account})

    # ---- reports and replies ----------------------------------------------------------------
    def fetch_reports(self, sink: RawSink | None = None) -> QueryResult:
        raw = self.transport.post_form(
            self.method_url("queryReport"), self._credentials(), self.charset, self.charset
        )
        return self.parse_reports(self._pull("reports", raw, sink))

    def fetch_replies(self, sink: RawSink | None = None) -> QueryResult:
        raw = self.transport.post_form(
            self.method_url("queryMo"), self._credentials(), self.charset, self.charset
        )
        return self.parse_replies(self._pull("replies", raw, sink))

    @query_parser("jsm")
    def parse_reports(self, raw: RawReply) -> QueryResult:
        root, unparsed = _query_root(raw.text, "rpt")
        rpts = _items(root, "rpt")
        if not rpts and not unparsed:
            return self._empty_or_error(root, raw, Operation.REPORTS)
        items = []
        for rpt in rpts:
            f = _fields(rpt)
            status = f.get("status", "")
            delivered: bool | None
            if not status:
                delivered = None
            else:
                delivered = status.upper() == "DELIVRD"
            items.append(
                DeliveryReport(
                    phone=f.get("mobile", ""),
                    gateway_id=f.get("msgid") or None,
                    status=status,
                    delivered=delivered,
                    time=read_vendor_time(f.get("time", "")),
                    extno=f.get("extno") or None,
                    error_code=None if delivered in (True, None) else status,
                    extra=extra_fields(f, _RPT_FIELDS),
                )
            )
        return QueryResult(items, raw, unparsed=unparsed)

    @query_parser("jsm")
    def parse_replies(self, raw: RawReply) -> QueryResult:
        root, unparsed = _query_root(raw.text, "mo")
        mos = _items(root, "mo")
        if not mos and not unparsed:
            return self._empty_or_error(root, raw, Operation.REPLIES)
        items = []
        for mo in mos:
            f = _fields(mo)
            items.append(
                Reply(
                    phone=f.get("mobile", ""),
                    content=f.get("content", ""),
                    time=read_vendor_time(f.get("time", "")),
                    extno=f.get("recvcode") or None,
                    extra=extra_fields(f, _MO_FIELDS),
                )
            )
        return QueryResult(items, raw, unparsed=unparsed)

    def _empty_or_error(self, root: Element, raw: RawReply, op: Operation) -> QueryResult:
        status = _status(root)
        if status is None:
            if _tag(root) == "sms" and len(root) == 0:
                return QueryResult([], raw)  # an empty <sms/>: nothing to hand out
            raise ProtocolError("jsm: reply with neither items nor <status>", raw=raw)
        code, _ = split_status(status)
        if code == NOTHING_NEW:
            return QueryResult([], raw)
        return QueryResult([], raw, code=self.code_info(code, status, op))


def sensitive_info(info: CodeInfo, status: str, words: Sequence[str]) -> CodeInfo:
    """The 110 code with the refused words named."""
    return CodeInfo(
        info.code,
        status,
        f"短信内容含有网关禁止的关键词：{'、'.join(words)}。请修改后再发。",
        f"The text contains words the gateway refuses: {', '.join(words)}. Edit the text and"
        " send again.",
        account_level=info.account_level,
    )
