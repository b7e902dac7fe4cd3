"""The command line of ``report``: its parsers; what the commands do is in :mod:`.report_cmd`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.bilingual import LANGS
from .choices import STATS_DAYS
from .common import count_arg, runs


def register(sub: Any) -> None:
    rp = sub.add_parser(
        "report",
        help="任务报告：状态、未送达原因、运营商和省份、报告到达时间 / a job's campaign report",
    )
    rp.add_argument("job", type=int)
    rp.add_argument("--json", action="store_true")
    rp.add_argument("--xlsx", type=Path, metavar="FILE", help="另存为 Excel / also write .xlsx")
    rp.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="表格的语言（默认随系统）/ the workbook's language (default: the system's)",
    )
    rp.set_defaults(func=runs("report_cmd", "cmd_report"))
    st = sub.add_parser(
        "stats",
        help="近几天每天每个账户的发送、送达和计费条数 / sent, delivered and cost per day",
    )
    st.add_argument("--days", type=count_arg, default=STATS_DAYS, help="天数 / days (30)")
    st.add_argument("--account", help="只看一个账户 / one account only")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=runs("report_cmd", "cmd_stats"))
