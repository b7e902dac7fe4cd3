"""The command line of ``autoreply``: its parsers; what the commands do is in :mod:`.autoreply_cmd`."""

from __future__ import annotations

import argparse

from .choices import MATCH_MODES
from .common import Parser, runs


def _rule_ref(p: argparse.ArgumentParser) -> None:
    p.add_argument("rule", help="规则编号或名称 / the rule's id or name")
    p.add_argument("--account", help="规则所属账户 / the rule's account")


def _fields(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--keywords",
        help='关键词，用逗号或顿号分隔，例如 "1,地址" / keywords, comma-separated',
    )
    p.add_argument("--answer", help="自动回复的内容 / the answer's text")
    p.add_argument(
        "--match",
        choices=MATCH_MODES,
        help="exact：回复与关键词完全一致；contains（默认）：回复包含关键词"
        " / exact: the reply is the keyword; contains (default): it contains it",
    )


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    json_opt = Parser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="输出 JSON / JSON output")

    ap = sub.add_parser("autoreply", help="关键词自动回复 / keyword auto-replies")
    asub = ap.add_subparsers(dest="autoreply_cmd", metavar="list|add|edit|pause|resume|delete|run")
    asub.required = True

    p = asub.add_parser("list", parents=[json_opt], help="列出规则 / list the rules")
    p.add_argument("--account", help="只列出此账户的 / only this account's")
    p.set_defaults(func=runs("autoreply_cmd", "cmd_list"))

    p = asub.add_parser("add", parents=[json_opt], help="新建规则 / add a rule")
    p.add_argument("account", help="收到回复的账户 / the account the replies come to")
    p.add_argument("name", help="规则名称 / the rule's name")
    _fields(p)
    p.set_defaults(func=runs("autoreply_cmd", "cmd_add"))

    p = asub.add_parser("edit", parents=[json_opt], help="修改规则 / edit a rule")
    _rule_ref(p)
    p.add_argument("--name", dest="new_name", help="新名称 / rename to")
    _fields(p)
    p.set_defaults(func=runs("autoreply_cmd", "cmd_edit"))

    for name, helptext in (
        ("pause", "暂停规则 / pause a rule"),
        ("resume", "启用规则 / enable a rule again"),
        ("delete", "删除规则 / delete a rule"),
    ):
        p = asub.add_parser(name, parents=[json_opt], help=helptext)
        _rule_ref(p)
        p.set_defaults(func=runs("autoreply_cmd", f"cmd_{name}"))

    p = asub.add_parser(
        "run",
        parents=[json_opt],
        help="现在回复已收到的新回复 / answer the new replies stored now",
    )
    p.set_defaults(func=runs("autoreply_cmd", "cmd_run"))
