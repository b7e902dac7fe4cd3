"""Data kept by the gateway simulator: accounts, messages, reports, replies, faults, request log.

Standard library only. Nothing here is shared with the client code.
"""

from __future__ import annotations

import hashlib
import math
import re
import time as _time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

FAMILIES = ("ipyy", "qxt", "jsm", "txt112088")

FAULT_KINDS = (
    "latency",
    "hang",
    "http500",
    "drop",
    "garbage",
    "wrong_charset",
    "vendor_error",
    "hang_after",  # processed (accepted, charged), then never answers
    "drop_after",  # processed, then the connection is closed with no reply
    "reply",  # answers the given body (a reseller's undocumented code), nothing processed
    "empty",  # HTTP 200 with an empty body (some hosts' "nothing new"); nothing is processed
    "http502",  # a reverse proxy's 502 Bad Gateway page; nothing is processed
    "html",  # HTTP 200 with an HTML page (a portal or error page); nothing is processed
    "redirect",  # HTTP 302 to an error page (ASP.NET customErrors); nothing is processed
    "xml_bomb",  # HTTP 200, a "billion laughs" document in the family's reply shape
    "xxe",  # HTTP 200, a reply whose status is an external entity (a URL at the simulator)
    "huge",  # HTTP 200, `size` bytes (default 50 MiB) with no Content-Length, then close
    "reset",  # processed, then half the reply is written and the connection reset (RST)
    "short",  # processed, then the reply is written under a Content-Length 1000 bytes larger
)

# Bytes a "huge" fault writes unless set_fault(size=...) says otherwise.
HUGE_BODY_BYTES = 50 * 1024 * 1024
# The path an "xxe" reply's external entity points to (logged like any request if fetched).
XXE_PROBE_PATH = "/xxe-probe.dtd"

# Records one report or reply query hands out at most, per family and kind, as the vendor
# documents it: txt112088 "最大返回 100 条" reports and 50 replies; ipyy statusApi's statusNum
# default 4000 (a statusNum sent in the request wins), and callApi, which names none, the same;
# jsm names none: the whole current day's backlog in one answer (None).
DEFAULT_PAGE_SIZES: dict[str, dict[str, int | None]] = {
    "ipyy": {"reports": 4000, "replies": 4000},
    "jsm": {"reports": None, "replies": None},
    "txt112088": {"reports": 100, "replies": 50},
}
PAGE_KINDS = ("reports", "replies")

# Default number of recipients a family accepts in one request.
DEFAULT_MAX_RECIPIENTS = {"ipyy": 1000, "qxt": 1000, "jsm": 100, "txt112088": 100}


def segments(text: str) -> int:
    """Billing parts of one text: 70 characters or fewer is 1, longer is billed at 67 a part."""
    n = len(text)
    if n <= 70:
        return 1
    return math.ceil(n / 67)


def md5_hex(text: str, upper: bool = False) -> str:
    digest = hashlib.md5(text.encode("utf-8")).hexdigest()
    return digest.upper() if upper else digest


# The gateways' clocks are Beijing time (UTC+8, no daylight saving since 1991).
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
_BEIJING_NAMES = {"asia/shanghai", "asia/chongqing", "asia/harbin", "prc", "beijing", "cst-8"}
_OFFSET_RE = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.I)


def gateway_zone(spec: Any) -> tzinfo | None:
    """The time zone of a gateway's clock from a setting: ``"Asia/Shanghai"`` (the default),
    any IANA name, an offset (``"+08:00"``, ``"UTC-5"``, a number of hours), or ``"local"``
    (None: the machine's own zone). ValueError for anything else."""
    if spec is None or (isinstance(spec, str) and spec.strip().lower() == "local"):
        return None
    if isinstance(spec, (int, float)) and not isinstance(spec, bool):
        return timezone(timedelta(hours=float(spec)))
    text = str(spec).strip()
    if text.lower() in _BEIJING_NAMES:
        return BEIJING
    m = _OFFSET_RE.match(text)
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(text)
    except (ImportError, ValueError, LookupError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise ValueError(f"unknown time zone for the gateway's clock: {spec!r}") from exc


def wall_clock(ts: float, zone: tzinfo | None) -> datetime:
    """The gateway's wall-clock time (naive) at epoch ``ts``."""
    return datetime.fromtimestamp(ts, zone).replace(tzinfo=None)


def fmt_dt(ts: float, zone: tzinfo | None = BEIJING, sep: str = " ") -> str:
    """Epoch ``ts`` as the gateway prints it, in its clock's zone."""
    return wall_clock(ts, zone).strftime(f"%Y-%m-%d{sep}%H:%M:%S")


def from_wall_clock(value: datetime, zone: tzinfo | None) -> float:
    """Epoch seconds of a wall-clock time read in ``zone`` (an aware ``value`` is exact)."""
    if value.tzinfo is None and zone is not None:
        value = value.replace(tzinfo=zone)
    return value.timestamp()


def parse_time_value(value: Any, now: float, zone: tzinfo | None = BEIJING) -> float:
    """Accept None (now), an epoch float, a datetime (naive: the machine's local time, Python's
    own rule; aware: exact) or a text ``'YYYY-MM-DD HH:MM:SS'`` / 14 digits, read as the
    gateway prints it: in its clock's ``zone``."""
    if value is None or value == "":
        return now
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime):
        return value.timestamp()
    s = str(value).strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y%m%d%H%M%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M:%S"):
        try:
            return from_wall_clock(datetime.strptime(s, fmt), zone)
        except ValueError:
            continue
    raise ValueError(f"unrecognised time: {value!r}")


@dataclass
class SentMessage:
    """One accepted message for one recipient."""

    family: str
    phone: str
    text: str
    gateway_id: str  # ipyy taskID, qxt mid, jsm msgid, txt112088 SMSID
    send_time: float | None  # scheduled time (epoch seconds) or None for immediate
    extno: str
    segments: int
    charged: int
    accepted_at: float
    outcome: str = (
        ""  # filled when the report is decided: "ok", "fail", "unknown", "reject", "nomoney"
    )
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    family: str
    username: str
    gateway_id: str
    phone: str
    extno: str
    outcome: str  # "ok" | "fail" | "unknown" | "reject" | "nomoney"
    due: float
    fetched: bool = False


@dataclass
class Reply:
    family: str
    username: str
    reply_id: str
    phone: str
    content: str
    time: float
    extno: str
    gateway_id: str  # the taskid / msgid of the last message to that phone, or ""
    area: str = ""
    city: str = ""
    due: float = 0.0
    fetched: bool = False


@dataclass
class Account:
    family: str
    username: str
    password: str
    balance: int = 1000
    userid: str = "1"
    verycode: str = ""
    charset: str | None = None
    allow_reports: bool = True
    disabled: bool = False
    # ipyy reseller variant: "none" (plain), "md5" (lowercase hex), "MD5" (uppercase hex)
    password_hash: str = "none"
    max_recipients: int | None = None
    min_recipients: int = 0  # qxt error 8 ("提交数小于10") for accounts that require a minimum
    sp_number: str = "1069000012345"  # the channel's own number; extno is appended to it
    mms_balance: int = 0  # qxt surplus reports mms:M
    payinfo: str = "预付费"  # ipyy: "后付费" makes the account postpaid (see ``postpaid``)
    # ipyy: False leaves <overage> and <remainpoint> empty (as some postpaid hosts do)
    show_overage: bool = True
    allowed_ips: list[str] | None = None  # jsm 109
    interface_enabled: bool = True  # jsm 117
    jsm_signs: int = 1  # number of signatures registered (jsm signtag)
    recharged: int = 0  # ipyy sendTotal
    sent: list[SentMessage] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    templates: dict[str, str] = field(default_factory=dict)  # jsm tempid -> text with @1@

    def __post_init__(self) -> None:
        if not self.recharged:
            self.recharged = self.balance
        if self.max_recipients is None:
            self.max_recipients = DEFAULT_MAX_RECIPIENTS.get(self.family, 1000)

    @property
    def postpaid(self) -> bool:
        """ipyy ``payinfo`` 后付费: billed afterwards, never refused for its balance, which
        goes below zero (``<overage>-7908770</overage>``)."""
        return "后付费" in self.payinfo

    def password_ok(self, given: str) -> bool:
        """Check the password as the family expects it to arrive."""
        if self.family == "qxt":
            return given == md5_hex(self.password)
        if self.family == "ipyy":
            if self.password_hash == "md5":
                return given == md5_hex(self.password)
            if self.password_hash == "MD5":
                return given == md5_hex(self.password, upper=True)
        return given == self.password

    def to_json(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "username": self.username,
            "password": self.password,
            "balance": self.balance,
            "userid": self.userid,
            "verycode": self.verycode,
            "charset": self.charset,
            "allow_reports": self.allow_reports,
            "disabled": self.disabled,
            "password_hash": self.password_hash,
            "max_recipients": self.max_recipients,
            "payinfo": self.payinfo,
            "show_overage": self.show_overage,
            "sent": [
                {
                    "phone": m.phone,
                    "text": m.text,
                    "gateway_id": m.gateway_id,
                    "send_time": m.send_time,
                    "extno": m.extno,
                    "segments": m.segments,
                    "charged": m.charged,
                    "outcome": m.outcome,
                }
                for m in self.sent
            ],
            "pending_reports": sum(1 for r in self.reports if not r.fetched),
            "pending_replies": sum(1 for r in self.replies if not r.fetched),
        }


@dataclass
class Fault:
    family: str
    kind: str
    count: int | None = None
    seconds: float = 0.0
    endpoint: str | None = None
    body: str = ""  # the text a "reply" fault answers
    size: int = 0  # bytes a "huge" fault writes (0 = HUGE_BODY_BYTES)

    def matches(self, family: str, endpoint: str) -> bool:
        if self.family != family:
            return False
        return self.endpoint is None or self.endpoint.lower() == endpoint.lower()


@dataclass
class LoggedRequest:
    family: str | None
    endpoint: str
    method: str
    path: str
    query: str
    body: bytes
    headers: dict[str, str]
    params: dict[str, str]
    time: float
    client: str = ""
    fault: str | None = None
    status: int | None = None
    response: bytes | None = None
    sent_bytes: int = 0  # body bytes written ("huge": how many before the client hung up)

    def to_json(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "endpoint": self.endpoint,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "body_latin1": self.body.decode("latin-1"),
            "body_hex": self.body.hex(),
            "headers": self.headers,
            "params": self.params,
            "time": self.time,
            "fault": self.fault,
            "status": self.status,
            "response_hex": None if self.response is None else self.response.hex(),
            "sent_bytes": self.sent_bytes,
        }


@dataclass
class PushItem:
    """A qxt push (type=4 report or type=1 reply) waiting to be delivered to the customer URL."""

    username: str
    type: int  # 4 report, 1 reply
    mid: str
    mobile: str
    msg: str
    port: str
    area: str = ""
    city: str = ""
    due: float = 0.0
    next_try: float = 0.0
    attempts: int = 0


@dataclass
class PushAttempt:
    url: str
    method: str
    params: list[tuple[str, str]]
    raw: bytes  # the query string (GET) or body (POST) as sent
    status: int | None
    response: bytes
    ok: bool
    time: float = field(default_factory=_time.time)


MOBILE_RE = re.compile(r"^1\d{10}$")
LANDLINE_RE = re.compile(r"^0\d{9,11}$")
DIGITS_RE = re.compile(r"^\d+$")


def split_numbers(value: str) -> list[str]:
    return [p.strip() for p in value.replace("，", ",").split(",") if p.strip()]
