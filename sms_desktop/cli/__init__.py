"""``sms-desktop-cli``: the command-line companion, for automation (Windows Task Scheduler …).

It drives the same Qt-free core as the GUI. With ``--json`` stdout carries only JSON; progress and
warnings go to stderr; an error is one line on stderr and, with ``--json``, also a JSON object
``{"error": …, "kind": …, "exit_code": …}`` on stdout. Exit codes: 0 everything accepted, 1 some recipients were not, 2 bad input
(a one-line error, nothing sent) or a closed output pipe (one line; a send had already run), 130
stopped by Ctrl+C or SIGTERM (a send pauses between batches: ``resume JOB`` goes on).

Parsing a command line imports no core module beyond a few small ones (the program is started
often: the Task Scheduler runs ``run-due`` every few minutes). The parsers are here and in the
``*_args`` modules; what each command does is in ``commands`` and the ``*_cmd`` modules, imported
when the command runs (:class:`.common.Command`). Values the parsers show that the core defines
(the gateway families …) are written out in :mod:`.choices`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from ..core.bilingual import LANGS
from ..core.errors import ConflictError, InputError, PasswordMissingError, SmsDesktopError
from .api_args import register as register_api
from .automation_args import register as register_automation
from .autoreply_args import register as register_autoreply
from .choices import FAMILIES, FIELD_HELP, FIELD_KEYS, SECRET_FIELD_KEYS
from .common import (
    EXIT_BAD_INPUT,
    EXIT_CONFLICT,
    EXIT_INTERRUPTED,
    CliError,
    Parser,
    UsageError,
    clean,
    count_arg,
    emit_json,
    password_missing,
    runs,
    seconds_arg,
)
from .console import arguments, install_termination, setup_streams
from .contacts_args import register as register_contacts
from .guard_args import register as register_guard
from .report_args import register as register_report
from .serve_args import register as register_serve
from .templates_args import register as register_templates


def _time(value: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        f"时间格式应为 YYYY-MM-DD HH:MM:SS / expected YYYY-MM-DD HH:MM:SS, got {value!r}"
    )


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="sms-desktop-cli",
        description="短信群发助手命令行 / SMS Desktop command line",
    )
    p.add_argument("--home", metavar="DIR", help="数据目录 / data folder (or SMS_DESKTOP_HOME)")
    p.add_argument(
        "--store",
        metavar="URL",
        help="数据库：sqlite:///文件 或 postgresql://用户@服务器[:端口]/数据库"
        " / the store: sqlite:///FILE or postgresql://USER@HOST[:PORT]/DATABASE"
        " (or SMS_DESKTOP_STORE)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True

    # account
    acc = sub.add_parser("account", help="网关账户 / gateway accounts")
    asub = acc.add_subparsers(dest="account_cmd", metavar="add|list|test|remove|password")
    asub.required = True
    add = asub.add_parser(
        "add",
        help="添加账户 / add an account",
        description="添加网关账户；密码从标准输入读入，存入系统密码库。"
        " / Add a gateway account; the password is read from standard input into the OS keyring.",
    )
    add.add_argument("name", help="账户名称（自己起的名字）/ a name of your choice")
    add.add_argument(
        "--family",
        required=True,
        choices=list(FAMILIES),
        help="网关类型（接口文档的类型）/ the gateway family (the vendor document's kind)",
    )
    add.add_argument(
        "--base-url",
        required=True,
        metavar="URL",
        help="接口地址，到接口名为止（如 http://host:port/）/ the vendor address up to the"
        " endpoint name (e.g. http://host:port/)",
    )
    add.add_argument("--username", required=True, help="网关用户名 / the gateway user name")
    for key in FIELD_KEYS:
        add.add_argument(f"--{key}", default="", help=FIELD_HELP[key])
    add.add_argument(
        "--charset",
        choices=["utf-8", "gbk"],
        help="发送所用字符集（默认按网关）/ the charset to send in (default: the family's)",
    )
    add.add_argument(
        "--password-hash",
        choices=["none", "md5", "MD5"],
        help="密码加密方式：none 原文，md5 小写，MD5 大写（默认按网关）"
        " / how the password is sent: as is, md5 lower- or MD5 upper-case hex (default:"
        " the family's)",
    )
    add.add_argument(
        "--signature",
        default="",
        help="短信签名，如 【公司名】（正文没有签名时加在前面）"
        " / the signature, e.g. 【Company】, put before a text that has none",
    )
    add.add_argument(
        "--batch-size",
        type=int,
        metavar="N",
        help="每次请求的号码数（默认按网关上限）/ numbers per request (default: the family's limit)",
    )
    add.add_argument(
        "--extno",
        default="",
        help="默认扩展号（网关支持时）/ the default extension number (where the family has one)",
    )
    add.add_argument(
        "--read-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="等待网关回复的秒数（默认 30）/ seconds to wait for the gateway's reply (default 30)",
    )
    add.add_argument(
        "--connect-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="连接网关的秒数（默认 10）/ seconds to connect to the gateway (default 10)",
    )
    add.add_argument(
        "--concurrency",
        type=int,
        default=2,
        metavar="N",
        help="同时发送的请求数（默认 2）/ requests sent at the same time (default 2)",
    )
    add.add_argument(
        "--rate",
        type=float,
        default=0.0,
        metavar="N",
        help="每秒最多请求数（0 不限）/ at most N requests a second (0: no limit)",
    )
    add.add_argument(
        "--hold-locally",
        action="store_true",
        help="定时任务由本机保存并按时发出（不交给网关定时）"
        " / hold scheduled sends on this computer and send them on time (not the gateway)",
    )
    add.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="网关类型自己的设置（可多次，如 method=get）"
        " / a family's own setting, may be repeated (e.g. method=get)",
    )
    add.add_argument(
        "--max-length",
        type=int,
        metavar="N",
        help="每条字数上限（含签名；文档未规定上限的通道默认 500）"
        " / characters per message, signature included (500 where undocumented)",
    )
    add.add_argument(
        "--marketing-window",
        metavar="HH:MM-HH:MM",
        help="营销短信的发送时段（北京时间，默认 08:00-21:00）"
        " / when marketing may go out (Beijing time, default 08:00-21:00)",
    )
    add.add_argument(
        "--optout-suffix",
        metavar="TEXT",
        help="营销短信结尾的退订提示（默认 回T退订） / the opt-out marker ending a marketing text",
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="从标准输入读取密码（一行）/ read the password from standard input (one line)",
    )
    add.add_argument("--replace", action="store_true", help="覆盖同名账户 / replace if it exists")
    add.add_argument(
        "--json", action="store_true", help="以 JSON 输出账户 / print the account as JSON"
    )
    add.set_defaults(func=runs("commands", "account_add"))
    ls = asub.add_parser("list", help="列出账户 / list accounts")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=runs("commands", "account_list"))
    rm = asub.add_parser("remove", help="删除账户 / remove an account")
    rm.add_argument("name")
    rm.set_defaults(func=runs("commands", "account_remove"))
    tst = asub.add_parser(
        "test",
        help="测试连接（txt112088 会自动试 POST/GET 并记住）/ test the connection",
    )
    tst.add_argument("name")
    tst.add_argument("--json", action="store_true")
    tst.set_defaults(func=runs("commands", "account_test"))
    pw = asub.add_parser(
        "password",
        help="把账户密码存入本机的密码库 / keep an account's password in this PC's keyring",
        description="把网关账户的密码存入本机的系统密码库（每台电脑各自保存；连接办公室服务器的"
        "电脑第一次发送前需要设置一次）。不加 --password-stdin 时在终端中询问。"
        " / Keep a gateway account's password in this PC's OS keyring (each PC keeps its own;"
        " a PC that joined the office server sets it once before its first send). Without"
        " --password-stdin it is asked for in the terminal.",
    )
    pw.add_argument("name")
    pw.add_argument(
        "--password-stdin",
        action="store_true",
        help="从标准输入读取密码（一行）/ read the password from standard input (one line)",
    )
    for key in SECRET_FIELD_KEYS:
        pw.add_argument(f"--{key}", help=FIELD_HELP[key])
    pw.set_defaults(func=runs("commands", "account_password"))

    # balance
    bal = sub.add_parser("balance", help="查询余额 / balance")
    bal.add_argument("account")
    bal.add_argument("--json", action="store_true")
    bal.set_defaults(func=runs("commands", "balance"))

    # send
    snd = sub.add_parser("send", help="发送短信 / send")
    snd.add_argument("account")
    who = snd.add_mutually_exclusive_group(required=True)
    who.add_argument("--to", help="号码，逗号分隔 / numbers, comma-separated")
    who.add_argument("--contacts", metavar="FILE", help="Excel/CSV 通讯录 / contacts file")
    who.add_argument("--group", help="已导入的联系人分组 / an imported contact group")
    snd.add_argument("--sheet")
    snd.add_argument("--phone-column")
    what = snd.add_mutually_exclusive_group(required=True)
    what.add_argument("--text")
    what.add_argument("--text-file", type=Path)
    what.add_argument(
        "--template",
        metavar="NAME",
        help="保存的短信模板（template list）/ a saved message template (template list)",
    )
    what.add_argument(
        "--template-id", metavar="ID", help="网关模板编号（jsm）/ the gateway's template id (jsm)"
    )
    snd.add_argument(
        "--var", action="append", default=[], help="网关模板变量值 / gateway template value"
    )
    snd.add_argument("--at", type=_time, metavar='"YYYY-MM-DD HH:MM:SS"')
    snd.add_argument("--backup", metavar="ACCOUNT")
    snd.add_argument("--extno", default="")
    snd.add_argument(
        "--allow-empty-fields",
        action="store_true",
        help="文件或分组中占位符没有值的行照发 / send rows whose placeholders have no value",
    )
    snd.add_argument(
        "--kind",
        choices=["notice", "marketing"],
        help="任务类型：notice 通知、marketing 营销（内容像营销时必填；未填且不像营销时按通知）"
        " / the job's kind: required when the text reads as marketing, else notice is assumed",
    )
    snd.add_argument(
        "--ignore-window",
        action="store_true",
        help="营销短信不受发送时段限制（记录在任务上） / send marketing outside its window"
        " (recorded on the job)",
    )
    snd.add_argument(
        "--add-optout",
        action="store_true",
        help="内容未以退订提示结尾时加上（账户的退订提示，默认 回T退订）"
        " / append the account's opt-out marker when the text lacks it",
    )
    snd.add_argument(
        "--test",
        action="store_true",
        help="只先发给自己：前 1–3 条个性化短信发到本人号码（guard set --own-numbers），"
        "不群发 / send only a test: the first personalised texts to your own numbers",
    )
    snd.add_argument(
        "--test-to",
        metavar="NUMBERS",
        help="测试发到这些号码（代替设置中的本人号码，隐含 --test）"
        " / the test goes to these numbers instead (implies --test)",
    )
    snd.add_argument(
        "--dry-run",
        action="store_true",
        help="只显示预估，不保存、不发送 / show the estimate; store and send nothing",
    )
    snd.add_argument(
        "--by-server",
        action="store_true",
        help="由服务器发送：交给发送服务（serve），本机可以关机"
        " / hand the job to the sender service (serve); this PC may be switched off",
    )
    snd.add_argument("--json", action="store_true")
    snd.set_defaults(func=runs("commands", "send"))

    # sync
    syn = sub.add_parser("sync", help="获取状态报告和回复 / fetch reports and replies")
    syn.add_argument("account")
    syn.add_argument("--force", action="store_true", help="忽略最小轮询间隔 / ignore the interval")
    syn.add_argument("--json", action="store_true")
    syn.set_defaults(func=runs("commands", "sync"))

    rcv = sub.add_parser(
        "receive", help="接收网关推送的报告和回复（qxt） / run the push receiver (qxt)"
    )
    rcv.add_argument("account")
    rcv.add_argument("--host", default="127.0.0.1", help="监听地址 / address to listen on")
    rcv.add_argument("--port", type=int, required=True, help="监听端口 / port")
    rcv.add_argument("--token", help="推送路径口令 / secret path token (8–128 characters)")
    rcv.add_argument("--new-token", action="store_true", help="生成一个口令 / make up a token")
    rcv.add_argument("--max-body", type=int, default=64 * 1024)
    rcv.add_argument("--seconds", type=seconds_arg, help="运行多久后退出 / stop after this long")
    rcv.set_defaults(func=runs("commands", "receive"))

    # jobs, resume, run-due, cancel, acknowledge
    jb = sub.add_parser("jobs", help="发送任务 / jobs")
    jb.add_argument("--json", action="store_true")
    jb.add_argument(
        "--mine",
        action="store_true",
        help="只看本电脑上当前用户创建的任务 / only the jobs this user created on this PC",
    )
    jb.set_defaults(func=runs("commands", "jobs"))
    rs = sub.add_parser("resume", help="继续任务 / resume a job")
    rs.add_argument("job", type=int)
    rs.add_argument("--resend-unknown", action="store_true", help="重发结果未知的号码")
    rs.add_argument("--json", action="store_true")
    rs.set_defaults(func=runs("commands", "resume"))
    rd = sub.add_parser("run-due", help="发送到时的本地定时任务 / send held jobs that are due")
    rd.add_argument("--json", action="store_true")
    rd.set_defaults(func=runs("commands", "run_due"))
    rj = sub.add_parser(
        "resend",
        help="把任务中被拒或未送达的号码作为新任务重发 / resend a job's rejected or undelivered"
        " recipients",
    )
    rj.add_argument("job", type=int)
    which = rj.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--rejected",
        action="store_true",
        help="被拒的号码（结果未知的用 resume --resend-unknown）/ the rejected recipients",
    )
    which.add_argument(
        "--undelivered",
        action="store_true",
        help="状态报告为未送达的号码 / the recipients reported not delivered",
    )
    rj.add_argument(
        "--reason",
        metavar="CODE",
        help="只重发状态报告代码为 CODE 的（见 report）/ only those whose report gave CODE",
    )
    rj.add_argument(
        "--carrier",
        help="只重发该运营商号段的（移动、联通、电信…）/ only those of one carrier's blocks",
    )
    rj.add_argument("--json", action="store_true")
    rj.set_defaults(func=runs("commands", "resend"))
    cn = sub.add_parser("cancel", help="取消任务 / cancel a job")
    cn.add_argument("job", type=int)
    cn.set_defaults(func=runs("commands", "cancel"))
    ak = sub.add_parser(
        "acknowledge",
        help="暂不处理被程序中断的任务（不再提醒）/ decide later about a job a crash interrupted"
        " (no longer announced)",
    )
    ak.add_argument("job", type=int)
    ak.set_defaults(func=runs("commands", "acknowledge"))

    # history, inbox, export
    hi = sub.add_parser("history", help="发送记录 / history")
    hi.add_argument("--phone", help="号码或号码开头 / a number, or how it starts")
    hi.add_argument(
        "--substring",
        action="store_true",
        help="--phone 可出现在号码任意位置（较慢）/ match --phone anywhere in the number (slower)",
    )
    hi.add_argument("--job", type=int)
    hi.add_argument("--limit", type=count_arg, default=1000)
    hi.add_argument("--json", action="store_true")
    hi.set_defaults(func=runs("commands", "history"))
    ib = sub.add_parser("inbox", help="回复和状态报告 / replies and reports")
    ib.add_argument("--json", action="store_true")
    ib.add_argument("--limit", type=count_arg, default=200)
    ib.set_defaults(func=runs("commands", "inbox"))
    ex = sub.add_parser("export", help="导出 / export")
    exs = ex.add_subparsers(dest="export_what", metavar="history")
    exs.required = True
    eh = exs.add_parser("history")
    eh.add_argument("file", type=Path)
    eh.add_argument("--job", type=int)
    eh.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="表格的语言（默认随系统）/ the file's language (default: the system's)",
    )
    eh.set_defaults(func=runs("commands", "export_history"))

    dbp = sub.add_parser("db", help="数据库维护 / database upkeep")
    dbs = dbp.add_subparsers(
        dest="db_cmd", metavar="backup|vacuum|copy|password", parser_class=Parser
    )
    dbs.required = True
    bk = dbs.add_parser(
        "backup",
        help="在线备份数据库到文件（不含密码） / back the database up to a file (no passwords)",
    )
    bk.add_argument("file", type=Path)
    bk.set_defaults(func=runs("commands", "db_backup"))
    vc = dbs.add_parser(
        "vacuum", help="整理数据库（发送中会拒绝） / compact the database (refused while sending)"
    )
    vc.set_defaults(func=runs("commands", "db_vacuum"))
    cp = dbs.add_parser(
        "copy",
        help="把整个数据库复制到另一个空数据库（本机文件 ↔ 办公室服务器）"
        " / copy the whole store into another, empty one (this PC's file <-> the office server)",
        description="把当前数据库（--store）的全部内容复制到 --to 指定的空数据库：核对每个表的行数；"
        "中断后再次运行即可接着复制。密码不在数据库中，留在各台电脑的密码库里。"
        " / Copy everything in the current store (--store) into the empty store given by --to;"
        " each table's rows are counted on both sides; run it again after an interruption and it"
        " goes on. Passwords are not in the store: they stay in each PC's keyring.",
    )
    cp.add_argument(
        "--to",
        required=True,
        metavar="URL",
        help="目标：postgresql://用户@服务器[:端口]/数据库 或 sqlite:///文件"
        " / the target: postgresql://USER@HOST[:PORT]/DATABASE or sqlite:///FILE",
    )
    cp.add_argument(
        "--chunk",
        type=int,
        default=20_000,
        metavar="N",
        help="每个事务写入的行数（默认 20000）/ rows per transaction (default 20000)",
    )
    cp.add_argument("--json", action="store_true")
    cp.set_defaults(func=runs("commands", "db_copy"))
    pw = dbs.add_parser(
        "password",
        help="在本机的密码库中保存办公室服务器的密码（先试连接）"
        " / keep the office server's password in this PC's keyring (tried first)",
    )
    pw.add_argument(
        "--password-stdin",
        action="store_true",
        help="从标准输入读取密码（一行）/ read the password from standard input (one line)",
    )
    pw.set_defaults(func=runs("commands", "db_password"))

    dm = sub.add_parser("demo", help="用模拟网关演示 / demo against the built-in simulator")
    dm.add_argument("--keep", action="store_true", help="保留演示数据目录 / keep the demo home")
    dm.set_defaults(func=runs("commands", "demo"))

    register_contacts(sub)
    register_templates(sub)
    register_report(sub)
    register_guard(sub)
    register_serve(sub)
    register_automation(sub)
    register_api(sub)
    register_autoreply(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    # A console or pipe in a code page that cannot show every character (1252 on an English
    # Windows, ASCII under LANG=C): escape what it cannot carry, never "?" (console.py).
    setup_streams()
    install_termination()
    try:
        rc = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`history | head -1`): the way the Python documentation gives
        # (signal module, "Note on SIGPIPE"). Point stdout at devnull so that the flush at exit
        # cannot fail again; then one line on stderr and exit 2, on every platform and for every
        # command (a closed pipe is misuse, told once, never a traceback).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        try:
            print(
                "错误 / error: 输出管道已关闭（如 | head），其余输出没有写出。"
                " / The output pipe was closed (e.g. | head); the rest was not written.",
                file=sys.stderr,
                flush=True,
            )
        except OSError:
            pass
        return EXIT_BAD_INPUT
    return rc


def _run(argv: Sequence[str] | None) -> int:
    words = arguments(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    try:
        args = parser.parse_args(words)
    except UsageError as exc:
        prog, message = exc.args
        return _fail(message, f"{prog}: 错误 / error: ", EXIT_BAD_INPUT, "--json" in words)
    as_json = bool(getattr(args, "json", False))
    try:
        rc = args.func(args)
    except PasswordMissingError as exc:
        return _fail(password_missing(exc), "错误 / error: ", EXIT_BAD_INPUT, as_json)
    except ConflictError as exc:
        return _fail(str(exc), "冲突 / conflict: ", EXIT_CONFLICT, as_json)
    except (CliError, InputError) as exc:
        return _fail(str(exc), "错误 / error: ", EXIT_BAD_INPUT, as_json)
    except SmsDesktopError as exc:
        return _fail(str(exc), "错误 / error: ", 1, as_json)
    except KeyboardInterrupt:
        return _fail("已中断 / interrupted", "", EXIT_INTERRUPTED, as_json)
    return int(rc or 0)


_KINDS = {
    EXIT_BAD_INPUT: "bad_input",
    1: "failed",
    EXIT_CONFLICT: "conflict",
    EXIT_INTERRUPTED: "interrupted",
}


def _fail(message: str, prefix: str, code: int, as_json: bool) -> int:
    """An error: one line on stderr; with --json also a JSON object on stdout, so a script
    reading stdout gets a document either way. The exit code is the same."""
    print(clean(prefix + message, sys.stderr), file=sys.stderr)
    if as_json:
        emit_json({"error": message, "kind": _KINDS[code], "exit_code": code})
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
