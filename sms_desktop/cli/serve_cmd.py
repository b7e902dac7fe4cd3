"""``serve`` and ``push`` commands of sms-desktop-cli: the office sender service and the push
receivers it runs.

    serve [--interval SECONDS] [--poll-interval SECONDS] [--log FILE] [--no-push]
          [--api [--api-listen HOST:PORT]] [--demo]
    push list [--json]
    push set ACCOUNT [--on | --off] [--host H] [--port P] [--token-stdin | --new-token | --no-token]

``serve`` runs headless until Ctrl+C or SIGTERM (Ctrl+Break on Windows): it sends held jobs at
their time and the jobs handed to it (``send --by-server``, 由服务器发送), pulls reports and
replies, runs the push receivers switched on (``push set``, or 设置 → 推送接收 in the window), and
logs to a rotating file. With ``--api`` it also runs the local HTTP API (127.0.0.1 unless
``--api-listen`` gives an address; its tokens: ``api token create``). ``--demo`` runs it all on a
throw-away demo store against the built-in simulator (and, with ``--api``, prints a demo token).
The duties are the core's (:mod:`sms_desktop.core.service`), the same as
the window's scheduler runs while no service does.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core import push_config
from ..core.automation.api_server import parse_listen
from ..core.errors import InputError
from ..core.logfile import log_dir, remove_logging, setup_logging
from ..core.service import Duty, Service, live_service
from ..core.session import Core, open_core
from .choices import SERVE_LOG
from .common import EXIT_OK, CliError, emit_json, home_of, info, open_db, table

log = logging.getLogger("sms_desktop.cli.serve")


# ---- serve ------------------------------------------------------------------------------------
_STOP_SIGNALS = tuple(
    s
    for s in (
        signal.SIGINT,
        getattr(signal, "SIGTERM", None),
        getattr(signal, "SIGBREAK", None),  # Ctrl+Break, and a Windows service manager's stop
    )
    if s is not None
)


@contextlib.contextmanager
def _stop_on_signals(service: Service) -> Iterator[None]:
    """Ctrl+C, SIGTERM (and Ctrl+Break) ask the service for a clean stop, whatever the shell
    did with them. Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        # only an event is set here: the service says it is stopping (writing to a stream in
        # a signal handler could interrupt a write to the same stream)
        service.request_stop()

    before = {s: signal.getsignal(s) for s in _STOP_SIGNALS}
    for s in _STOP_SIGNALS:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(s, handler)
    try:
        yield
    finally:
        for s, h in before.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(s, h)


def serve(args: argparse.Namespace) -> int:
    if args.api_listen and not args.api:
        raise CliError("--api-listen 需与 --api 一起用。 / --api-listen goes with --api.")
    if args.api_listen:
        parse_listen(args.api_listen)  # a bad address is refused before anything starts
    demo = None
    if args.demo:
        from ..demo import start_demo

        demo = start_demo(report_delay=3.0)
    try:
        return _serve(args, demo)
    finally:
        if demo is not None:
            demo.close()


def _serve(args: argparse.Namespace, demo: Any) -> int:
    home = demo.home if demo is not None else home_of(args)
    log_file = Path(args.log).expanduser() if args.log else log_dir(home) / SERVE_LOG
    try:
        handler = setup_logging(log_file)
    except OSError as exc:
        raise CliError(
            f"无法写日志文件 {log_file} / Cannot write the log file {log_file}: {exc}"
        ) from exc
    # what the log says goes to stderr too, once the service runs (a refusal is one line)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO)
    console.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    root = logging.getLogger("sms_desktop")
    core = None
    try:
        if demo is not None:
            core = open_core(home, accounts=demo.accounts, poll_interval=args.poll_interval)
        else:
            core = open_core(home, db=open_db(args), poll_interval=args.poll_interval)
        duties = [d for d in Duty.SERVICE if not (args.no_push and d == Duty.PUSH)]
        if args.api:
            duties.append(Duty.API)
        service = Service(core, interval=args.interval, duties=duties, api_listen=args.api_listen)
        with _stop_on_signals(service):
            try:
                service.start()
            except InputError as exc:
                log.error("not started: %s", exc)
                raise
            try:
                root.addHandler(console)
                zh, en = Duty.words(service.duties)
                info(
                    f"发送服务已启动（{zh}），日志：{log_file}；Ctrl+C 停止。"
                    f" / The sender service runs ({en}); log: {log_file}; Ctrl+C stops it."
                )
                if service.api is not None and service.api.url:
                    info(f"HTTP 接口 / HTTP API: {service.api.url}/api/v1/")
                if demo is not None:
                    _demo_hello(core, demo, service)
                service.run()
            finally:
                service.stop()
    finally:
        if core is not None:
            core.close()
        root.removeHandler(console)
        remove_logging(handler)
    return EXIT_OK


def _demo_hello(core: Core, demo: Any, service: Service) -> None:
    """Demo mode: where its data is, and a token for the API (it goes with the demo's store)."""
    from ..core.automation import api_tokens

    info(f"演示模式 / demo mode: {demo.home} ({demo.sim.root_url})")
    if service.api is not None:
        _token, secret = api_tokens.create(core.db, "demo")
        info("演示令牌 / demo token:")
        print(secret, flush=True)


# ---- push -------------------------------------------------------------------------------------
def _push_row(core: Core, cfg: push_config.PushConfig, token: str | None) -> dict[str, Any]:
    """One account's push settings, with the URL to give the vendor (this PC's address when it
    listens on every interface). InputError for a bad port or token."""
    receiver = push_config.make_receiver(core.accounts, core.syncer, cfg, token)
    return {
        "account": cfg.account,
        "enabled": cfg.enabled,
        "host": cfg.host,
        "port": cfg.port,
        "token": bool(token),
        "url": receiver.vendor_url,
    }


def push_list(args: argparse.Namespace) -> int:
    core = open_core(home_of(args), db=open_db(args))
    rows = [
        _push_row(core, push_config.read(core.db, name), push_config.token(core.secrets, name))
        for name in push_config.push_accounts(core.accounts)
    ]
    service = live_service(core.db)
    runs = (
        f"发送服务（{service.who_zh}）/ the sender service ({service.who_en})"
        if service is not None and Duty.PUSH in service.duties
        else "窗口或 serve / the window or serve"
    )
    if args.json:
        emit_json(rows)
        return EXIT_OK
    if not rows:
        print("没有支持推送的账户（qxt）。 / No account pushes (qxt).")
        return EXIT_OK
    print(
        table(
            [
                [r["account"], "on" if r["enabled"] else "off", r["host"], r["port"], r["url"]]
                for r in rows
            ],
            ["账户/account", "接收/on", "地址/host", "端口/port", "网址/URL"],
        )
    )
    info(f"运行接收的是 / the receivers run in: {runs}")
    return EXIT_OK


def push_set(args: argparse.Namespace) -> int:
    from ..core.push_receiver import generate_token

    core = open_core(home_of(args), db=open_db(args))
    acct = core.accounts.get(args.account)
    if not acct.capabilities.push:
        raise CliError(
            f"账户 {acct.name}（{acct.family}）的报告和回复需要拉取，不推送。"
            f" / Account {acct.name} ({acct.family}) is pulled, not pushed."
        )
    old = push_config.read(core.db, acct.name)
    cfg = push_config.PushConfig(
        acct.name,
        old.enabled if args.enabled is None else args.enabled,
        args.host if args.host is not None else old.host,
        args.port if args.port is not None else old.port,
    )
    token = push_config.token(core.secrets, acct.name)
    if args.token_stdin:
        token = (sys.stdin.readline() if sys.stdin else "").strip() or None
    elif args.new_token:
        token = generate_token()
    elif args.no_token:
        token = None
    row = _push_row(core, cfg, token)  # checks the port and the token first
    push_config.write(core.db, cfg)
    push_config.save_token(core.secrets, cfg.account, token)
    if args.json:
        emit_json(row)
    else:
        state = "开 / on" if cfg.enabled else "关 / off"
        print(f"{cfg.account}: {state}  {cfg.host}:{cfg.port}  {row['url']}")
    return EXIT_OK
