"""The command line of ``contacts``: its parsers; what the commands do is in :mod:`.contacts_cmd`."""

from __future__ import annotations

import argparse

from .choices import FAMILIES
from .common import Parser, count_arg, runs

_IF_VERSION = (
    "仅当版本仍为 V 时修改（见 list --json），否则退出码 3 / only if it is still at version V"
    " (list --json); else nothing is written, exit 3"
)


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add the ``contacts`` and ``blacklist`` commands to the CLI's subparsers."""
    json_opt = Parser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="JSON on stdout only / 仅输出 JSON")

    contacts = sub.add_parser("contacts", help="联系人：导入、列表、导出 / contacts")
    csub = contacts.add_subparsers(dest="contacts_cmd", metavar="COMMAND")
    csub.required = True

    p = csub.add_parser("import", parents=[json_opt], help="导入 Excel/CSV / import a file")
    p.add_argument("file")
    p.add_argument("--group", "-g", help="分组（默认：文件名）/ group (default: file name)")
    p.add_argument("--sheet", help="工作表名称或序号 / sheet name or number")
    p.add_argument("--phone-column", help="号码列：列名、字母或序号 / phone column")
    p.add_argument("--name-column", help="姓名列 / name column")
    p.add_argument(
        "--skip-duplicates",
        action="store_true",
        help="分组中已有的号码跳过（默认更新）/ skip numbers already in the group (default: update)",
    )
    p.add_argument(
        "--family",
        choices=list(FAMILIES),
        help="网关类型（决定是否接受固话）/ gateway family (landlines)",
    )
    p.add_argument("--report", metavar="FILE.xlsx", help="导出导入报告 / write the report to .xlsx")
    p.set_defaults(func=runs("contacts_cmd", "cmd_import"))

    p = csub.add_parser("list", parents=[json_opt], help="列出联系人 / list contacts")
    p.add_argument("--group", "-g")
    p.add_argument("--search", "-s", help="按姓名、号码或任意字段搜索 / search")
    p.add_argument(
        "--carrier",
        help="号段归属的运营商：移动、联通、电信、广电、虚拟运营商、未知 / the carrier of the"
        " number's block: mobile, unicom, telecom, broadnet, virtual, unknown",
    )
    p.add_argument("--province", help="号段归属的省份 / the province of the number's block")
    p.add_argument("--limit", type=count_arg, default=100, help="0 = all")
    p.add_argument("--offset", type=count_arg, default=0)
    p.set_defaults(func=runs("contacts_cmd", "cmd_list"))

    p = csub.add_parser("search", parents=[json_opt], help="搜索联系人 / search contacts")
    p.add_argument("query")
    p.add_argument("--group", "-g")
    p.add_argument("--limit", type=count_arg, default=100)
    p.add_argument("--offset", type=count_arg, default=0)
    p.set_defaults(func=runs("contacts_cmd", "cmd_list"))

    p = csub.add_parser("export", help="导出为 .xlsx / export to .xlsx")
    p.add_argument("file")
    p.add_argument("--group", "-g")
    p.set_defaults(func=runs("contacts_cmd", "cmd_export"))

    p = csub.add_parser("template", help="保存导入模板 / write the import template")
    p.add_argument("file")
    p.set_defaults(func=runs("contacts_cmd", "cmd_template"))

    p = csub.add_parser("edit", parents=[json_opt], help="修改联系人 / edit a contact")
    p.add_argument("id", type=int)
    p.add_argument("--phone")
    p.add_argument("--name")
    p.add_argument("--group", "-g", help="移到分组 / move to group")
    p.add_argument("--set", action="append", metavar="KEY=VALUE")
    p.add_argument("--unset", action="append", metavar="KEY")
    p.add_argument("--if-version", type=int, metavar="V", help=_IF_VERSION)
    p.set_defaults(func=runs("contacts_cmd", "cmd_edit"))

    p = csub.add_parser("delete", parents=[json_opt], help="删除联系人 / delete contacts")
    p.add_argument("ids", type=int, nargs="+")
    p.add_argument("--if-version", type=int, metavar="V", help=_IF_VERSION)
    p.set_defaults(func=runs("contacts_cmd", "cmd_delete"))

    p = csub.add_parser("groups", parents=[json_opt], help="分组列表 / list groups")
    p.set_defaults(func=runs("contacts_cmd", "cmd_groups"))

    p = csub.add_parser("rename-group", help="重命名分组 / rename a group")
    p.add_argument("group", help="分组名称或编号 / the group's name or id")
    p.add_argument("new_name")
    p.add_argument("--if-version", type=int, metavar="V", help=_IF_VERSION)
    p.set_defaults(func=runs("contacts_cmd", "cmd_rename_group"))

    bl = sub.add_parser("blacklist", help="黑名单 / blacklist")
    bsub = bl.add_subparsers(dest="blacklist_cmd", metavar="COMMAND")
    bsub.required = True

    p = bsub.add_parser("add", parents=[json_opt], help="加入黑名单 / add numbers")
    p.add_argument("phones", nargs="+")
    p.add_argument("--reason", default="")
    p.set_defaults(func=runs("contacts_cmd", "cmd_bl_add"))

    p = bsub.add_parser("remove", parents=[json_opt], help="移出黑名单 / remove numbers")
    p.add_argument("phones", nargs="+")
    p.set_defaults(func=runs("contacts_cmd", "cmd_bl_remove"))

    p = bsub.add_parser("list", parents=[json_opt], help="列出黑名单 / list")
    p.add_argument("--search", "-s")
    p.set_defaults(func=runs("contacts_cmd", "cmd_bl_list"))

    p = bsub.add_parser("import", parents=[json_opt], help="从文件导入黑名单 / import a file")
    p.add_argument("file")
    p.add_argument("--sheet")
    p.add_argument("--phone-column")
    p.add_argument("--reason", default="")
    p.set_defaults(func=runs("contacts_cmd", "cmd_bl_import"))

    p = bsub.add_parser("export", help="导出黑名单 / export to .xlsx")
    p.add_argument("file")
    p.set_defaults(func=runs("contacts_cmd", "cmd_bl_export"))
