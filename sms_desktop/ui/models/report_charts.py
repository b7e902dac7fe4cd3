"""The campaign report's figures as charts (:mod:`..widgets.charts` data), in the UI's language.

Pure functions of a :class:`~sms_desktop.core.jobs.report.CampaignReport`: the report view
draws them, the PNG export paints the same data on a picture, and the tests read them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...core.jobs import report as core_report
from ...core.jobs.report import AreaFigure, CampaignReport, StateFigure
from ..widgets.charts import Bar, BarChartData, Segment
from . import states

REASONS_SHOWN = 8  # bars of the reasons chart; the rest are one "other" bar
PROVINCES_SHOWN = 10

# a report's states as its chart names them (a recipient the gateway took, still without a
# report, is "未有报告" here: the chart is about delivery)
STATE_LABELS: dict[str, object] = {
    "delivered": QT_TRANSLATE_NOOP("ReportCharts", "已送达"),
    "undelivered": QT_TRANSLATE_NOOP("ReportCharts", "未送达"),
    "accepted": QT_TRANSLATE_NOOP("ReportCharts", "未有报告"),
    "queued": QT_TRANSLATE_NOOP("ReportCharts", "待发送"),
    "sending": QT_TRANSLATE_NOOP("ReportCharts", "发送中"),
    "unknown": QT_TRANSLATE_NOOP("ReportCharts", "结果未知"),
    "rejected": QT_TRANSLATE_NOOP("ReportCharts", "被拒绝"),
    "skipped": QT_TRANSLATE_NOOP("ReportCharts", "已跳过"),
}
STATE_KINDS = {
    "delivered": states.GOOD,
    "undelivered": states.BAD,
    "accepted": states.WAIT,
    "queued": states.WAIT,
    "sending": states.WAIT,
    "unknown": states.DOUBT,
    "rejected": states.BAD + "-light",
    "skipped": states.NEUTRAL,
}
# the segments of a carrier's or province's bar: (AreaFigure attribute, label, kind)
AREA_PARTS: list[tuple[str, object, str]] = [
    ("delivered", QT_TRANSLATE_NOOP("ReportCharts", "已送达"), states.GOOD),
    ("undelivered", QT_TRANSLATE_NOOP("ReportCharts", "未送达"), states.BAD),
    ("awaiting", QT_TRANSLATE_NOOP("ReportCharts", "未有报告"), states.WAIT),
    ("rejected", QT_TRANSLATE_NOOP("ReportCharts", "被拒绝"), states.BAD + "-light"),
    ("unknown", QT_TRANSLATE_NOOP("ReportCharts", "结果未知"), states.DOUBT),
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportCharts", text)


def _n(n: int) -> str:
    return f"{n:,}"


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def state_label(figure: StateFigure, lang: str) -> str:
    """已送达 …; a skipped entry with its reason (已跳过：号码无效; a reason this window has no
    name for, as the core names it)."""
    name = _tr(str(STATE_LABELS.get(figure.state, figure.state)))
    if figure.state != "skipped" or not figure.reason:
        return name
    known = states.SKIP_REASONS.get(figure.reason)
    if known is None:
        return core_report.state_name(figure, lang)
    return states.colon(name) + states.tr(str(known))


def states_chart(report: CampaignReport, lang: str) -> BarChartData:
    total = report.total or 1
    bars = []
    for s in report.states:
        label = state_label(s, lang)
        share = _pct(s.n / total)
        bars.append(
            Bar(
                label,
                (Segment(s.n, STATE_KINDS.get(s.state, states.NEUTRAL), label),),
                f"{_n(s.n)} · {share}",
                QCoreApplication.translate("ReportCharts", "%1：%2 个号码（占全部 %3）", "", s.n)
                .replace("%1", label)
                .replace("%2", _n(s.n))
                .replace("%3", share),
            )
        )
    return BarChartData(
        _tr("各状态号码数"),
        bars,
        scale=max((s.n for s in report.states), default=0) or 1,
        empty_text=_tr("这个任务没有号码。"),
        note=_tr("共 %1 个号码").replace("%1", _n(report.total)),
    )


def reason_label(code: str, explanation: str) -> str:
    name = code or _tr("（未说明）")
    return states.with_note(name, explanation) if explanation else name


def reasons_chart(report: CampaignReport, lang: str) -> BarChartData:
    total = report.undelivered or 1
    shown = report.reasons[:REASONS_SHOWN]
    rest = report.reasons[REASONS_SHOWN:]
    bars = []
    for r in shown:
        label = reason_label(r.code, r.explanation(lang))
        share = _pct(r.n / total)
        bars.append(
            Bar(
                label,
                (Segment(r.n, states.BAD, label),),
                f"{_n(r.n)} · {share}",
                QCoreApplication.translate("ReportCharts", "%1：%2 个号码（占未送达 %3）", "", r.n)
                .replace("%1", label)
                .replace("%2", _n(r.n))
                .replace("%3", share),
            )
        )
    if rest:
        n = sum(r.n for r in rest)
        label = QCoreApplication.translate("ReportCharts", "其他 %n 种", "", len(rest))
        bars.append(
            Bar(
                label,
                (Segment(n, states.BAD + "-light", label),),
                f"{_n(n)} · {_pct(n / total)}",
                ", ".join(f"{r.code or '—'} {_n(r.n)}" for r in rest),
            )
        )
    return BarChartData(
        _tr("未送达原因（状态报告代码）"),
        bars,
        scale=max((r.n for r in report.reasons), default=0) or 1,
        empty_text=_tr("没有未送达的号码。"),
        note=_tr("未送达共 %1 个号码").replace("%1", _n(report.undelivered))
        if report.undelivered
        else "",
    )


def area_tooltip(name: str, a: AreaFigure) -> str:
    parts = [
        states.colon(_tr(str(label))) + _n(getattr(a, attr))
        for attr, label, _ in AREA_PARTS
        if getattr(a, attr)
    ]
    return (
        _tr("%1：发出 %2，送达率 %3")
        .replace("%1", name)
        .replace("%2", _n(a.sent))
        .replace("%3", _pct(a.rate))
        + "\n"
        + _tr("，").join(parts)
    )


def _area_chart(
    title: str, rows: list[tuple[str, AreaFigure]], empty: str, note: str
) -> BarChartData:
    bars = []
    for name, a in rows:
        sent = a.sent or 1
        bars.append(
            Bar(
                name,
                tuple(
                    Segment(getattr(a, attr) / sent, kind, _tr(str(label)))
                    for attr, label, kind in AREA_PARTS
                ),
                f"{_pct(a.rate)} · {_n(a.sent)}",
                area_tooltip(name, a),
            )
        )
    return BarChartData(
        title,
        bars,
        legend=[(_tr(str(label)), kind) for _, label, kind in AREA_PARTS],
        scale=1.0,
        empty_text=empty,
        note=note,
    )


def carrier_chart(report: CampaignReport, lang: str) -> BarChartData:
    return _area_chart(
        _tr("各运营商送达率（号段归属）"),
        [(core_report.area_name("carrier", a.key, lang), a) for a in report.carriers],
        _tr("还没有发出的号码。"),
        _tr("按号段的原始分配：携号转网的号码可能已属于其他运营商。每行右侧：送达率 · 发出数。"),
    )


def province_chart(report: CampaignReport, lang: str) -> BarChartData:
    top = report.top_provinces(PROVINCES_SHOWN)
    known = [a for a in report.provinces if a.key]
    note = _tr("发出最多的 %1 个省份（号段归属），共 %2 个。").replace("%1", str(len(top)))
    note = note.replace("%2", str(len(known)))
    return _area_chart(
        _tr("各省份送达率（前 10 个，号段归属）"),
        [(core_report.area_name("province", a.key, lang), a) for a in top],
        _tr("还没有发出的号码。"),
        note,
    )


def curve_label(seconds: int) -> str:
    if seconds % 3600 == 0:
        return QCoreApplication.translate("ReportCharts", "%n 小时内", "", seconds // 3600)
    return QCoreApplication.translate("ReportCharts", "%n 分钟内", "", seconds // 60)


def curve_chart(report: CampaignReport) -> BarChartData:
    bars = []
    for p in report.curve:
        label = curve_label(p.seconds)
        share = _pct(p.share)
        bars.append(
            Bar(
                label,
                (Segment(p.share, states.GOOD, label),),
                f"{share} · {_n(p.n)}",
                QCoreApplication.translate(
                    "ReportCharts", "发送后%1收到状态报告：%2 个号码（占网关已接收 %3）", "", p.n
                )
                .replace("%1", label)
                .replace("%2", _n(p.n))
                .replace("%3", share),
            )
        )
    return BarChartData(
        _tr("状态报告到达时间（发送后）"),
        bars if report.accepted else [],
        scale=1.0,
        empty_text=_tr("网关还没有接收任何号码。"),
        note=_tr("占网关已接收的 %1 个号码；已收到报告 %2 个。")
        .replace("%1", _n(report.accepted))
        .replace("%2", _n(report.reported)),
    )


def summary(report: CampaignReport) -> str:
    """The line under the report's title: sent, delivered (rate), undelivered, no report."""
    return (
        _tr("已发出 %1 · 已送达 %2（%3）· 未送达 %4 · 未有报告 %5")
        .replace("%1", _n(report.sent))
        .replace("%2", _n(report.delivered))
        .replace("%3", _pct(report.delivery_rate))
        .replace("%4", _n(report.undelivered))
        .replace("%5", _n(report.count("accepted")))
    )
