"""Command line for the gateway simulator: ``sms-desktop-sim``.

sms-desktop-sim [serve] [--host 127.0.0.1] [--port 8080] [--account FAMILY:USER:PASSWORD[:BALANCE]]...
                [--demo] [--seed N] [--sensitive WORD]... [--report-delay S] [--success-ratio R]
                [--push-url USER=URL]... [--verbose]
sms-desktop-sim reply --url http://127.0.0.1:8080 FAMILY USER PHONE TEXT [--extno N]
sms-desktop-sim fault --url http://127.0.0.1:8080 FAMILY KIND [--count N] [--seconds S] [--endpoint E] [--body TEXT] [--size BYTES]
sms-desktop-sim clear-faults --url http://127.0.0.1:8080 [FAMILY]
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

from .server import Simulator, demo_accounts
from .state import FAMILIES, FAULT_KINDS

COMMANDS = ("serve", "reply", "fault", "clear-faults")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sms-desktop-sim", description="SMS gateway simulator (ipyy, qxt, jsm, txt112088)"
    )
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser("serve", help="run the simulator (default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument(
        "--account",
        action="append",
        default=[],
        metavar="FAMILY:USER:PASSWORD[:BALANCE]",
        help="add an account (repeatable)",
    )
    serve.add_argument("--demo", action="store_true", help="one demo account per family")
    serve.add_argument("--seed", type=int, default=None)
    serve.add_argument("--sensitive", action="append", default=[], metavar="WORD")
    serve.add_argument("--report-delay", type=float, default=0.0)
    serve.add_argument("--success-ratio", type=float, default=1.0)
    serve.add_argument("--auto-reply-ratio", type=float, default=0.0)
    serve.add_argument(
        "--auto-reply",
        action="append",
        default=[],
        metavar="PHONE=TEXT",
        help="answer every accepted message to PHONE with TEXT (repeatable)",
    )
    serve.add_argument("--push-url", action="append", default=[], metavar="USER=URL")
    serve.add_argument("--push-method", choices=("GET", "POST"), default="GET")
    serve.add_argument("--push-batch", type=int, default=1)
    serve.add_argument(
        "--txt-query-string-only",
        action="store_true",
        help="txt112088 pages read Request.QueryString only (a POST gets -7)",
    )
    serve.add_argument(
        "--page-size",
        action="append",
        default=[],
        metavar="FAMILY.KIND=N",
        help="records a report or reply query hands out at most (e.g. txt112088.reports=10;"
        " N=none for no limit); repeatable",
    )
    serve.add_argument("--verbose", action="store_true")

    reply = sub.add_parser("reply", help="queue a reply (MO) on a running simulator")
    reply.add_argument("--url", default="http://127.0.0.1:8080")
    reply.add_argument("family", choices=FAMILIES)
    reply.add_argument("user")
    reply.add_argument("phone")
    reply.add_argument("text")
    reply.add_argument("--extno", default="")

    fault = sub.add_parser("fault", help="inject a fault on a running simulator")
    fault.add_argument("--url", default="http://127.0.0.1:8080")
    fault.add_argument("family", choices=FAMILIES)
    fault.add_argument("kind", choices=FAULT_KINDS)
    fault.add_argument("--count", type=int, default=None)
    fault.add_argument("--seconds", type=float, default=0.0)
    fault.add_argument("--endpoint", default=None)
    fault.add_argument("--body", default="", help="the reply of a `reply` fault")
    fault.add_argument("--size", type=int, default=0, help="bytes of a `huge` fault (50 MiB)")

    clear = sub.add_parser("clear-faults", help="remove injected faults")
    clear.add_argument("--url", default="http://127.0.0.1:8080")
    clear.add_argument("family", nargs="?", choices=FAMILIES)
    return parser


def _post(url: str, name: str, data: dict[str, Any]) -> Any:
    req = urllib.request.Request(
        url.rstrip("/") + "/_sim/" + name,
        data=json.dumps(data, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"error {exc.code}: {exc.read().decode('utf-8', 'replace')}") from None
    except OSError as exc:
        raise SystemExit(f"cannot reach the simulator at {url}: {exc}") from None


def _parse_account(spec: str) -> tuple[str, str, str, int]:
    parts = spec.split(":")
    if len(parts) not in (3, 4) or parts[0] not in FAMILIES:
        raise SystemExit(f"bad --account {spec!r}: expected FAMILY:USER:PASSWORD[:BALANCE]")
    balance = int(parts[3]) if len(parts) == 4 else 1000
    return parts[0], parts[1], parts[2], balance


def _parse_page_size(spec: str) -> dict[str, dict[str, int | None]]:
    where, _, value = spec.partition("=")
    family, _, kind = where.partition(".")
    try:
        n = None if value.strip().lower() == "none" else int(value)
    except ValueError:
        n = 0
    if not family or not kind or n == 0:
        raise SystemExit(f"bad --page-size {spec!r}: expected FAMILY.KIND=N (reports|replies)")
    return {family: {kind: n}}


def make_simulator(args: argparse.Namespace) -> Simulator:
    sim = Simulator(host=args.host, port=args.port, seed=args.seed, verbose=args.verbose)
    sim.sensitive_words = set(args.sensitive)
    sim.report_delay = args.report_delay
    sim.report_success_ratio = args.success_ratio
    sim.auto_reply_ratio = args.auto_reply_ratio
    for spec in args.auto_reply:
        phone, _, text = spec.partition("=")
        if not phone or not text:
            raise SystemExit(f"bad --auto-reply {spec!r}: expected PHONE=TEXT")
        sim.auto_replies[phone] = text
    sim.qxt_push_method = args.push_method
    sim.qxt_push_batch = args.push_batch
    sim.txt_query_string_only = args.txt_query_string_only
    for spec in args.page_size:
        try:
            sim.set_page_sizes(_parse_page_size(spec))
        except ValueError as exc:
            raise SystemExit(f"bad --page-size {spec!r}: {exc}") from None
    if args.demo:
        demo_accounts(sim)
    for spec in args.account:
        family, user, password, balance = _parse_account(spec)
        sim.add_account(family, user, password, balance=balance)
    for spec in args.push_url:
        user, _, url = spec.partition("=")
        if not url:
            raise SystemExit(f"bad --push-url {spec!r}: expected USER=URL")
        sim.set_push_url(user, url)
    return sim


def _describe(sim: Simulator) -> str:
    lines = [f"SMS gateway simulator listening on {sim.root_url}", ""]
    for family in FAMILIES:
        lines.append(f"  {family:<10} base URL {sim.base_url(family)}")
    accts = sim.accounts
    if accts:
        lines.append("")
        lines.append("Accounts:")
        for a in accts:
            extra = ""
            if a.family == "ipyy":
                extra = f" userid={a.userid}"
            elif a.family == "jsm":
                extra = f" veryCode={a.verycode}"
            elif a.family == "qxt":
                extra = " (password is sent as lowercase MD5)"
            lines.append(
                f"  {a.family:<10} user={a.username} password={a.password}{extra} "
                f"balance={a.balance}"
            )
    lines.append("")
    lines.append(f"Control API: {sim.root_url}/_sim/  (Ctrl+C to stop)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "serve")
    args = _build_parser().parse_args(argv)
    if args.command == "reply":
        result = _post(
            args.url,
            "reply",
            {
                "family": args.family,
                "username": args.user,
                "phone": args.phone,
                "content": args.text,
                "extno": args.extno,
            },
        )
        print(json.dumps(result, ensure_ascii=False))
        return 0
    if args.command == "fault":
        data: dict[str, Any] = {"family": args.family, "kind": args.kind, "seconds": args.seconds}
        if args.count is not None:
            data["count"] = args.count
        if args.endpoint:
            data["endpoint"] = args.endpoint
        if args.body:
            data["body"] = args.body
        if args.size:
            data["size"] = args.size
        print(json.dumps(_post(args.url, "fault", data), ensure_ascii=False))
        return 0
    if args.command == "clear-faults":
        data = {"family": args.family} if args.family else {}
        print(json.dumps(_post(args.url, "clear_faults", data), ensure_ascii=False))
        return 0

    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():  # `kill`, a service manager
        signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    sim = make_simulator(args)
    sim.start()
    try:
        print(_describe(sim), flush=True)
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
