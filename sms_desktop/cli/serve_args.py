"""The command line of ``serve``: its parsers; what the commands do is in :mod:`.serve_cmd`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .choices import SERVE_LOG, SERVE_TICK
from .common import runs, seconds_arg


def register(sub: Any) -> None:
    sv = sub.add_parser(
        "serve",
        help="办公室发送服务：按时发出定时任务、由服务器发送的任务，获取报告和回复，接收推送"
        " / the office sender service: held and handed-over jobs, reports, replies, pushes",
        description="在后台运行，直到 Ctrl+C 或 SIGTERM；停止时等待发出中的请求返回。"
        " / Runs until Ctrl+C or SIGTERM; a stop waits for the requests in flight.",
    )
    sv.add_argument(
        "--interval",
        type=seconds_arg,
        default=SERVE_TICK,
        metavar="SECONDS",
        help=f"检查到时任务的间隔（默认 {SERVE_TICK:.0f}）/ seconds between checks (default {SERVE_TICK:.0f})",
    )
    sv.add_argument(
        "--poll-interval",
        type=seconds_arg,
        metavar="SECONDS",
        help="获取报告和回复的间隔（默认 300；网关自己的最小间隔总是遵守）"
        " / seconds between pulls of reports and replies (default 300; a gateway's own"
        " minimum always applies)",
    )
    sv.add_argument(
        "--log",
        type=Path,
        metavar="FILE",
        help=f"日志文件（默认在数据目录的日志文件夹：{SERVE_LOG}）"
        f" / the log file (default: {SERVE_LOG} in the data folder's log folder)",
    )
    sv.add_argument(
        "--no-push",
        action="store_true",
        help="不运行推送接收（由窗口运行）/ leave the push receivers to the window",
    )
    sv.add_argument(
        "--api",
        action="store_true",
        help="同时运行本地 HTTP 接口（令牌：api token create）/ also run the local HTTP API"
        " (tokens: api token create)",
    )
    sv.add_argument(
        "--api-listen",
        metavar="HOST:PORT",
        help="HTTP 接口的监听地址（默认为设置中的地址，127.0.0.1:8780）/ where the API listens"
        " (default: its setting, 127.0.0.1:8780)",
    )
    sv.add_argument(
        "--demo",
        action="store_true",
        help="演示模式：内置模拟网关和演示账户，数据用后即删 / demo mode: the built-in simulated"
        " gateway and demo accounts, a throw-away store",
    )
    sv.set_defaults(func=runs("serve_cmd", "serve"))

    pu = sub.add_parser("push", help="推送接收设置（qxt）/ push receivers (qxt)")
    psub = pu.add_subparsers(dest="push_cmd", metavar="list|set")
    psub.required = True
    pl = psub.add_parser("list", help="列出推送账户 / list the push accounts")
    pl.add_argument("--json", action="store_true")
    pl.set_defaults(func=runs("serve_cmd", "push_list"))
    ps = psub.add_parser("set", help="设置一个账户的推送接收 / set an account's push receiver")
    ps.add_argument("account")
    onoff = ps.add_mutually_exclusive_group()
    onoff.add_argument("--on", dest="enabled", action="store_const", const=True)
    onoff.add_argument("--off", dest="enabled", action="store_const", const=False)
    ps.add_argument("--host", help="监听地址（默认 0.0.0.0）/ address to listen on")
    ps.add_argument("--port", type=int, help="监听端口（默认 8090）/ port (default 8090)")
    tok = ps.add_mutually_exclusive_group()
    tok.add_argument(
        "--token-stdin", action="store_true", help="从标准输入读路径口令 / token on stdin"
    )
    tok.add_argument("--new-token", action="store_true", help="生成口令 / make up a token")
    tok.add_argument("--no-token", action="store_true", help="不用口令 / no token")
    ps.add_argument("--json", action="store_true")
    ps.set_defaults(func=runs("serve_cmd", "push_set"))
