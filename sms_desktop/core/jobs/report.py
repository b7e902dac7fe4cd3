"""The campaign report of one job: what became of its recipients, why some were not delivered,
how each carrier and province fared, and how soon the delivery reports came.

Both clients show it: 发送记录's 任务报告 (charts, an .xlsx and a PNG) and
``sms-desktop-cli report JOB [--json] [--xlsx FILE]``. Everything is counted in a few queries
(:mod:`..store.messages`), most of it from the ``messages_job`` index alone, so a
100,000-recipient job reports in tens of milliseconds:

* **states**: every recipient by state, the skipped ones by their reason;
* **reasons**: the undelivered recipients by what their delivery report said (the vendor's code),
  with the explanation where the gateway's document or the carriers' own vocabulary gives one;
* **carriers**, **provinces**: of the recipients sent to, per carrier and per province of the
  number's block (号段归属: the block's original allocation; a number may have been ported since),
  how many were delivered, undelivered, still without a report, rejected or of unknown outcome;
* **curve**: of the recipients the gateway accepted, the share whose delivery report came within
  1 minute, 5 minutes, 1 hour and 24 hours of the send (the journal's send time and the report's
  time; both local).

Jobs stored before the carrier, province and report delay were kept per recipient are counted
from their rows instead (slower, the same figures).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..bilingual import LANGS, pick
from ..contacts.export import Sheet, write_xlsx
from ..contacts.recipients import SkipReason
from ..errors import InputError
from ..gateways import gateway_class
from ..store import Database
from ..store import accounts as store_accounts
from ..store import inbox as store_inbox
from ..store import messages as store_messages
from .model import MsgState
from .queries import job_row

# Seconds after the send within which a report counts for each point of the delivery curve.
CURVE_LIMITS = (60, 300, 3600, 86400)
# States a request was made for (the recipients "sent to"), and those the gateway accepted.
SENT = (
    MsgState.DELIVERED,
    MsgState.UNDELIVERED,
    MsgState.ACCEPTED,
    MsgState.REJECTED,
    MsgState.UNKNOWN,
    MsgState.SENDING,
)
REPORTED = (MsgState.DELIVERED, MsgState.UNDELIVERED)
# The states chart, in this order (only those with recipients are listed); skipped recipients
# come last, one entry per reason.
STATE_ORDER = (
    MsgState.DELIVERED,
    MsgState.UNDELIVERED,
    MsgState.ACCEPTED,
    MsgState.QUEUED,
    MsgState.SENDING,
    MsgState.UNKNOWN,
    MsgState.REJECTED,
)

# Names in the report's export and the CLI: (Chinese, English). The window passes its own.
STATE_NAMES: dict[str, tuple[str, str]] = {
    MsgState.DELIVERED: ("已送达", "Delivered"),
    MsgState.UNDELIVERED: ("未送达", "Not delivered"),
    MsgState.ACCEPTED: ("已接收，未有报告", "Accepted, no report yet"),
    MsgState.QUEUED: ("待发送", "Pending"),
    MsgState.SENDING: ("发送中", "Sending"),
    MsgState.UNKNOWN: ("结果未知", "Unknown outcome"),
    MsgState.REJECTED: ("被拒绝", "Rejected"),
    MsgState.SKIPPED: ("已跳过", "Skipped"),
}
SKIP_NAMES: dict[str, tuple[str, str]] = {
    SkipReason.INVALID: ("号码无效", "invalid number"),
    SkipReason.DUPLICATE: ("重复号码", "duplicate"),
    SkipReason.BLACKLISTED: ("黑名单", "blacklisted"),
    SkipReason.EMPTY_FIELD: ("字段为空", "empty field"),
    SkipReason.CANCELLED: ("任务已取消", "job cancelled"),
}

# (carrier, province) of a number: how the recipients stored without them are placed.
Placer = Callable[[str], tuple[str, str]]


@dataclass(frozen=True)
class StateFigure:
    """One entry of the states chart: a state, or ``skipped`` with its reason."""

    state: str
    n: int
    reason: str = ""  # a skipped recipient's code (``invalid`` …), else ""
    reason_text: str = ""  # the stored explanation of that code, "中文 / English"

    @property
    def key(self) -> str:
        return f"{self.state}:{self.reason}" if self.reason else self.state


@dataclass(frozen=True)
class ReasonFigure:
    """Undelivered recipients whose report said ``code``; ``zh``/``en``: what it means, where
    the gateway's document or the carriers' vocabulary says ("" otherwise)."""

    code: str
    n: int
    zh: str = ""
    en: str = ""

    def explanation(self, lang: str = "zh_CN") -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class AreaFigure:
    """The recipients sent to in one carrier's or province's blocks ("" = unknown)."""

    key: str
    delivered: int = 0
    undelivered: int = 0
    awaiting: int = 0  # accepted, no final report yet
    rejected: int = 0
    unknown: int = 0  # unknown outcome, or still in flight

    @property
    def sent(self) -> int:
        return self.delivered + self.undelivered + self.awaiting + self.rejected + self.unknown

    @property
    def rate(self) -> float:
        """Delivered, of those sent to (0 when none)."""
        return self.delivered / self.sent if self.sent else 0.0

    def add(self, state: str, n: int) -> None:
        if state == MsgState.DELIVERED:
            self.delivered += n
        elif state == MsgState.UNDELIVERED:
            self.undelivered += n
        elif state == MsgState.ACCEPTED:
            self.awaiting += n
        elif state == MsgState.REJECTED:
            self.rejected += n
        else:
            self.unknown += n


@dataclass(frozen=True)
class CurvePoint:
    seconds: int  # reports within this long after the send
    n: int
    share: float  # of the recipients the gateway accepted


@dataclass
class CampaignReport:
    job_id: int
    account: str
    state: str
    created_at: str
    text: str
    total: int  # every recipient, skipped ones included
    states: list[StateFigure] = field(default_factory=list)
    reasons: list[ReasonFigure] = field(default_factory=list)  # most frequent first
    carriers: list[AreaFigure] = field(default_factory=list)  # the carriers' own order
    provinces: list[AreaFigure] = field(default_factory=list)  # most sent to first, "" last
    curve: list[CurvePoint] = field(default_factory=list)
    accepted: int = 0  # the gateway took them (delivered, undelivered, awaiting a report)
    reported: int = 0  # a final delivery report came (delivered or undelivered)

    def count(self, state: str) -> int:
        return sum(s.n for s in self.states if s.state == state)

    @property
    def sent(self) -> int:
        return sum(s.n for s in self.states if s.state in SENT)

    @property
    def delivered(self) -> int:
        return self.count(MsgState.DELIVERED)

    @property
    def undelivered(self) -> int:
        return self.count(MsgState.UNDELIVERED)

    @property
    def delivery_rate(self) -> float:
        """Delivered, of the recipients sent to."""
        return self.delivered / self.sent if self.sent else 0.0

    def top_provinces(self, n: int = 10) -> list[AreaFigure]:
        """The ``n`` provinces most sent to (the numbers of no known province left out)."""
        return [a for a in self.provinces if a.key][:n]

    def as_dict(self) -> dict[str, Any]:
        """Plain data (``--json``): every figure, and each rate and share as a fraction."""

        def area(a: AreaFigure) -> dict[str, Any]:
            return {**asdict(a), "sent": a.sent, "rate": round(a.rate, 4)}

        return {
            "job_id": self.job_id,
            "account": self.account,
            "state": self.state,
            "created_at": self.created_at,
            "text": self.text,
            "recipients": self.total,
            "sent": self.sent,
            "accepted": self.accepted,
            "delivered": self.delivered,
            "undelivered": self.undelivered,
            "reported": self.reported,
            "delivery_rate": round(self.delivery_rate, 4),
            "states": [asdict(s) for s in self.states],
            "reasons": [asdict(r) for r in self.reasons],
            "carriers": [area(a) for a in self.carriers],
            "provinces": [area(a) for a in self.provinces],
            "curve": [
                {"seconds": p.seconds, "reports": p.n, "share": round(p.share, 4)}
                for p in self.curve
            ],
        }


# ---- building it ------------------------------------------------------------------------------
def default_placer() -> Placer:
    """号段归属 through the carriers module (its tables load once per process, in the caller's
    thread: never call this on a GUI thread)."""
    from .. import carriers

    def place(phone: str) -> tuple[str, str]:
        found = carriers.lookup(phone)
        return found.carrier, found.province

    return place


def build(
    db: Database, job_id: int, *, place: Placer | None = None, reasons: bool = True
) -> CampaignReport:
    """The report of ``job_id`` (InputError when there is no such job). ``place``: how numbers
    stored without their carrier and province are placed (:func:`default_placer`).
    ``reasons=False`` leaves :attr:`CampaignReport.reasons` empty: a window reads them in a
    second thread meanwhile (:func:`undelivered_reasons`, the costliest part)."""
    job = job_row(db, job_id)
    report = CampaignReport(
        job_id=job_id,
        account=job["account"],
        state=job["state"],
        created_at=job["created_at"],
        text=job["text"] or "",
        total=0,
    )
    by_state: dict[str, int] = {}
    carriers: dict[str, AreaFigure] = {}
    provinces: dict[str, AreaFigure] = {}
    unplaced = False

    def tally(state: str, carrier: str, province: str, n: int) -> None:
        carriers.setdefault(carrier, AreaFigure(carrier)).add(state, n)
        provinces.setdefault(province, AreaFigure(province)).add(state, n)

    measured, within = 0, [0] * len(CURVE_LIMITS)
    for state, carrier, province, n, delays, *under in store_messages.breakdown(
        db, job_id, CURVE_LIMITS
    ):
        by_state[state] = by_state.get(state, 0) + n
        if state in REPORTED:
            measured += delays
            within = [w + int(u or 0) for w, u in zip(within, under, strict=True)]
        if state not in SENT:
            continue
        if carrier is None:
            unplaced = True
        else:
            tally(state, carrier, province or "", n)
    if unplaced:  # a job stored before the carrier and province were kept
        locate = place or default_placer()
        for block, state, n in store_messages.unplaced_blocks(db, job_id, SENT):
            # a block's first 7 digits stand for all its numbers (the unit of the allocation data)
            tally(state, *locate(block.ljust(11, "0")), n)

    report.total = sum(by_state.values())
    report.states = [StateFigure(s, by_state[s]) for s in STATE_ORDER if by_state.get(s)]
    if by_state.get(MsgState.SKIPPED):
        skipped = store_messages.skipped_by_code(db, job_id, MsgState.SKIPPED)
        for code, text, n in sorted(skipped, key=lambda r: (-r[2], r[0])):
            report.states.append(StateFigure(MsgState.SKIPPED, n, code, text or ""))
    report.carriers = [carriers[k] for k in _carrier_order(carriers)]
    # most sent to first; the numbers of no known province last
    report.provinces = sorted(provinces.values(), key=lambda a: (a.key == "", -a.sent, a.key))
    report.accepted = sum(by_state.get(s, 0) for s in MsgState.ACCEPTED_LIKE)
    report.reported = sum(by_state.get(s, 0) for s in REPORTED)
    if reasons and by_state.get(MsgState.UNDELIVERED):
        report.reasons = undelivered_reasons(db, job_id)
    report.curve = _curve(db, job_id, report.accepted, report.reported, measured, within)
    return report


def _carrier_order(found: Mapping[str, AreaFigure]) -> list[str]:
    """The carriers' own order (移动, 联通, 电信 …), then any other code."""
    from .. import carriers

    known = [k for k in carriers.CARRIERS if k in found]
    return known + sorted(k for k in found if k not in carriers.CARRIERS)


def undelivered_reasons(db: Database, job_id: int) -> list[ReasonFigure]:
    """The job's undelivered recipients by what their delivery report said, most frequent
    first, each code explained where its gateway's family (or the carriers' vocabulary) does."""
    families: dict[str, str | None] = {}

    def family(account: str) -> str | None:
        if account not in families:
            row = store_accounts.get(db, account) if account else None
            families[account] = row["family"] if row is not None else None
        return families[account]

    counts: dict[str, int] = {}
    explained: dict[str, tuple[str, str]] = {}
    for account, code, n in store_messages.report_reasons(db, job_id, MsgState.UNDELIVERED):
        code = code or ""
        counts[code] = counts.get(code, 0) + n
        fam = family(account)
        if code and code not in explained and fam is not None:
            try:
                meaning = gateway_class(fam).report_code(code)
            except InputError:  # a family this version does not know
                meaning = None
            if meaning is not None:
                explained[code] = meaning
    return [
        ReasonFigure(code, n, *explained.get(code, ("", "")))
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _curve(
    db: Database, job_id: int, accepted: int, reported: int, measured: int, within: list[int]
) -> list[CurvePoint]:
    """The delivery curve from the delays counted with the breakdown (``measured`` of the
    ``reported`` recipients had one; ``within``: how many at most each limit)."""
    if measured < reported:
        # recipients settled before the delay was kept: from the journal's send and report times
        for sent, at, n in store_messages.unmeasured_delays(db, job_id, REPORTED):
            delay = store_inbox.delay_seconds(sent, at)
            if delay is None:
                continue
            for i, limit in enumerate(CURVE_LIMITS):
                if delay <= limit:
                    within[i] += n
    return [
        CurvePoint(limit, n, n / accepted if accepted else 0.0)
        for limit, n in zip(CURVE_LIMITS, within, strict=True)
    ]


# ---- names ------------------------------------------------------------------------------------
def state_name(figure: StateFigure, lang: str = "zh_CN") -> str:
    """A states-chart entry as the export and the CLI name it: 已跳过：号码无效 …"""
    en = lang == "en"
    zh_name, en_name = STATE_NAMES.get(figure.state, (figure.state, figure.state))
    name = en_name if en else zh_name
    if figure.state != MsgState.SKIPPED or not figure.reason:
        return name
    known = SKIP_NAMES.get(figure.reason)
    why = (known[1] if en else known[0]) if known else pick(figure.reason_text, lang)
    return f"{name}: {why}" if en else f"{name}：{why}"


def curve_label(seconds: int, lang: str = "zh_CN") -> str:
    """ "1 分钟内" / "within 1 min" … for a point of the delivery curve."""
    if seconds % 3600 == 0:
        n, zh, en = seconds // 3600, "小时", "h"
    else:
        n, zh, en = seconds // 60, "分钟", "min"
    return f"within {n} {en}" if lang == "en" else f"{n} {zh}内"


def area_name(kind: str, key: str, lang: str = "zh_CN") -> str:
    """A carrier code's or a province's name in ``lang`` (未知 / unknown for "")."""
    from .. import carriers

    if kind == "carrier":
        return carriers.carrier_label(key, lang)
    if not key:
        return carriers.carrier_label(carriers.UNKNOWN, lang)
    return carriers.province_label(key, lang)


# ---- the .xlsx --------------------------------------------------------------------------------
def export_xlsx(
    report: CampaignReport,
    path: Path | str,
    *,
    lang: str = "zh_CN",
    state_names: Mapping[str, str] | None = None,
) -> None:
    """The report as an .xlsx workbook, one sheet per breakdown: 概况 (summary), 状态 (states),
    未送达原因 (reasons), 运营商 (carriers), 省份 (every province), 送达时间 (the curve).
    ``state_names``: a window's names for the states chart's entries (by ``StateFigure.key``)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    en = lang == "en"

    def t(zh: str, english: str) -> str:
        return english if en else zh

    def pct(x: float) -> float:
        return round(x * 100, 1)

    def write(wb: Any) -> None:
        sh = Sheet(wb, t("概况", "Summary"), [t("项目", "Item"), t("数值", "Value")], [28, 60])
        for label, value in (
            (t("任务", "Job"), report.job_id),
            (t("账户", "Account"), report.account),
            (t("创建时间", "Created"), report.created_at),
            (t("内容", "Text"), report.text),
            (t("号码总数", "Recipients"), report.total),
            (t("已发出", "Sent to"), report.sent),
            (t("网关已接收", "Accepted by the gateway"), report.accepted),
            (t("已送达", "Delivered"), report.delivered),
            (t("送达率（%，占已发出）", "Delivery rate (% of sent to)"), pct(report.delivery_rate)),
            (t("收到状态报告", "Delivery reports received"), report.reported),
        ):
            sh.append(None, [label, value])

        sh = Sheet(
            wb, t("状态", "States"), [t("状态", "State"), t("号码数", "Recipients")], [36, 14]
        )
        for s in report.states:
            name = (state_names or {}).get(s.key) or state_name(s, lang)
            sh.append(None, [name, s.n])

        sh = Sheet(
            wb,
            t("未送达原因", "Undelivered reasons"),
            [t("状态报告代码", "Report code"), t("号码数", "Recipients"), t("说明", "Meaning")],
            [20, 14, 50],
        )
        for r in report.reasons:
            sh.append(None, [r.code, r.n, r.explanation(lang)])

        area_titles = [
            t("已发出", "Sent to"),
            t("已送达", "Delivered"),
            t("未送达", "Not delivered"),
            t("未有报告", "No report yet"),
            t("被拒绝", "Rejected"),
            t("结果未知", "Unknown outcome"),
            t("送达率（%）", "Delivery rate (%)"),
        ]
        for kind, title, rows in (
            ("carrier", t("运营商", "Carriers"), report.carriers),
            ("province", t("省份", "Provinces"), report.provinces),
        ):
            first = t("运营商（号段归属）", "Carrier (number block)")
            if kind == "province":
                first = t("省份（号段归属）", "Province (number block)")
            sh = Sheet(wb, title, [first, *area_titles], [24, 12, 12, 12, 12, 12, 12, 16])
            for a in rows:
                values = [a.sent, a.delivered, a.undelivered, a.awaiting, a.rejected, a.unknown]
                sh.append(None, [area_name(kind, a.key, lang), *values, pct(a.rate)])

        sh = Sheet(
            wb,
            t("送达时间", "Report times"),
            [
                t("发送后", "After the send"),
                t("收到报告", "Reports"),
                t("占网关已接收（%）", "Of accepted (%)"),
            ],
            [20, 14, 20],
        )
        for p in report.curve:
            sh.append(None, [curve_label(p.seconds, lang), p.n, pct(p.share)])

    write_xlsx(Path(path), write)
