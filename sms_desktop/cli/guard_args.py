"""The command line of ``guard``: its parsers; what the commands do is in :mod:`.guard_cmd`."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import Parser, runs


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    g = sub.add_parser("guard", help="发送规则：频次限制、营销词、本人号码 / the compliance guard")
    gsub = g.add_subparsers(dest="guard_cmd", metavar="show|set", parser_class=Parser)
    gsub.required = True
    p = gsub.add_parser("show", help="显示设置 / show the settings")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=runs("guard_cmd", "cmd_show"))
    p = gsub.add_parser("set", help="修改设置 / change the settings")
    p.add_argument(
        "--own-numbers",
        metavar="NUMBERS",
        help="本人号码，1–3 个，逗号分隔（空串清除） / your own numbers for test sends (1–3)",
    )
    p.add_argument(
        "--caps",
        metavar="RULE=N,…",
        help="marketing_day、marketing_week、any_day（0 不限） / frequency caps (0: none)",
    )
    words = p.add_mutually_exclusive_group()
    words.add_argument("--words", help="营销词，逗号分隔 / marketing words, comma-separated")
    words.add_argument("--words-file", type=Path, help="营销词，每行一个 / one word a line")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=runs("guard_cmd", "cmd_set"))
