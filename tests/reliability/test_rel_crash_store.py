"""Crashes / Disk full (issue 11): a full disk or a read-only database during a send.

SQLite is made to refuse writes on the engine's own connections, as a full disk or a read-only
file would, at a chosen moment:

* disk full: ``PRAGMA max_page_count`` set to the database's size (SQLITE_FULL, "database or disk
  is full"), on every connection of the process;
* read-only: ``PRAGMA query_only`` (SQLITE_READONLY, "attempt to write a readonly database").

The CLI runs in this process (``sms_desktop.cli.main``) so the pragmas reach its connections;
the simulator is real, over HTTP. The job must stay resumable (nothing queued is lost, no number
goes twice once the disk has room again) and the user must be told in words, not SQLite's.
The GUI's message is checked in test_rel_crash_gui.py (the same words come from the core).
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter

import pytest
from clirunner import phones_sent

from sms_desktop.core.jobs import journal as journal_mod
from sms_desktop.core.jobs import runner as runner_mod
from sms_desktop.core.store import db as db_mod

SQLITE_WORDS = ("database or disk is full", "readonly database", "OperationalError", "Traceback")


class StoreLimit:
    """Refuse writes on every connection of this process, from ``arm()`` on."""

    def __init__(self, monkeypatch, kind: str) -> None:
        self.kind = kind
        self.pragma: str | None = None
        self.dbs: list[db_mod.SqliteDatabase] = []
        original = db_mod.SqliteDatabase._connect
        limit = self

        def connect(db: db_mod.SqliteDatabase):
            conn = original(db)
            if db not in limit.dbs:
                limit.dbs.append(db)
            if limit.pragma:
                conn.execute(limit.pragma)
            return conn

        monkeypatch.setattr(db_mod.SqliteDatabase, "_connect", connect)

    def arm(self) -> None:
        db = self.dbs[-1]
        if self.kind == "full":
            pages = db.read().execute("PRAGMA page_count").fetchone()[0]
            self.pragma = f"PRAGMA max_page_count={pages}"
        else:
            self.pragma = "PRAGMA query_only=ON"
        for _, conn in db._all:
            conn.execute(self.pragma)

    def lift(self) -> None:
        undo = (
            "PRAGMA max_page_count=1073741823" if self.kind == "full" else "PRAGMA query_only=OFF"
        )
        self.pragma = None
        for db in self.dbs:
            for _, conn in db._all:
                conn.execute(undo)


def run_cli(capsys, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    from sms_desktop.cli import main

    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        rc = main(list(args))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def jsm(sim, home, capsys, monkeypatch):
    sim.report_delay = 0.0
    monkeypatch.setattr(journal_mod, "BOOKKEEPING_BACKOFF", 0.01)  # the retries, quickly
    sim.add_account("jsm", "u1", "pw1", balance=10**8, verycode="vc")
    rc, _, err = run_cli(
        capsys,
        "--home", str(home), "account", "add", "a", "--family", "jsm",
        "--base-url", sim.base_url("jsm"), "--username", "u1", "--verycode", "vc",
        "--password-stdin", "--concurrency", "2",
        stdin="pw1\n",
    )  # fmt: skip
    assert rc == 0, err
    return "a"


def numbers_file(tmp_path, n: int) -> tuple[str, list[str]]:
    numbers = [str(13100000000 + i) for i in range(n)]
    f = tmp_path / "numbers.txt"
    f.write_text("\n".join(["手机", *numbers]), encoding="utf-8")
    return str(f), numbers


WORDS = {
    "full": ("磁盘已满", "The disk is full"),
    "readonly": ("只读", "read-only"),
}


@pytest.mark.parametrize("kind", ["full", "readonly"])
def test_store_refusing_writes_mid_send_keeps_the_job_resumable_and_says_why(
    kind, sim, home, tmp_path, capsys, monkeypatch, jsm
):
    limit = StoreLimit(monkeypatch, kind)
    f, numbers = numbers_file(tmp_path, 1000)
    batches = {"n": 0}
    real_send = runner_mod.JobRunner._send

    def send(self, *a, **kw):  # the disk fills up while the 3rd request is out
        batches["n"] += 1
        if batches["n"] == 3:
            limit.arm()
        return real_send(self, *a, **kw)

    monkeypatch.setattr(runner_mod.JobRunner, "_send", send)
    rc, _out, err = run_cli(
        capsys, "--home", str(home), "send", jsm, "--contacts", f, "--text", "x"
    )
    monkeypatch.setattr(runner_mod.JobRunner, "_send", real_send)

    assert rc == 1, err
    zh, en = WORDS[kind]
    errors = [line for line in err.splitlines() if line.startswith("错误 / error")]
    assert len(errors) == 1, err
    assert zh in errors[0] and en in errors[0], errors[0]
    assert not any(w in err for w in SQLITE_WORDS), err
    assert "resume" in errors[0]  # what to do next
    sent_before = phones_sent(sim, "jsm", "mobile")
    assert 0 < len(sent_before) < 1000

    # the disk has room again: the job is interrupted, and resuming it finishes it
    limit.lift()
    rc, out, err = run_cli(capsys, "--home", str(home), "jobs", "--json")
    (job,) = json.loads(out)
    assert job["state"] == "interrupted", job
    rc, out, err = run_cli(capsys, "--home", str(home), "resume", str(job["job_id"]), "--json")
    d = json.loads(out)
    assert d["state"] == "done" and d["queued"] == 0
    sent = phones_sent(sim, "jsm", "mobile")
    assert max(Counter(sent).values()) == 1, "a number reached the gateway twice"
    assert Counter(r["phone"] for r in d["results"]) == Counter(numbers)
    assert d["accepted"] + d["unknown"] == 1000
    assert {r["phone"] for r in d["results"] if r["state"] == "accepted"} <= set(sent)


@pytest.mark.parametrize("kind", ["full", "readonly"])
def test_store_refusing_the_new_job_says_why_and_sends_nothing(
    kind, sim, home, tmp_path, capsys, monkeypatch, jsm
):
    limit = StoreLimit(monkeypatch, kind)
    f, _numbers = numbers_file(tmp_path, 2000)
    run_cli(capsys, "--home", str(home), "jobs")  # opens the store in this process
    limit.arm()
    rc, _out, err = run_cli(
        capsys, "--home", str(home), "send", jsm, "--contacts", f, "--text", "x"
    )
    assert rc == 1, err
    zh, en = WORDS[kind]
    lines = err.strip().splitlines()
    assert zh in lines[-1] and en in lines[-1], err
    assert not any(w in err for w in SQLITE_WORDS), err
    assert phones_sent(sim, "jsm", "mobile") == []
    limit.lift()
    rc, out, _ = run_cli(capsys, "--home", str(home), "jobs", "--json")
    assert json.loads(out) == []
