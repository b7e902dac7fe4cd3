"""The one small interface every gateway family implements, and its result model.

A family module (``ipyy``, ``qxt``, ``jsm``, ``txt112088``) subclasses :class:`Gateway`, declares
its :class:`Capabilities`, and turns the interface calls into the vendor's HTTP requests. The
engine and the UI ask the gateway (``gw.capabilities``) instead of hard-coding a family.

Outcomes per recipient:

* **accepted**: the gateway took it, with the gateway's id;
* **rejected**: the gateway refused it with a code its document lists (certain: nothing was
  sent to that number), with the vendor's own text and a clear Chinese and English explanation;
* **unknown**: the request went out and no usable reply came back (timeout, dropped connection,
  HTTP 5xx, a reply that could not be understood, or a code the document does not list, shown
  with the vendor's own text). Never resent automatically.

Return codes mean different things per operation (txt112088 ``-3`` is "refused words" for a send
and "busy" for a query), so every family declares one code table per :class:`Operation` in
:attr:`Gateway.code_tables`, and :meth:`Gateway.code_info` looks a code up in the table of the
operation at hand only. A code missing from that table is *unlisted* (``CodeInfo.listed`` is
False): it never makes a certain refusal, and its message speaks of that operation.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, overload

from .. import charsets, segments
from ..errors import InputError, NotSentError, OutcomeUnknownError, ProtocolError
from ..textsafe import printable, quoted, readable
from ..vendortime import parse_vendor_time as parse_vendor_time  # its former home
from .http import HttpRejectedError, RawReply, Transport
from .urls import join_endpoint

log = logging.getLogger(__name__)
VENDOR_TEXT_LIMIT = 500  # characters of an unrecognised reply kept as its vendor text


class Outcome(enum.StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


# Characters per message where the vendor documents no cap (ipyy, qxt): a runaway merge cell must
# not go out as hundreds of parts. An account may set its own cap (option ``max_length``).
DEFAULT_MAX_LENGTH = 500
MAX_LENGTH_OPTION = "max_length"


class Operation(enum.StrEnum):
    """The gateway operations, each with its own code table."""

    SEND = "send"
    BALANCE = "balance"
    REPORTS = "reports"
    REPLIES = "replies"


class PasswordHash(enum.StrEnum):
    NONE = "none"
    MD5 = "md5"  # 32 lowercase hex digits
    MD5_UPPER = "MD5"  # 32 uppercase hex digits

    def apply(self, password: str) -> str:
        if self is PasswordHash.NONE:
            return password
        digest = hashlib.md5(password.encode("utf-8")).hexdigest()
        return digest if self is PasswordHash.MD5 else digest.upper()


# The account option that sets how many records a full page of a kind holds, for a host that
# serves smaller pages than its document says: ``page_size_reports``, ``page_size_replies``.
PAGE_SIZE_OPTION = "page_size_{kind}"


@dataclass(frozen=True)
class Paging:
    """How a pulling family hands out its delivery reports and replies, page by page.

    A pull returns at most one *page*; when the gateway hands each record out **once**, the next
    pull brings the next page, so a sync pulls again while a page comes back full, up to
    ``max_pages`` pulls of a kind (the vendor's minimum interval between pulls still applies).
    """

    reports: int | None = None  # records in a full page of reports; None: the document names none
    replies: int | None = None  # the same for replies
    once: bool = False  # each record is handed out once: a pull after a full page brings the next
    max_pages: int = 1  # pulls of one kind in one sync, at most

    def size(self, kind: str) -> int | None:
        """Records a full page of ``kind`` holds as documented (None: not documented)."""
        return self.reports if kind == "reports" else self.replies


@dataclass(frozen=True)
class AccountField:
    """A setting of the family's own beyond user name and password, as its document names it.

    ``key`` is the account attribute that holds it (``userid``, ``verycode``). A ``required``
    field must be given when the account is added or edited (a ``secret`` one, kept in the
    keyring, may stay as stored when an edit leaves it empty).
    """

    key: str
    zh: str  # the vendor document's name, in the user's words
    en: str
    required: bool = False
    secret: bool = False


class MissingFieldError(InputError):
    """An account lacks a field its family requires (:attr:`field`: the account attribute)."""

    def __init__(self, family: str, field: AccountField) -> None:
        self.family = family
        self.field = field
        super().__init__(
            f"{family} 账户必须填写{field.zh}。 / A {family} account needs its {field.en}."
        )


@dataclass(frozen=True)
class Capabilities:
    family: str
    display_name: str
    max_recipients: int  # per request; the default batch limit
    max_length: int | None  # characters per message, signature included; None = no documented cap
    charsets: tuple[str, ...]  # canonical names the family can send in
    default_charset: str
    schedule_format: str | None  # strftime format of the gateway's own schedule parameter
    templates: bool
    push: bool  # reports and replies are pushed by the vendor (True) or pulled (False)
    min_poll_interval: float  # seconds between pulls the vendor allows (0 = no rule)
    landlines: bool  # accepts landline numbers with area code
    password_hash_default: PasswordHash
    batch_limit_configurable: bool = False
    splits_long_text: bool = False  # gateway splits long text itself when asked (qxt addseqno)
    extno_digits: int = 0  # most digits of an extension number; 0 = the family takes none
    paging: Paging = Paging()  # pulled reports and replies: page sizes, handed out once, bound
    # characters inside 【】 the family's carriers take for a signature (fewest, most): the
    # compliance guard warns outside it (see core/guard)
    signature_chars: tuple[int, int] = (2, 12)
    notes: tuple[str, ...] = ()
    # settings of the family's own (ipyy's 企业ID, jsm's veryCode): the one place that says
    # which a family takes and which it requires; the CLI and the account dialog follow it
    account_fields: tuple[AccountField, ...] = ()

    def account_field(self, key: str) -> AccountField | None:
        return next((f for f in self.account_fields if f.key == key), None)

    def check_account_fields(self, values: dict[str, str], stored: Sequence[str] = ()) -> None:
        """Raise MissingFieldError for a required field that is empty (``stored``: secret
        fields the keyring already holds)."""
        for f in self.account_fields:
            if f.required and not values.get(f.key, "").strip() and f.key not in stored:
                raise MissingFieldError(self.family, f)

    @property
    def server_schedule(self) -> bool:
        return self.schedule_format is not None

    def batch_limit(self, batch_size: int | None) -> int:
        """Recipients per request for an account's ``batch_size`` (never above a fixed limit)."""
        if batch_size and batch_size > 0:
            return (
                batch_size
                if self.batch_limit_configurable
                else min(self.max_recipients, batch_size)
            )
        return self.max_recipients

    def length_cap(self, option: object = None) -> int:
        """Characters per message (signature included) for an account's ``max_length`` option.

        The documented cap, or :data:`DEFAULT_MAX_LENGTH` where the vendor documents none; an
        account may lower it (or set its own where none is documented), never raise a documented
        one. Raises InputError for an option that is not a positive whole number.
        """
        if option is None or (isinstance(option, str) and not option.strip()):
            return self.max_length if self.max_length is not None else DEFAULT_MAX_LENGTH
        try:
            value = int(str(option).strip())
        except ValueError:
            value = 0
        if value <= 0:
            raise InputError(
                f"长度上限须为正整数：{option!r} / max_length must be a positive whole number:"
                f" {option!r}"
            )
        if self.max_length is not None and value > self.max_length:
            raise InputError(
                f"{self.display_name} 每条最多 {self.max_length} 字，长度上限不能设为 {value}。"
                f" / {self.family} allows at most {self.max_length} characters; max_length"
                f" cannot be {value}."
            )
        return value

    def check_extno(self, extno: str | None) -> str:
        """The extension number, stripped; InputError when the family's rule refuses it."""
        ext = (extno or "").strip()
        if not ext:
            return ""
        if not self.extno_digits:
            raise InputError(
                "该网关没有扩展号参数，无法指定扩展号。"
                " / This gateway family has no extension-number parameter."
            )
        if not (ext.isascii() and ext.isdigit()) or len(ext) > self.extno_digits:
            raise InputError(
                f"扩展号只能是数字，最多 {self.extno_digits} 位：{ext!r}。"
                f" / The extension number must be digits, at most {self.extno_digits}: {ext!r}."
            )
        return ext


@dataclass
class AccountConfig:
    """Everything needed to talk to one account. The password is handed in, never stored here."""

    family: str
    base_url: str
    username: str
    password: str = field(default="", repr=False)
    userid: str = ""  # ipyy 企业ID
    verycode: str = field(default="", repr=False)  # jsm 通信认证密码, a credential
    charset: str | None = None  # None = the family's default
    password_hash: PasswordHash | None = None  # None = the family's default
    signature: str = ""  # 【公司名】, prepended when the text carries none
    batch_size: int | None = None  # None = the family's limit; never above it
    extno: str = ""  # default extension number (扩展子号)
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    # Family-specific switches, documented by each family module (e.g. jsm "method").
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CodeInfo:
    """A vendor return code with its explanation. ``vendor_text`` is the vendor's own words."""

    code: str
    vendor_text: str
    zh: str
    en: str
    account_level: bool = False  # balance, authentication, locked/disabled account: fail over
    listed: bool = True  # False: the vendor document does not list it (never a certain refusal)


# What an unlisted code means, per operation: (zh, en) with {code} and {text}.
_UNLISTED: dict[Operation, tuple[str, str]] = {
    Operation.SEND: (
        "网关返回了文档未列出的代码 {code}（{text}）：无法确定是否已发出，不会自动重发，"
        "请核对后再决定是否重发。",
        "The gateway returned code {code} ({text}), which its document does not list: whether"
        " the message went out is unknown; it is not resent automatically, check before"
        " sending again.",
    ),
    Operation.BALANCE: (
        "查询余额失败，网关返回了文档未列出的代码 {code}（{text}）。",
        "The balance query failed: the gateway returned code {code} ({text}), which its"
        " document does not list.",
    ),
    Operation.REPORTS: (
        "获取状态报告失败，网关返回了文档未列出的代码 {code}（{text}）。",
        "Fetching delivery reports failed: the gateway returned code {code} ({text}), which"
        " its document does not list.",
    ),
    Operation.REPLIES: (
        "获取回复失败，网关返回了文档未列出的代码 {code}（{text}）。",
        "Fetching replies failed: the gateway returned code {code} ({text}), which its"
        " document does not list.",
    ),
}


def unlisted_code(code: str, vendor_text: str | None, op: Operation) -> CodeInfo:
    """A code (or error text) the vendor document does not list for ``op``: never certain."""
    text = vendor_text or code
    zh, en = _UNLISTED[Operation(op)]
    text_zh, text_en = quoted(text)  # the explanation quotes it readably; CodeInfo keeps it exact
    return CodeInfo(
        code,
        text,
        zh.format(code=code, text=text_zh),
        en.format(code=code, text=text_en),
        listed=False,
    )


# A documented failure status (ipyy ``Faild``, qxt ``error:``) whose message the document does not
# list, per operation: (zh, en) with {status} and {text}. Certain: the gateway said it failed.
_FAILED: dict[Operation, tuple[str, str]] = {
    Operation.SEND: (
        "网关回复失败（{status}）：{text}。本批短信未发出。",
        "The gateway answered failure ({status}): {text}. The batch was not sent.",
    ),
    Operation.BALANCE: (
        "查询余额失败，网关回复失败（{status}）：{text}。",
        "The balance query failed: the gateway answered failure ({status}): {text}.",
    ),
    Operation.REPORTS: (
        "获取状态报告失败，网关回复失败（{status}）：{text}。",
        "Fetching delivery reports failed: the gateway answered failure ({status}): {text}.",
    ),
    Operation.REPLIES: (
        "获取回复失败，网关回复失败（{status}）：{text}。",
        "Fetching replies failed: the gateway answered failure ({status}): {text}.",
    ),
}


def failure_status(
    status: str, vendor_text: str | None, op: Operation, code: str | None = None
) -> CodeInfo:
    """A documented failure status (ipyy ``Faild``, qxt ``error:``) with a message the document
    does not list (``需要签名``): a certain refusal, explained by the vendor's own text.

    Unlike :func:`unlisted_code` (a *code* whose meaning the document does not give), the status
    itself says the request failed; the message only explains it. Never account-level: the
    message is not one the client understands, so it does not fail over.
    """
    text = (vendor_text or "").strip() or status
    zh, en = _FAILED[Operation(op)]
    return CodeInfo(
        code or status,
        text,
        zh.format(status=status, text=text),
        en.format(status=status, text=text),
    )


def lookup_code(
    table: dict[str, CodeInfo], code: str, vendor_text: str | None, op: Operation
) -> CodeInfo:
    """``code`` in one operation's table (the vendor's own text kept), else an unlisted code."""
    info = table.get(code)
    if info is None:
        return unlisted_code(code, vendor_text, op)
    if vendor_text and vendor_text.strip() not in (info.vendor_text, code):
        return dataclasses.replace(info, vendor_text=vendor_text.strip())
    return info


@dataclass
class RecipientResult:
    phone: str
    outcome: Outcome
    gateway_id: str | None = None
    code: str | None = None
    vendor_text: str | None = None
    message_zh: str | None = None
    message_en: str | None = None

    @classmethod
    def rejected(cls, phone: str, info: CodeInfo) -> RecipientResult:
        """A refusal of one number, explained by the vendor's code.

        Certain (REJECTED) only when the code is listed; an unlisted code is UNKNOWN.
        """
        return cls(
            phone,
            Outcome.REJECTED if info.listed else Outcome.UNKNOWN,
            code=info.code,
            vendor_text=info.vendor_text,
            message_zh=info.zh,
            message_en=info.en,
        )

    @property
    def message(self) -> str:
        parts = [p for p in (self.message_zh, self.message_en) if p]
        # the vendor's words beside ours when they read as text (bytes stay in vendor_text)
        if self.vendor_text and self.vendor_text not in parts and readable(self.vendor_text):
            parts.append(f"[{self.vendor_text}]")
        return " / ".join(parts)


class SameForAll(Sequence[RecipientResult]):
    """One outcome for every recipient of a batch (a reply that accepts the whole batch under
    one id), each recipient's result made only when asked: the journal writes such an outcome
    per batch, with no Python work per recipient."""

    __slots__ = ("outcome", "phones")

    def __init__(self, phones: Sequence[str], outcome: RecipientResult) -> None:
        self.phones = phones
        self.outcome = outcome  # its ``phone`` is not used

    def __len__(self) -> int:
        return len(self.phones)

    @overload
    def __getitem__(self, i: int) -> RecipientResult: ...
    @overload
    def __getitem__(self, i: slice) -> list[RecipientResult]: ...
    def __getitem__(self, i: int | slice) -> RecipientResult | list[RecipientResult]:
        if isinstance(i, slice):
            return [dataclasses.replace(self.outcome, phone=p) for p in self.phones[i]]
        return dataclasses.replace(self.outcome, phone=self.phones[i])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"SameForAll({len(self.phones)} × {self.outcome!r})"


@dataclass
class SendResult:
    """The outcome of one request (one batch)."""

    results: Sequence[RecipientResult]  # one per recipient, in the batch's order
    raw: RawReply | None = None
    batch_id: str | None = None  # the gateway's task/batch id where it gives one
    code: CodeInfo | None = None  # batch-level code when the whole batch was rejected
    charged: float | None = None  # remaining balance reported by the gateway, if any
    pay_type: str | None = None  # PREPAID / POSTPAID when the reply shows it (ipyy remainpoint)

    @property
    def account_level_failure(self) -> bool:
        return self.code is not None and self.code.listed and self.code.account_level

    @property
    def same_for_all(self) -> RecipientResult | None:
        """The one outcome of every recipient, when the reply gave the whole batch one."""
        return self.results.outcome if isinstance(self.results, SameForAll) else None

    def count(self, outcome: Outcome) -> int:
        if (whole := self.same_for_all) is not None:
            return len(self.results) if whole.outcome is outcome else 0
        return sum(1 for r in self.results if r.outcome is outcome)

    @classmethod
    def accepted(
        cls, phones: Sequence[str], gateway_id: str | None, raw: RawReply | None, **kw: Any
    ) -> SendResult:
        """The whole batch accepted under one id (see :class:`SameForAll`)."""
        whole = RecipientResult("", Outcome.ACCEPTED, gateway_id=gateway_id)
        return cls(SameForAll(phones, whole), raw=raw, **kw)

    @classmethod
    def rejected(cls, phones: Sequence[str], info: CodeInfo, raw: RawReply | None) -> SendResult:
        """The whole batch refused with one code (batch-level: ``code`` is set).

        An unlisted code leaves every recipient UNKNOWN (see :meth:`RecipientResult.rejected`).
        """
        return cls([RecipientResult.rejected(p, info) for p in phones], raw=raw, code=info)


# How an account pays, as the gateway reports it (ipyy ``<payinfo>`` 预付费 / 后付费).
PREPAID = "prepaid"
POSTPAID = "postpaid"  # billed afterwards: no messages-left figure, nothing to run out of


@dataclass
class Balance:
    """A balance query's answer. A postpaid account (``pay_type`` POSTPAID) has no
    messages-left figure to warn about: ``messages`` is only the gateway's figure when it gave
    one that can be (not empty, not negative), else None, and the query is still ``ok``."""

    messages: float | None  # messages that can still be sent, in the family's unit, converted
    raw: str
    details: dict[str, Any] = field(default_factory=dict)
    code: CodeInfo | None = None  # set when the query failed
    pay_type: str | None = None  # PREPAID / POSTPAID when the gateway says; None: not said

    @property
    def postpaid(self) -> bool:
        return self.pay_type == POSTPAID

    @property
    def ok(self) -> bool:
        return self.code is None and (self.messages is not None or self.postpaid)


@dataclass
class DeliveryReport:
    phone: str
    gateway_id: str | None  # the id the send returned (taskID / msgid / SMSID / mid)
    status: str  # the vendor's status word as received (DELIVRD, 10, MA:0006 …)
    delivered: bool | None  # True delivered, False undelivered, None unknown/pending
    time: datetime | None = None
    extno: str | None = None
    error_code: str | None = None
    # What the record carried beyond its known fields (a host's appended time, other values),
    # as received, in order: kept, never in the way of the known fields
    extra: tuple[str, ...] = ()


@dataclass
class Reply:
    phone: str
    content: str
    time: datetime | None = None
    gateway_id: str | None = None  # the vendor's id of the reply or the related task
    extno: str | None = None  # sub-number / receive code the reply was sent to
    extra: tuple[str, ...] = ()  # beyond the known fields, as received (see DeliveryReport)


@dataclass
class Template:
    """A gateway-side template (jsm ``msgtype=2``): its id and the values of its variables."""

    template_id: str
    values: Sequence[str]


@dataclass
class QueryResult:
    """Items parsed from one pull, plus the raw reply and the vendor's code when the pull failed."""

    items: list[Any]
    raw: RawReply | None
    code: CodeInfo | None = None  # an error reply (authentication …); "nothing new" is not an error
    unparsed: list[str] = field(default_factory=list)  # raw text of records that did not parse
    # records the page held as the gateway counted them (a record skipped or kept raw included);
    # None: the items and the unparsed records are all of them
    records: int | None = None

    @property
    def page_records(self) -> int:
        """How many records this pull returned: what decides whether the page was full."""
        if self.records is not None:
            return max(self.records, len(self.items) + len(self.unparsed))
        return len(self.items) + len(self.unparsed)


def first_balanced(n: int, limit: int) -> int:
    """The size of the first batch of :func:`balanced_batches` over ``n`` items (the largest):
    what the send's runner cuts while it still reads the queue."""
    return -(-n // -(-n // max(1, limit))) if n > 0 else 0


def balanced_batches(items: Sequence[str], limit: int) -> list[list[str]]:
    """``items`` in order, in ``ceil(n / limit)`` batches whose sizes differ by at most one."""
    n = len(items)
    if n == 0:
        return []
    count = -(-n // max(1, limit))
    size, extra = divmod(n, count)
    out: list[list[str]] = []
    start = 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return out


def positive_option(name: str, value: object) -> int:
    """An account option that must be a positive whole number; InputError otherwise."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or int(text) <= 0:
        raise InputError(
            f"{name} 必须是正整数：{text!r}。 / {name} must be a positive whole number: {text!r}."
        )
    return int(text)


# What a delivery report's status word means, in the carriers' own vocabulary: the final status of
# the carrier's message centre (the ``Stat`` of the CMPP and SMPP protocols), which the families
# pass on as received (ipyy's ``errorcode``, jsm's ``status``, a qxt ``msg``). (Chinese, English).
# A family adds the values its own document defines (:attr:`Gateway.report_codes`); any other
# code (``MK:0001``, ``DB:0141`` …) is the upstream carrier's and has no explanation here.
CARRIER_REPORT_CODES: dict[str, tuple[str, str]] = {
    "DELIVRD": ("已送达手机", "delivered to the phone"),
    "UNDELIV": ("无法投递", "undeliverable"),
    "EXPIRED": ("有效期内未能送达", "not delivered within its validity period"),
    "DELETED": ("已被运营商删除", "deleted by the carrier"),
    "REJECTD": ("被运营商拒绝", "rejected by the carrier"),
    "UNKNOWN": ("运营商状态未知", "status unknown to the carrier"),
    "ACCEPTD": ("运营商已接收", "accepted by the carrier"),
}


RawSink = Callable[[str, RawReply], None]
"""Called with (kind, raw reply) before a pulled body is parsed, so it can be stored first."""


class Gateway:
    """Base class of the four family clients."""

    capabilities: ClassVar[Capabilities]
    codes: ClassVar[dict[str, CodeInfo]] = {}  # the send table (shown by the UI)
    # One table per operation; an operation missing here has no listed codes (send: ``codes``).
    code_tables: ClassVar[dict[Operation, dict[str, CodeInfo]]] = {}
    # A delivery report's status values the family's document defines: (Chinese, English).
    report_codes: ClassVar[dict[str, tuple[str, str]]] = {}
    default_path: ClassVar[str] = ""  # added when the base URL is only host and port

    def __init__(self, account: AccountConfig, transport: Transport | None = None) -> None:
        self.account = account
        self.transport = transport or Transport(
            connect_timeout=account.connect_timeout, read_timeout=account.read_timeout
        )

    # ---- derived settings -------------------------------------------------------------------
    @property
    def charset(self) -> str:
        cs = charsets.canonical(self.account.charset or self.capabilities.default_charset)
        return cs

    @property
    def password(self) -> str:
        scheme = self.account.password_hash or self.capabilities.password_hash_default
        return PasswordHash(scheme).apply(self.account.password)

    @property
    def batch_limit(self) -> int:
        return self.capabilities.batch_limit(self.account.batch_size)

    def page_size(self, kind: str) -> int | None:
        """Records a full page of ``kind`` (reports, replies) holds: the account option
        ``page_size_<kind>`` (a host serving smaller pages than its document says), else the
        family's documented size; None when the document names none.

        Raises InputError for an option that is not a positive whole number.
        """
        option = self.account.options.get(PAGE_SIZE_OPTION.format(kind=kind))
        if option is not None and str(option).strip():
            return positive_option(PAGE_SIZE_OPTION.format(kind=kind), option)
        return self.capabilities.paging.size(kind)

    @property
    def max_length(self) -> int:
        """Characters per message, signature included (see :meth:`Capabilities.length_cap`)."""
        return self.capabilities.length_cap(self.account.options.get(MAX_LENGTH_OPTION))

    def url(self, endpoint: str) -> str:
        return join_endpoint(
            self.account.base_url, endpoint, self.endpoint_names(), self.default_path
        )

    @classmethod
    def endpoint_names(cls) -> tuple[str, ...]:
        """The endpoint names a pasted URL may already end with (stripped before joining)."""
        return ()

    # ---- checks before anything is sent -----------------------------------------------------
    def final_text(self, text: str) -> str:
        return segments.with_signature(text, self.account.signature)

    def validate_text(self, text: str) -> str:
        """Return the text as it will be sent, or raise InputError without sending anything."""
        final = self.final_text(text)
        if not final.strip():
            raise InputError("短信内容为空。 / The message text is empty.")
        charsets.ensure_encodable(final, self.charset)
        limit = self.max_length
        if segments.char_count(final) > limit:
            raise InputError(
                f"内容共 {segments.char_count(final)} 字（含签名），超过该通道上限 {limit} 字。"
                f" / The text is {segments.char_count(final)} characters with its signature,"
                f" above this gateway's limit of {limit}."
            )
        return final

    @property
    def sizes_each_request(self) -> bool:
        """Whether :meth:`request_limit` and :meth:`validate_text` look at the encoded request
        (txt112088 by GET), so that an estimate must ask them for each distinct text."""
        return False

    def request_limit(self, phones: Sequence[str], text: str = "") -> int:
        """Numbers one request of ``text`` to ``phones`` may carry (at least 1).

        The account's batch limit; a family whose requests have a size limit (txt112088 by
        GET) lowers it.
        """
        return self.batch_limit

    def batches(self, phones: Sequence[str], text: str = "") -> list[list[str]]:
        """``phones`` cut into requests of one text: as few as the limit allows, balanced.

        1,005 numbers at a limit of 1,000 go as 503 + 502, not 1,000 + 5: the same number of
        requests, and no tiny last batch (qxt error 8 refuses fewer than 10 on some accounts).
        The send's runner cuts a large job with the same rule as it reads it
        (:func:`first_balanced`), so a family changes its batches through
        :meth:`request_limit`, not by overriding this.
        """
        return balanced_batches(phones, self.request_limit(phones, text))

    def alternatives(self, failure: CodeInfo) -> list[dict[str, str]]:
        """Account option sets the connection test tries when the account's settings fail with
        ``failure`` (txt112088: GET after a POST refused as a login failure). None by default."""
        return []

    def effective_options(self) -> dict[str, str]:
        """The account options this client runs with that the connection test confirms and
        stores (txt112088: ``method``). None by default."""
        return {}

    # ---- operations -------------------------------------------------------------------------
    def send(
        self,
        phones: Sequence[str],
        text: str,
        *,
        send_at: datetime | None = None,
        extno: str | None = None,
        template: Template | None = None,
    ) -> SendResult:
        """Send one batch (at most ``batch_limit`` numbers) and classify every recipient.

        Raises InputError (nothing sent) for bad input, NotSentError when the request certainly
        never left. Any other failure after the request left yields UNKNOWN outcomes.
        """
        raise NotImplementedError

    def balance(self) -> Balance:
        raise NotImplementedError

    def fetch_reports(self, sink: RawSink | None = None) -> QueryResult:
        raise NotImplementedError(f"{self.capabilities.family}: reports are pushed, not pulled")

    def fetch_replies(self, sink: RawSink | None = None) -> QueryResult:
        raise NotImplementedError(f"{self.capabilities.family}: replies are pushed, not pulled")

    def parse_reports(self, raw: RawReply) -> QueryResult:
        raise NotImplementedError

    def parse_replies(self, raw: RawReply) -> QueryResult:
        raise NotImplementedError

    def parse_push(self, params: dict[str, str]) -> tuple[list[DeliveryReport], list[Reply]]:
        raise NotImplementedError(f"{self.capabilities.family}: no push interface")

    # ---- helpers for subclasses -------------------------------------------------------------
    def _check_batch(self, phones: Sequence[str], template: Template | None = None) -> None:
        """Checks every family makes before a send: recipients, batch size, templates."""
        if template is not None and not self.capabilities.templates:
            raise InputError(
                "该网关不支持模板短信。 / This gateway family does not support templates."
            )
        if not phones:
            raise InputError("没有接收号码。 / No recipients.")
        if len(phones) > self.batch_limit:
            raise InputError(
                f"一次最多 {self.batch_limit} 个号码，收到 {len(phones)} 个。"
                f" / At most {self.batch_limit} numbers per request, got {len(phones)}."
            )

    def _pull(self, kind: str, raw: RawReply, sink: RawSink | None) -> RawReply:
        if sink is not None:
            sink(kind, raw)
        return raw

    @classmethod
    def code_table(cls, op: Operation = Operation.SEND) -> dict[str, CodeInfo]:
        """The codes the vendor document lists for one operation."""
        table = cls.code_tables.get(Operation(op))
        if table is None:
            return cls.codes if op == Operation.SEND else {}
        return table

    @classmethod
    def report_code(cls, code: str) -> tuple[str, str] | None:
        """What a delivery report's status or error code means, (Chinese, English): the value
        the family's document defines, else the carriers' own word
        (:data:`CARRIER_REPORT_CODES`); None when neither explains it."""
        key = (code or "").strip()
        return cls.report_codes.get(key) or CARRIER_REPORT_CODES.get(key.upper())

    def code_info(
        self, code: str, vendor_text: str | None = None, op: Operation = Operation.SEND
    ) -> CodeInfo:
        """The listed meaning of ``code`` for operation ``op``, else an unlisted code."""
        return lookup_code(self.code_table(op), code, vendor_text, Operation(op))

    @staticmethod
    def unknown_results(
        phones: Sequence[str], why_zh: str, why_en: str, vendor_text: str | None = None
    ) -> list[RecipientResult]:
        return [
            RecipientResult(
                p, Outcome.UNKNOWN, vendor_text=vendor_text, message_zh=why_zh, message_en=why_en
            )
            for p in phones
        ]

    def unrecognised(self, phones: Sequence[str], raw: RawReply) -> SendResult:
        """A reply that could not be understood: kept raw, reported as unknown, never success.

        The explanation quotes the reply when it reads as text; bytes that do not (garbage,
        another charset) are summarised by their size: the raw body is stored with the batch
        and its escaped start goes to the log.
        """
        text = raw.text.strip()
        n = len(raw.body)
        # no family answers in UTF-16: a NUL byte means binary, however it decoded
        text_like = b"\x00" not in raw.body and readable(text)
        # the reply quoted, "空回复" when there is none, or its size when it is bytes
        shown_zh, shown_en = quoted(text, nbytes=0) if text_like else quoted("", nbytes=n)
        log.warning(
            "%s: unrecognised reply (%d bytes): %s",
            self.capabilities.family,
            n,
            printable(text, 200) if text_like else "hex " + raw.body[:64].hex(" "),
        )
        return SendResult(
            results=self.unknown_results(
                phones,
                f"网关回复无法识别（可能已发出，请核对后再决定是否重发）：{shown_zh}",
                f"Unrecognised gateway reply (the message may have gone out): {shown_en}",
                vendor_text=text[:VENDOR_TEXT_LIMIT] or None,  # its own words, exact
            ),
            raw=raw,
        )

    def post_send(
        self,
        url: str,
        params: dict[str, str],
        phones: Sequence[str],
        charset: str | None = None,
        *,
        get: bool = False,
    ) -> tuple[RawReply | None, SendResult | None]:
        """POST (or, with ``get``, GET) a send request.

        Returns (raw, None) on a reply, or (None, unknown result). NotSentError propagates: it is
        certain nothing was sent, and the engine may retry it.
        """
        try:
            if get:
                raw = self.transport.get(url, params, charset or self.charset)
            else:
                raw = self.transport.post_form(url, params, charset or self.charset, self.charset)
        except NotSentError:
            raise
        except HttpRejectedError as exc:
            return exc.raw, SendResult.rejected(phones, http_refusal(exc), exc.raw)
        except OutcomeUnknownError as exc:
            return None, SendResult(
                results=self.unknown_results(
                    phones,
                    f"请求已发出但没有收到有效回复（{exc}），结果未知，不会自动重发。",
                    f"The request went out and no usable reply came back ({exc});"
                    " outcome unknown, not resent automatically.",
                ),
                raw=getattr(exc, "raw", None),
            )
        return raw, None


def http_refusal(exc: HttpRejectedError) -> CodeInfo:
    """An HTTP 4xx from the gateway host: a certain, account-level refusal of the request."""
    return CodeInfo(
        f"HTTP {exc.status}",
        exc.raw.text[:200],
        f"网关拒绝了请求（HTTP {exc.status}），请检查网关地址。",
        f"The gateway refused the request (HTTP {exc.status}); check the gateway URL.",
        account_level=True,
    )


def is_empty_body(raw: RawReply) -> bool:
    """A reply with nothing in it but whitespace (and a byte-order mark)."""
    return not raw.body.removeprefix(b"\xef\xbb\xbf").strip()


def query_parser(family: str) -> Callable[..., Any]:
    """Decorator of ``parse_reports``/``parse_replies``: :func:`parse_guard`, and an empty body
    is "nothing new" (ipyy, jsm and txt112088 hosts all answer so), never an error."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        guarded = parse_guard(family)(fn)

        def wrapper(self: Any, raw: RawReply, *args: Any, **kwargs: Any) -> Any:
            if is_empty_body(raw):
                return QueryResult([], raw)
            return guarded(self, raw, *args, **kwargs)

        wrapper.__name__ = fn.__name__
        wrapper.__doc__ = fn.__doc__
        return wrapper

    return deco


def parse_guard(family: str) -> Callable[..., Any]:
    """Decorator: any exception a parser raises becomes a ProtocolError (typed, with the raw)."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except ProtocolError:
                raise
            except Exception as exc:  # parsers must only raise ProtocolError
                raw = next((a for a in args if isinstance(a, RawReply | bytes | str)), None)
                raise ProtocolError(f"{family}: unreadable reply ({exc!r})", raw=raw) from exc

        wrapper.__name__ = fn.__name__
        wrapper.__doc__ = fn.__doc__
        return wrapper

    return deco
