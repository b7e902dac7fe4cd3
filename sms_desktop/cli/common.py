"""Shared plumbing of the command-line companion: home folder, output, exit codes.

Human output shows values through :func:`sms_desktop.core.textsafe.printable` (``table`` for
every table, ``shown``/``clean`` for single lines): control characters from a garbage gateway
reply or a contact file are escaped, and long values are cut, so no raw byte reaches the terminal
and a 5,000-digit "number" does not widen a table to thousands of columns. ``--json`` output
never goes through it: it stays exact.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import PasswordMissingError, StoreError
from ..core.textsafe import DEFAULT_LIMIT, display_width, printable
from .console import fit, json_ensure_ascii

if TYPE_CHECKING:
    from ..core.store import Database

EXIT_OK = 0
EXIT_PARTIAL = 1  # some recipients were not accepted
EXIT_BAD_INPUT = 2
EXIT_CONFLICT = 3  # someone else changed what was edited since it was read: nothing written
EXIT_INTERRUPTED = 130  # stopped by Ctrl+C or SIGTERM (as a shell reports SIGINT)


class UsageError(Exception):
    """A command line argparse cannot read: ``args`` are the program and the message; told as
    one clear line (and, with ``--json``, a JSON object), exit 2 (``cli._run``)."""


class Parser(argparse.ArgumentParser):
    """The CLI's argument parser: a usage error is one clear line, exit 2."""

    def error(self, message: str) -> Any:
        raise UsageError(self.prog, message)


class CliError(Exception):
    """Bad input: printed as one line on stderr, exit code 2, nothing sent."""


def password_missing(exc: PasswordMissingError) -> str:
    """The one line for a send (sync, balance) that needs credentials this PC lacks: the core's
    words and the command that keeps them."""
    name = exc.account
    quoted = name if name and all(ch.isalnum() or ch in "-_." for ch in name) else f'"{name}"'
    command = f"sms-desktop-cli account password {quoted}"
    if "password" in exc.missing:
        command += " --password-stdin"
    command += "".join(f" --{k} {k.upper()}" for k in exc.missing if k != "password")
    return f"{exc} 请运行 / Run: {command}"


def count_arg(value: str) -> int:
    """An argparse type: a whole number, 0 or more (``--limit``, ``--offset``)."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(
            f"应为 0 或正整数 / expected a whole number, 0 or more, got {value!r}"
        )
    return n


def seconds_arg(value: str) -> float:
    """An argparse type: a number of seconds above 0."""
    try:
        n = float(value)
    except ValueError:
        n = 0.0
    if not n > 0 or n == float("inf"):
        raise argparse.ArgumentTypeError(
            f"应为大于 0 的秒数 / expected a number of seconds above 0, got {value!r}"
        )
    return n


def home_of(args: argparse.Namespace) -> Path:
    """The data folder (``--home``, ``SMS_DESKTOP_HOME`` or the user data folder).

    A path that exists and is not a folder is bad input (exit 2), not a traceback.
    """
    from ..core.store import default_home  # the store is imported when a command runs

    home = Path(args.home).expanduser() if getattr(args, "home", None) else default_home()
    if home.exists() and not home.is_dir():
        raise CliError(
            f"数据目录不是文件夹：{home} / The data folder is not a folder: {home}"
            " (--home / SMS_DESKTOP_HOME)"
        )
    return home


def open_db(args: argparse.Namespace) -> Database:
    """The configured store (``--store``, ``SMS_DESKTOP_STORE``, the saved choice, or the file
    in the data folder). A store that cannot be used (a bad URL, an unreachable server, a
    refused password, a database newer than this program) is one line and exit 2; nothing is
    written then."""
    from ..core.store import StoreLoginRefused, open_store

    home = home_of(args)
    try:
        return open_store(getattr(args, "store", None), home)
    except OSError as exc:
        raise CliError(
            f"无法使用数据目录 {home} / Cannot use the data folder {home}: {exc.strerror or exc}"
        ) from exc
    except StoreLoginRefused as exc:  # the office server's password, kept on this PC
        raise CliError(f"{exc} 请运行 / Run: sms-desktop-cli db password --password-stdin") from exc
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def open_target(args: argparse.Namespace, url: str) -> Database:
    """Another store than the configured one (``db copy --to URL``): the same refusals, one line
    and exit 2, as :func:`open_db`."""
    from ..core.store import open_store, parse_store_url

    home = home_of(args)
    try:
        return open_store(parse_store_url(url), home, unfinished_copy=True)
    except OSError as exc:
        raise CliError(f"无法打开 {url} / Cannot open {url}: {exc.strerror or exc}") from exc
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def emit_json(data: Any) -> None:
    """With --json, stdout carries only this JSON document: UTF-8, or ASCII-escaped where
    stdout is not UTF-8 (a Windows code page, ``LANG=C``), never with a ``?`` for a character."""
    json.dump(data, sys.stdout, ensure_ascii=json_ensure_ascii(), indent=2, default=str)
    sys.stdout.write("\n")
    sys.stdout.flush()


def shown(value: Any, limit: int | None = DEFAULT_LIMIT) -> str:
    """One value for human output: control characters escaped, and characters stdout cannot
    carry (console.py), then cut at ``limit`` columns."""
    return printable(fit(printable(value, None)), limit)


def clean(msg: str, stream: Any = None) -> str:
    """A message of several lines for human output: each line escaped, nothing cut."""
    return "\n".join(fit(printable(line, None), stream) for line in str(msg).split("\n"))


def info(msg: str) -> None:
    """Progress and warnings: always stderr, so stdout stays clean for --json."""
    print(clean(msg, sys.stderr), file=sys.stderr, flush=True)


def table(rows: list[list[Any]], headers: list[str], limit: int = DEFAULT_LIMIT) -> str:
    """A plain text table that lines up Chinese (double-width) characters.

    Every cell goes through :func:`shown`: escaped, and cut at ``limit`` columns.
    """
    cells = [[shown(h, limit) for h in headers]] + [[shown(v, limit) for v in r] for r in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        lines.append(
            "  ".join(v + " " * (widths[i] - display_width(v)) for i, v in enumerate(r)).rstrip()
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Command:
    """What a command line runs: the function ``name`` of the CLI module ``module``
    (``Command("contacts_cmd", "cmd_list")``), imported when the command runs. Parsing a command
    line and ``--help`` then import no core module (no store, no gateways): the program starts
    fast, and it is started often (the Task Scheduler's ``run-due``, scripts)."""

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name

    def __repr__(self) -> str:
        return f"Command({self.module!r}, {self.name!r})"

    def function(self) -> Callable[[argparse.Namespace], int | None]:
        fn: Callable[[argparse.Namespace], int | None]
        fn = getattr(import_module(f"{__package__}.{self.module}"), self.name)
        return fn

    def __call__(self, args: argparse.Namespace) -> int | None:
        return self.function()(args)


def runs(module: str, name: str) -> Command:
    """``set_defaults(func=runs("contacts_cmd", "cmd_list"))``: see :class:`Command`."""
    return Command(module, name)
