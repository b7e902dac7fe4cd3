"""Bad input / CLI misuse (issue 11): every command, misused, exits 2 with one clear line on
stderr, writes nothing on stdout, stores no job, and the simulator receives nothing.

The table runs the CLI in this process (``sms_desktop.cli.main``: the same code as the console
script, without a Python start per case); the simulator is real, over HTTP, and its request log
must not grow. Cases that need a process of their own (``--home`` on a file, a closed pipe) run
the CLI as a subprocess. Further misuse cases of ``account add`` and ``send`` live in
tests/cli/test_cli_input.py (one per rule, with what they check besides the exit code).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys

import pytest
from clirunner import Cli

# (id, argv after --home, stdin). $T is a folder of bad files; accounts: a (ipyy, GBK),
# j (jsm), q (qxt); job 1 is a finished job of a (3,000 recipients, accepted).
CASES: list[tuple[str, list[str], str | None]] = [
    ("no-command", [], None),
    ("unknown-command", ["frobnicate"], None),
    ("account-no-subcommand", ["account"], None),
    ("account-add-unknown-family", ["account", "add", "x", "--family", "nosuch", "--base-url", "http://h/", "--username", "u", "--password-stdin"], "p\n"),
    ("account-add-no-password-option", ["account", "add", "x", "--family", "ipyy", "--base-url", "http://h/", "--username", "u"], None),
    ("account-add-empty-password", ["account", "add", "x", "--family", "ipyy", "--base-url", "http://h/", "--username", "u", "--password-stdin"], ""),
    ("account-add-exists", ["account", "add", "a", "--family", "ipyy", "--base-url", "http://h/", "--username", "u", "--password-stdin"], "p\n"),
    ("account-add-bad-option", ["account", "add", "x", "--family", "ipyy", "--base-url", "http://h/", "--username", "u", "--option", "nokv", "--password-stdin"], "p\n"),
    ("account-add-concurrency-0", ["account", "add", "x", "--family", "ipyy", "--base-url", "http://h/", "--username", "u", "--concurrency", "0", "--password-stdin"], "p\n"),
    ("account-add-negative-rate", ["account", "add", "x", "--family", "ipyy", "--base-url", "http://h/", "--username", "u", "--rate", "-1", "--password-stdin"], "p\n"),
    ("account-add-empty-name", ["account", "add", "", "--family", "ipyy", "--base-url", "http://h/", "--username", "u", "--password-stdin"], "p\n"),
    ("account-remove-unknown", ["account", "remove", "nosuch"], None),
    ("account-test-unknown", ["account", "test", "nosuch"], None),
    ("account-password-unknown", ["account", "password", "nosuch", "--password-stdin"], "p\n"),
    ("account-password-empty", ["account", "password", "a", "--password-stdin"], ""),
    ("balance-unknown-account", ["balance", "nosuch"], None),
    ("send-unknown-account", ["send", "nosuch", "--to", "13800138000", "--text", "x"], None),
    ("send-empty-text", ["send", "a", "--to", "13800138000", "--text", ""], None),
    ("send-blank-text", ["send", "a", "--to", "13800138000", "--text", "   "], None),
    ("send-no-text-option", ["send", "a", "--to", "13800138000"], None),
    ("send-no-recipients", ["send", "a", "--to", "", "--text", "x"], None),
    ("send-only-invalid-recipients", ["send", "a", "--to", "123", "--text", "x"], None),
    ("send-two-recipient-options", ["send", "a", "--to", "13800138000", "--contacts", "x", "--text", "x"], None),
    ("send-past-time", ["send", "a", "--to", "13800138000", "--text", "x", "--at", "2020-01-01 10:00:00"], None),
    ("send-bad-time", ["send", "a", "--to", "13800138000", "--text", "x", "--at", "tomorrow"], None),
    ("send-uncarriable-text", ["send", "a", "--to", "13800138000", "--text", "生日快乐🎂"], None),
    ("send-missing-file", ["send", "a", "--contacts", "$T/missing.xlsx", "--text", "x"], None),
    ("send-damaged-file", ["send", "a", "--contacts", "$T/bad.xlsx", "--text", "x"], None),
    ("send-folder-as-file", ["send", "a", "--contacts", "$T/dir", "--text", "x"], None),
    ("send-empty-file", ["send", "a", "--contacts", "$T/empty.txt", "--text", "x"], None),
    ("send-file-without-phones", ["send", "a", "--contacts", "$T/nophone.csv", "--text", "x"], None),
    ("send-missing-text-file", ["send", "a", "--to", "13800138000", "--text-file", "$T/missing.txt"], None),
    ("send-empty-text-file", ["send", "a", "--to", "13800138000", "--text-file", "$T/empty.txt"], None),
    ("send-template-on-ipyy", ["send", "a", "--to", "13800138000", "--template", "1"], None),
    ("send-var-without-template", ["send", "a", "--to", "13800138000", "--text", "x", "--var", "1"], None),
    ("send-unknown-backup", ["send", "a", "--to", "13800138000", "--text", "x", "--backup", "nosuch"], None),
    ("send-bad-extno", ["send", "a", "--to", "13800138000", "--text", "x", "--extno", "abc"], None),
    ("send-unknown-group", ["send", "a", "--group", "nosuch", "--text", "x"], None),
    ("send-too-long", ["send", "j", "--to", "13800138000", "--text", "长" * 301], None),
    ("sync-unknown-account", ["sync", "nosuch"], None),
    ("receive-unknown-account", ["receive", "nosuch", "--port", "0"], None),
    ("receive-pull-account", ["receive", "a", "--port", "0"], None),
    ("receive-bad-port", ["receive", "q", "--port", "99999"], None),
    ("receive-short-token", ["receive", "q", "--port", "0", "--token", "short"], None),
    ("receive-zero-body-limit", ["receive", "q", "--port", "0", "--max-body", "0"], None),
    ("receive-negative-seconds", ["receive", "q", "--port", "0", "--seconds", "-1"], None),
    ("jobs-extra-argument", ["jobs", "extra"], None),
    ("resume-unknown-job", ["resume", "999"], None),
    ("resume-not-a-number", ["resume", "abc"], None),
    ("run-due-extra-argument", ["run-due", "now"], None),
    ("resend-unknown-job", ["resend", "999", "--rejected"], None),
    ("resend-nothing-rejected", ["resend", "1", "--rejected"], None),
    ("resend-without-rejected", ["resend", "1"], None),
    ("cancel-unknown-job", ["cancel", "999"], None),
    ("cancel-finished-job", ["cancel", "1"], None),
    ("history-limit-not-a-number", ["history", "--limit", "abc"], None),
    ("history-negative-limit", ["history", "--limit", "-1"], None),
    ("inbox-negative-limit", ["inbox", "--limit", "-5"], None),
    ("export-no-what", ["export"], None),
    ("export-history-not-xlsx", ["export", "history", "$T/dir"], None),
    ("export-history-unknown-job", ["export", "history", "$T/out.xlsx", "--job", "999"], None),
    ("contacts-import-missing-file", ["contacts", "import", "$T/missing.xlsx"], None),
    ("contacts-import-damaged-file", ["contacts", "import", "$T/bad.xlsx"], None),
    ("contacts-import-unknown-family", ["contacts", "import", "$T/phones.csv", "--family", "nosuch"], None),
    ("contacts-list-negative-limit", ["contacts", "list", "--limit", "-1"], None),
    ("contacts-list-negative-offset", ["contacts", "list", "--offset", "-1"], None),
    ("contacts-search-negative-limit", ["contacts", "search", "x", "--limit", "-1"], None),
    ("contacts-export-not-xlsx", ["contacts", "export", "$T/dir"], None),
    ("contacts-template-not-xlsx", ["contacts", "template", "$T/dir"], None),
    ("contacts-edit-unknown", ["contacts", "edit", "999", "--name", "x"], None),
    ("blacklist-add-invalid", ["blacklist", "add", "123"], None),
    ("blacklist-import-missing-file", ["blacklist", "import", "$T/missing.xlsx"], None),
    ("blacklist-export-not-xlsx", ["blacklist", "export", "$T/dir"], None),
]  # fmt: skip


def run_cli(argv: list[str], stdin: str | None) -> tuple[int, str, str]:
    from sms_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(argv)
            except SystemExit as exc:  # argparse
                rc = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = old
    return rc, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One home with three accounts and a finished job, shared by the whole table (a case
    must change nothing: that is checked)."""
    import os

    from sms_desktop.simulator import Simulator

    os.environ.setdefault("SMS_DESKTOP_NO_KEYRING", "1")
    home = tmp_path_factory.mktemp("misuse") / "home"
    bad = tmp_path_factory.mktemp("bad")
    (bad / "bad.xlsx").write_bytes(b"garbage" * 10)
    (bad / "empty.txt").write_text("")
    (bad / "nophone.csv").write_text("name,city\n张三,北京\n", encoding="utf-8")
    (bad / "phones.csv").write_text("手机\n13800138000\n", encoding="utf-8")
    (bad / "dir").mkdir()
    sim = Simulator(host="127.0.0.1", port=0, seed=7).start()
    try:
        for name, family in (("a", "ipyy"), ("j", "jsm"), ("q", "qxt")):
            sim.add_account(family, "u1", "pw1", balance=10**6, verycode="vc")
            args = ["--home", str(home), "account", "add", name, "--family", family]
            args += ["--base-url", sim.base_url(family), "--username", "u1", "--password-stdin"]
            args += ["--verycode", "vc"] if family == "jsm" else []
            args += ["--charset", "gbk"] if family == "ipyy" else []
            assert run_cli(args, "pw1\n")[0] == 0
        # a finished job of 3,000 and a blacklist of 2,000: enough output to overfill a pipe
        numbers = ",".join(str(13000000000 + j) for j in range(3000))
        rc, _, err = run_cli(
            ["--home", str(home), "send", "a", "--to", numbers, "--text", "x"], None
        )
        assert rc == 0, err
        black = [str(13900000000 + j) for j in range(2000)]
        assert run_cli(["--home", str(home), "blacklist", "add", *black], None)[0] == 0
        yield home, bad, sim
    finally:
        sim.stop()


def _state(home) -> tuple:
    import sqlite3

    db = sqlite3.connect(home / "sms_desktop.sqlite3")
    try:
        return tuple(
            db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("jobs", "messages", "accounts", "contacts", "blacklist")
        )
    finally:
        db.close()


@pytest.mark.parametrize(("case", "argv", "stdin"), CASES, ids=[c[0] for c in CASES])
def test_misuse_exits_2_with_one_line_and_sends_nothing(world, case, argv, stdin):
    home, bad, sim = world
    argv = [a.replace("$T", str(bad)) for a in argv]
    before_requests, before_state = len(sim.requests), _state(home)
    rc, out, err = run_cli(["--home", str(home), *argv], stdin)
    lines = err.strip().splitlines()
    assert rc == 2, (rc, out, err)
    assert len(lines) == 1, err
    assert "错误 / error" in lines[0] and "Traceback" not in err, err
    assert out == "", out
    assert len(sim.requests) == before_requests, [
        r.endpoint for r in sim.requests[before_requests:]
    ]
    assert _state(home) == before_state


def test_the_line_names_what_is_wrong(world):
    """A few cases where the one line must carry the offending value itself."""
    home, bad, _sim = world
    for argv, needle in (
        (["send", "a", "--to", "13800138000", "--text", "生日快乐🎂"], "🎂"),
        (["send", "a", "--to", "13800138000", "--text", "x", "--at", "2020-01-01 10:00:00"], "2020-01-01 10:00:00"),
        (["send", "nosuch", "--to", "13800138000", "--text", "x"], "nosuch"),
        (["send", "a", "--contacts", f"{bad}/missing.xlsx", "--text", "x"], "missing.xlsx"),
        (["export", "history", f"{bad}/out.xlsx", "--job", "999"], "999"),
        (["send", "a", "--to", "13800138000", "--text", "x", "--var", "1"], "--template"),
    ):  # fmt: skip
        rc, _out, err = run_cli(["--home", str(home), *argv], None)
        assert rc == 2 and needle in err, (argv, err)


@pytest.mark.parametrize(
    "command", ["history --limit 5000", "history --json", "blacklist list --json", "export"]
)
def test_a_closed_pipe_is_exit_2_with_one_line_and_nothing_sent(world, command):
    """``… | head -1`` (with pipefail, the CLI's own exit code): the reader went away."""
    home, _bad, sim = world
    if command == "export":  # a misuse on top: the one error line, and no pipe error
        command = "export history"
    before = len(sim.requests)
    p = subprocess.run(
        [
            "bash",
            "-o",
            "pipefail",
            "-c",
            f'"{sys.executable}" -m sms_desktop.cli {command} | head -1',
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=Cli(home, sim).env(),
        timeout=60,
    )
    assert p.returncode == 2, (p.returncode, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in p.stderr, p.stderr
    assert len(p.stdout.splitlines()) <= 1
    assert len(sim.requests) == before
