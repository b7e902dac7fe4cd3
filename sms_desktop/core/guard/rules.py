"""The guard's pure rules: a job's kind and what suggests marketing, the marketing window in
Beijing time, the frequency caps' arithmetic, the signature check and the opt-out marker.

No database, no network: the store-backed parts (what each number was sent lately, the
settings) are in :mod:`.caps` and :mod:`.settings`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, ClassVar

from .. import segments
from ..errors import InputError
from ..vendortime import from_beijing, to_beijing
from ..wordcheck import find_words

if TYPE_CHECKING:
    from ..accounts import Account
    from ..gateways import Capabilities

__all__ = [
    "DEFAULT_MARKETING_WORDS",
    "DEFAULT_OPTOUT",
    "DEFAULT_WINDOW",
    "OPTOUT_OPTION",
    "WINDOW_OPTION",
    "Caps",
    "JobKind",
    "KindSuggestion",
    "MarketingWindow",
    "SignatureFinding",
    "check_options",
    "check_signature",
    "ends_with_optout",
    "find_links",
    "optout_of",
    "parse_optout",
    "parse_window",
    "suggest_kind",
    "window_of",
    "with_optout",
]


class JobKind:
    """What a job is: every job is one or the other."""

    NOTICE = "notice"  # 通知: an order, a meeting, a bill …
    MARKETING = "marketing"  # 营销: an offer, a sale, an invitation to buy

    ALL = (NOTICE, MARKETING)
    LABELS: ClassVar[dict[str, tuple[str, str]]] = {
        NOTICE: ("通知", "notification"),
        MARKETING: ("营销", "marketing"),
    }

    @staticmethod
    def check(kind: str) -> str:
        k = (kind or "").strip().lower()
        if k not in JobKind.ALL:
            raise InputError(
                f"任务类型须为 notice（通知）或 marketing（营销），不是 {kind!r}。"
                f" / The job kind must be notice or marketing, not {kind!r}."
            )
        return k


# ---- suggesting the kind ------------------------------------------------------------------------
# Words that make a text read as marketing (configurable: settings ``guard.marketing_words``).
DEFAULT_MARKETING_WORDS: tuple[str, ...] = (
    "优惠",
    "折扣",
    "打折",
    "促销",
    "特价",
    "限时",
    "秒杀",
    "抢购",
    "满减",
    "领券",
    "红包",
    "包邮",
    "清仓",
    "大促",
    "团购",
    "低至",
    "免费领",
)

# A link: a scheme or www., or a host name with a common top-level domain (t.cn/xyz, jd.com)
_LINK_RE = re.compile(
    r"(?i)(?:https?://|www\.)[^\s，。；！？、]+"
    r"|(?<![\w@.])(?:[a-z0-9-]+\.)+(?:com|cn|net|org|top|vip|cc|co|io|me|xyz|info|shop|club"
    r"|site|link|ly|gl|tv)(?![a-z0-9-])(?:/[^\s，。；！？、]*)?"
)


def find_links(text: str) -> list[str]:
    """The links in a text, in order (after NFKC: full-width ``ｗｗｗ．`` is a link too)."""
    return [m.group(0) for m in _LINK_RE.finditer(unicodedata.normalize("NFKC", text))]


@dataclass(frozen=True)
class KindSuggestion:
    """What the text suggests: marketing when it holds a link or a listed word."""

    kind: str
    words: tuple[str, ...] = ()
    links: tuple[str, ...] = ()

    @property
    def marketing(self) -> bool:
        return self.kind == JobKind.MARKETING

    def reasons(self) -> tuple[str, str]:
        """Why, in Chinese and in English ("" when nothing suggests marketing)."""
        zh: list[str] = []
        en: list[str] = []
        if self.words:
            zh.append("含“" + "”“".join(self.words) + "”")
            en.append("the words " + ", ".join(self.words))
        if self.links:
            zh.append("含链接 " + self.links[0])
            en.append("the link " + self.links[0])
        return "，".join(zh), " and ".join(en)


def suggest_kind(text: str, words: tuple[str, ...] | list[str]) -> KindSuggestion:
    """Marketing when ``text`` holds a link or one of ``words``, else notification."""
    found = tuple(dict.fromkeys(h.word for h in find_words(text, words)))
    links = tuple(find_links(text))
    kind = JobKind.MARKETING if found or links else JobKind.NOTICE
    return KindSuggestion(kind, found, links)


# ---- the marketing window (Beijing time) --------------------------------------------------------
WINDOW_OPTION = "marketing_window"  # an account option: "08:00-21:00"
DEFAULT_WINDOW = "08:00-21:00"
_WINDOW_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–~至到]\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class MarketingWindow:
    """When marketing may go out, in Beijing wall-clock time: from ``start`` up to, not
    including, ``end`` (``None``: midnight, the end of the day). 08:00–21:00 sends at
    08:00:00 and 20:59:59, not at 07:59:59 nor at 21:00:00."""

    start: time
    end: time | None

    def text(self) -> str:
        end = "24:00" if self.end is None else self.end.strftime("%H:%M")
        return f"{self.start.strftime('%H:%M')}–{end}"

    def value(self) -> str:
        """As an account option stores it: ``08:00-21:00``."""
        return self.text().replace("–", "-")

    @property
    def all_day(self) -> bool:
        return self.start == time(0) and self.end is None

    def is_open_beijing(self, bj: datetime) -> bool:
        """Whether marketing may go out at Beijing wall-clock time ``bj``."""
        t = bj.time()
        return self.start <= t and (self.end is None or t < self.end)

    def is_open(self, local: datetime) -> bool:
        """Whether marketing may go out at the PC's local time ``local``."""
        return self.is_open_beijing(to_beijing(local))

    def opening_after(self, local: datetime) -> datetime | None:
        """None when the window is open at ``local`` (the PC's time); else its next opening,
        as the PC's local time."""
        bj = to_beijing(local)
        if self.is_open_beijing(bj):
            return None
        day = bj.date() if bj.time() < self.start else bj.date() + timedelta(days=1)
        return _local(datetime.combine(day, self.start))

    def closing_after(self, local: datetime) -> datetime | None:
        """When the window open at ``local`` closes, as the PC's local time (None when it is
        closed, or open all day)."""
        bj = to_beijing(local)
        if not self.is_open_beijing(bj) or self.end is None:
            return None
        return _local(datetime.combine(bj.date(), self.end))


def _local(bj: datetime) -> datetime:
    """The PC's local time of a Beijing wall-clock time (the Beijing time itself if the PC cannot
    convert it)."""
    return from_beijing(bj) or bj


def parse_window(value: str | None) -> MarketingWindow:
    """``"08:00-21:00"`` (Beijing time; ``-``, ``–``, ``~``, 至 or 到 between; ``24:00`` for the
    end of the day). None or blank gives the default. Raises InputError for anything else."""
    text = (value or "").strip() or DEFAULT_WINDOW
    m = _WINDOW_RE.match(unicodedata.normalize("NFKC", text))
    bad = InputError(
        f"营销时段应写作 08:00-21:00（北京时间，开始早于结束）：{text!r}"
        f" / The marketing window must read like 08:00-21:00 (Beijing time, start before end):"
        f" {text!r}"
    )
    if not m:
        raise bad
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        raise bad
    start = time(h1, m1)
    end = None if h2 == 24 else time(h2, m2)
    if end is not None and end <= start:
        raise bad
    return MarketingWindow(start, end)


def window_of(account: Account) -> MarketingWindow:
    """The account's marketing window (its option ``marketing_window``, else 08:00–21:00). An
    unusable value stored before it was validated reads as the default (a send never fails on
    it; saving the account refuses it)."""
    try:
        return parse_window(account.options.get(WINDOW_OPTION))
    except InputError:
        return parse_window(None)


def check_options(options: dict[str, str]) -> dict[str, str]:
    """An account's options with the guard's (the window, the opt-out suffix) checked and
    written as stored; InputError names a bad one. The clients call it before saving."""
    out = dict(options)
    if WINDOW_OPTION in out:
        out[WINDOW_OPTION] = parse_window(out[WINDOW_OPTION]).value()
    if OPTOUT_OPTION in out:
        out[OPTOUT_OPTION] = parse_optout(out[OPTOUT_OPTION])
    return out


# ---- frequency caps ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Caps:
    """How many messages one number may get, across every job and account (0: no cap). A day
    is a Beijing calendar day; the week is that day and the six before it."""

    marketing_day: int = 1
    marketing_week: int = 3
    any_day: int = 3

    WEEK_DAYS: ClassVar[int] = 7
    RULES: ClassVar[tuple[str, ...]] = ("marketing_day", "marketing_week", "any_day")
    LABELS: ClassVar[dict[str, tuple[str, str]]] = {
        "marketing_day": ("每天营销 {n} 条", "{n} marketing a day"),
        "marketing_week": ("7 天营销 {n} 条", "{n} marketing in 7 days"),
        "any_day": ("每天共 {n} 条", "{n} of any kind a day"),
    }

    def exceeded(self, kind: str, any_day: int, marketing_day: int, marketing_week: int) -> str:
        """The first cap one more message of ``kind`` would break, given what the number got
        already (today, today's marketing, this week's marketing); "" when none."""
        if kind == JobKind.MARKETING:
            if self.marketing_day and marketing_day >= self.marketing_day:
                return "marketing_day"
            if self.marketing_week and marketing_week >= self.marketing_week:
                return "marketing_week"
        if self.any_day and any_day >= self.any_day:
            return "any_day"
        return ""

    def describe(self, rule: str) -> tuple[str, str]:
        zh, en = self.LABELS[rule]
        n = getattr(self, rule)
        return zh.format(n=n), en.format(n=n)

    def reason(self, rule: str) -> str:
        """The skip reason stored with a recipient: 频次限制 and the cap."""
        zh, en = self.describe(rule)
        return f"频次限制（{zh}）/ frequency cap ({en})"

    def as_dict(self) -> dict[str, int]:
        return {r: getattr(self, r) for r in self.RULES}


def day_start(local: datetime, days_back: int = 0) -> datetime:
    """The Beijing midnight that begins the day of ``local`` (``days_back`` days before), as the
    PC's local time."""
    bj = to_beijing(local)
    return _local(datetime.combine(bj.date() - timedelta(days=days_back), time(0)))


# ---- the signature -------------------------------------------------------------------------------
_BRACKETS_RE = re.compile(r"【[^【】]*】")


@dataclass(frozen=True)
class SignatureFinding:
    """A warning about the 【签名】: ``code`` is ``none`` (neither the account nor the text has
    one), ``missing`` (the text carries another one, so the account's is not added), ``twice``
    (the account's appears twice), ``second`` (another 【…】 inside the text), ``too_short`` or
    ``too_long`` (outside the family's limits, ``limit``)."""

    code: str
    signature: str = ""
    other: str = ""
    limit: int = 0

    def message(self) -> str:
        s, o, n = self.signature, self.other, self.limit
        zh, en = {
            "none": (
                "没有签名：运营商要求短信带【签名】，请在账户中设置。",
                "No signature: carriers require a 【signature】; set one on the account.",
            ),
            "missing": (
                f"内容带有 {o}，账户的签名 {s} 不会再加上：短信将以 {o} 署名。",
                f"The text carries {o}, so the account's {s} is not added: it goes out signed {o}.",
            ),
            "twice": (
                f"签名 {s} 在短信中出现了两次。",
                f"The signature {s} appears twice in the message.",
            ),
            "second": (
                f"内容中还有一个签名 {o}：一条短信只能有一个签名。",
                f"The text holds a second signature {o}: a message carries one signature.",
            ),
            "too_short": (
                f"签名 {s} 太短：该通道要求至少 {n} 个字。",
                f"The signature {s} is too short: this gateway wants at least {n} characters.",
            ),
            "too_long": (
                f"签名 {s} 太长：该通道最多 {n} 个字。",
                f"The signature {s} is too long: this gateway takes at most {n} characters.",
            ),
        }[self.code]
        return f"{zh} / {en}"


def check_signature(text: str, signature: str, caps: Capabilities) -> list[SignatureFinding]:
    """The account's 【签名】 must be in the message exactly once (the gateway adds it when the
    text carries none); warnings for a second one, a missing one, and a length outside the
    family's ``signature_chars``."""
    sig = segments.normalise_signature(signature)
    final = segments.with_signature(text, sig)
    found = _BRACKETS_RE.findall(final)
    out: list[SignatureFinding] = []
    if not sig:
        if not found:
            return [SignatureFinding("none")]
        own = found[0]
        if len(found) > 1:
            out.append(SignatureFinding("second", own, found[1]))
    else:
        own = sig
        times = final.count(sig)
        others = [f for f in found if f != sig]
        if times == 0:
            out.append(SignatureFinding("missing", sig, others[0] if others else ""))
            own = others[0] if others else sig
        elif times > 1:
            out.append(SignatureFinding("twice", sig))
        if times and others:
            out.append(SignatureFinding("second", sig, others[0]))
    lo, hi = caps.signature_chars
    inner = segments.char_count(own[1:-1].strip())
    if inner < lo:
        out.append(SignatureFinding("too_short", own, limit=lo))
    elif inner > hi:
        out.append(SignatureFinding("too_long", own, limit=hi))
    return out


# ---- the opt-out marker --------------------------------------------------------------------------
OPTOUT_OPTION = "optout_suffix"  # an account option
DEFAULT_OPTOUT = "回T退订"
MAX_OPTOUT = 20
_TRAILING = " \t\r\n。.!！~～"


def parse_optout(value: str | None) -> str:
    """The opt-out suffix as stored (blank: the default); InputError when it is too long or
    says nothing of 退订 / TD / T / R (拒收请回复R)."""
    text = unicodedata.normalize("NFKC", (value or "").strip()) or DEFAULT_OPTOUT
    if len(text) > MAX_OPTOUT or "【" in text or "】" in text:
        raise InputError(
            f"退订提示最多 {MAX_OPTOUT} 个字，不含【】：{text!r}"
            f" / The opt-out marker takes at most {MAX_OPTOUT} characters, without 【】: {text!r}"
        )
    return text


def optout_of(account: Account) -> str:
    """The account's opt-out suffix (option ``optout_suffix``, else 回T退订)."""
    try:
        return parse_optout(account.options.get(OPTOUT_OPTION))
    except InputError:
        return DEFAULT_OPTOUT


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _body(text: str) -> str:
    """The text without a signature at its end and trailing blanks or full stops."""
    s = text.rstrip(_TRAILING)
    m = re.search(r"【[^【】]{1,20}】$", s)
    if m:
        s = s[: m.start()].rstrip(_TRAILING)
    return s


def ends_with_optout(text: str, suffix: str) -> bool:
    """Whether the text ends with the opt-out suffix (letter case, full-width forms, a final
    full stop and a signature at the very end aside)."""
    return _fold(_body(text)).endswith(_fold(suffix.rstrip(_TRAILING)))


def with_optout(text: str, suffix: str) -> str:
    """The text with the suffix appended (unchanged when it already ends with it)."""
    if ends_with_optout(text, suffix):
        return text
    s = text.rstrip()
    m = re.search(r"【[^【】]{1,20}】$", s)
    if m:  # a signature at the very end stays there
        return s[: m.start()].rstrip() + suffix + m.group(0)
    return s + suffix
