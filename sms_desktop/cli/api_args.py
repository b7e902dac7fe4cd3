"""The command line of ``api``: its parsers; what the commands do is in :mod:`.api_cmd`."""

from __future__ import annotations

from typing import Any

from .choices import API_LISTEN
from .common import runs


def register(sub: Any) -> None:
    ap = sub.add_parser(
        "api", help="本地 HTTP 接口：令牌和设置 / the local HTTP API: tokens, settings"
    )
    asub = ap.add_subparsers(dest="api_cmd", metavar="token|webhook|show|set")
    asub.required = True
    tk = asub.add_parser("token", help="接口令牌 / API tokens")
    tsub = tk.add_subparsers(dest="token_cmd", metavar="create|list|revoke")
    tsub.required = True
    tc = tsub.add_parser(
        "create", help="新建令牌（只显示这一次）/ make a token (shown this once only)"
    )
    tc.add_argument("name", help="名称，例如调用它的系统 / a name, e.g. the system using it")
    tc.add_argument("--json", action="store_true")
    tc.set_defaults(func=runs("api_cmd", "token_create"))
    tl = tsub.add_parser("list", help="列出令牌 / list the tokens")
    tl.add_argument("--all", action="store_true", help="包括已吊销的 / revoked ones too")
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(func=runs("api_cmd", "token_list"))
    tr = tsub.add_parser("revoke", help="吊销令牌 / revoke a token")
    tr.add_argument("name", metavar="NAME|ID")
    tr.add_argument(
        "--id",
        action="store_true",
        help="按编号吊销（否则同名的令牌优先） / NAME|ID is an id (otherwise a token of that name wins)",
    )
    tr.set_defaults(func=runs("api_cmd", "token_revoke"))
    wh = asub.add_parser("webhook", help="令牌的回调网址 / a token's webhook")
    wsub = wh.add_subparsers(dest="webhook_cmd", metavar="set|clear")
    wsub.required = True
    ws = wsub.add_parser(
        "set",
        help="任务完成或收到回复时 POST 到此网址（签名密钥只显示一次）/ POST here when a job"
        " finishes or a reply arrives (the signing secret is shown once)",
    )
    ws.add_argument("name", metavar="NAME")
    ws.add_argument("url", metavar="URL")
    ws.add_argument("--json", action="store_true")
    ws.set_defaults(func=runs("api_cmd", "webhook_set"))
    wc = wsub.add_parser("clear", help="去掉回调 / remove the webhook")
    wc.add_argument("name", metavar="NAME")
    wc.set_defaults(func=runs("api_cmd", "webhook_clear"))
    sh = asub.add_parser("show", help="接口设置 / the API's settings")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=runs("api_cmd", "api_show"))
    st = asub.add_parser(
        "set", help="在窗口中运行接口的设置 / the settings for running the API in the window"
    )
    onoff = st.add_mutually_exclusive_group()
    onoff.add_argument("--on", dest="enabled", action="store_const", const=True)
    onoff.add_argument("--off", dest="enabled", action="store_const", const=False)
    st.add_argument(
        "--listen",
        metavar="HOST:PORT",
        help=f"监听地址（默认 {API_LISTEN}）/ address (default {API_LISTEN})",
    )
    st.add_argument(
        "--rate", type=int, metavar="N", help="每个令牌每分钟请求数 / requests a minute per token"
    )
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=runs("api_cmd", "api_set"))
