"""Gateway passwords stay in each PC's keyring. A second PC on the same office store (another
home, the same ``SMS_DESKTOP_STORE``) lacks them: a send, a sync or a balance query is one line
naming ``account password`` and exit 2, with nothing stored or sent; after the command the
send goes out. Real subprocesses against the simulator."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest
from clirunner import Cli


@pytest.fixture
def two_pcs(sim, home, tmp_path, store_url, monkeypatch):
    """PC 1 (``home``) added the account; PC 2 shares the store and has no password."""
    sim.report_delay = 0.0
    if store_url is None:  # SQLite: both PCs on PC 1's file
        monkeypatch.setenv("SMS_DESKTOP_STORE", f"sqlite:///{home}/sms_desktop.sqlite3")
    first = Cli(home, sim)
    first.add_account("office", "ipyy")
    pc2 = tmp_path / "pc2"
    pc2.mkdir()
    return first, Cli(pc2, sim)


def _one_line_naming_the_command(err: str) -> None:
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "sms-desktop-cli account password office --password-stdin" in lines[0]
    assert "office" in lines[0] and "keyring" in lines[0]


def test_a_pc_without_the_password_is_told_the_command_and_sends_after_it(two_pcs, sim):
    _, pc2 = two_pcs
    before = len(sim.requests)
    r = pc2("send", "office", "--to", "13800138000", "--text", "hi")
    assert r.rc == 2
    _one_line_naming_the_command(r.err)
    assert pc2("jobs", "--json").json == []  # nothing journalled
    r = pc2("balance", "office")
    assert r.rc == 2
    _one_line_naming_the_command(r.err)
    r = pc2("sync", "office", "--json")
    assert r.rc == 2
    _one_line_naming_the_command(r.err)
    assert len(sim.requests) == before  # nothing reached the gateway
    # handed to the sender service, it is sent with the service's password: none needed here
    r = pc2("send", "office", "--to", "13800138000", "--text", "hi", "--by-server", "--json")
    assert r.rc == 0, r.err
    assert r.json["by_server"] and r.json["state"] == "queued"
    assert len(sim.requests) == before
    r = pc2("cancel", str(r.json["job_id"]))
    assert r.rc == 0, r.err

    r = pc2("account", "password", "office", "--password-stdin", stdin="pw1\n")
    assert r.rc == 0, r.err
    r = pc2("send", "office", "--to", "13800138000", "--text", "hi", "--json")
    assert r.rc == 0, r.err
    assert r.json["accepted"] == 1
    assert any("13800138000" in str(q.params) for q in sim.requests[before:])


def test_account_password_asks_in_a_terminal_and_refuses_a_pipe_without_the_flag(two_pcs):
    first, _ = two_pcs
    r = first("account", "password", "office", stdin="")
    assert r.rc == 2 and "--password-stdin" in r.err
    # a terminal: asked twice, not shown
    main, child = pty.openpty()
    env = dict(first.env())
    proc = subprocess.Popen(
        [sys.executable, "-m", "sms_desktop.cli", "account", "password", "office"],
        stdin=child,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    seen = b""
    assert proc.stderr is not None
    # each answer after its prompt (getpass flushes what was typed ahead)
    for prompt in (b"password of account office: ", b"again: "):
        while prompt not in seen:
            chunk = os.read(proc.stderr.fileno(), 4096)
            assert chunk, seen
            seen += chunk
        os.write(main, b"newpw\n")
    out, err = proc.communicate(timeout=60)
    os.close(main)
    assert proc.returncode == 0, err
    assert b"updated" in out
    r = first("balance", "office")
    # the simulator's account has pw1: the new password is the one the query used
    assert r.rc == 1 and "office" in r.err


def test_an_unknown_account_is_said_as_such(cli):
    r = cli("account", "password", "nobody", "--password-stdin", stdin="x\n")
    assert r.rc == 2 and "nobody" in r.err and "account password" not in r.err


def test_jsm_verycode_is_kept_per_pc_as_the_password_is(two_pcs, sim):
    """jsm's veryCode is a credential kept in the keyring: the second PC lacks it too, is told
    both, and gets both with one command (nothing stored while one is missing)."""
    first, pc2 = two_pcs
    first.add_account("j", "jsm")
    r = pc2("send", "j", "--to", "13800138000", "--text", "hi")
    assert r.rc == 2
    lines = [ln for ln in r.err.strip().splitlines() if ln.strip()]
    assert len(lines) == 1, r.err
    assert "sms-desktop-cli account password j --password-stdin --verycode VERYCODE" in lines[0]
    assert "veryCode" in lines[0]
    r = pc2("sync", "j", "--force")  # the same words from a pull
    assert r.rc == 2 and "veryCode" in r.err and "verycode VERYCODE" in r.err, r.err
    assert "密码和verycode" not in r.err
    r = pc2("account", "password", "j", "--password-stdin", stdin="pw1\n")
    assert r.rc == 2 and "--verycode" in r.err
    r = pc2("send", "j", "--to", "13800138000", "--text", "hi")
    assert r.rc == 2 and "--password-stdin --verycode" in r.err  # nothing was kept
    r = pc2("account", "password", "j", "--password-stdin", "--verycode", "vc", stdin="pw1\n")
    assert r.rc == 0, r.err
    r = pc2("send", "j", "--to", "13800138000", "--text", "hi", "--json")
    assert r.rc == 0, r.err
    assert r.json["accepted"] == 1
