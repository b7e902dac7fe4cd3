"""Backup (SQLite online backup to a file) and VACUUM: the core, while a send runs, and the CLI."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sms_desktop.core import maintenance
from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.errors import InputError
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_database

PASSWORD = "Pw-备份-7731"


@pytest.fixture
def engine(sim: Any, home: Path) -> Iterator[Engine]:
    sim.add_account("ipyy", "u1", PASSWORD, balance=1_000_000)
    db = open_database(home)
    accounts = AccountStore(db, SecretStore(home))
    accounts.add(
        Account(
            name="a", family="ipyy", base_url=sim.base_url("ipyy"), username="u1", batch_size=50
        ),
        PASSWORD,
    )
    try:
        yield Engine(db, accounts)
    finally:
        db.close()


def _send_in_background(engine: Engine, n: int) -> tuple[int, threading.Thread, dict[str, Any]]:
    job = engine.create_job(
        JobSpec("a", "【测试】备份期间的发送", [str(13500000000 + i) for i in range(n)])
    )
    out: dict[str, Any] = {}
    t = threading.Thread(target=lambda: out.setdefault("s", engine.run_job(job)))
    t.start()
    return job, t, out


def _counts(path: Path, job: int) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
        return dict(
            conn.execute(
                "SELECT state, COUNT(*) FROM messages WHERE job_id=? GROUP BY state", (job,)
            )
        )
    finally:
        conn.close()


def test_backup_while_a_send_runs_is_consistent_and_holds_no_password(
    sim: Any, engine: Engine, tmp_path: Path
) -> None:
    sim.set_fault("ipyy", "latency", seconds=0.03)
    job, sender, out = _send_in_background(engine, 2000)
    copies = []
    while sender.is_alive() and len(copies) < 5:
        target = tmp_path / f"copy{len(copies)}.sqlite3"
        r = maintenance.backup(engine.db, target)
        assert r.path == target and r.bytes == target.stat().st_size > 0
        copies.append(target)
    sender.join(60)
    assert out["s"].accepted == 2000
    assert copies
    for c in copies:
        counts = _counts(c, job)
        assert sum(counts.values()) == 2000  # every recipient, whatever its state then
    middle = [_counts(c, job).get("queued", 0) for c in copies]
    assert any(0 < q < 2000 for q in middle) or len(copies) == 1
    final = tmp_path / "final.sqlite3"
    maintenance.backup(engine.db, final)
    assert _counts(final, job) == {"accepted": 2000}
    assert not list(tmp_path.glob("*.part"))
    for c in [*copies, final]:
        data = c.read_bytes()
        assert PASSWORD.encode() not in data and PASSWORD.encode("utf-16-le") not in data


def test_backup_refuses_bad_targets(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        maintenance.backup(engine.db, tmp_path)  # a folder
    with pytest.raises(InputError):
        maintenance.backup(engine.db, engine.db.path)  # the database itself
    with pytest.raises(InputError):
        maintenance.backup(engine.db, tmp_path / "no" / "such" / "x.sqlite3")


def test_vacuum_refuses_while_a_send_runs_and_compacts_after(sim: Any, engine: Engine) -> None:
    sim.set_fault("ipyy", "latency", seconds=0.05)
    job, sender, out = _send_in_background(engine, 1000)
    try:
        deadline = 200
        while not maintenance.running_jobs(engine.db) and deadline:
            deadline -= 1
            threading.Event().wait(0.01)
        assert maintenance.running_jobs(engine.db) == [job]
        with pytest.raises(InputError, match=str(job)):
            maintenance.vacuum(engine.db)
    finally:
        sender.join(60)
    assert out["s"].accepted == 1000
    with engine.db.write() as c:
        c.execute("DELETE FROM jobs WHERE id=?", (job,))
    r = maintenance.vacuum(engine.db)
    assert r.bytes_after < r.bytes_before
    assert engine.db.read().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sms_desktop.cli", "--home", str(home), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_cli_db_backup_and_vacuum(engine: Engine, home: Path, tmp_path: Path) -> None:
    engine.run_job(engine.create_job(JobSpec("a", "【测试】一条", ["13500000001"])))
    target = tmp_path / "b.sqlite3"
    r = _cli(home, "db", "backup", str(target))
    assert r.returncode == 0, r.stderr
    assert str(target) in r.stdout and target.exists()
    assert _counts(target, 1) == {"accepted": 1}
    bad = _cli(home, "db", "backup", str(tmp_path))
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    v = _cli(home, "db", "vacuum")
    assert v.returncode == 0 and "MB" in v.stdout, v.stderr
