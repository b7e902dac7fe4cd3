"""ipyy family: the ``sms.aspx`` gateway software run by many resellers.

Protocol (the vendor's documents, summarised in ``docs/protocols.md``):

* Every call is an HTTP POST of a form. ``sms.aspx`` takes UTF-8, ``smsGBK.aspx`` takes GB2312
  (sent as GBK); the account's charset picks the endpoint (UTF-8 by default).
* ``action=send`` with ``userid``, ``account``, ``password``, ``mobile`` (comma-separated),
  ``content``, ``sendTime`` (``2010-10-24 09:08:10``, empty = now) and ``extno`` (digits, at most
  10, may be empty). The reply ``<returnsms>`` carries ``returnstatus`` (``Success`` / ``Faild``),
  ``message`` (``ok`` or a Chinese error text), ``remainpoint``, ``taskID`` and
  ``successCounts``. The ``taskID`` is the gateway id of every recipient of the batch; reports
  are matched by taskid + mobile.
* ``action=overage`` (balance): ``returnstatus`` is spelled ``Sucess`` there, ``payinfo``,
  ``overage``, ``sendTotal``.
* ``action=checkkeyword`` (``content``): ``message`` is ``没有包含屏蔽词`` or ``包含非法字符…``.
* ``action=changespwd`` (``newpwd``, ``renewpwd``): ``message`` is ``密码修改成功`` or an error.
* ``statusApi.aspx`` / ``callApi.aspx`` with ``action=query`` (reports take an optional
  ``statusNum``, records a pull, default 4000): ``<statusbox>`` / ``<callbox>`` elements, each
  handed out only once; errors in the form
  ``<errorstatus><error>N</error><remark>…</remark></errorstatus>``. A full page is followed by
  another pull (``Capabilities.paging``); ``callApi`` names no page size, and statusNum's default
  stands for it.

Decisions where the documents are silent:

* Batch limit: the document names none; 1000 by default, configurable per account
  (``AccountConfig.batch_size``, above 1000 allowed).
* Password: sent as given by default; some resellers want MD5, so ``AccountConfig.password_hash``
  may ask for lowercase or uppercase MD5. ``newpwd``/``renewpwd`` are sent as typed (the document
  describes them as plain passwords) and the account's in-memory password is updated on success.
* Status and message words are matched liberally (``Success``/``Sucess``/``success``,
  ``Faild``/``Failed``; messages by their distinctive part, so reseller wording such as
  ``账号或密码错误`` or ``余额不足`` maps to the same code). A reply whose status and message
  contradict each other, or that says neither success nor failure, is "unrecognised", never
  success. ``Faild`` is the document's failure status: a ``Faild`` whose message the document
  does not list (``需要签名``) is still a certain refusal, REJECTED with the vendor's text (the
  message only explains). The balance and the pulls have their own,
  smaller code tables. ``successCounts`` is not used to decide outcomes (the document does not say whether it
  counts numbers or billed parts); the gateway's success covers the whole batch.
* Times are Beijing time both ways (``core/vendortime.py``): a ``sendTime`` is the send time
  in Beijing time (a naive datetime is the PC's local time), and ``receivetime`` is read as
  Beijing time and given as the PC's local time.
* Report ``status`` 10 is delivered, 20 undelivered; any other value falls back on ``errorcode``
  (``DELIVRD`` = delivered), else "unknown". A ``statusbox``/``callbox`` without a mobile number
  cannot be matched to anything and is skipped (the raw body is stored by the sink first).
* Times are read by ``parse_vendor_time`` (``2011-12-02 22:12:11``, ``2011/12/2 22:12:11``,
  ``20111202221211``, AM/PM, 上午/下午); an unreadable or ambiguous time becomes ``None``, it
  does not fail the item.
* XML is parsed with ``defusedxml`` only, after tolerant clean-ups: the XML declaration is
  dropped (the body is already decoded), ``< tag >`` spacing as printed in the document is
  closed up, and a bare ``&`` and a ``<`` that cannot begin markup are escaped, outside CDATA
  sections (CDATA is text: ``<![CDATA[R&D<5万]]>`` reads ``R&D<5万``). A report or
  reply body that still does not parse is read record by record (``xmlrecords``); the records
  that cannot be read are returned raw in ``QueryResult.unparsed``.
* Report and reply answers are read as the account's charset first (GBK on ``smsGBK.aspx``
  accounts), then the other of GBK/UTF-8 (``charsets.decode_checked``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .. import charsets
from ..errors import InputError, ProtocolError, SmsDesktopError
from ..vendortime import parse_vendor_time as parse_vendor_time  # kept importable here
from ..vendortime import read_vendor_time, vendor_time_text
from .base import (
    PAGE_SIZE_OPTION,
    POSTPAID,
    PREPAID,
    AccountField,
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
    failure_status,
    parse_guard,
    positive_option,
    query_parser,
    unlisted_code,
)
from .http import RawReply
from .xmlrecords import extra_fields, parse_by_record, tolerant_xml

FAMILY = "ipyy"
STATUS_NUM_DEFAULT = 4000  # statusApi.aspx: reports a pull when statusNum is not given
SCHEDULE_FORMAT = "%Y-%m-%d %H:%M:%S"

SEND_UTF8 = "sms.aspx"
SEND_GBK = "smsGBK.aspx"
STATUS_API = "statusApi.aspx"
CALL_API = "callApi.aspx"

_SUCCESS_WORDS = frozenset({"success", "sucess", "succes", "successful", "succeed", "ok", "成功"})
_FAIL_WORDS = frozenset({"faild", "failed", "fail", "failure", "error", "失败"})


def _code(code: str, vendor: str, zh: str, en: str, account_level: bool = False) -> CodeInfo:
    return CodeInfo(code, vendor, zh, en, account_level=account_level)


CODES: dict[str, CodeInfo] = {
    c.code: c
    for c in (
        # action=send / overage / checkkeyword / changespwd: the <message> texts
        _code("ok", "ok", "提交成功。", "Submitted."),
        _code(
            "auth_empty",
            "用户名或密码不能为空",
            "账号或密码为空，请在账号设置中填写。",
            "The account name or password is empty; fill them in the account settings.",
            True,
        ),
        _code(
            "sql_injection",
            "发送内容包含sql注入字符",
            "内容含有网关视为 SQL 注入的字符（如单引号、分号、注释符），请修改内容后再发。",
            "The text holds characters the gateway treats as SQL injection (quotes, semicolons,"
            " comment marks); edit the text and send again.",
        ),
        _code(
            "auth_failed",
            "用户名或密码错误",
            "账号或密码错误。若该通道要求 MD5 密码，请在账号设置中选择密码加密方式。",
            "Wrong account name or password. If this gateway wants an MD5 password, choose it in"
            " the account settings.",
            True,
        ),
        _code(
            "no_mobile",
            "短信号码不能为空",
            "没有提交接收号码。",
            "No recipient number was submitted.",
        ),
        _code("no_content", "短信内容不能为空", "短信内容为空。", "The message text is empty."),
        _code(
            "illegal_words",
            "包含非法字符：",
            "内容包含网关不允许发送的词语，请修改后再发。",
            "The text holds words the gateway does not allow; edit it and send again.",
        ),
        _code(
            "insufficient_balance",
            "对不起，您当前要发送的量大于您当前余额",
            "账户余额不足，无法发送这批短信，请充值。",
            "The account balance is too low for this batch; top it up.",
            True,
        ),
        _code(
            "other_error",
            "其他错误",
            "网关内部错误（其他数据库操作错误），请稍后再试或联系服务商。",
            "Gateway internal error (database); try again later or contact the provider.",
        ),
        _code("no_keywords", "没有包含屏蔽词", "没有检查出违禁词。", "No forbidden words found."),
        _code("password_changed", "密码修改成功", "密码已修改。", "The password was changed."),
        # statusApi.aspx / callApi.aspx: <errorstatus><error>N</error>
        _code(
            "1",
            "用户名或密码不能为空",
            "账号或密码为空，请在账号设置中填写。",
            "The account name or password is empty; fill them in the account settings.",
            True,
        ),
        _code(
            "2",
            "用户名或密码错误",
            "账号或密码错误。若该通道要求 MD5 密码，请在账号设置中选择密码加密方式。",
            "Wrong account name or password. If this gateway wants an MD5 password, choose it in"
            " the account settings.",
            True,
        ),
        _code(
            "3",
            "该用户不允许查看状态报告",
            "该账号未开通状态报告/回复查询权限，请联系服务商开通。",
            "This account may not fetch status reports or replies; ask the provider to enable it.",
            True,
        ),
        _code("4", "参数不正确", "查询参数不正确。", "The query parameters are incorrect."),
    )
}

# The balance (action=overage) and the pulls (statusApi/callApi) list fewer codes than a send:
# "balance too low for this batch" or "SQL injection" never explain a balance query.
BALANCE_CODES: dict[str, CodeInfo] = {
    k: CODES[k] for k in ("ok", "auth_empty", "auth_failed", "other_error", "1", "2")
}
QUERY_CODES: dict[str, CodeInfo] = {
    k: CODES[k] for k in ("auth_empty", "auth_failed", "other_error", "1", "2", "3", "4")
}

# Distinctive parts of the <message> texts, in matching order (first match wins). Reseller
# variants reword some messages; the alternatives cover the common ones.
_MESSAGE_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("no_keywords", ("没有包含屏蔽词", "没有包含非法", "未包含屏蔽词", "未包含非法")),
    ("password_changed", ("密码修改成功", "修改密码成功")),
    ("auth_empty", ("用户名或密码不能为空", "帐号或密码不能为空", "账号或密码不能为空")),
    ("auth_failed", ("用户名或密码错误", "帐号或密码错误", "账号或密码错误", "密码错误")),
    ("sql_injection", ("sql注入",)),
    ("no_mobile", ("号码不能为空", "号码为空")),
    ("no_content", ("内容不能为空", "内容为空")),
    ("insufficient_balance", ("大于您当前余额", "余额不足")),
    ("illegal_words", ("包含非法字符", "非法关键词", "包含屏蔽词", "敏感词")),
    ("other_error", ("其他错误",)),
)


def message_key(message: str) -> str | None:
    """The code key of a ``<message>`` text, or None when the text is not a listed one."""
    m = re.sub(r"\s+", "", message).lower()
    if not m:
        return None
    if m == "ok":
        return "ok"
    for key, needles in _MESSAGE_KEYS:
        if any(n in m for n in needles):
            return key
    return None


class GatewayRefusedError(SmsDesktopError):
    """The gateway answered a query (check_keyword …) with an error code instead of a result."""

    def __init__(self, code: CodeInfo, raw: RawReply) -> None:
        super().__init__(f"{code.zh} / {code.en} [{code.vendor_text}]")
        self.code = code
        self.raw = raw


@dataclass
class PasswordChange:
    """The outcome of ``change_password``."""

    ok: bool
    code: CodeInfo
    raw: RawReply


# ---- liberal readers --------------------------------------------------------------------------
def _number(value: str | None) -> float | None:
    """A number as gateways print it (``1,000``, `` 12 ``, ``12.5``); None when absent/unreadable."""
    if value is None:
        return None
    s = value.strip().replace(",", "").replace("，", "")
    if not s:
        return None
    try:
        n = float(s)
    except ValueError:
        return None
    if n != n or n in (float("inf"), float("-inf")):
        return None
    return n


_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _reply_text(raw: RawReply) -> str:
    if raw.text or not raw.body:
        return raw.text
    return charsets.decode_reply(raw.body, raw.content_type, "utf-8")


def _clean_xml(raw: RawReply) -> str:
    text = _reply_text(raw).lstrip("\ufeff").strip()
    if not text.startswith("<"):
        raise ProtocolError("ipyy: the reply is not XML", raw=raw)
    return tolerant_xml(_DECL_RE.sub("", text, count=1), spaced_tags=True)


def _parse_xml(text: str, raw: RawReply) -> Element:
    try:
        return SafeET.fromstring(text)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise ProtocolError(f"ipyy: malformed XML ({exc})", raw=raw) from exc


def _xml_root(raw: RawReply) -> Element:
    return _parse_xml(_clean_xml(raw), raw)


def _query_root(raw: RawReply, record: str) -> tuple[Element, list[str]]:
    """The parsed root; if the whole body does not parse, its ``record`` elements one by one
    (a ``<returnsms>`` of those that parsed, and the raw text of the others)."""
    return parse_by_record(_clean_xml(raw), record, lambda t: _parse_xml(t, raw), "returnsms")


def _local(tag: Any) -> str:
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1].strip().lower()


def _text(el: Element) -> str:
    return "".join(el.itertext()).strip()


def _fields(el: Element) -> dict[str, str]:
    """The direct children's text by lowercase local name (the first occurrence wins)."""
    out: dict[str, str] = {}
    for child in el:
        name = _local(child.tag)
        if name and name not in out:
            out[name] = _text(child)
    return out


def _find(root: Element, name: str) -> Element | None:
    for el in root.iter():
        if _local(el.tag) == name:
            return el
    return None


def _find_all(root: Element, name: str) -> list[Element]:
    return [el for el in root.iter() if _local(el.tag) == name]


def _returnsms(root: Element, raw: RawReply) -> Element:
    el = _find(root, "returnsms")
    if el is None:
        raise ProtocolError("ipyy: no <returnsms> element", raw=raw)
    return el


class IpyyGateway(Gateway):
    capabilities = Capabilities(
        family=FAMILY,
        display_name="sms.aspx（ipyy 类平台）",
        max_recipients=1000,
        max_length=None,
        charsets=("utf-8", "gbk"),
        default_charset="utf-8",
        schedule_format=SCHEDULE_FORMAT,
        templates=False,
        push=False,
        min_poll_interval=0.0,
        landlines=False,
        password_hash_default=PasswordHash.NONE,
        batch_limit_configurable=True,
        extno_digits=10,
        # statusNum reports a pull (the document's default 4000, or the account's); callApi names
        # no size: its sibling's default stands for it (page_size_replies sets another)
        paging=Paging(
            reports=STATUS_NUM_DEFAULT, replies=STATUS_NUM_DEFAULT, once=True, max_pages=25
        ),
        # 企业ID: every request carries it; the document does not mark it required
        account_fields=(AccountField("userid", "企业ID（userid）", "enterprise ID (userid)"),),
        # the document gives no signature length: the carriers' common 2–12 characters
        signature_chars=(2, 12),
        notes=(
            "状态报告和回复每条只能取一次。 / Each report and reply can be fetched only once.",
            "文档没有规定每次号码上限：默认 1000，可在账号设置中修改。"
            " / The document names no recipient limit: 1000 by default, configurable.",
        ),
    )
    codes = CODES
    code_tables: ClassVar[dict[Operation, dict[str, CodeInfo]]] = {
        Operation.SEND: CODES,
        Operation.BALANCE: BALANCE_CODES,
        Operation.REPORTS: QUERY_CODES,
        Operation.REPLIES: QUERY_CODES,
    }
    # statusbox <status>: "10：发送成功，20：发送失败"
    report_codes: ClassVar[dict[str, tuple[str, str]]] = {
        "10": ("发送成功", "sent successfully"),
        "20": ("发送失败", "sending failed"),
    }

    @classmethod
    def endpoint_names(cls) -> tuple[str, ...]:
        return (SEND_UTF8, SEND_GBK, STATUS_API, CALL_API)

    # ---- settings -----------------------------------------------------------------------------
    @property
    def charset(self) -> str:
        """``gbk`` for GB-family account charsets (``smsGBK.aspx``), else ``utf-8``."""
        cs = charsets.canonical(self.account.charset or self.capabilities.default_charset)
        return "gbk" if cs in ("gbk", "gb2312", "gb18030") else "utf-8"

    @property
    def send_endpoint(self) -> str:
        return SEND_GBK if self.charset == "gbk" else SEND_UTF8

    def _auth(self, action: str) -> dict[str, str]:
        return {
            "action": action,
            "userid": self.account.userid,
            "account": self.account.username,
            "password": self.password,
        }

    def _post(
        self, endpoint: str, params: dict[str, str], charset: str, reply: str | None = None
    ) -> RawReply:
        """POST a form in ``charset``; the reply is read as ``reply`` (default: ``charset``)."""
        return self.transport.post_form(self.url(endpoint), params, charset, reply or charset)

    def _extno(self, extno: str | None) -> str:
        return self.capabilities.check_extno(self.account.extno if extno is None else extno)

    @staticmethod
    def format_send_time(send_at: datetime | None) -> str:
        """``sendTime``: empty for now, else Beijing time (``vendortime``)."""
        return "" if send_at is None else vendor_time_text(send_at, SCHEDULE_FORMAT)

    def message_info(
        self, message: str, status: str = "", op: Operation = Operation.SEND
    ) -> CodeInfo:
        """The CodeInfo of a ``<message>`` text; unlisted texts keep the vendor's own words.

        A message the document does not list under a documented failure status (``Faild``,
        ``需要签名``) is a certain failure (:func:`failure_status`); only a message with no
        status that says failure stays unlisted.
        """
        key = message_key(message)
        if key is not None:
            return self.code_info(key, message or None, op)
        if status.strip().lower() in _FAIL_WORDS:
            return failure_status(status.strip(), message.strip() or None, op)
        code = status.strip() or "Faild"
        return unlisted_code(code, message.strip() or None, op)

    # ---- send -----------------------------------------------------------------------------------
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
        final = self.validate_text(text)
        params = self._auth("send")
        params.update(
            mobile=",".join(map(str.strip, phones)),
            content=final,
            sendTime=self.format_send_time(send_at),
            extno=self._extno(extno),
        )
        raw, failed = self.post_send(self.url(self.send_endpoint), params, phones)
        if failed is not None:
            return failed
        assert raw is not None
        try:
            return self.parse_send(raw, phones)
        except ProtocolError:
            return self.unrecognised(phones, raw)

    @parse_guard(FAMILY)
    def parse_send(self, raw: RawReply, phones: Sequence[str]) -> SendResult:
        """Classify every recipient from a send reply; ProtocolError when it cannot be read."""
        root = _xml_root(raw)
        err = _find(root, "errorstatus")
        if err is not None:
            return SendResult.rejected(phones, self._errorstatus_info(err), raw)
        f = _fields(_returnsms(root, raw))
        status = f.get("returnstatus", "").strip().lower()
        message = f.get("message", "")
        key = message_key(message)
        task = f.get("taskid", "").strip() or None
        succeeded = status in _SUCCESS_WORDS or (not status and key == "ok")
        failed = status in _FAIL_WORDS or (not status and key not in (None, "ok"))
        if succeeded and key not in (None, "ok"):
            raise ProtocolError("ipyy: success status with an error message", raw=raw)
        if succeeded and key != "ok" and task is None:
            raise ProtocolError("ipyy: success status without ok or a taskID", raw=raw)
        if failed and key == "ok":
            raise ProtocolError("ipyy: failure status with message ok", raw=raw)
        remain = _number(f.get("remainpoint"))
        # only a postpaid account goes below zero: the reply shows how the account pays
        pay = POSTPAID if remain is not None and remain < 0 else None
        if succeeded:
            counted = _number(f.get("successcounts"))
            if counted is None or counted >= len(phones):  # the whole batch, one outcome
                return SendResult.accepted(
                    phones, task, raw, batch_id=task, charged=remain, pay_type=pay
                )
            return SendResult(
                results=_accepted(phones, task, counted),
                raw=raw,
                batch_id=task,
                charged=remain,
                pay_type=pay,
            )
        if failed:
            result = SendResult.rejected(
                phones, self.message_info(message, f.get("returnstatus", "")), raw
            )
            result.charged = remain
            result.pay_type = pay
            return result
        raise ProtocolError("ipyy: the reply says neither success nor failure", raw=raw)

    def _errorstatus_info(self, el: Element, op: Operation = Operation.SEND) -> CodeInfo:
        f = _fields(el)
        code = f.get("error", "").strip()
        remark = f.get("remark", "")
        if code.isdigit():
            code = str(int(code))
        if not code:
            key = message_key(remark)
            code = {"auth_empty": "1", "auth_failed": "2"}.get(key or "", "error")
        return self.code_info(code, remark or None, op)

    # ---- balance and the other sms.aspx actions -------------------------------------------------
    def balance(self) -> Balance:
        raw = self._post(self.send_endpoint, self._auth("overage"), self.charset)
        return self.parse_balance(raw)

    @parse_guard(FAMILY)
    def parse_balance(self, raw: RawReply) -> Balance:
        root = _xml_root(raw)
        err = _find(root, "errorstatus")
        if err is not None:
            return Balance(None, raw.text, code=self._errorstatus_info(err, Operation.BALANCE))
        f = _fields(_returnsms(root, raw))
        status = f.get("returnstatus", "").strip().lower()
        message = f.get("message", "")
        key = message_key(message)
        overage = _number(f.get("overage"))
        pay = pay_type(f.get("payinfo", ""), overage)
        details: dict[str, Any] = {
            "payinfo": f.get("payinfo", ""),
            "overage": overage,
            "sendTotal": _number(f.get("sendtotal")),
        }
        if status in _FAIL_WORDS or (not status and key not in (None, "ok")):
            return Balance(
                None,
                raw.text,
                details,
                code=self.message_info(message, f.get("returnstatus", ""), Operation.BALANCE),
            )
        if (status in _SUCCESS_WORDS or not status) and key in (None, "ok"):
            if pay == POSTPAID:  # billed afterwards: an empty or negative overage is no figure
                shown = overage if overage is not None and overage >= 0 else None
                return Balance(shown, raw.text, details, pay_type=POSTPAID)
            if overage is not None:
                return Balance(overage, raw.text, details, pay_type=pay)
        raise ProtocolError("ipyy: unrecognised balance reply", raw=raw)

    def check_keyword(self, text: str) -> tuple[bool, list[str], RawReply]:
        """Ask the gateway whether the text (as sent, signature included) holds forbidden words.

        Returns (ok, words, raw): ``ok`` True when none were found; ``words`` lists the words the
        gateway named (it may name none). Raises GatewayRefusedError for an error code
        (authentication …) and ProtocolError for a reply that cannot be understood.
        """
        final = self.validate_text(text)
        params = self._auth("checkkeyword")
        params["content"] = final
        raw = self._post(self.send_endpoint, params, self.charset)
        return self.parse_check_keyword(raw)

    def parse_check_keyword(self, raw: RawReply) -> tuple[bool, list[str], RawReply]:
        """(ok, words, raw); GatewayRefusedError for an error code, else ProtocolError."""
        ok, words, code = self._read_check_keyword(raw)
        if code is not None:
            raise GatewayRefusedError(code, raw)
        return ok, words, raw

    @parse_guard(FAMILY)
    def _read_check_keyword(self, raw: RawReply) -> tuple[bool, list[str], CodeInfo | None]:
        root = _xml_root(raw)
        err = _find(root, "errorstatus")
        if err is not None:
            return False, [], self._errorstatus_info(err)
        f = _fields(_returnsms(root, raw))
        status = f.get("returnstatus", "").strip().lower()
        message = f.get("message", "")
        key = message_key(message)
        if key == "no_keywords" or (key is None and status in _SUCCESS_WORDS and not message):
            return True, [], None
        if key == "illegal_words":
            return False, _listed_words(message), None
        if (key is not None and key != "ok") or status in _FAIL_WORDS:
            return False, [], self.message_info(message, f.get("returnstatus", ""))
        raise ProtocolError("ipyy: unrecognised checkkeyword reply", raw=raw)

    def change_password(self, new_password: str) -> PasswordChange:
        """Change the account's gateway password (``action=changespwd``).

        On success the in-memory ``account.password`` is updated; storing it is the caller's job.
        """
        if not new_password or new_password != new_password.strip():
            raise InputError(
                "新密码不能为空，首尾不能有空格。"
                " / The new password must not be empty or start/end with spaces."
            )
        if charsets.unencodable_chars(new_password, self.charset):
            # never name the characters: they are part of a password
            raise InputError(
                f"新密码含有 {self.charset.upper()} 无法表示的字符。"
                f" / The new password holds characters {self.charset.upper()} cannot carry."
            )
        params = self._auth("changespwd")
        params.update(newpwd=new_password, renewpwd=new_password)
        raw = self._post(self.send_endpoint, params, self.charset)
        result = self.parse_change_password(raw)
        if result.ok:
            self.account.password = new_password
        return result

    @parse_guard(FAMILY)
    def parse_change_password(self, raw: RawReply) -> PasswordChange:
        root = _xml_root(raw)
        err = _find(root, "errorstatus")
        if err is not None:
            return PasswordChange(False, self._errorstatus_info(err), raw)
        f = _fields(_returnsms(root, raw))
        status = f.get("returnstatus", "").strip().lower()
        message = f.get("message", "")
        key = message_key(message)
        if key == "password_changed" and status not in _FAIL_WORDS:
            return PasswordChange(True, self.code_info(key, message), raw)
        if status in _SUCCESS_WORDS and key in (None, "ok"):
            return PasswordChange(True, self.code_info("password_changed", message or None), raw)
        if status in _FAIL_WORDS or (key is not None and key != "ok"):
            return PasswordChange(False, self.message_info(message, f.get("returnstatus", "")), raw)
        raise ProtocolError("ipyy: unrecognised changespwd reply", raw=raw)

    # ---- pulled reports and replies ------------------------------------------------------------
    def page_size(self, kind: str) -> int | None:
        """Reports: the account option ``statusNum`` (the family's own name for it) or
        ``page_size_reports``, else the document's default 4000."""
        if kind == "reports":
            num = self.account.options.get("statusNum")
            if num is not None and str(num).strip():
                return positive_option("statusNum", num)
        return super().page_size(kind)

    def fetch_reports(
        self, sink: RawSink | None = None, *, status_num: int | None = None
    ) -> QueryResult:
        """Pull delivery reports (each handed out once). ``status_num`` (or the account option
        ``statusNum``, or ``page_size_reports``) asks for at most that many; without one the
        parameter is left out and the gateway's default applies (4000, the document says)."""
        params = self._auth("query")
        num: object = status_num
        if num is None:
            num = self.account.options.get("statusNum") or self.account.options.get(
                PAGE_SIZE_OPTION.format(kind="reports")
            )
        if num is not None and str(num).strip():
            params["statusNum"] = str(positive_option("statusNum", num))
        # The query form goes in UTF-8; the answer comes from the account's site (GBK for a
        # smsGBK.aspx account), so it is read as the account's charset first.
        raw = self._pull("reports", self._post(STATUS_API, params, "utf-8", self.charset), sink)
        return self.parse_reports(raw)

    def fetch_replies(self, sink: RawSink | None = None) -> QueryResult:
        raw = self._pull(
            "replies", self._post(CALL_API, self._auth("query"), "utf-8", self.charset), sink
        )
        return self.parse_replies(raw)

    def _query_error(
        self, root: Element, raw: RawReply, op: Operation = Operation.REPORTS
    ) -> CodeInfo | None:
        err = _find(root, "errorstatus")
        if err is not None:
            return self._errorstatus_info(err, op)
        # Some variants answer a failed query in the send style (returnstatus/message).
        box = _find(root, "returnsms")
        if box is not None:
            f = _fields(box)
            status = f.get("returnstatus", "").strip().lower()
            if status in _FAIL_WORDS or message_key(f.get("message", "")) in (
                "auth_empty",
                "auth_failed",
            ):
                return self.message_info(f.get("message", ""), f.get("returnstatus", ""), op)
        return None

    @query_parser(FAMILY)
    def parse_reports(self, raw: RawReply) -> QueryResult:
        root, unparsed = _query_root(raw, "statusbox")  # never empty here (query_parser)
        code = self._query_error(root, raw)
        if code is not None:
            return QueryResult([], raw, code)
        boxes = _find_all(root, "statusbox")
        if not boxes and _find(root, "returnsms") is None:
            raise ProtocolError("ipyy: unrecognised report reply", raw=raw)
        items: list[DeliveryReport] = []
        for box in boxes:
            f = _fields(box)
            phone = f.get("mobile", "").strip()
            if not phone:
                continue
            status = f.get("status", "").strip()
            errorcode = f.get("errorcode", "").strip()
            items.append(
                DeliveryReport(
                    phone=phone,
                    gateway_id=f.get("taskid", "").strip() or None,
                    status=status or errorcode,
                    delivered=_delivered(status, errorcode),
                    time=read_vendor_time(f.get("receivetime")),
                    extno=f.get("extno", "").strip() or None,
                    error_code=errorcode or None,
                    extra=extra_fields(f, _STATUSBOX_FIELDS),
                )
            )
        return QueryResult(items, raw, unparsed=unparsed, records=len(boxes) + len(unparsed))

    @query_parser(FAMILY)
    def parse_replies(self, raw: RawReply) -> QueryResult:
        root, unparsed = _query_root(raw, "callbox")  # never empty here (query_parser)
        code = self._query_error(root, raw, Operation.REPLIES)
        if code is not None:
            return QueryResult([], raw, code)
        boxes = _find_all(root, "callbox")
        if not boxes and _find(root, "returnsms") is None:
            raise ProtocolError("ipyy: unrecognised reply (MO) list", raw=raw)
        items: list[Reply] = []
        for box in boxes:
            f = _fields(box)
            phone = f.get("mobile", "").strip()
            if not phone:
                continue
            content_el = next((c for c in box if _local(c.tag) == "content"), None)
            # The reply text keeps its own inner spacing; only the element's padding goes.
            content = "".join(content_el.itertext()) if content_el is not None else ""
            items.append(
                Reply(
                    phone=phone,
                    content=content.strip("\r\n"),
                    time=read_vendor_time(f.get("receivetime")),
                    gateway_id=f.get("taskid", "").strip() or None,
                    extno=f.get("extno", "").strip() or None,
                    extra=extra_fields(f, _CALLBOX_FIELDS),
                )
            )
        return QueryResult(items, raw, unparsed=unparsed, records=len(boxes) + len(unparsed))


# The documented elements of a report and a reply; any other is the record's extra data.
_STATUSBOX_FIELDS = frozenset({"mobile", "taskid", "status", "receivetime", "errorcode", "extno"})
_CALLBOX_FIELDS = frozenset({"mobile", "taskid", "content", "receivetime", "extno"})

_MOBILE_RE = re.compile(r"^(?:\+?86)?(1[0-9]{10})$")
_LANDLINE_RE = re.compile(r"^0[0-9]{9,11}$")


def _plausible(phone: str) -> bool:
    p = re.sub(r"[\s\-]", "", phone)
    return bool(_MOBILE_RE.match(p) or _LANDLINE_RE.match(p))


def _accepted(
    phones: Sequence[str], task: str | None, success_counts: float | None
) -> list[RecipientResult]:
    """Results of a successful send.

    The gateway drops numbers it finds invalid and says so only through ``successCounts``. When
    it confirms fewer numbers than were sent, and exactly the plausible numbers of the batch
    account for the count, the others are the dropped ones (UNKNOWN, they were most likely not
    sent). When the count cannot be explained, no number is claimed as accepted: all are UNKNOWN,
    still carrying the taskID (kept for reference: a later report names it). A count at or above the
    number of recipients (some resellers count billed parts) confirms the whole batch.
    """
    distinct = list(dict.fromkeys(p.strip() for p in phones))
    if success_counts is None or success_counts >= len(distinct):
        return [RecipientResult(p, Outcome.ACCEPTED, gateway_id=task) for p in phones]
    n = int(success_counts)
    shown = f"{n}/{len(distinct)}"
    plausible = {p for p in distinct if _plausible(p)}
    if n > 0 and len(plausible) == n:
        return [
            RecipientResult(p, Outcome.ACCEPTED, gateway_id=task)
            if p.strip() in plausible
            else RecipientResult(
                p,
                Outcome.UNKNOWN,
                gateway_id=task,
                message_zh=f"网关只确认了 {shown} 个号码；此号码格式无效，很可能被网关丢弃，未发出。",
                message_en=f"The gateway confirmed only {shown} numbers; this number is not a"
                " valid format and was most likely dropped, not sent.",
            )
            for p in phones
        ]
    return [
        RecipientResult(
            p,
            Outcome.UNKNOWN,
            gateway_id=task,
            message_zh=f"网关只确认了 {shown} 个号码，无法判断哪些已发出；请核对后再决定是否重发。",
            message_en=f"The gateway confirmed only {shown} numbers without saying which;"
            " check before resending.",
        )
        for p in phones
    ]


def _delivered(status: str, errorcode: str) -> bool | None:
    s = status.strip().lower()
    if s.isascii() and s.isdigit():
        n = int(s)
        if n == 10:
            return True
        if n == 20:
            return False
    elif s in ("delivrd", "delivered", "success", "成功"):
        return True
    elif s in ("fail", "failed", "undeliv", "失败"):
        return False
    if errorcode.strip().upper() == "DELIVRD":
        return True
    return None


def pay_type(payinfo: str, overage: float | None = None) -> str | None:
    """How the account pays by ``<payinfo>`` (后付费 / 预付费, or in English), else by its
    ``<overage>``: only a postpaid account goes below zero (``-7908770`` is seen in the wild)."""
    p = re.sub(r"\s+", "", payinfo).lower()
    if "后付" in p or "postpa" in p:
        return POSTPAID
    if "预付" in p or "prepa" in p:
        return PREPAID
    return POSTPAID if overage is not None and overage < 0 else None


_WORD_SPLIT_RE = re.compile(r"[,，、;；|\s]+")


def _listed_words(message: str) -> list[str]:
    """The words a ``包含非法字符：a,b`` message names, in order, without duplicates."""
    m = re.search(r"[:：]", message)
    if not m:
        return []
    words: list[str] = []
    for w in _WORD_SPLIT_RE.split(message[m.end() :]):
        w = w.strip("\"'“”[]【】()（）")
        if w and w not in words:
            words.append(w)
    return words
