"""``api`` commands of sms-desktop-cli: the local HTTP API's tokens and settings.

    api token create NAME [--json]    the token is printed once, never stored
    api token list [--all] [--json]
    api token revoke NAME|ID [--id]   a name wins over an id; --id: by id only
    api webhook set NAME URL [--json] the signing secret is printed once (kept in the keyring)
    api webhook clear NAME
    api show [--json]
    api set [--on | --off] [--listen HOST:PORT] [--rate N]

The API itself runs in ``serve --api`` or in the window (its setting); the rules are the core's
(:mod:`sms_desktop.core.automation`).
"""

from __future__ import annotations

import argparse
from typing import Any

from ..core.automation import api_server, api_tokens
from ..core.errors import InputError
from ..core.service import Duty, live_service
from ..core.session import open_core
from .common import EXIT_OK, emit_json, home_of, info, open_db, table


def token_create(args: argparse.Namespace) -> int:
    db = open_db(args)
    token, secret = api_tokens.create(db, args.name)
    if args.json:
        emit_json({**token.as_dict(), "token": secret})
    else:
        print(secret)
        info(
            f"令牌“{token.name}”已建立。它只显示这一次，请现在复制保存（本程序只保存其哈希值）。"
            f" / Token {token.name} made. It is shown this once only: copy it now (only its"
            " hash is kept)."
        )
    return EXIT_OK


def token_list(args: argparse.Namespace) -> int:
    rows = api_tokens.tokens(open_db(args), include_revoked=args.all)
    if args.json:
        emit_json([t.as_dict() for t in rows])
        return EXIT_OK
    if not rows:
        print("没有令牌。 / No tokens.")
        return EXIT_OK
    print(
        table(
            [
                [
                    t.id,
                    t.name,
                    t.prefix + "…",
                    t.created_at,
                    t.last_used_at or "-",
                    t.revoked_at or "-",
                ]
                for t in rows
            ],
            [
                "编号/id",
                "名称/name",
                "开头/starts",
                "建立/created",
                "最近使用/last used",
                "吊销/revoked",
            ],
        )
    )
    return EXIT_OK


def token_revoke(args: argparse.Namespace) -> int:
    if args.id:
        if not args.name.strip().isdigit():
            raise InputError(f"令牌编号应为数字：{args.name} / A token id is a number: {args.name}")
        api_tokens.revoke_id(open_db(args), int(args.name))
    else:
        api_tokens.revoke(open_db(args), args.name)
    info(f"令牌“{args.name}”已吊销。 / Token {args.name} revoked.")
    return EXIT_OK


def webhook_set(args: argparse.Namespace) -> int:
    from ..core.automation import api_webhooks

    core = open_core(home_of(args), db=open_db(args))
    secret = api_webhooks.set_webhook(core, args.name, args.url)
    if args.json:
        emit_json({"name": args.name.strip(), "url": args.url.strip(), "secret": secret})
    else:
        print(secret)
        info(
            "回调已设置。上面是签名密钥，只显示这一次（保存在本机的系统钥匙串中）：用它核对"
            " X-SMS-Desktop-Signature。 / Webhook set. Above is its signing secret, shown this once"
            " (kept in this PC's keyring): check X-SMS-Desktop-Signature with it."
        )
    return EXIT_OK


def webhook_clear(args: argparse.Namespace) -> int:
    from ..core.automation import api_webhooks

    core = open_core(home_of(args), db=open_db(args))
    api_webhooks.set_webhook(core, args.name, None)
    info(f"令牌“{args.name}”的回调已去掉。 / The webhook of token {args.name} is removed.")
    return EXIT_OK


def _settings_dict(db: Any, s: api_server.ApiSettings) -> dict[str, Any]:
    service = live_service(db)
    runs = "service" if service is not None and Duty.API in service.duties else "window"
    return {
        "enabled": s.enabled,
        "listen": s.listen,
        "rate_per_minute": s.rate_per_minute,
        "runs_in": runs,
    }


def _print_settings(d: dict[str, Any]) -> None:
    state = "开 / on" if d["enabled"] else "关 / off"
    print(f"窗口中运行 / in the window: {state}  {d['listen']}  {d['rate_per_minute']}/min")
    if d["runs_in"] == "service":
        info(
            "发送服务正在运行接口（serve --api）。 / The sender service runs the API (serve --api)."
        )


def api_show(args: argparse.Namespace) -> int:
    db = open_db(args)
    d = _settings_dict(db, api_server.read_settings(db))
    if args.json:
        emit_json(d)
    else:
        _print_settings(d)
    return EXIT_OK


def api_set(args: argparse.Namespace) -> int:
    db = open_db(args)
    old = api_server.read_settings(db)
    new = api_server.write_settings(
        db,
        api_server.ApiSettings(
            old.enabled if args.enabled is None else args.enabled,
            args.listen if args.listen is not None else old.listen,
            args.rate if args.rate is not None else old.rate_per_minute,
        ),
    )
    d = _settings_dict(db, new)
    if args.json:
        emit_json(d)
    else:
        _print_settings(d)
    return EXIT_OK
