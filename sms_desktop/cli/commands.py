"""The handlers of ``sms-desktop-cli``. Each returns an exit code."""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core import attention, identity
from ..core import history as history_mod
from ..core.accounts import SECRET_FIELD_KEYS, Account
from ..core.balances import read_balance
from ..core.contacts.recipients import Recipient
from ..core.errors import InputError
from ..core.estimate import Estimate
from ..core.gateways.base import MAX_LENGTH_OPTION, MissingFieldError
from ..core.guard import (
    OPTOUT_OPTION,
    WINDOW_OPTION,
    KindNotConfirmed,
    check_options,
    load_settings,
    optout_of,
    with_optout,
)
from ..core.guard.settings import parse_own_numbers
from ..core.jobs import compose
from ..core.jobs.model import TIME_FORMAT, JobState, JobSummary, MsgState, Progress
from ..core.session import Core, open_core
from ..core.store import inbox as inbox_store
from ..core.vendortime import local_and_beijing
from ..core.wording import agree_en, count_en
from .common import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    CliError,
    clean,
    emit_json,
    home_of,
    info,
    open_db,
    open_target,
    shown,
    table,
)
from .console import stopping


def ctx(args: argparse.Namespace) -> Core:
    """The core objects of the data folder the command works on."""
    return open_core(home_of(args), db=open_db(args))


def _read_password() -> str:
    if sys.stdin is None or sys.stdin.closed:
        raise CliError("--password-stdin: 标准输入没有密码 / no password on standard input")
    pw = sys.stdin.readline().rstrip("\r\n")
    if not pw:
        raise CliError("--password-stdin: 密码为空 / the password is empty")
    return pw


def _ask_password(zh: str, en: str) -> str:
    """The password of ``zh``/``en`` (what it is for) typed in the terminal (not shown), twice."""
    import getpass

    first = getpass.getpass(f"{zh}的密码 / password of {en}: ")
    if not first:
        raise CliError("密码为空 / the password is empty")
    if getpass.getpass("再输入一次 / again: ") != first:
        raise CliError("两次输入的密码不同 / the two passwords differ")
    return first


# ---------------------------------------------------------------- accounts -------------------
def account_add(args: argparse.Namespace) -> int:
    c = ctx(args)
    options: dict[str, str] = {}
    for kv in args.option:
        if "=" not in kv:
            raise CliError(f"--option 应为 KEY=VALUE / --option must be KEY=VALUE: {kv}")
        k, v = kv.split("=", 1)
        options[k.strip()] = v.strip()
    if args.max_length is not None:
        options[MAX_LENGTH_OPTION] = str(args.max_length)
    if args.marketing_window is not None:
        options[WINDOW_OPTION] = args.marketing_window
    if args.optout_suffix is not None:
        options[OPTOUT_OPTION] = args.optout_suffix
    options = check_options(options)
    acct = Account(
        name=args.name,
        family=args.family,
        base_url=args.base_url,
        username=args.username,
        userid=args.userid,
        verycode=args.verycode,
        charset=args.charset,
        password_hash=args.password_hash,
        signature=args.signature,
        batch_size=args.batch_size,
        extno=args.extno,
        connect_timeout=args.connect_timeout,
        read_timeout=args.read_timeout,
        options=options,
        hold_locally=args.hold_locally,
        concurrency=args.concurrency,
        rate_per_second=args.rate,
    )
    password = _read_password()
    try:
        c.accounts.add(acct, password, replace=args.replace)
    except MissingFieldError as exc:
        raise CliError(f"{exc} (--{exc.field.key})") from exc
    if c.secrets.backend_warning:
        info("警告 / warning: " + c.secrets.backend_warning)
    if args.json:
        emit_json(_account_dict(acct))
    else:
        print(f"已添加账户 {acct.name}（{acct.family}） / account {acct.name} added")
    return EXIT_OK


def _account_dict(a: Account) -> dict[str, Any]:
    caps = a.capabilities
    d = a.to_public_dict()
    d["batch_limit"] = caps.batch_limit(a.batch_size)
    d["max_length"] = a.max_length
    d["documented_max_length"] = caps.max_length
    d["schedule"] = "local" if a.holds_locally else "gateway"
    d["reports"] = "push" if caps.push else "pull"
    return d


def account_list(args: argparse.Namespace) -> int:
    c = ctx(args)
    accts = c.accounts.list()
    if args.json:
        emit_json([_account_dict(a) for a in accts])
        return EXIT_OK
    if not accts:
        print("还没有账户。用 `sms-desktop-cli account add` 添加。 / No accounts yet.")
        return EXIT_OK
    rows = [
        [
            a.name,
            a.family,
            a.base_url,
            a.username,
            a.charset or "-",
            a.signature or "-",
            a.max_length,
        ]
        for a in accts
    ]
    print(
        table(
            rows,
            ["名称/name", "类型/family", "地址/URL", "用户/user", "字符集", "签名", "字数上限/cap"],
        )
    )
    return EXIT_OK


def account_test(args: argparse.Namespace) -> int:
    """Query the balance; where the family knows another setting that may work, try it too."""
    from ..core.connection import check_connection

    c = ctx(args)
    res = check_connection(c.accounts, args.name)
    if args.json:
        emit_json(res.as_dict())
        return EXIT_OK if res.ok else EXIT_PARTIAL
    for a in res.attempts:
        how = ", ".join(f"{k}={v}" for k, v in a.options.items()) or "-"
        if a.ok and a.postpaid:
            print(f"  [{how}] 成功 / ok: 后付费账户 / postpaid account")
        elif a.ok:
            n = a.balance
            left = int(n) if n is not None and float(n).is_integer() else n
            print(f"  [{how}] 成功 / ok: 可发送 {left} 条 / {count_en(left, 'message')} left")
        else:
            print(clean(f"  [{how}] 失败 / failed: {a.error}"))
    if res.ok:
        kept = ", ".join(f"{k}={v}" for k, v in res.stored.items())
        print(
            f"账户 {res.account} 连接正常 / account {res.account} works"
            + (f"；已保存设置 / setting stored: {kept}" if kept else "")
        )
        return EXIT_OK
    print(f"账户 {res.account} 连接失败 / account {res.account} failed the test", file=sys.stderr)
    return EXIT_PARTIAL


def account_remove(args: argparse.Namespace) -> int:
    c = ctx(args)
    c.accounts.remove(args.name)
    print(f"已删除账户 {args.name} / account {args.name} removed")
    return EXIT_OK


def account_password(args: argparse.Namespace) -> int:
    """Keep an account's password (and its family's secret fields, ``--verycode``) in this
    PC's keyring."""
    c = ctx(args)
    missing = c.accounts.missing_secrets(args.name)  # an unknown account is refused here
    values = {k: getattr(args, k) for k in SECRET_FIELD_KEYS if getattr(args, k, None)}
    still = [k for k in missing if k != "password" and k not in values]
    if still:
        raise CliError(
            f"账户 {args.name} 还需要 {'、'.join(still)}：请加上"
            f" {' '.join(f'--{k} {k.upper()}' for k in still)}"
            f" / Account {args.name} also needs {', '.join(still)}: add"
            f" {' '.join(f'--{k} {k.upper()}' for k in still)}"
        )
    if args.password_stdin:
        values["password"] = _read_password()
    elif not values or "password" in missing:
        if sys.stdin is None or not sys.stdin.isatty():
            raise CliError(
                "标准输入不是终端：请用 --password-stdin 传入密码。"
                " / Standard input is not a terminal: give the password with --password-stdin."
            )
        values["password"] = _ask_password(f"账户 {args.name} ", f"account {args.name}")
    c.accounts.set_secrets(args.name, values)
    print(f"已更新 {args.name} 的密码 / password of {args.name} updated")
    return EXIT_OK


# ---------------------------------------------------------------- balance --------------------
def balance(args: argparse.Namespace) -> int:
    c = ctx(args)
    row = read_balance(c.accounts, args.account)
    if args.json:
        emit_json(
            {
                "account": row.account,
                "family": row.family,
                "messages": None if row.stale else row.messages,
                "postpaid": row.postpaid,
                "read_at": row.read_at,
                "raw": row.raw,
                "details": row.details,
                "error": row.error,
                "vendor_text": row.vendor_text,
                "threshold": row.threshold,
                "low": row.low,
                "last_known": (
                    {"messages": row.messages, "read_at": row.known_at} if row.stale else None
                ),
            }
        )
    elif row.ok and row.postpaid:
        print(
            f"{row.account}（{row.family}）后付费账户，无余额限制 / postpaid account, no balance limit"
        )
    elif row.ok:
        n = _count(row.messages)
        print(f"{row.account}（{row.family}）可发送 {n} 条 / {count_en(n, 'message')} left")
        if row.low:
            info(
                f"警告 / warning: 余额低于提醒值 {row.threshold} 条"
                f" / the balance is below the threshold of {row.threshold}"
            )
    else:
        vendor = f" [{row.vendor_text}]" if row.vendor_text else ""
        print(
            clean(f"{row.account}: 查询失败 / query failed: {row.error}{vendor}"), file=sys.stderr
        )
        if row.stale:
            n = _count(row.messages)
            print(
                f"{row.account}（{row.family}）最近一次查询 {row.known_at}：可发送 {n} 条"
                f" / last known ({row.known_at}): {count_en(n, 'message')} left"
            )
    return EXIT_OK if row.ok else EXIT_PARTIAL


def _count(n: float | None) -> float | int | None:
    return int(n) if n is not None and float(n).is_integer() else n


# ---------------------------------------------------------------- send -----------------------
def _draft(c: Core, args: argparse.Namespace) -> compose.Draft:
    """The send as given on the command line (the core screens the recipients: invalid,
    duplicate, blacklisted …)."""
    pasted, rows = "", None
    if args.to is not None:
        if not args.to.strip():
            raise CliError("--to 为空：请给出号码。 / --to is empty: give the numbers.")
        pasted = args.to
    elif args.group is not None:
        if not args.group.strip():
            raise CliError("--group 为空：请给出分组名。 / --group is empty: give a group name.")
        rows = compose.group_recipients(c.db, args.group)
    else:
        if not args.contacts or not str(args.contacts).strip():
            raise CliError("--contacts 为空：请给出文件。 / --contacts is empty: give a file.")
        acct = c.accounts.get(args.account)
        rows = compose.file_recipients(
            acct, Path(args.contacts), args.sheet, args.phone_column
        ).recipients
    text, template_id, template_vars = _text(args), args.template_id, list(args.var)
    kind = args.kind
    if args.template is not None:
        text, template_id, template_vars, saved_kind = _saved_template(c, args, rows)
        kind = kind or saved_kind  # the kind the template was saved with, unless --kind
    if args.add_optout and text.strip() and template_id is None:
        text = with_optout(text, optout_of(c.accounts.get(args.account)))
    return compose.Draft(
        account=args.account,
        text=text,
        pasted=pasted,
        rows=rows,
        backup=args.backup,
        template_id=template_id,
        template_vars=template_vars,
        send_at=args.at,
        extno=args.extno,
        allow_empty_fields=args.allow_empty_fields,
        kind=kind,
        ignore_window=args.ignore_window,
        by_server=bool(getattr(args, "by_server", False)),
    )


def _saved_template(
    c: Core, args: argparse.Namespace, rows: Sequence[Recipient] | None
) -> tuple[str, str | None, list[str], str | None]:
    """``--template NAME``: the saved template's text (or gateway template) for the account, and
    the job kind it was saved with (None: not said); its warnings (another account kind, fields
    the recipients lack) on stderr. A name that is
    no saved template is read as a jsm template id where the account sends templates (what
    ``--template`` meant before there were saved templates)."""
    from ..core import templates

    acct = c.accounts.get(args.account)
    try:
        saved = templates.get(c.db, args.template)
    except InputError:
        if acct.capabilities.templates:
            info(
                f"没有名为 {args.template} 的短信模板：按网关模板编号发送（请改用 --template-id）"
                f" / No saved template named {args.template}: sent as the gateway template id"
                " (use --template-id)"
            )
            return "", args.template, list(args.var), None
        raise
    columns: set[str] = set()
    if rows is not None:
        for r in rows:
            columns.update(r.fields)
    used = templates.use(saved, acct.family, sorted(columns))
    for w in used.warnings:
        info("警告 / warning: " + w)
    if args.var:
        raise CliError(
            "--var 用于 --template-id；保存的模板自带变量 / --var goes with --template-id; a"
            " saved template has its own values"
        )
    return used.text, used.template_id, used.template_vars, saved.job_kind or None


def _text(args: argparse.Namespace) -> str:
    if args.text is not None:
        return str(args.text)
    if args.text_file is not None:
        try:
            raw = Path(args.text_file).read_bytes()
        except OSError as exc:
            raise CliError(
                f"无法读取 {args.text_file} / cannot read {args.text_file}: {exc}"
            ) from exc
        from ..core.charsets import decode_reply

        return decode_reply(raw, None, "utf-8").strip()
    return ""


def _progress_printer(quiet: bool) -> Any:
    def show(p: Progress) -> None:
        if quiet and p.event not in ("failover", "retry"):
            return
        detail = f" {p.detail}" if p.detail else ""
        info(f"[{p.event}] {p.done}/{p.total}{detail}")

    return show


def _problem(est: Estimate) -> Exception:
    """The first reason the send is refused, with the option that answers it."""
    p = est.problems[0]
    if isinstance(p, KindNotConfirmed):
        return CliError(
            f"{p} 请用 --kind notice（通知）或 --kind marketing（营销）注明。"
            " / Say which with --kind notice or --kind marketing."
        )
    return p


def _guard_lines(est: Estimate) -> list[str]:
    """The compliance guard's findings: the kind (given, or the one assumed), the window, the
    caps, the signature (Chinese / English lines)."""
    return est.guard.lines() if est.guard is not None else []


def _show_estimate(est: Estimate) -> None:
    """The estimate's totals, skipped rows (with their row numbers) and warnings, on stderr."""
    for line in est.summary_lines():
        info(line)
    for line in _guard_lines(est):
        info(line)
    rejected = est.rejected
    for r in rejected[:20]:
        info(f"  跳过 / skipped: {r.value or '-'}  {r.message}")
    if len(rejected) > 20:
        info(f"  … 另有 {len(rejected) - 20} 个 / {len(rejected) - 20} more")
    for w in est.warnings:
        info("警告 / warning: " + w)


def send(args: argparse.Namespace) -> int:
    if args.var and not (args.template_id or args.template):
        raise CliError(
            "--var 只能和 --template-id 一起用（模板变量）。 / --var goes with --template-id"
            " (template values)."
        )
    c = ctx(args)
    if not args.dry_run:
        c.engine.recover()
    spec = compose.build(c.accounts, _draft(c, args))
    if not spec.recipients:
        raise CliError("没有接收号码 / no recipients")
    est = c.engine.estimate(spec)
    if args.test or args.test_to is not None:
        if est.problems:
            raise _problem(est)
        own = (
            parse_own_numbers(args.test_to)
            if args.test_to is not None
            else load_settings(c.db).own_numbers
        )
        spec = compose.test_spec(spec, est, own)
        est = c.engine.estimate(spec)
    if args.dry_run:
        if args.json:
            emit_json(est.to_dict())
        else:
            for line in est.summary_lines() + _guard_lines(est):
                print(line)
            for r in est.rejected[:50]:
                print(f"  {r.value or '-':<14} {r.reason:<12} {r.message}")
            for w in est.warnings:
                print("警告 / warning: " + w)
        for e in est.errors:
            print(f"错误 / error: {e}", file=sys.stderr)
        return EXIT_OK if est.ok else EXIT_BAD_INPUT
    if est.problems:
        raise _problem(est)
    if not spec.by_server:  # this PC's password, before anything is shown or stored
        c.engine.gateway(spec.account)
    _show_estimate(est)
    job_id = c.engine.create_job(spec)
    job = c.engine.summary(job_id)
    if job.by_server:
        _announce_by_server(c, job_id)
        return _report_job(c, job_id, args.json)
    # the user's local time, with Beijing time (the gateways' clock) beside it when it differs
    when_zh, when_en = local_and_beijing(est.send_at) if est.send_at else (job.send_at, job.send_at)
    if job.state == JobState.HELD and job.held_for == "window":
        when_zh, when_en = local_and_beijing(datetime.strptime(job.send_at or "", TIME_FORMAT))
        info(
            f"任务 {job_id} 是营销短信，现在不在营销时段：将在 {when_zh} 由本机发出"
            f"（到时须运行本程序、发送服务或 `sms-desktop-cli run-due`）。"
            f" / Job {job_id} is marketing, outside its window: held locally until {when_en}"
            " (the application, the sender service or `sms-desktop-cli run-due` sends it then)."
        )
        return _report_job(c, job_id, args.json)
    if job.state == JobState.HELD:
        from ..core.jobs.lease import held_by

        by = held_by(c.db)
        if by.kind == "this_pc":
            info(
                f"任务 {job_id} 将在 {when_zh} 由本机发出：到时电脑必须开机并运行本程序"
                f"（或用任务计划程序运行 `sms-desktop-cli run-due`）。"
                f" / Job {job_id} is held locally until {when_en}: the computer must be on and"
                " the application running then (or schedule `sms-desktop-cli run-due`)."
            )
        else:
            zh, en = by.words()
            info(
                f"任务 {job_id} 定时在 {when_zh} 发送，{zh}。"
                f" / Job {job_id} goes out at {when_en}; it is {en}."
            )
        return _report_job(c, job_id, args.json)
    with stopping(job_id) as stop:
        summary = c.engine.run_job(
            job_id, progress=_progress_printer(args.json), control=stop.control
        )
    if summary.state == JobState.HELD and summary.held_for == "window":
        info(
            f"营销时段已结束：任务 {job_id} 其余号码将于 {summary.send_at} 继续发送。"
            f" / The marketing window closed: the rest of job {job_id} goes on at"
            f" {summary.send_at}."
        )
    if spec.test:
        info(
            f"测试短信（任务 {job_id}）已发到本人号码，请在手机上查看；内容无误后去掉 --test"
            f" 再发送。 / The test (job {job_id}) went to your own numbers: check them on the"
            " phone, then send again without --test."
        )
    return _report_job(c, summary.job_id, args.json, stopped=stop.asked)


def _announce_by_server(c: Core, job_id: int) -> None:
    """Say that the service runs the job, and whether one runs on this store now."""
    from ..core.service import Duty, live_service

    info(
        f"任务 {job_id} 已交给发送服务（由服务器发送），本机可以关机。"
        f" / Job {job_id} is handed to the sender service; this PC may be switched off."
    )
    service = live_service(c.db)
    if service is None or Duty.BY_SERVER not in service.duties:
        info(
            "警告 / warning: 本数据库现在没有运行中的发送服务；任务在服务启动后发出"
            "（`sms-desktop-cli serve`）。 / No sender service runs on this store now; the job"
            " goes out once one starts (`sms-desktop-cli serve`)."
        )


def _report_job(c: Core, job_id: int, as_json: bool, *, stopped: bool = False) -> int:
    """The job's totals and its problem recipients; ``stopped``: the user stopped the send
    (Ctrl+C, SIGTERM): exit code 130 and how to resume."""
    s = c.engine.summary(job_id)
    results = c.engine.results(job_id)
    if as_json:
        emit_json(
            {
                "job_id": s.job_id,
                "state": s.state,
                "outcome": s.outcome,
                "recipients": s.recipients,
                "accepted": s.accepted,
                "rejected": s.rejected,
                "unknown": s.unknown,
                "skipped": s.skipped,
                "queued": s.queued,
                "sending": s.sending,
                "send_at": s.send_at,
                "error": s.error,
                "kind": s.kind,
                "test": s.test,
                "ignore_window": s.ignore_window,
                "held_for": s.held_for,
                "by_server": s.by_server,
                "results": [
                    {
                        "phone": r["phone"],
                        "state": r["state"],
                        "gateway_id": r["gateway_id"],
                        "code": r["code"],
                        "message": r["message"],
                    }
                    for r in results
                ],
            }
        )
    else:
        counted = attention.counts(attention.summary_counts(s))  # the window's words too
        print(f"任务 {s.job_id} [{s.state}]：共 {s.recipients}，{counted.zh}")
        print(f"job {s.job_id} [{s.state}]: {count_en(s.recipients, 'recipient')}, {counted.en}")
        held = attention.at_gateway(s)  # the window's words: sent at the gateway's own time
        if held is not None:
            print(f"  {held}")
        problems = [r for r in results if r["state"] not in ("accepted", "delivered", "queued")]
        for r in problems[:50]:
            print(
                f"  {shown(r['phone'] or '-', 20):<14} {r['state']:<11} {shown(r['code'], 20)}"
                f" {shown(r['message'], 200)}"
            )
        if len(problems) > 50:
            print(f"  … 另有 {len(problems) - 50} 条 / {len(problems) - 50} more")
        if s.error:
            print(clean(f"  错误 / error: {s.error}"), file=sys.stderr)
        for a in attention.attention(s):  # what needs attention, as the window says it
            print(f"  {a.words}", file=sys.stderr)
        if s.unknown:
            print(
                f"  核实后可用 `resume {s.job_id} --resend-unknown` 重发。"
                f" / Once checked, `resume {s.job_id} --resend-unknown` resends them.",
                file=sys.stderr,
            )
    if stopped:
        info(
            f"任务 {s.job_id} 已停止；继续发送：sms-desktop-cli resume {s.job_id}"
            f" / job {s.job_id} stopped; resume it with `sms-desktop-cli resume {s.job_id}`"
        )
        return EXIT_INTERRUPTED
    return exit_code(s)


def exit_code(s: JobSummary) -> int:
    """0 when every recipient was accepted (or is held/scheduled as asked); duplicates and
    blacklisted numbers skipped on purpose do not count against it, invalid numbers do."""
    if s.rejected or s.unknown or s.invalid:
        return EXIT_PARTIAL
    waiting = s.state == JobState.HELD or (
        s.by_server and s.state in (JobState.QUEUED, JobState.SCHEDULED)
    )  # held, or handed to the service: nothing was meant to be sent yet
    if s.queued and not waiting:
        return EXIT_PARTIAL
    return EXIT_OK


def resend(args: argparse.Namespace) -> int:
    """A new job for the rejected (or undelivered) recipients of a job, optionally only those
    of one report code or carrier (the old job is left as it is)."""
    if (args.reason is not None or args.carrier is not None) and not args.undelivered:
        raise CliError(
            "--reason 和 --carrier 只能与 --undelivered 一起使用 / --reason and --carrier go"
            " with --undelivered"
        )
    carrier = None
    if args.carrier is not None:
        from ..core.carriers import carrier_code

        carrier = carrier_code(args.carrier)
    state = MsgState.UNDELIVERED if args.undelivered else MsgState.REJECTED
    c = ctx(args)
    c.engine.recover()
    spec = c.engine.resend_spec(args.job, (state,), reason=args.reason, carrier=carrier)
    job_id = c.engine.create_job(spec)
    what = ("未送达", "undelivered") if args.undelivered else ("被拒", "rejected")
    info(
        f"重发任务 {args.job} 的{what[0]}号码：新任务 {job_id} / resending job {args.job}'s"
        f" {what[1]} recipients as job {job_id}"
    )
    with stopping(job_id) as stop:
        c.engine.run_job(job_id, progress=_progress_printer(args.json), control=stop.control)
    return _report_job(c, job_id, args.json, stopped=stop.asked)


def resume(args: argparse.Namespace) -> int:
    c = ctx(args)
    with stopping(args.job) as stop:
        s = c.engine.resume(
            args.job,
            resend_unknown=args.resend_unknown,
            progress=_progress_printer(args.json),
            control=stop.control,
        )
    if s.by_server:  # handed back to the service, not sent here
        _announce_by_server(c, args.job)
    return _report_job(c, args.job, args.json, stopped=stop.asked)


def run_due(args: argparse.Namespace) -> int:
    from ..core.service import Duty, live_service

    c = ctx(args)
    service = live_service(c.db)
    if service is not None and Duty.HELD in service.duties:
        info(
            f"发送服务正在运行（{service.who_zh}），到时任务由它发出。"
            f" / The sender service runs ({service.who_en}); it sends the held jobs."
        )
        if args.json:
            emit_json({"sent": [], "overdue": [], "service": service.who_en})
        return EXIT_OK
    c.engine.recover()
    _announce_overdue(c)
    overdue = [s for s in c.engine.held_jobs() if s.state == JobState.OVERDUE]
    from ..core.automation import rules

    out = []
    rc = EXIT_OK
    # the automation rules' runs due now (made once, whoever else ticks), then the held jobs
    made = rules.tick(c.engine)
    for job_id in [*made, *(j for j in c.engine.due_jobs() if j not in made)]:
        with stopping(job_id) as stop:
            s = c.engine.release_due(
                job_id, progress=_progress_printer(args.json), control=stop.control
            )
        if s is None:  # another PC, window or the service released it first: theirs to report
            continue
        out.append(s.as_dict())
        if s.rejected or s.unknown or s.queued:
            rc = EXIT_PARTIAL
        if stop.asked:  # the other due jobs wait for the next run-due
            rc = EXIT_INTERRUPTED
            break
    if args.json:
        emit_json({"sent": out, "overdue": [s.as_dict() for s in overdue]})
    else:
        print(f"发出到时任务 {len(out)} 个 / {count_en(len(out), 'due job')} sent")
    return rc


def cancel(args: argparse.Namespace) -> int:
    c = ctx(args)
    c.engine.cancel(args.job)  # refuses (exit 2) a finished, scheduled or running job
    print(f"任务 {args.job} 已取消 / job {args.job} cancelled")
    return EXIT_OK


def _announce_overdue(c: Core) -> None:
    """Locally held jobs whose time passed while nothing ran: shown, never sent in silence."""
    for s in c.engine.mark_overdue():
        info(
            f"任务 {s.job_id} 已过定时 {s.send_at}，未发送，等待确认（`resume {s.job_id}` 发送或"
            f" `cancel {s.job_id}`）。 / Job {s.job_id} is overdue ({s.send_at}); not sent,"
            " waiting for confirmation."
        )


def jobs(args: argparse.Namespace) -> int:
    c = ctx(args)
    c.engine.recover()
    _announce_overdue(c)
    items = c.engine.jobs(created_by=identity.current() if args.mine else None)
    waiting = c.engine.awaiting_decision()  # older ones than the list shows too
    if args.json:
        emit_json([s.as_dict() for s in items])
        for job_id in waiting:  # stdout carries only the JSON (its needs_decision field)
            info(_decision_line(job_id))
        return EXIT_OK
    rows = [
        [
            s.job_id,
            s.account,
            s.state + ("*" if s.needs_decision else ""),
            s.outcome or "-",
            s.recipients,
            s.accepted,
            s.rejected,
            s.unknown,
            s.skipped,
            s.send_at or "",
            s.created_at,
            str(s.created_by) if s.created_by else "-",
        ]
        for s in items
    ]
    print(
        table(
            rows,
            [
                "任务",
                "账户",
                "状态",
                "结果 outcome",
                "号码",
                "成功",
                "被拒",
                "未知",
                "跳过",
                "定时",
                "创建",
                "创建者 by",
            ],
        )
    )
    for job_id in waiting:
        print(_decision_line(job_id))
    return EXIT_OK


def _decision_line(job_id: int) -> str:
    """A job a crash interrupted: announced until someone resumes, cancels or acknowledges it."""
    return (
        f"* 任务 {job_id} 因程序中断没有发送完，等待决定：`resume {job_id}` 继续发送，"
        f"`cancel {job_id}` 取消，或 `acknowledge {job_id}` 以后再说。"
        f" / Job {job_id} was interrupted by a crash and waits for a decision:"
        f" `resume {job_id}` to go on, `cancel {job_id}` to cancel it,"
        f" or `acknowledge {job_id}` to decide later."
    )


def acknowledge(args: argparse.Namespace) -> int:
    """Decide later about a job a crash interrupted: it is no longer announced."""
    c = ctx(args)
    c.engine.recover()
    if c.engine.acknowledge(args.job):
        print(
            f"任务 {args.job} 留待以后处理，不再提醒；随时可以 `resume {args.job}` 或"
            f" `cancel {args.job}`。 / Job {args.job} is left for later and no longer announced;"
            f" `resume {args.job}` or `cancel {args.job}` at any time."
        )
    else:
        print(f"任务 {args.job} 没有等待决定。 / Job {args.job} was not waiting for a decision.")
    return EXIT_OK


# ---------------------------------------------------------------- sync / inbox ---------------
def sync(args: argparse.Namespace) -> int:
    c = ctx(args)
    res = c.syncer.sync_account(args.account, force=args.force)
    if res.missing_secrets:
        raise c.accounts.missing_error(args.account, res.missing_secrets)
    if res.skipped_reason:
        info(res.skipped_reason)
    for e in res.errors:
        info("错误 / error: " + e)
    if args.json:
        emit_json(
            {
                "reports": res.new_reports,
                "replies": res.new_replies,
                "rematched": res.rematched,
                "unparsed": res.unparsed,
                "pages": res.pages,
                "more": res.more,
            }
        )
    else:
        print(
            f"新状态报告 {len(res.new_reports)} 条，新回复 {len(res.new_replies)} 条"
            f" / {count_en(len(res.new_reports), 'new report')},"
            f" {count_en(len(res.new_replies), 'new reply', 'new replies')}"
        )
        for r in res.new_replies:
            flag = " [退订/opt-out]" if r.get("opt_out") else ""
            print(f"  {shown(r.get('phone'), 20)}: {shown(r.get('content'), 200)}{flag}")
        if res.rematched:
            n = len(res.rematched)
            print(
                f"先前未匹配的状态报告现已匹配 {n} 条 / {count_en(n, 'earlier report')} matched now"
            )
        if res.unmatched_reports:
            n = len(res.unmatched_reports)
            print(
                f"{n} 条状态报告对应不到本机发送的短信（见 inbox）"
                f" / {count_en(n, 'report')} {agree_en(n, 'matches', 'match')} no message sent"
                " from here (see inbox)"
            )
        if res.unparsed:
            print(
                f"{res.unparsed} 条记录无法解析，原文已保存"
                f" / {count_en(res.unparsed, 'record')} could not be parsed;"
                f" {agree_en(res.unparsed, 'its', 'their')} raw text is kept"
            )
        if res.more:
            wait = math.ceil(max(c.syncer.wait_time(args.account, k) for k in res.more))
            zh = "和".join({"reports": "状态报告", "replies": "回复"}[k] for k in res.more)
            en = " and ".join(res.more)
            later = f"{wait} 秒后" if wait else "现在即可"
            later_en = f"in {wait} s" if wait else "now"
            print(
                f"网关可能还有未取完的{zh}，{later}再次同步 / The gateway may hold more {en};"
                f" sync again {later_en}"
            )
    return EXIT_PARTIAL if res.errors else EXIT_OK


def receive(args: argparse.Namespace) -> int:
    """Run the qxt push receiver in the foreground until Ctrl+C (or ``--seconds``)."""
    import time

    from ..core.push_receiver import PushReceiver, generate_token

    c = ctx(args)
    acct = c.accounts.get(args.account)
    if not acct.capabilities.push:
        raise CliError(
            f"账户 {acct.name}（{acct.family}）的报告和回复需要拉取，用 `sync`。"
            f" / Account {acct.name} ({acct.family}) is pulled: use `sync`."
        )
    token = generate_token() if args.new_token else args.token
    receiver = PushReceiver(
        c.db,
        acct.name,
        args.host,
        args.port,
        token=token,
        max_body=args.max_body,
        accounts=c.accounts,
        on_push=lambda r: info(
            f"收到推送 / push: {len(r.new_reports)} 报告 reports, {len(r.new_replies)} 回复 replies"
        ),
    )
    receiver.start()
    try:  # from the moment it listens: Ctrl+C or SIGTERM (console.py) stops it cleanly
        info(
            f"推送接收地址（填到网关后台）/ give this URL to the vendor: {receiver.vendor_url}"
            "\n按 Ctrl+C 停止 / Ctrl+C to stop"
        )
        deadline = time.monotonic() + args.seconds if args.seconds else None
        while deadline is None or time.monotonic() < deadline:
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        receiver.stop()
    return EXIT_OK


def inbox(args: argparse.Namespace) -> int:
    c = ctx(args)
    data = inbox_store.latest(c.db, limit=args.limit)
    if args.json:
        emit_json(data)
        return EXIT_OK
    print("回复 / replies:")
    print(
        table(
            [
                [
                    r["time"] or r["received_at"],
                    r["account"],
                    r["phone"],
                    r["content"],
                    "退订" if r["opt_out"] else "",
                ]
                for r in data["replies"]
            ],
            ["时间", "账户", "号码", "内容", ""],
        )
    )
    print("\n状态报告 / delivery reports:")
    print(
        table(
            [
                [
                    r["time"] or r["received_at"],
                    r["account"],
                    r["phone"],
                    r["status"],
                    {1: "delivered", 0: "undelivered"}.get(r["delivered"], "?"),
                    "" if r["message_id"] else "未匹配/unmatched",
                ]
                for r in data["reports"]
            ],
            ["时间", "账户", "号码", "状态", "", ""],
        )
    )
    return EXIT_OK


def history(args: argparse.Namespace) -> int:
    c = ctx(args)
    rows = history_mod.history(
        c.db, phone=args.phone, job_id=args.job, limit=args.limit, substring=args.substring
    )
    if args.json:
        emit_json(rows)
        return EXIT_OK
    print(
        table(
            [
                [
                    r["job_id"],
                    r["phone"],
                    r["name"],
                    r["state"],
                    r["account"] or "",
                    r["gateway_id"] or "",
                    r["updated_at"],
                    r["message"] or "",
                ]
                for r in rows
            ],
            ["任务", "号码", "姓名", "状态", "账户", "网关编号", "时间", "说明"],
        )
    )
    return EXIT_OK


def export_history(args: argparse.Namespace) -> int:
    c = ctx(args)
    if args.job is not None:
        c.engine.summary(args.job)  # an unknown job is bad input, not an empty file
    from ..core.bilingual import system_lang

    lang = args.lang or system_lang()
    n = history_mod.export_history_xlsx(c.db, args.file, job_id=args.job, lang=lang)
    print(f"已导出 {n} 行到 {args.file} / {count_en(n, 'row')} exported to {args.file}")
    return EXIT_OK


# ---------------------------------------------------------------- db -------------------------
def db_backup(args: argparse.Namespace) -> int:
    from ..core import maintenance

    r = maintenance.backup(open_db(args), args.file)
    print(
        f"已备份到 {shown(r.path, None)}（{r.bytes / 1e6:.1f} MB，{r.seconds:.1f} 秒）"
        f" / Backed up to {shown(r.path, None)} ({r.bytes / 1e6:.1f} MB, {r.seconds:.1f} s)"
    )
    return EXIT_OK


def db_vacuum(args: argparse.Namespace) -> int:
    from ..core import maintenance

    r = maintenance.vacuum(open_db(args))
    print(
        f"数据库已整理：{r.bytes_before / 1e6:.1f} MB → {r.bytes_after / 1e6:.1f} MB"
        f"（{r.seconds:.1f} 秒） / Database compacted: {r.bytes_before / 1e6:.1f} MB →"
        f" {r.bytes_after / 1e6:.1f} MB ({r.seconds:.1f} s)"
    )
    return EXIT_OK


def db_password(args: argparse.Namespace) -> int:
    """Keep the office server's password (the configured store's user) in this PC's keyring,
    once a connection with it has worked; nothing is kept otherwise."""
    from ..core.store.url import check_store, configured_store, set_store_password

    home = home_of(args)
    spec = configured_store(getattr(args, "store", None), home)
    if spec.is_sqlite:
        raise CliError(
            f"{spec.display} 是本机的数据库文件，不需要密码。"
            f" / {spec.display} is this PC's own file: it needs no password."
        )
    where = f"{spec.user}@{spec.host}:{spec.port}"
    if args.password_stdin:
        password = _read_password()
    else:
        if sys.stdin is None or not sys.stdin.isatty():
            raise CliError(
                "标准输入不是终端：请用 --password-stdin 传入密码。"
                " / Standard input is not a terminal: give the password with --password-stdin."
            )
        password = _ask_password(f"办公室服务器 {where} ", f"the office server {where}")
    check = check_store(spec, home, password)
    if not check.ok:
        raise CliError(f"{check.message}（密码没有保存 / the password was not kept）")
    set_store_password(home, spec, password)
    print(f"已保存 {where} 的密码 / password of {where} kept: {check.message}")
    return EXIT_OK


def db_copy(args: argparse.Namespace) -> int:
    from ..core.store.copy import copy_store

    if args.chunk < 1:
        raise CliError(f"--chunk 应为正整数 / --chunk must be 1 or more: {args.chunk}")
    source = open_db(args)
    target = open_target(args, args.to)
    quiet = bool(args.json)
    shown_at = [0.0]

    def show(table_name: str, done: int, total: int) -> None:
        now = time.monotonic()
        if quiet or (now - shown_at[0] < 1.0 and done < total):
            return
        shown_at[0] = now
        info(f"  {table_name}: {done}/{total}")

    info(
        f"复制 {shown(source.location, None)} → {shown(target.location, None)}"
        f" / copying {shown(source.location, None)} -> {shown(target.location, None)}"
    )
    try:
        r = copy_store(source, target, chunk=args.chunk, progress=show)
    except KeyboardInterrupt:  # Ctrl+C, SIGTERM: what was copied stays, marked unfinished
        info(
            "复制没有完成：再次运行同一条命令即可接着复制。"
            " / The copy did not finish: run the same command again to go on."
        )
        raise
    finally:
        target.close()
        source.close()
    if args.json:
        emit_json(
            {
                "source": r.source,
                "target": r.target,
                "resumed": r.resumed,
                "seconds": round(r.seconds, 3),
                "rows": r.rows,
            }
        )
        return EXIT_OK
    print(
        f"已复制 {r.total} 行，{len(r.rows)} 个表，每个表的行数已核对（{r.seconds:.1f} 秒）"
        + ("，接着上次中断处" if r.resumed else "")
        + f" / Copied {count_en(r.total, 'row')} in {count_en(len(r.rows), 'table')}, each"
        f" table's count checked ({r.seconds:.1f} s)"
        + (", resumed where it stopped" if r.resumed else "")
    )
    return EXIT_OK


# ---------------------------------------------------------------- demo -----------------------
def demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    return run_demo(keep=args.keep)
