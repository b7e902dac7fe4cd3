"""The command line of ``automation``: its parsers; what the commands do is in :mod:`.automation_cmd`."""

from __future__ import annotations

import argparse

from .choices import JOB_KINDS, MONTH_DAYS, NOTICE, SCHEDULES
from .common import Parser, runs


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    json_opt = Parser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="输出 JSON / JSON output")

    ap = sub.add_parser("automation", help="自动化：定期发送、按日期发送 / automation rules")
    asub = ap.add_subparsers(
        dest="automation_cmd",
        metavar="list|add|pause|resume|delete|missed|send-missed|skip-missed|preview",
    )
    asub.required = True

    p = asub.add_parser("list", parents=[json_opt], help="列出规则 / list the rules")
    p.set_defaults(func=runs("automation_cmd", "cmd_list"))

    p = asub.add_parser("add", parents=[json_opt], help="新建规则 / add a rule")
    p.add_argument("name")
    p.add_argument("--account", required=True, help="发送账户 / the account")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--text", help="短信内容，可用 {列名} / the text, with {column} placeholders")
    what.add_argument("--template", help="已保存的短信模板名称 / a saved template's name")
    p.add_argument(
        "--kind",
        choices=list(JOB_KINDS),
        default=NOTICE,
        help="notice 通知（默认）/ marketing 营销",
    )
    p.add_argument("--group", help="联系人分组（默认全部）/ the contact group (default: all)")
    p.add_argument("--search", help="保存的筛选：搜索 / saved filter: a search")
    p.add_argument("--carrier", help="保存的筛选：运营商 / saved filter: a carrier")
    p.add_argument("--province", help="保存的筛选：省份 / saved filter: a province")
    p.add_argument("--schedule", required=True, choices=list(SCHEDULES), help="周期 / schedule")
    p.add_argument("--at", required=True, help="发送时间 HH:MM（北京时间）/ the time (Beijing)")
    p.add_argument("--weekday", type=int, help="weekly：星期几 1-7 / the weekday 1-7")
    p.add_argument("--day", choices=list(MONTH_DAYS), help="monthly：1、15 或 last")
    p.add_argument("--until", help="截止日期 YYYY-MM-DD（含）/ the end date (included)")
    p.add_argument("--date-field", help="date：日期列，如 生日 / the date column")
    p.add_argument(
        "--full-date",
        action="store_true",
        help="date：按完整日期（如到期日），默认按月日（如生日）/ match the full date",
    )
    p.add_argument(
        "--days-before", type=int, default=0, help="date：提前几天发送 / days before the date"
    )
    p.add_argument("--paused", action="store_true", help="先暂停 / add it paused")
    p.set_defaults(func=runs("automation_cmd", "cmd_add"))

    for name, text in (
        ("pause", "暂停规则 / pause a rule"),
        ("resume", "启用规则 / resume a rule"),
        ("delete", "删除规则 / delete a rule"),
    ):
        p = asub.add_parser(name, help=text)
        p.add_argument("name", help="规则名称或编号 / the rule's name or id")
        p.set_defaults(func=runs("automation_cmd", f"cmd_{name}"))

    p = asub.add_parser("missed", parents=[json_opt], help="错过的运行 / the missed runs")
    p.set_defaults(func=runs("automation_cmd", "cmd_missed"))

    p = asub.add_parser(
        "send-missed", parents=[json_opt], help="现在发送错过的运行 / send a missed run now"
    )
    p.add_argument("run", type=int)
    p.set_defaults(func=runs("automation_cmd", "cmd_send_missed"))

    p = asub.add_parser("skip-missed", help="跳过错过的运行 / skip a missed run")
    p.add_argument("run", type=int)
    p.set_defaults(func=runs("automation_cmd", "cmd_skip_missed"))

    p = asub.add_parser(
        "preview", parents=[json_opt], help="预览：接下来谁会收到 / who gets it next"
    )
    p.add_argument("name", help="规则名称或编号 / the rule's name or id")
    p.set_defaults(func=runs("automation_cmd", "cmd_preview"))
