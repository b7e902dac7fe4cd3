"""Load: a big job journalled and sent through the simulator, queried while it runs (issue 11).

* ``test_load_*``: ``bench/bench_load.py`` in a child process (its own peak RSS; the simulator in
  a third process), at 20,000 recipients in CI and 1,000,000 behind ``reliability_long``.
* ``test_query_plans_*``: the job list, one phone's history and one page of a job's recipients
  each run on an index (``EXPLAIN QUERY PLAN``), never a full scan of a big table.
* ``test_job_counts_*``: the per-job counts the job list reads stay equal to a full count.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from queryplans import BIG_TABLES, full_scans, plan, statements

from sms_desktop.core import history
from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import SqliteDatabase, open_database
from sms_desktop.core.sync import Syncer

ROOT = Path(__file__).resolve().parents[2]


def _bench(recipients: int, latency: float) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_load.py"),
            "--recipients",
            str(recipients),
            "--latency",
            str(latency),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
        cwd=ROOT,
    )
    r: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    print(json.dumps(r, indent=1))  # the figures, for docs/reliability.md (pytest -s)
    return r


def _check(r: dict[str, Any], n: int) -> None:
    assert r["recipients"] == n and r["accepted"] == n and r["state"] == "done"
    assert r["rss_peak_mb"] < 500
    for k in ("jobs", "phone", "page"):
        assert r[k]["n"] >= 3, r[k]  # really asked while the job ran
        assert r[k]["p50_ms"] < 50, (k, r[k])
        assert r[k]["p95_ms"] < 50, (k, r[k])


@pytest.mark.timeout(300)
def test_load_20k_recipients_answers_while_sending() -> None:
    _check(_bench(20_000, 0.02), 20_000)


@pytest.mark.reliability_long
@pytest.mark.timeout(3600)
def test_load_1m_recipients_answers_while_sending() -> None:
    _check(_bench(1_000_000, 0.05), 1_000_000)


# ---- query plans -----------------------------------------------------------------------------
@pytest.fixture
def engine(sim: Any, home: Path) -> Iterator[Engine]:
    sim.add_account("ipyy", "u1", "pw1", balance=100_000)
    sim.report_delay = 0.0
    db = open_database(home)
    accounts = AccountStore(db, SecretStore(home))
    accounts.add(
        Account(name="a", family="ipyy", base_url=sim.base_url("ipyy"), username="u1"), "pw1"
    )
    try:
        yield Engine(db, accounts)
    finally:
        db.close()


def _assert_indexed(db: SqliteDatabase, sqls: list[str]) -> None:
    assert sqls
    for sql in sqls:
        assert full_scans(db, sql) == [], sql
        touched = [s for s in plan(db, sql) if any(f" {t} " in f" {s} " for t in BIG_TABLES)]
        for step in touched:
            assert step.startswith("SEARCH") and ("INDEX" in step or "PRIMARY KEY" in step), (
                sql,
                step,
            )


def test_query_plans_of_the_three_questions_use_indexes(engine: Engine) -> None:
    db = engine.db
    phones = [str(13800000000 + i) for i in range(50)] + ["12345", "13800000000"]
    job = engine.create_job(JobSpec("a", "【测试】通知", phones))
    engine.run_job(job)
    with db.write() as c:  # a big job beside it, and statistics (plans depend on them)
        big = c.execute("INSERT INTO jobs(account, text, state) VALUES('a','x','done')").lastrowid
        c.executemany(
            "INSERT INTO messages(job_id, seq, phone, state) VALUES(?,?,?,'accepted')",
            ((big, i, str(13000000000 + i)) for i in range(30_000)),
        )
        c.execute("ANALYZE")
    job_list = statements(db, lambda: engine.jobs(200))
    assert [j.job_id for j in engine.jobs(200)] == [big, job]
    assert any("job_counts" in s for s in job_list)
    _assert_indexed(db, job_list)
    by_phone = statements(db, lambda: history.history(db, phone="13800000007"))
    _assert_indexed(db, by_phone)
    assert any("messages_phone" in step for step in plan(db, by_phone[0]))
    _assert_indexed(db, statements(db, lambda: history.message_ids(db, big)))
    keys = history.message_ids(db, job)
    _assert_indexed(db, statements(db, lambda: history.message_ids(db, job)))
    page = statements(db, lambda: history.messages_by_ids(db, keys[10:20]))
    _assert_indexed(db, page)
    assert [r["seq"] for r in history.messages_by_ids(db, keys[10:20]) if r] == list(range(11, 21))


# ---- the counts the job list reads -----------------------------------------------------------
def _full_counts(db: SqliteDatabase) -> dict[tuple[int, str], int]:
    return {
        (j, s): n
        for j, s, n in db.read().execute(
            "SELECT job_id, state, COUNT(*) FROM messages GROUP BY job_id, state"
        )
    }


def _kept_counts(db: SqliteDatabase) -> dict[tuple[int, str], int]:
    return {
        (j, s): n
        for j, s, n in db.read().execute("SELECT job_id, state, n FROM job_counts WHERE n > 0")
    }


def test_job_counts_follow_sends_reports_cancels_and_deletes(sim: Any, engine: Engine) -> None:
    db = engine.db
    sim.report_success_ratio = 0.5
    phones = [str(13900000000 + i) for i in range(40)] + ["123", "13900000001"]
    done = engine.create_job(JobSpec("a", "【测试】一", phones))
    assert _kept_counts(db) == _full_counts(db)
    engine.run_job(done)
    Syncer(db, engine.accounts).sync_account("a", force=True)
    later = engine.create_job(JobSpec("a", "【测试】二", phones[:5]))
    engine.cancel(later)
    counts = _kept_counts(db)
    assert counts == _full_counts(db)
    assert {s for (j, s) in counts if j == done} >= {"delivered", "undelivered", "skipped"}
    assert engine.summary(later).skipped == 5
    with db.write() as c:
        c.execute("DELETE FROM jobs WHERE id=?", (later,))
    assert _kept_counts(db) == _full_counts(db)


def test_a_store_from_before_job_counts_is_counted_on_upgrade(home: Path) -> None:
    from sms_desktop.core.store.schema import MIGRATIONS

    path = home / "old.sqlite3"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version=2")
    conn.execute("INSERT INTO jobs(id, account, text, state) VALUES(1,'a','x','done')")
    conn.executemany(
        "INSERT INTO messages(job_id, seq, phone, state) VALUES(1,?,?,?)",
        [(i, f"1380000000{i}", "accepted" if i % 3 else "rejected") for i in range(9)],
    )
    conn.commit()
    conn.close()
    db = SqliteDatabase(path)
    try:
        assert _kept_counts(db) == {(1, "accepted"): 6, (1, "rejected"): 3}
    finally:
        db.close()
