"""Issue 7 item 8: when the store refuses to record a batch's outcome.

The failure is real: another connection holds the database's write lock past a short busy
timeout (as another program, a backup tool or a second window would), so SQLite answers
"database is locked"; on PostgreSQL another connection locks the journal's tables past a short
lock timeout (another PC's long transaction). The requests really go to the simulator.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from stores import SQLITE_ONLY

from sms_desktop.core.accounts import AccountStore
from sms_desktop.core.errors import StoreError
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec, JobState
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import SqliteDatabase
from sms_desktop.core.store.db import DB_FILE
from sms_desktop.core.store.postgres import PostgresDatabase


def numbers(n: int, start: int = 13800000000) -> list[str]:
    return [str(start + i) for i in range(n)]


class Locker:
    """Another connection that takes the write lock right after a request went out (on
    PostgreSQL: locks the tables the journal writes)."""

    def __init__(self, db):
        if isinstance(db, SqliteDatabase):
            self.conn = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
            self.take = ["BEGIN IMMEDIATE"]
        else:
            self.conn = db.connect_raw()
            self.take = ["BEGIN", "LOCK TABLE jobs, batches, messages IN EXCLUSIVE MODE"]
        self.locked = False
        self.armed = True

    def lock(self) -> None:
        if self.armed and not self.locked:
            for sql in self.take:
                self.conn.execute(sql)
            self.locked = True
            self.armed = False  # once

    def unlock(self) -> None:
        if self.locked:
            self.conn.execute("COMMIT")
            self.locked = False


@pytest.fixture
def locked(env, home):
    """An engine on a store with a 0.2 s busy timeout, whose first request is followed by
    another connection taking the write lock."""
    if env.db.dialect.sqlite:
        db = SqliteDatabase(home / DB_FILE, busy_timeout=0.2)
    else:
        db = PostgresDatabase(env.db.url, home=home, busy_timeout=0.2)
    accounts = AccountStore(db, SecretStore(home))
    locker = Locker(db)
    sleeps: list[float] = []
    on_sleep = {"unlock_after": None}

    def factory(name):
        gw = accounts.gateway(name)
        real = gw.send

        def send(*a, **kw):
            res = real(*a, **kw)  # the request reaches the gateway …
            locker.lock()  # … and meanwhile another program took the write lock
            return res

        gw.send = send
        return gw

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if on_sleep["unlock_after"] is not None and len(sleeps) >= on_sleep["unlock_after"]:
            locker.unlock()

    engine = Engine(db, accounts, gateway_factory=factory, sleep=sleep)
    yield engine, locker, sleeps, on_sleep
    locker.unlock()
    locker.conn.close()
    db.close()


def states(db, job):
    return {
        r[0]: r[1]
        for r in db.read().execute(
            "SELECT state, COUNT(*) FROM messages WHERE job_id=? GROUP BY state", (job,)
        )
    }


def test_a_locked_store_is_retried_and_the_outcome_recorded(env, locked):
    engine, _locker, sleeps, on_sleep = locked
    acct = env.add("ipyy")
    on_sleep["unlock_after"] = 1  # the other program lets go during the first pause
    job = engine.create_job(JobSpec(acct, "测试", numbers(3)))
    s = engine.run_job(job)
    assert sleeps, "the outcome was not retried"
    assert (s.state, s.accepted, s.unknown) == (JobState.DONE, 3, 0)
    assert states(engine.db, job) == {"accepted": 3}


def test_an_outcome_that_cannot_be_recorded_is_unknown_and_a_report_settles_it(env, locked):
    from sms_desktop.core.sync import Syncer

    engine, locker, sleeps, _on_sleep = locked
    acct = env.add("txt112088")
    events = []

    def progress(p):
        events.append(p.event)
        if p.event == "error":  # every retry failed: the other program lets go only now
            locker.unlock()

    job = engine.create_job(JobSpec(acct, "测试", numbers(3)))
    s = engine.run_job(job, progress=progress)
    assert "error" in events and len(sleeps) >= 2
    # not "done": nothing is left "sending"; the three went out, their outcome is unknown
    assert s.state == JobState.INTERRUPTED
    assert "could not record" in (s.error or "")
    assert states(engine.db, job) == {"unknown": 3}
    assert s.outcome == "unknown"
    assert len([r for r in env.sim.requests if r.params.get("send_content")]) == 1
    # resuming sends nothing again
    engine.resume(job)
    assert len([r for r in env.sim.requests if r.params.get("send_content")]) == 1
    # the gateway's reports settle them
    Syncer(engine.db, engine.accounts).sync_account(acct, force=True)
    assert set(states(engine.db, job)) <= {"delivered", "undelivered"}


def test_when_even_the_job_state_cannot_be_written_recover_settles_it(env, locked):
    engine, locker, _sleeps, _on_sleep = locked
    acct = env.add("ipyy")
    job = engine.create_job(JobSpec(acct, "测试", numbers(3)))
    with pytest.raises(StoreError, match="could not record"):
        engine.run_job(job)
    locker.unlock()
    assert states(engine.db, job) == {"sending": 3}
    # no runner holds the job any more: the next recover() settles its journal
    assert engine.recover() == [job]
    s = engine.summary(job)
    assert s.state == JobState.INTERRUPTED and states(engine.db, job) == {"unknown": 3}


def test_recover_settles_sending_recipients_of_a_job_left_done(env):
    """The journal an older version left: a job marked done with a batch still sending."""
    acct = env.add("ipyy")
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(4)))
    env.engine.run_job(job)
    with env.db.write() as c:
        bid = c.execute("SELECT id FROM batches WHERE job_id=?", (job,)).fetchone()[0]
        c.execute("UPDATE batches SET state='sending' WHERE id=?", (bid,))
        c.execute(
            "UPDATE messages SET state='sending', gateway_id=NULL WHERE job_id=? AND seq<=2",
            (job,),
        )
    assert env.engine.summary(job).state == JobState.DONE
    assert env.engine.recover() == [job]
    s = env.engine.summary(job)
    assert s.state == JobState.INTERRUPTED
    assert states(env.db, job) == {"unknown": 2, "accepted": 2}
    assert env.engine.recover() == []


def test_a_batch_journalled_ahead_that_never_left_goes_back_to_the_queue(env):
    """A crash between the journal of a batch and its request: it never left, so it is sent
    by the next resume, once; only the batch that was in flight is unknown."""
    acct = env.add("ipyy", batch_size=2)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(4)))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with env.db.write() as c:
        for seq, state in ((1, "sending"), (3, "ready")):
            batch = c.execute(
                "INSERT INTO batches(job_id, account, text, state, size) VALUES(?,?,?,?,2)"
                " RETURNING id",
                (job, acct, "测试", state),
            ).fetchone()[0]
            c.execute(
                "UPDATE messages SET state='sending', batch_id=?, account=?"
                " WHERE job_id=? AND seq IN (?,?)",
                (batch, acct, job, seq, seq + 1),
            )
        c.execute("UPDATE jobs SET state='running', runner_pid=? WHERE id=?", (dead.pid, job))
    assert env.engine.recover() == [job]
    assert states(env.db, job) == {"unknown": 2, "queued": 2}
    s = env.engine.resume(job)
    assert (s.accepted, s.unknown) == (2, 2)
    sent = [p for r in env.sim.requests for p in r.params.get("mobile", "").split(",") if p]
    assert sorted(sent) == numbers(4)[2:]


@SQLITE_ONLY  # the "kill" is a copy of the file taken with SQLite's online backup API
def test_a_kill_after_a_reply_keeps_its_outcome_though_the_next_batch_left(env, home, tmp_path):
    """The reply of batch 1 is in and batch 2's request has left, but the transaction that
    records batch 1's recipients has not committed (the store is busy): a SIGKILL now must
    leave only batch 2 (really in flight) unknown, and resuming sends nothing twice.

    The kill is the database as committed at that instant (what a SIGKILL leaves), copied
    with SQLite's backup API and recovered by a fresh engine."""
    import threading

    from sms_desktop.core.jobs.model import JobControl

    acct = env.add("jsm", batch_size=2, concurrency=1)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(6)))
    control = JobControl()
    held = threading.Event()
    book_writes = []
    real_write = env.db.write

    def write():
        # the bookkeeping thread's third transaction records batch 1's outcome: it waits
        # (as behind another program's write lock) until the "kill" has been taken
        if threading.current_thread().name.startswith("journal"):
            book_writes.append(1)
            if len(book_writes) == 3:
                assert held.wait(30)
        return real_write()

    env.db.write = write
    killed = tmp_path / "killed"
    killed.mkdir()
    gw = env.engine.gateway(acct)
    real_send = gw.send
    calls = []

    def send(*a, **kw):
        res = real_send(*a, **kw)
        calls.append(1)
        if len(calls) == 2:  # batch 2 has left and its reply is in: kill now
            src = sqlite3.connect(env.db.path)
            dst = sqlite3.connect(killed / DB_FILE)
            src.backup(dst)
            src.close()
            dst.close()
            control.pause()  # the original run stops here; only the copy goes on
            held.set()
        return res

    gw.send = send
    env.engine.run_job(job, control=control)
    assert len(calls) == 2

    db2 = SqliteDatabase(killed / DB_FILE)
    try:
        engine2 = Engine(db2, AccountStore(db2, SecretStore(home)), sleep=lambda s: None)
        assert engine2.recover() == [job]
        # batch 1's reply was in: accepted; batch 2 was in flight: unknown; batch 3: queued
        assert states(db2, job) == {"accepted": 2, "unknown": 2, "queued": 2}
        s = engine2.resume(job)
        assert (s.accepted, s.unknown) == (4, 2)
    finally:
        db2.close()
    sent = [p for r in env.sim.requests for p in r.params.get("mobile", "").split(",") if p]
    assert sorted(sent) == numbers(6)  # every number once, none twice
