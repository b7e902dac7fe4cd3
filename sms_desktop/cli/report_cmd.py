"""``report`` and ``stats`` commands of sms-desktop-cli.

    report JOB [--json] [--xlsx FILE] [--lang zh_CN|en]
    stats [--days N] [--account NAME] [--json]

``report``: a job's campaign report (the figures of 发送记录's 任务报告): its recipients by state,
the undelivered ones by the code their delivery report gave, per carrier and per province
(号段归属), and how soon the reports came. ``--xlsx`` also writes it as a workbook, one sheet
per breakdown. ``stats``: per day and account over the last days (30), recipients sent to,
delivered, and the parts charged.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict

from ..core.jobs import daily, report
from .common import EXIT_OK, emit_json, open_db, table


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def cmd_report(args: argparse.Namespace) -> int:
    db = open_db(args)
    r = report.build(db, args.job)
    if args.xlsx is not None:
        from ..core.bilingual import system_lang

        report.export_xlsx(r, args.xlsx, lang=args.lang or system_lang())
    if args.json:
        emit_json(r.as_dict())
        return EXIT_OK
    print(
        f"任务 {r.job_id}（{r.account}，{r.created_at}）：共 {r.total:,} 个号码，已发出"
        f" {r.sent:,}，已送达 {r.delivered:,}（{_pct(r.delivery_rate)}），未送达"
        f" {r.undelivered:,}"
    )
    print(
        f"job {r.job_id} ({r.account}, {r.created_at}): {r.total:,} recipients, {r.sent:,} sent"
        f" to, {r.delivered:,} delivered ({_pct(r.delivery_rate)}), {r.undelivered:,} not"
        " delivered"
    )
    print()
    print(
        table(
            [[report.state_name(s), report.state_name(s, "en"), f"{s.n:,}"] for s in r.states],
            ["状态", "State", "号码 / recipients"],
        )
    )
    if r.reasons:
        print()
        print(
            table(
                [[x.code or "—", f"{x.n:,}", x.zh, x.en] for x in r.reasons],
                ["未送达原因 / reason", "号码 / recipients", "说明", "meaning"],
            )
        )
    for kind, title, rows in (
        ("carrier", "运营商 / carrier", r.carriers),
        ("province", "省份 / province", r.provinces),
    ):
        if not rows:
            continue
        print()
        print(
            table(
                [
                    [
                        report.area_name(kind, a.key),
                        f"{a.sent:,}",
                        f"{a.delivered:,}",
                        f"{a.undelivered:,}",
                        f"{a.awaiting:,}",
                        _pct(a.rate),
                    ]
                    for a in rows
                ],
                [
                    f"{title}（号段归属）",
                    "发出 / sent",
                    "送达 / delivered",
                    "未送达 / not",
                    "未有报告 / no report",
                    "送达率 / rate",
                ],
            )
        )
    print()
    print(
        table(
            [
                [
                    report.curve_label(p.seconds),
                    report.curve_label(p.seconds, "en"),
                    f"{p.n:,}",
                    _pct(p.share),
                ]
                for p in r.curve
            ],
            ["发送后", "after the send", "收到报告 / reports", "占网关已接收 / of accepted"],
        )
    )
    if args.xlsx is not None:
        print(f"\n已导出到 {args.xlsx} / written to {args.xlsx}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    db = open_db(args)
    figures = daily.daily_figures(db, args.days)
    rows = [r for r in figures.rows if args.account is None or r.account == args.account]
    if args.json:
        out = figures.as_dict()
        out["rows"] = [asdict(r) for r in rows]
        emit_json(out)
        return EXIT_OK
    print(
        table(
            [[r.day, r.account, f"{r.sent:,}", f"{r.delivered:,}", f"{r.parts:,}"] for r in rows],
            ["日期 / day", "账户 / account", "发出 / sent", "送达 / delivered", "计费条数 / parts"],
        )
    )
    total = figures.totals(args.account)
    print(
        f"{figures.first_day} 至 {figures.last_day}：发出 {total.sent:,}，送达 {total.delivered:,}，"
        f"计费 {total.parts:,} 条（网关接收的短信按条计：超过 70 字的一条短信计为多条）"
    )
    print(
        f"{figures.first_day} to {figures.last_day}: {total.sent:,} sent, {total.delivered:,}"
        f" delivered, {total.parts:,} parts charged (a text over 70 characters is several parts;"
        " refused and unknown sends are not counted)"
    )
    return EXIT_OK
