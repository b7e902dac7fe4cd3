"""qxt family: ``qxt/smssenderv2`` (send) and ``qxt/surplus`` (balance); reports and replies pushed.

Protocol (the vendor's document, summarised in ``docs/protocols.md``):

* Send: GET or POST ``smssenderv2`` with ``user``, ``password`` (the 32-character lowercase MD5
  hex of the password), ``tele`` (at most 1000 numbers, comma-separated), ``msg`` (GBK),
  optional ``extno`` (digits, at most 20) and optional ``addseqno=1`` (the gateway splits long
  text itself and numbers the parts ``1/3)``). This client POSTs a GBK form.
* Send replies, one line of text:

  - ``ok:mid:tele,tele``: accepted for the listed numbers; ``mid`` is the id the reports carry;
  - ``error:N.描述``: the whole request refused, codes 1–9 (5 is not listed);
  - ``fail:999:tele1,tele2``: 系统错误 for the listed numbers.

* Balance: ``surplus`` with ``user``, ``password`` → ``ok:sms:N:mms:M`` or ``失败:error:描述``.
* Reports (``type=4``: ``mid``, ``mobile``, ``msg`` = ``DELIVRD`` / ``REJECT`` / other) and
  replies (``type=1``: ``mid``, ``mobile``, ``msg``, ``port``, ``area``, ``city``) are pushed
  by the vendor to a URL the customer provides, GBK URL-encoded, and answered with ``ok``.
* There is no server-side schedule: a future ``send_at`` is refused with InputError; the engine
  holds the send and releases it itself.
* Quirk: with insufficient balance the batch is still answered ``ok`` but never delivered.

Decisions where the document is silent:

* A number of the batch missing from an ``ok`` list is UNKNOWN (never accepted), still carrying
  the mid for reference (its pushed report names it); one missing from a ``fail`` list is UNKNOWN
  too. A reply with no number list at all (``ok:mid``, ``fail:999``) lists none, so every number
  is UNKNOWN. Numbers are compared by their digits, with a ``+86``/``86`` prefix ignored.
* ``fail:999`` is treated as REJECTED for the listed numbers: the document says they failed.
* ``error:`` without a number is matched to a listed code by its text. The document gives
  ``error:错误描述`` as the reply of a failure (失败), and ``fail:错误代码:tele`` as the numbers
  that failed (出错): an ``error:`` whose code or text it does not list (``error:5.…``,
  ``error:账户已冻结``) is still a certain refusal of the batch, REJECTED with the vendor's text,
  and so is a ``fail:`` with an unlisted code for the numbers it lists. ``surplus`` has its own
  table (the login errors 1, 6, 7); any other balance error is an unlisted *balance* failure.
* Push: several comma-separated values are split in parallel. A single ``mid``/``msg``/``port``
  beside several mobiles applies to all of them. A report whose ``msg`` count matches neither
  is kept with the whole ``msg`` as its status and ``delivered=None`` (nothing is guessed). A
  reply's text may itself hold commas: with one mobile the whole ``msg`` is the text; with
  several mobiles and exactly as many comma-separated pieces they are paired in order;
  otherwise the texts cannot be told apart and every reply of that push carries the whole
  ``msg`` as received, so no text is cut wrongly or lost. ``port`` (the channel number plus
  extension) goes into ``extno`` of reports and replies; ``area``/``city`` are not kept. A push
  carries no time, so ``time`` is None (the receiver knows when it arrived).
* ``REJECT`` reports carry ``error_code="REJECT"``, listed in :attr:`QxtGateway.codes`
  (审核拒绝), so the UI can explain them like any other code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar
from urllib.parse import unquote_to_bytes

from .. import charsets
from ..errors import InputError, ProtocolError
from ..vendortime import appended_time
from .base import (
    Balance,
    Capabilities,
    CodeInfo,
    DeliveryReport,
    Gateway,
    Operation,
    Outcome,
    PasswordHash,
    RecipientResult,
    Reply,
    SendResult,
    Template,
    failure_status,
    parse_guard,
    unlisted_code,
)
from .http import RawReply

FAMILY = "qxt"
SEND = "smssenderv2"
SURPLUS = "surplus"

_LIST_SPLIT_RE = re.compile(r"[,，;；\s]+")
# The documented push parameters; any other is the records' extra data.
_PUSH_FIELDS = frozenset({"type", "mid", "mobile", "msg", "port", "area", "city"})
# A report's status word (DELIVRD, REJECT, MK:0001, UNDELIV …), as opposed to an appended value.
_STATUS_WORD_RE = re.compile(r"^[A-Za-z][A-Za-z0-9:_\-]*$")
_CODED_RE = re.compile(r"^\s*(\d+)\s*[.．、:：]?\s*(.*)$", re.S)


def _code(code: str, vendor: str, zh: str, en: str, account_level: bool = False) -> CodeInfo:
    return CodeInfo(code, vendor, zh, en, account_level=account_level)


CODES: dict[str, CodeInfo] = {
    c.code: c
    for c in (
        _code(
            "1",
            "用户名或密码错误",
            "用户名为空或密码错误，请检查账号设置。",
            "The user name is empty or the password is wrong; check the account settings.",
            True,
        ),
        _code(
            "2",
            "扩展号码错误",
            "扩展号不符合规则（只能是数字，连同通道号最长 20 位）。",
            "The extension number does not follow the rules (digits only, at most 20 with the"
            " channel's own).",
        ),
        _code("3", "mobile", "手机号码为空。", "No mobile number was submitted."),
        _code("4", "smg", "短信内容为空。", "The message text is empty."),
        _code(
            "6",
            "无此用户或者密码不对1",
            "没有这个用户：请检查用户名和网关地址。",
            "No such user: check the user name and the gateway URL.",
            True,
        ),
        _code(
            "7",
            "无此用户或者密码不对",
            "密码不匹配：请检查密码（以 32 位小写 MD5 发送）。",
            "The password does not match: check it (it is sent as a 32-digit lowercase MD5).",
            True,
        ),
        _code(
            "8",
            "moblie 提交数小于10，请重新提交!",
            "该账号要求每次至少提交 10 个号码。",
            "This account requires at least 10 numbers per request.",
        ),
        _code(
            "9",
            "moblie is null or mobile number too many!",
            "号码为空或数量过多（每次最多 1000 个）。",
            "No numbers, or too many (at most 1000 per request).",
        ),
        _code(
            "999",
            "系统错误",
            "网关系统错误，这些号码发送失败。",
            "Gateway system error: sending to these numbers failed.",
        ),
        _code(
            "REJECT",
            "审核拒绝",
            "审核拒绝：内容未通过网关审核，未下发。",
            "Rejected by the gateway's content review; not delivered.",
        ),
    )
}

# The surplus (balance) reply ``失败:error:描述`` lists no descriptions of its own; the login
# errors of the send list (1, 6, 7) are the ones that can come from the same check. Anything else
# there (``系统错误``) is an unlisted balance failure, never "sending failed".
BALANCE_CODES: dict[str, CodeInfo] = {k: CODES[k] for k in ("1", "6", "7")}

_NOTES = (
    "余额不足时网关仍对整批返回成功（ok），但这些短信不会下发：发送前请先查询余额。"
    " / With insufficient balance the gateway still answers ok for the batch but never delivers"
    " it: check the balance before sending.",
    "网关不支持定时发送：定时任务由本程序保存并到点发出，届时电脑必须开着并运行本程序。"
    " / No server-side schedule: the application holds the send and releases it at the set time;"
    " the computer must be on with the application running.",
    "状态报告和回复由网关推送到您提供的地址（需开启本地接收服务）。"
    " / Reports and replies are pushed by the gateway to a URL you provide (enable the local"
    " receiver).",
    "账号选项 addseqno=1：长短信由网关拆分并在每条前加序号（如 1/3)）。"
    " / Account option addseqno=1: the gateway splits long text and numbers the parts (1/3)).",
    "部分账号要求每次至少 10 个号码（错误 8）。"
    " / Some accounts require at least 10 numbers per request (error 8).",
)


def _digits_key(phone: str) -> str:
    d = re.sub(r"\D", "", phone)
    if len(d) == 13 and d.startswith("86"):
        d = d[2:]
    return d


def _flat(text: str) -> str:
    """An error text compared loosely: case, spaces and end punctuation do not count."""
    return re.sub(r"\s+", "", text).lower().rstrip("!！.。")


def _split_list(value: str) -> list[str]:
    return [p for p in _LIST_SPLIT_RE.split(value.strip()) if p]


def _int_or_float(value: str) -> int | float:
    s = value.strip().replace(",", "")
    n = float(s)
    if n != n or n in (float("inf"), float("-inf")):
        raise ValueError(value)
    return int(n) if n.is_integer() else n


def _split_form(data: bytes) -> list[tuple[str, bytes]]:
    pairs: list[tuple[str, bytes]] = []
    # Only "&" separates pairs: a ";" belongs to the value (a reply text posted unescaped).
    for part in data.split(b"&"):
        part = part.strip()
        if not part:
            continue
        name, _, value = part.partition(b"=")
        key = unquote_to_bytes(name.replace(b"+", b" ")).decode("latin-1").strip().lower()
        if key:
            pairs.append((key, unquote_to_bytes(value.replace(b"+", b" "))))
    return pairs


def _decode_all(values: list[bytes], charset: str) -> list[str] | None:
    try:
        return [v.decode(charsets.codec(charset)) for v in values]
    except (UnicodeDecodeError, LookupError):
        return None


def decode_push_body(
    body: bytes, content_type: str | None = None, charset: str = "gbk"
) -> tuple[dict[str, str], str]:
    """Decode a URL-encoded push (query or form body); returns (params, the charset used).

    Values are percent-decoded to bytes, then decoded with the charset the request declares,
    else ``charset`` (GBK, as the vendor document asks). When that cannot decode every value and
    UTF-8 (or GBK, for UTF-8) can, the other one is used; failing both, the first one with
    replacement characters. Unescaped GBK bytes (a POST "without encoding") are read too.
    Names are folded to lower case; a name given several times is joined with ``,`` (the push's
    own way of carrying several values). Never raises.
    """
    declared = charsets.declared_charset(b"", content_type)
    first = charsets.canonical(declared or charset)
    other = "utf-8" if first != "utf-8" else "gbk"  # labels; decoded by ``charsets.codec``
    pairs = _split_form(body)
    values = [v for _, v in pairs]
    used = first
    texts = _decode_all(values, first)
    if texts is None:
        texts = _decode_all(values, other)
        used = other
    if texts is None:
        used = first
        texts = [v.decode(charsets.codec(first), errors="replace") for v in values]
    params: dict[str, str] = {}
    for (key, _), text in zip(pairs, texts, strict=True):
        params[key] = f"{params[key]},{text}" if key in params else text
    return params, used


def decode_push_query(raw_query: bytes | str, charset: str = "gbk") -> dict[str, str]:
    """:func:`decode_push_body` for a raw query string: a bare query, ``?query`` or a whole URL."""
    if isinstance(raw_query, str):
        try:
            data = raw_query.encode("ascii")
        except UnicodeEncodeError:
            data = raw_query.encode(charsets.codec(charset), errors="replace")
    else:
        data = bytes(raw_query)
    data = data.strip()
    if data.startswith(b"?"):
        data = data[1:]
    elif b"://" in data.split(b"?", 1)[0] and b"?" in data:
        data = data.split(b"?", 1)[1].split(b"#", 1)[0]
    return decode_push_body(data, None, charset)[0]


def _spread(values: list[str], n: int) -> list[str | None]:
    """``values`` paired with ``n`` mobiles: as is, one for all, or None when they do not pair."""
    if len(values) == n:
        paired: list[str | None] = list(values)
        return paired
    if len(values) == 1:
        return [values[0]] * n
    return [None] * n


class QxtGateway(Gateway):
    capabilities = Capabilities(
        family=FAMILY,
        display_name="qxt（smssenderv2）",
        max_recipients=1000,
        max_length=None,
        charsets=("gbk",),
        default_charset="gbk",
        schedule_format=None,
        templates=False,
        push=True,
        min_poll_interval=0.0,
        landlines=False,
        password_hash_default=PasswordHash.MD5,
        batch_limit_configurable=False,
        splits_long_text=True,
        extno_digits=20,
        # the document gives no signature length: the carriers' common 2–12 characters
        signature_chars=(2, 12),
        notes=_NOTES,
    )
    codes = CODES
    code_tables: ClassVar[dict[Operation, dict[str, CodeInfo]]] = {
        Operation.SEND: CODES,
        Operation.BALANCE: BALANCE_CODES,
    }
    # the report's msg: "DELIVRD —成功，REJECT —审核拒绝"
    report_codes: ClassVar[dict[str, tuple[str, str]]] = {
        "DELIVRD": ("成功", "delivered"),
        "REJECT": ("审核拒绝", "refused by the vendor's content review"),
    }
    default_path = "qxt"

    @classmethod
    def endpoint_names(cls) -> tuple[str, ...]:
        return (SEND, SURPLUS)

    @property
    def charset(self) -> str:
        """Always GBK: the document asks for it, and the gateway has no other endpoint."""
        return "gbk"

    def _extno(self, extno: str | None) -> str:
        return self.capabilities.check_extno(self.account.extno if extno is None else extno)

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
        if send_at is not None:
            now = datetime.now(send_at.tzinfo) if send_at.tzinfo else datetime.now()
            if send_at > now:
                raise InputError(
                    "该通道不支持定时发送：请由本程序保存任务并到点发出（届时电脑须开着并运行本程序）。"
                    " / This gateway has no scheduled sending: hold the send locally and release"
                    " it at the set time (the computer must be on with the application running)."
                )
        final = self.validate_text(text)
        params = {
            "user": self.account.username,
            "password": self.password,
            "tele": ",".join(p.strip() for p in phones),
            "msg": final,
        }
        ext = self._extno(extno)
        if ext:
            params["extno"] = ext
        if self.account.options.get("addseqno", "").strip() == "1":
            params["addseqno"] = "1"
        raw, failed = self.post_send(self.url(SEND), params, phones)
        if failed is not None:
            return failed
        assert raw is not None
        try:
            return self.parse_send(raw, phones)
        except ProtocolError:
            return self.unrecognised(phones, raw)

    def _line(self, raw: RawReply) -> tuple[str, str]:
        """(lowercase head, rest) of a one-line reply; ProtocolError for anything else."""
        text = raw.text.lstrip("\ufeff").strip().replace("：", ":")
        if not text or "\n" in text or ":" not in text:
            raise ProtocolError("qxt: not a one-line status reply", raw=raw)
        head, _, rest = text.partition(":")
        return head.strip().lower(), rest.strip()

    def describe(
        self, desc: str, op: Operation = Operation.SEND, *, status: str | None = None
    ) -> CodeInfo:
        """The CodeInfo of an ``N.描述`` or bare ``描述`` error text, in ``op``'s table.

        ``status`` names the documented failure status the text came under (``error`` of
        ``error:描述``, ``fail`` of ``fail:代码:tele``): a text or code the table does not list is
        then a certain failure with the vendor's words (:func:`failure_status`), not unlisted.
        """
        info = self._describe(desc.strip(), op)
        if status is None or info.listed:
            return info
        return failure_status(status, info.vendor_text, op, code=info.code)

    def _describe(self, desc: str, op: Operation) -> CodeInfo:
        m = _CODED_RE.match(desc)
        if m:
            return self.code_info(m.group(1), m.group(2).strip() or None, op)
        flat = _flat(desc)
        table = self.code_table(op)
        # exact text first, then the longest listed text the description contains
        for info in table.values():
            if _flat(info.vendor_text) == flat:
                return self.code_info(info.code, desc, op)
        for info in sorted(table.values(), key=lambda c: -len(c.vendor_text)):
            vt = _flat(info.vendor_text)
            if len(vt) >= 4 and vt in flat:
                return self.code_info(info.code, desc, op)
        return unlisted_code("error", desc or "error", op)

    @parse_guard(FAMILY)
    def parse_send(self, raw: RawReply, phones: Sequence[str]) -> SendResult:
        head, rest = self._line(raw)
        if head == "error":
            info = self.describe(rest, status="error")
            return SendResult.rejected(phones, info, raw)
        if head == "ok":
            mid, _, listed = rest.partition(":")
            mid = mid.strip()
            if not mid:
                raise ProtocolError("qxt: ok without a mid", raw=raw)
            keys = {_digits_key(n) for n in _split_list(listed.partition(":")[0])}
            results = [
                RecipientResult(p, Outcome.ACCEPTED, gateway_id=mid)
                if _digits_key(p) in keys
                else RecipientResult(
                    p,
                    Outcome.UNKNOWN,
                    gateway_id=mid,
                    message_zh="网关回复成功，但没有列出这个号码：是否发出未知，请核对后再决定是否重发。",
                    message_en="The gateway answered ok without listing this number: whether"
                    " it went out is unknown; check before resending.",
                )
                for p in phones
            ]
            return SendResult(results=results, raw=raw, batch_id=mid)
        if head == "fail":
            code, _, listed = rest.partition(":")
            code = code.strip()
            if not code:
                raise ProtocolError("qxt: fail without a code", raw=raw)
            info = self.describe(code, status="fail")
            keys = {_digits_key(n) for n in _split_list(listed.partition(":")[0])}
            results = [
                RecipientResult.rejected(p, info)
                if _digits_key(p) in keys
                else RecipientResult(
                    p,
                    Outcome.UNKNOWN,
                    message_zh=f"网关回复失败（{code}）但没有列出这个号码：是否发出未知，请核对后再决定是否重发。",
                    message_en=f"The gateway answered fail ({code}) without listing this number:"
                    " whether it went out is unknown; check before resending.",
                )
                for p in phones
            ]
            return SendResult(results=results, raw=raw)
        raise ProtocolError(f"qxt: unknown reply {head!r}", raw=raw)

    # ---- balance ------------------------------------------------------------------------------
    def balance(self) -> Balance:
        params = {"user": self.account.username, "password": self.password}
        raw = self.transport.post_form(self.url(SURPLUS), params, self.charset, self.charset)
        return self.parse_balance(raw)

    @parse_guard(FAMILY)
    def parse_balance(self, raw: RawReply) -> Balance:
        head, rest = self._line(raw)
        if head == "ok":
            tokens = [t.strip() for t in rest.split(":")]
            pairs = {tokens[i].lower(): tokens[i + 1] for i in range(0, len(tokens) - 1, 2)}
            if "sms" not in pairs:
                raise ProtocolError("qxt: surplus reply without sms", raw=raw)
            details: dict[str, int | float] = {
                k: _int_or_float(v) for k, v in pairs.items() if k in ("sms", "mms")
            }
            return Balance(float(details["sms"]), raw.text, details)
        if head in ("失败", "fail", "failed", "error"):
            desc = rest
            if desc.lower().startswith("error:"):
                desc = desc[len("error:") :]
            return Balance(None, raw.text, code=self.describe(desc, Operation.BALANCE))
        raise ProtocolError(f"qxt: unknown surplus reply {head!r}", raw=raw)

    # ---- pushes -------------------------------------------------------------------------------
    @parse_guard(FAMILY)
    def parse_push(self, params: dict[str, str]) -> tuple[list[DeliveryReport], list[Reply]]:
        """Reports (``type=4``) and replies (``type=1``) of one push, already decoded."""
        p = {str(k).strip().lower(): str(v) for k, v in params.items()}
        types = {t.strip() for t in p.get("type", "").split(",") if t.strip()}
        if len(types) != 1:
            raise ProtocolError(f"qxt push: no single type ({p.get('type')!r})", raw=params)
        ptype = types.pop()
        mobiles = _split_list(p.get("mobile", ""))
        if not mobiles:
            raise ProtocolError("qxt push: no mobile", raw=params)
        n = len(mobiles)
        mids = _spread(_split_list(p.get("mid", "")), n) if p.get("mid", "").strip() else [None] * n
        ports = (
            _spread(_split_list(p.get("port", "")), n) if p.get("port", "").strip() else [None] * n
        )
        msg = p.get("msg", "")
        # parameters beyond the documented ones: each record's extra data (paired in order
        # like the documented ones when there are as many values as mobiles)
        extra = _push_extras(p, n)
        if ptype == "4":
            words = [w.strip() for w in msg.split(",")]
            appended: tuple[str, ...] = ()
            if n == 1 and len(words) > 1 and _STATUS_WORD_RE.match(words[0]):
                words, appended = words[:1], tuple(words[1:])  # DELIVRD,2017-02-09 12:00:00
            paired = len(words) == n or len(words) == 1
            reports: list[DeliveryReport] = []
            for i, phone in enumerate(mobiles):
                word = (words[i] if len(words) == n else words[0]) if paired else msg.strip()
                reports.append(
                    DeliveryReport(
                        phone=phone,
                        gateway_id=mids[i],
                        status=word,
                        delivered=_delivered(word) if paired else None,
                        time=appended_time(appended + extra[i]),
                        extno=ports[i],
                        error_code=_error_code(word) if paired else None,
                        extra=appended + extra[i],
                    )
                )
            return reports, []
        if ptype == "1":
            if n == 1:
                texts = [msg]
            else:
                pieces = msg.split(",")
                texts = pieces if len(pieces) == n else [msg] * n
            replies = [
                Reply(
                    phone=phone,
                    content=texts[i],
                    time=appended_time(extra[i]),
                    gateway_id=mids[i],
                    extno=ports[i],
                    extra=extra[i],
                )
                for i, phone in enumerate(mobiles)
            ]
            return [], replies
        raise ProtocolError(f"qxt push: unknown type {ptype!r}", raw=params)


def _push_extras(params: dict[str, str], n: int) -> list[tuple[str, ...]]:
    """Per mobile, the undocumented parameters as ``name=value``: one value each when a
    parameter has as many comma-separated values as there are mobiles, else the whole value."""
    out: list[list[str]] = [[] for _ in range(n)]
    for key, value in params.items():
        if key in _PUSH_FIELDS:
            continue
        values = value.split(",")
        for i in range(n):
            out[i].append(f"{key}={values[i] if len(values) == n else value}")
    return [tuple(e) for e in out]


def _delivered(word: str) -> bool | None:
    w = word.strip().upper()
    if not w:
        return None
    return w == "DELIVRD"


def _error_code(word: str) -> str | None:
    w = word.strip()
    if not w or w.upper() == "DELIVRD":
        return None
    return "REJECT" if w.upper() == "REJECT" else w
