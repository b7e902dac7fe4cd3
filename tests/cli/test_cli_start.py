"""The command line starts fast: parsing a command line (and ``--help``) imports argparse and
small constant modules only, never the store, the gateways, ``requests`` or Qt; each command's
module, and the core with it, is imported when the command runs.

``cli_commands.txt`` lists every command with its arguments, choices and defaults, and
``cli_help.txt`` is ``sms-desktop-cli --help`` at 100 columns, both as the parser gave them before
the commands were imported lazily: parsing must stay the same. When a command or an option is
added or changed on purpose, write them again (from the repository root):
``python -c "import sys; sys.path.insert(0, 'tests/cli'); import test_cli_start as t;
print(t.listing(), end='')" > tests/cli/cli_commands.txt`` and
``COLUMNS=100 sms-desktop-cli --help > tests/cli/cli_help.txt``.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sms_desktop.cli import build_parser, choices
from sms_desktop.cli.common import Command

HEAVY = ("requests", "sms_desktop.core.store", "sms_desktop.core.gateways", "PySide6", "chardet")
LISTING = Path(__file__).with_name("cli_commands.txt")
HELP = Path(__file__).with_name("cli_help.txt")


def _commands(
    p: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = [(path, p)]
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            for name, sub in a.choices.items():
                found += _commands(sub, (*path, name))
    return found


def listing() -> str:
    """One line a command: its words, then each argument with its choices and default."""
    lines = []
    for path, p in _commands(build_parser()):
        args = []
        for a in p._actions:
            if isinstance(a, argparse._HelpAction | argparse._SubParsersAction):
                continue
            arg = "/".join(a.option_strings) or a.dest
            if a.choices is not None:
                arg += "{" + ",".join(map(str, a.choices)) + "}"
            if a.default is not None and a.default is not False:
                arg += f"={a.default!r}"
            if a.required and a.option_strings:
                arg += "!"
            args.append(arg)
        lines.append(" ".join(["sms-desktop-cli", *path, *args]) + "\n")
    return "".join(lines)


def _python(*argv: str) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter: nothing the test process imported counts."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def test_parsing_every_command_imports_no_store_gateway_requests_or_qt():
    code = (
        "import sys\n"
        "import sms_desktop.cli as m\n"
        "p = m.build_parser()\n"
        "p.parse_args(['run-due', '--json'])\n"
        "p.parse_args(['account', 'add', 'a', '--family', 'jsm', '--base-url', 'http://h/',"
        " '--username', 'u', '--verycode', 'v', '--password-stdin'])\n"
        "p.parse_args(['send', 'a', '--to', '13800138000', '--text', 'hi'])\n"
        "p.parse_args(['contacts', 'import', 'f.xlsx', '--family', 'qxt'])\n"
        f"print(sorted(k for k in sys.modules if k.startswith({HEAVY!r})))\n"
        "print(sorted(k for k in sys.modules if k.startswith('sms_desktop.core.')))\n"
    )
    r = _python("-c", code)
    assert r.returncode == 0, r.stderr
    heavy, core = r.stdout.splitlines()
    assert heavy == "[]"
    # the small modules of errors, the table languages (export --lang) and escaping for output
    assert set(ast.literal_eval(core)) <= {
        "sms_desktop.core.errors",
        "sms_desktop.core.bilingual",
        "sms_desktop.core.textsafe",
    }


def test_help_imports_none_of_them_and_prints_the_parsers_help():
    r = _python("-X", "importtime", "-m", "sms_desktop.cli", "--help")
    assert r.returncode == 0, r.stderr
    imported = [
        line.split("|")[-1].strip() for line in r.stderr.splitlines() if "import time:" in line
    ]
    assert "sms_desktop.cli" in imported
    assert [m for m in imported if m.startswith(HEAVY)] == []
    assert "sms_desktop.cli.commands" not in imported
    # the text the parser printed before its commands were imported lazily (at 100 columns)
    assert r.stdout == HELP.read_text(encoding="utf-8")


def test_the_commands_and_their_arguments_are_as_before():
    assert listing() == LISTING.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "parser"),
    [(c, p) for c, p in _commands(build_parser()) if "func" in p._defaults],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else "",
)
def test_every_command_runs_a_function_of_its_module(path, parser):
    command = parser._defaults["func"]
    assert isinstance(command, Command)
    assert command.module.endswith(("_cmd", "commands"))
    assert callable(command.function()), path


def test_every_command_without_subcommands_runs_a_function():
    leaves = [
        (path, p)
        for path, p in _commands(build_parser())
        if not any(isinstance(a, argparse._SubParsersAction) for a in p._actions)
    ]
    assert len(leaves) > 60
    assert [path for path, p in leaves if not isinstance(p._defaults.get("func"), Command)] == []


def _field_help(key: str) -> str:
    """An account field's help as the families' capabilities give it."""
    from sms_desktop.core.gateways import FAMILIES, gateway_class

    zh, en = "", ""
    takes: list[str] = []
    needs: list[str] = []
    for family in FAMILIES:
        f = gateway_class(family).capabilities.account_field(key)
        if f is not None:
            zh, en = f.zh, f.en
            (needs if f.required else takes).append(family)
    parts_zh = [f"{'、'.join(needs)} 必填"] if needs else []
    parts_zh += [f"{'、'.join(takes)} 使用"] if takes else []
    parts_en = [f"required for {', '.join(needs)}"] if needs else []
    parts_en += [f"used by {', '.join(takes)}"] if takes else []
    return f"{zh}，{'；'.join(parts_zh)} / the {en}; {'; '.join(parts_en)}"


def test_the_parsers_values_equal_the_cores():
    from sms_desktop.core import accounts, templates
    from sms_desktop.core.automation import api_server, autoreply, schedule
    from sms_desktop.core.gateways import FAMILIES
    from sms_desktop.core.guard import JobKind
    from sms_desktop.core.jobs import daily
    from sms_desktop.core.service import TICK

    assert choices.FAMILIES == FAMILIES
    assert choices.FIELD_KEYS == accounts.FIELD_KEYS
    assert choices.SECRET_FIELD_KEYS == accounts.SECRET_FIELD_KEYS
    assert {k: _field_help(k) for k in accounts.FIELD_KEYS} == choices.FIELD_HELP
    assert choices.JOB_KINDS == tuple(JobKind.ALL) == tuple(templates.JOB_KINDS)
    assert choices.NOTICE == JobKind.NOTICE
    assert choices.MATCH_MODES == autoreply.MATCH_MODES
    assert choices.SCHEDULES == schedule.SCHEDULES
    assert choices.MONTH_DAYS == schedule.MONTH_DAYS
    assert choices.STATS_DAYS == daily.DAYS
    assert choices.SERVE_TICK == TICK
    assert api_server.ApiSettings().listen == choices.API_LISTEN
