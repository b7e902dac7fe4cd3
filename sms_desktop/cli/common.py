"""Shared plumbing of the command-line companion: home folder, output, exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..core.store import Database, default_home, open_database

EXIT_OK = 0
EXIT_PARTIAL = 1  # some recipients were not accepted
EXIT_BAD_INPUT = 2


class CliError(Exception):
    """Bad input: printed as one line on stderr, exit code 2, nothing sent."""


def home_of(args: argparse.Namespace) -> Path:
    return Path(args.home).expanduser() if getattr(args, "home", None) else default_home()


def open_db(args: argparse.Namespace) -> Database:
    return open_database(home_of(args))


def emit_json(data: Any) -> None:
    """With --json, stdout carries only this JSON document."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    sys.stdout.flush()


def info(msg: str) -> None:
    """Progress and warnings: always stderr, so stdout stays clean for --json."""
    print(msg, file=sys.stderr, flush=True)


def table(rows: list[list[Any]], headers: list[str]) -> str:
    """A plain text table that lines up Chinese (double-width) characters."""
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        lines.append("  ".join(v + " " * (widths[i] - width(v)) for i, v in enumerate(r)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
