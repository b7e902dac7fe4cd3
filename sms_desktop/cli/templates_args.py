"""The command line of ``templates``: its parsers; what the commands do is in :mod:`.templates_cmd`."""

from __future__ import annotations

import argparse
from pathlib import Path

from .choices import FAMILIES, JOB_KINDS
from .common import Parser, runs


def _fields(p: argparse.ArgumentParser, *, edit: bool) -> None:
    what = p.add_mutually_exclusive_group(required=False)
    what.add_argument("--text", help="短信内容，可用 {列名} / the text, with {column} placeholders")
    what.add_argument("--text-file", type=Path)
    p.add_argument("--category", help="分类 / category")
    p.add_argument(
        "--family",
        choices=["", *FAMILIES],
        help="适用的账户类型（空：任意）/ the account kind it is for (empty: any)",
    )
    p.add_argument(
        "--kind",
        choices=["", *JOB_KINDS],
        help="任务类型：notice 通知，marketing 营销 / job kind",
    )
    p.add_argument(
        "--template-id",
        help="网关模板编号（jsm）/ the gateway's template id (jsm)"
        + ("; '' removes it" if edit else ""),
    )
    p.add_argument(
        "--var",
        action="append",
        default=[],
        help="网关模板变量，依次对应 @1@、@2@ … / a gateway template value, for @1@, @2@ …",
    )


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    json_opt = Parser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="输出 JSON / JSON output")

    tp = sub.add_parser("template", help="短信模板 / message templates")
    tsub = tp.add_subparsers(dest="template_cmd", metavar="list|add|edit|remove")
    tsub.required = True

    p = tsub.add_parser("list", parents=[json_opt], help="列出模板 / list templates")
    p.set_defaults(func=runs("templates_cmd", "cmd_list"))

    p = tsub.add_parser("add", parents=[json_opt], help="新建模板 / add a template")
    p.add_argument("name")
    _fields(p, edit=False)
    p.set_defaults(func=runs("templates_cmd", "cmd_add"))

    p = tsub.add_parser("edit", parents=[json_opt], help="修改模板 / edit a template")
    p.add_argument("name")
    p.add_argument("--name", dest="new_name", help="新名称 / rename to")
    _fields(p, edit=True)
    p.set_defaults(func=runs("templates_cmd", "cmd_edit"))

    p = tsub.add_parser("remove", help="删除模板 / remove a template")
    p.add_argument("name")
    p.set_defaults(func=runs("templates_cmd", "cmd_remove"))
