"""The rules that keep several PCs on one store correct, in one process, on both engines: a
job's lease (one runner; a gone one taken over; a runner taken over stops before its next batch
leaves), the blacklist read again by each batch, one poller per account, and a connection lost
in the middle of a send.

Another PC is played by another store object (its own connections) and another
``COMPUTERNAME``; the multi-process proofs are in tests/reliability/test_rel_team_pcs.py.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from sms_desktop.core.contacts import blacklist_add
from sms_desktop.core.errors import InputError, StoreError
from sms_desktop.core.jobs import lease
from sms_desktop.core.jobs.model import JobSpec, JobState
from sms_desktop.core.store import jobs as store_jobs
from sms_desktop.core.store import open_store
from sms_desktop.core.sync import Syncer


def numbers(n: int, first: int = 13800000000) -> list[str]:
    return [str(first + i) for i in range(n)]


def sent_phones(sim) -> list[str]:
    out: list[str] = []
    for r in sim.requests:
        if r.family == "jsm" and r.params.get("mobile"):
            out.extend(r.params["mobile"].split(","))
    return out


def claim_as(env, monkeypatch, job: int, pc: str) -> lease.Runner:
    """The job claimed by a runner on PC ``pc`` (this process, playing it)."""
    monkeypatch.setenv("COMPUTERNAME", pc)
    runner = env.engine.launcher.claim(job, release_held=False)
    env.engine.launcher.let_go(job)  # no heartbeat: as if that PC died right after
    assert runner is not None and runner.host == pc
    return runner


def test_a_live_runner_on_another_pc_is_named_and_a_lapsed_one_taken_over(
    env, monkeypatch, store_url, home
):
    acct = env.add("jsm")
    job = env.engine.create_job(JobSpec(acct, "会议通知", numbers(250)))
    monkeypatch.setenv("USERNAME", "wang")
    dead = claim_as(env, monkeypatch, job, "PC-WANG")
    monkeypatch.setenv("COMPUTERNAME", "PC-LI")
    with pytest.raises(InputError) as err:
        env.engine.run_job(job)
    said = str(err.value)
    assert "电脑 PC-WANG（用户 wang" in said and f"PC PC-WANG (user wang, pid {dead.pid}" in said
    assert not sent_phones(env.sim)
    # a scheduler that finds it due leaves it to its holder, silently
    assert env.engine.run_job(job, due=True).state == JobState.RUNNING
    # the lease lapses (no heartbeat for the lease's time): taken over, sent once
    monkeypatch.setenv(lease.LEASE_ENV, "0.2")
    time.sleep(0.3)
    s = env.engine.run_job(job)
    assert s.state == JobState.DONE and s.accepted == 250
    assert sorted(sent_phones(env.sim)) == numbers(250)


def test_a_runner_taken_over_stops_before_its_next_batch_leaves(env, monkeypatch, store_url, home):
    """A PC that was only paused (asleep) comes back after another took its job over: the
    journal's check of the lease stops it; nothing is sent twice."""
    acct = env.add("jsm", concurrency=1)
    job = env.engine.create_job(JobSpec(acct, "会议通知", numbers(500)))
    monkeypatch.setenv("COMPUTERNAME", "PC-WANG")
    taken = threading.Event()

    def progress(p):
        if p.event == "batch" and not taken.is_set():
            # another PC takes the job over: the lease is made to look lapsed, then claimed
            other = open_store(store_url, home)
            try:
                with other.write() as c:
                    c.execute("UPDATE jobs SET runner_beat = runner_beat - 3600 WHERE id=?", (job,))
                    row = store_jobs.lock(c, job)
                    assert lease.Holder.of(row).runner.host == "PC-WANG"
                    store_jobs.claim(
                        c, job, JobState.RUNNING, 4242, "2030-01-01 00:00:00", "PC-LI", "li"
                    )
            finally:
                other.close()
            taken.set()

    with pytest.raises(lease.LeaseLost):
        env.engine.run_job(job, progress=progress)
    sent = sent_phones(env.sim)
    # the batches out when it was taken over went (the first, and the second, which left before
    # the first one's outcome was written); the one journalled ahead never left
    assert len(sent) == 200 and sorted(sent) == numbers(200)
    row = env.engine.summary(job)
    assert row.state == JobState.RUNNING  # the new holder's, untouched by the old runner
    holder = store_jobs.lock(env.db.read(), job)
    assert holder["runner_host"] == "PC-LI"


def test_an_opt_out_received_mid_send_blocks_the_later_batches(env, store_url, home):
    """Numbers blacklisted on another PC while a send runs are skipped by every later batch,
    including a batch journalled before the opt-out came in."""
    acct = env.add("jsm", concurrency=1)
    phones = numbers(400)
    job = env.engine.create_job(JobSpec(acct, "会议通知", phones))
    # in batches 3 and 4: the opt-out comes in as the first batch's outcome is written, when
    # the second has left and the third is journalled (ready) already
    late = [phones[250], phones[260], phones[399]]
    done = threading.Event()

    def progress(p):
        if p.event == "batch" and not done.is_set():
            other = open_store(store_url, home)  # another PC's connection
            try:
                blacklist_add(other, late, "TD", source="opt-out")
            finally:
                other.close()
            done.set()

    s = env.engine.run_job(job, progress=progress)
    sent = sent_phones(env.sim)
    assert not set(late) & set(sent)
    assert sorted(sent) == sorted(set(phones) - set(late))
    assert s.state == JobState.DONE and (s.accepted, s.skipped) == (397, 3)
    rows = {r["phone"]: r for r in env.engine.results(job)}
    assert all(rows[p]["state"] == "skipped" for p in late)
    assert "blacklisted while the job was sending" in str(dict(rows[late[0]]))


def test_a_batch_whose_numbers_were_all_blacklisted_does_not_leave(env, store_url, home):
    acct = env.add("jsm", concurrency=1)
    phones = numbers(300)
    job = env.engine.create_job(JobSpec(acct, "会议通知", phones))
    done = threading.Event()

    def progress(p):
        if p.event == "batch" and not done.is_set():
            other = open_store(store_url, home)
            try:
                blacklist_add(other, phones[200:], "TD", source="opt-out")  # the third batch
            finally:
                other.close()
            done.set()

    s = env.engine.run_job(job, progress=progress)
    assert sorted(sent_phones(env.sim)) == phones[:200]
    assert s.state == JobState.DONE and (s.accepted, s.skipped) == (200, 100)


def test_one_poller_per_account_across_pcs(env, store_url, home):
    """While another PC syncs an account, a sync of it here pulls nothing (PostgreSQL: the
    account's advisory lock; SQLite, one PC: the poll clock's claim as before)."""
    name = env.add("ipyy")
    env.sim.inject_reply("ipyy", "u1", "13900000000", "收到")
    syncer = Syncer(env.db, env.accounts)
    other = open_store(store_url, home)
    try:
        with other.only_holder(f"sms-desktop sync {name}") as held:
            before = len(env.sim.requests)
            box = []
            t = threading.Thread(target=lambda: box.append(syncer.sync_account(name, force=True)))
            t.start()
            t.join(60)
            result = box[0]
            if env.db.dialect.postgresql:
                assert held and "Another PC or process is fetching" in result.skipped_reason
                assert len(env.sim.requests) == before and not result.new_replies
            else:
                assert held and len(result.new_replies) == 1
        if env.db.dialect.postgresql:  # given back: the next sync pulls
            assert len(syncer.sync_account(name, force=True).new_replies) == 1
    finally:
        other.close()


def test_connection_lost_mid_send_ends_the_batch_unknown_and_the_job_resumable(
    env, monkeypatch, store_url, home, pg
):
    """The office server goes away while a batch is out: that batch ends unknown (never resent
    automatically), the runner stops, and the job is resumed on another PC after the lease."""
    if store_url is None:
        pytest.skip("a SQLite store has no connection to lose")
    import psycopg

    acct = env.add("jsm", concurrency=1)
    phones = numbers(500)
    job = env.engine.create_job(JobSpec(acct, "会议通知", phones))
    monkeypatch.setenv("COMPUTERNAME", "PC-WANG")
    admin = psycopg.connect(pg.server.url("postgres"), autocommit=True)
    dbname = env.db.url.database  # type: ignore[attr-defined]
    gone = threading.Event()

    def cut() -> None:
        admin.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname=%s AND pid <> pg_backend_pid()",
            (dbname,),
        )

    real_send = env.engine.gateway(acct).send

    def send_then_cut(*a, **kw):  # the server goes away while the second request is out
        if len([r for r in env.sim.requests if r.params.get("mobile")]) == 1 and not gone.is_set():
            gone.set()
            cut()
        return real_send(*a, **kw)

    monkeypatch.setattr(env.engine.gateway(acct), "send", send_then_cut)
    try:
        with pytest.raises(StoreError):
            env.engine.run_job(job)
    finally:
        admin.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS true')
        admin.close()
    assert gone.is_set()
    first = sent_phones(env.sim)
    assert len(first) == 200  # two requests left; the runner stopped then
    # the journal as the lost connection left it: the second batch "sending", the job running
    other = open_store(store_url, home)
    try:
        state = other.read().execute("SELECT state FROM jobs WHERE id=?", (job,)).fetchone()[0]
        sending = (
            other.read()
            .execute("SELECT COUNT(*) FROM batches WHERE job_id=? AND state='sending'", (job,))
            .fetchone()[0]
        )
    finally:
        other.close()
    assert state == JobState.RUNNING and sending == 1
    # another PC resumes it once the lease lapsed: that batch unknown, the rest sent once
    monkeypatch.setenv(lease.LEASE_ENV, "0.2")
    monkeypatch.setenv("COMPUTERNAME", "PC-LI")
    time.sleep(0.3)
    s = env.engine.resume(job)
    sent = sent_phones(env.sim)
    assert Counter(sent).most_common(1)[0][1] == 1  # nothing twice
    assert sorted(sent) == phones
    assert s.state == JobState.DONE and s.unknown == 100 and s.accepted == 400


def test_a_cancel_waits_for_a_claim_in_progress_and_never_cancels_a_running_job(env, store_url):
    """PostgreSQL: another PC's claim holds the job's row (its transaction not yet committed)
    when a cancel comes: the cancel waits for it and then refuses (the job is being sent),
    instead of writing 'cancelled' over a job whose first batch is going out."""
    if store_url is None:
        pytest.skip("SQLite has one writer: the claim and the cancel cannot interleave")
    import psycopg

    acct = env.add("jsm")
    job = env.engine.create_job(JobSpec(acct, "会议通知", numbers(3)))
    with psycopg.connect(store_url) as other:  # the other PC, claiming the job
        other.execute("SELECT id FROM jobs WHERE id=%s FOR UPDATE", (job,))
        done: list[BaseException | None] = []

        def cancel() -> None:
            try:
                env.engine.cancel(job)
                done.append(None)
            except BaseException as exc:  # handed to the test thread
                done.append(exc)

        t = threading.Thread(target=cancel)
        t.start()
        time.sleep(0.5)
        assert done == []  # waiting for the claim's transaction
        other.execute("UPDATE jobs SET state=%s WHERE id=%s", (JobState.RUNNING, job))
        other.commit()
        t.join(10)
    assert len(done) == 1 and isinstance(done[0], InputError), done
    assert "正在发送中" in str(done[0])
    state = env.db.read().execute("SELECT state FROM jobs WHERE id=?", (job,)).fetchone()[0]
    assert state == JobState.RUNNING


def test_run_due_does_not_report_a_held_job_another_pc_is_releasing(env, store_url, home, capsys):
    """PostgreSQL: another PC is claiming the held job that just fell due (its row locked):
    this PC's `run-due` leaves it (exactly one releases it) and says nothing of it: no job in
    its "sent" list, exit 0, not "partial" for a job it never ran."""
    if store_url is None:
        pytest.skip("SQLite has one writer: no claim can be in progress beside this one")
    import json
    from datetime import datetime, timedelta

    import psycopg

    from sms_desktop.cli import main as cli

    acct = env.add("jsm", hold_locally=True)
    at = datetime.now() + timedelta(seconds=1.5)
    job = env.engine.create_job(JobSpec(acct, "会议通知", numbers(3), send_at=at))
    while datetime.now() < at + timedelta(seconds=0.2):
        time.sleep(0.05)
    assert env.engine.due_jobs() == [job]
    with psycopg.connect(store_url) as other:  # the other PC, claiming it right now
        other.execute("SELECT id FROM jobs WHERE id=%s FOR UPDATE", (job,))
        assert env.engine.release_due(job) is None
        capsys.readouterr()
        rc = cli(["--home", str(home), "run-due", "--json"])
        said = json.loads(capsys.readouterr().out)
        other.rollback()
    assert rc == 0 and said["sent"] == [], said
    assert env.sim.requests == []  # and it sent nothing
    # once that PC let go without releasing it, the next run-due here releases it
    s = env.engine.release_due(job)
    assert s is not None and s.accepted == 3


def test_two_pcs_sharing_a_number_never_both_send_its_last_marketing_message(env, store_url, home):
    """The caps' check and the journal entry of two PCs' jobs take turns: of two marketing
    jobs to the same numbers started at once on two PCs, each number gets one message (the
    day's cap), the other job skips it (频次限制)."""
    from sms_desktop.core.accounts import AccountStore
    from sms_desktop.core.jobs.engine import Engine
    from sms_desktop.core.secrets import SecretStore

    acct = env.add("ipyy", concurrency=1)
    offer = "【示例公司】会员日全场优惠，回T退订"
    other = open_store(store_url, home)  # another PC: its own store object and connections
    try:
        engines = [env.engine, Engine(other, AccountStore(other, SecretStore(home)))]
        for phone in numbers(6, 13900000000):
            jobs = [
                (
                    e,
                    e.create_job(
                        JobSpec(acct, offer, [phone], kind="marketing", ignore_window=True)
                    ),
                )
                for e in engines
            ]
            start = threading.Barrier(2)
            out: list = []

            def run(e, j, start=start, out=out):
                start.wait()
                out.append(e.run_job(j))

            threads = [threading.Thread(target=run, args=pair) for pair in jobs]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            assert sorted((s.accepted, s.skipped) for s in out) == [(0, 1), (1, 0)], phone
    finally:
        other.close()
    sent = Counter(
        p
        for r in env.sim.requests
        if r.family == "ipyy"
        for p in r.params.get("mobile", "").split(",")
        if p
    )
    assert sorted(sent.values()) == [1] * 6
