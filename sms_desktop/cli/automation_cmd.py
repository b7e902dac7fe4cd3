"""``automation`` commands of sms-desktop-cli: recurring and date-field sends (自动化).

    automation list [--json]
    automation add NAME --account A (--text T | --template NAME) [--kind notice|marketing]
                   [--group G] [--search S] [--carrier C] [--province P]
                   --schedule daily|weekdays|weekly|monthly|date --at HH:MM
                   [--weekday 1-7] [--day 1|15|last] [--until YYYY-MM-DD]
                   [--date-field COLUMN] [--full-date] [--days-before N] [--paused] [--json]
    automation pause|resume|delete NAME
    automation missed [--json]
    automation send-missed RUN [--json]
    automation skip-missed RUN
    automation preview NAME [--json]

Times are Beijing time. The rules run wherever the application runs (the window, or ``serve``);
the rules themselves are in :mod:`sms_desktop.core.automation.rules`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from ..core.automation import rules as R
from ..core.automation.schedule import (
    Schedule,
    beijing_now,
    fmt,
    parse_clock,
)
from ..core.contacts.repository import group_id
from ..core.errors import InputError
from ..core.session import Core
from ..core.store import Database
from ..core.vendortime import local_and_beijing
from .common import EXIT_OK, emit_json, info, table

Handler = Callable[[argparse.Namespace], int]


def _core(args: argparse.Namespace) -> Core:
    from .commands import ctx

    return ctx(args)


def _last(s: R.RuleStatus) -> str:
    if s.last is None:
        return "-"
    run = s.last
    text = f"{R.RUN_STATE_ZH.get(run.state, run.state)} {run.state}"
    if run.job_id is not None:
        text += f" (任务/job {run.job_id})"
    return text


def cmd_list(args: argparse.Namespace) -> int:
    c = _core(args)
    items = R.overview(c.db, beijing_now(c.engine.clock))
    if args.json:
        emit_json({"rules": [s.to_dict() for s in items]})
        return EXIT_OK
    rows = [
        [
            s.rule.id,
            s.rule.name,
            s.rule.account,
            s.rule.state,
            s.rule.describe()[0],
            fmt(s.next_run) if s.next_run else "-",
            _last(s),
        ]
        for s in items
    ]
    print(
        table(
            rows,
            [
                "编号 id",
                "名称 name",
                "账户 account",
                "状态 state",
                "周期 schedule",
                "下次（北京时间）next",
                "上次结果 last",
            ],
        )
    )
    missed = R.missed_runs(c.db)
    if missed:
        info(
            f"有 {len(missed)} 次错过的运行等待决定：`automation missed`。"
            f" / {len(missed)} missed runs wait for a decision: `automation missed`."
        )
    return EXIT_OK


def _rule(args: argparse.Namespace, db: Database) -> R.Rule:
    weekday = None
    if args.weekday is not None:
        if not 1 <= args.weekday <= 7:
            raise InputError("--weekday 应为 1-7（周一为 1） / --weekday is 1-7 (Monday is 1)")
        weekday = args.weekday - 1
    end = None
    if args.until:
        try:
            end = date.fromisoformat(args.until)
        except ValueError:
            raise InputError(
                f"--until 应为 YYYY-MM-DD：{args.until} / --until is YYYY-MM-DD: {args.until}"
            ) from None
    return R.Rule(
        name=args.name,
        account=args.account,
        schedule=Schedule(
            kind=args.schedule,
            at=parse_clock(args.at),
            weekday=weekday,
            month_day=args.day,
            end=end,
        ),
        text=args.text or "",
        template=args.template or "",
        kind=args.kind,
        group=group_id(db, args.group) if args.group else None,
        filter=R.RecipientFilter(args.search or "", args.carrier or "", args.province or ""),
        date_field=args.date_field or "",
        yearly=not args.full_date,
        days_before=args.days_before,
        state=R.RuleState.PAUSED if args.paused else R.RuleState.ENABLED,
    )


def cmd_add(args: argparse.Namespace) -> int:
    c = _core(args)
    rule = R.add_rule(c.db, c.engine, _rule(args, c.db), now=beijing_now(c.engine.clock))
    if args.json:
        emit_json(rule.to_dict())
    else:
        zh, en = rule.describe()
        info(f"已添加自动化规则 {rule.name}：{zh} / automation rule {rule.name} added: {en}")
    return EXIT_OK


def _set(enabled: bool) -> Handler:
    def run(args: argparse.Namespace) -> int:
        c = _core(args)
        rule = R.set_enabled(c.db, args.name, enabled, now=beijing_now(c.engine.clock))
        if enabled:
            info(f"规则 {rule.name} 已启用 / rule {rule.name} resumed")
        else:
            info(f"规则 {rule.name} 已暂停 / rule {rule.name} paused")
        return EXIT_OK

    return run


cmd_pause = _set(False)
cmd_resume = _set(True)


def cmd_delete(args: argparse.Namespace) -> int:
    rule = R.delete_rule(_core(args).db, args.name)
    info(
        f"规则 {rule.name} 已删除（已发出的任务仍在发送记录中） / rule {rule.name} deleted (the"
        " jobs it made stay in the send records)"
    )
    return EXIT_OK


def _when(run: R.Run) -> str:
    local = run.due_local
    if local is None:
        return f"{fmt(run.due_at)} (北京时间 / Beijing time)"
    return local_and_beijing(local)[0]


def cmd_missed(args: argparse.Namespace) -> int:
    c = _core(args)
    R.tick_missed(c.engine, beijing_now(c.engine.clock))
    missed = R.missed_runs(c.db)
    if args.json:
        emit_json({"missed": [m.to_dict() for m in missed]})
        return EXIT_OK
    print(
        table(
            [[m.id, m.rule_name, _when(m), m.detail] for m in missed],
            ["运行 run", "规则 rule", "原定时间 due", "说明 detail"],
        )
    )
    info(
        f"错过 {len(missed)} 次：`automation send-missed RUN` 现在发送，"
        f"`automation skip-missed RUN` 跳过。 / {len(missed)} missed: `automation send-missed"
        " RUN` sends it now, `automation skip-missed RUN` skips it."
    )
    return EXIT_OK


def cmd_send_missed(args: argparse.Namespace) -> int:
    from .commands import _progress_printer, _report_job, stopping

    c = _core(args)
    job_id = R.send_missed(c.engine, args.run)
    if job_id is None:
        info(
            f"运行 {args.run} 没有收件人，未发送。 / Run {args.run} has no recipients: nothing sent."
        )
        if args.json:
            emit_json({"run": args.run, "job_id": None})
        return EXIT_OK
    if c.engine.summary(job_id).state != "queued":  # a marketing job held for its window
        return _report_job(c, job_id, args.json)
    with stopping(job_id) as stop:
        c.engine.run_job(job_id, progress=_progress_printer(args.json), control=stop.control)
    return _report_job(c, job_id, args.json, stopped=stop.asked)


def cmd_skip_missed(args: argparse.Namespace) -> int:
    run = R.skip_missed(_core(args).engine, args.run)
    info(f"已跳过 {run.rule_name} 在 {fmt(run.due_at)} 的运行 / run {run.id} skipped")
    return EXIT_OK


def cmd_preview(args: argparse.Namespace) -> int:
    c = _core(args)
    rule = R.get_rule(c.db, args.name)
    p = R.preview(c.db, rule, beijing_now(c.engine.clock))
    if args.json:
        emit_json(p.to_dict())
        return EXIT_OK
    for zh, en in p.notes:
        print(f"{zh} / {en}")
    for r in p.runs:
        head = f"{fmt(r.due_at)}（北京时间 / Beijing time）"
        if r.target is not None:
            head += f" → {r.target.isoformat()}"
        print(f"{head}: {len(r.recipients)} 人 / recipients")
        if rule.is_date_rule:
            for x in r.recipients:
                print(f"  {x.phone}  {x.name}  {x.fields.get(rule.date_field, '')}")
    if p.unreadable:
        print(f"无法识别的日期 {len(p.unreadable)} 个 / unreadable dates:")
        for u in p.unreadable:
            print(f"  {u.phone}  {u.name}  {u.value!r}: {u.reason_zh} / {u.reason_en}")
    return EXIT_OK
