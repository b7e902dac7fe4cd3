"""A job a crash interrupted waits for a person's decision: a flag on the job, set where
``recover()`` settles a dead runner's journal, cleared only by resume, cancel or acknowledge —
never by another recover(), whichever client runs it first."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sms_desktop.core.errors import InputError
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec, JobState


def numbers(n: int) -> list[str]:
    return [f"138{i:08d}" for i in range(n)]


def crash_mid_send(env, n: int = 5) -> int:
    """A job whose runner died with its first two recipients' request in flight."""
    acct = env.add("ipyy")
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(n)))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with env.db.write() as c:
        c.execute(
            "INSERT INTO batches(job_id, account, text, state, size) VALUES(?,?,?,?,?)",
            (job, acct, "测试", "sending", 2),
        )
        bid = c.execute("SELECT max(id) FROM batches").fetchone()[0]
        c.execute(
            "UPDATE messages SET state='sending', batch_id=? WHERE job_id=? AND seq<=2",
            (bid, job),
        )
        c.execute("UPDATE jobs SET state='running', runner_pid=? WHERE id=?", (dead.pid, job))
    return job


def test_the_flag_outlives_the_recover_that_set_it(env):
    job = crash_mid_send(env)
    assert env.engine.awaiting_decision() == []  # nothing recovered yet
    assert env.engine.recover() == [job]  # e.g. a CLI command opened the store first
    assert env.engine.awaiting_decision() == [job]
    assert env.engine.summary(job).needs_decision is True
    assert env.engine.summary(job).as_dict()["needs_decision"] is True
    # the next client (its own engine) recovers nothing, and still sees it
    other = Engine(env.db, env.accounts, sleep=lambda s: None)
    assert other.recover() == []
    assert other.awaiting_decision() == [job]


def test_resume_is_the_decision(env):
    job = crash_mid_send(env)
    env.engine.recover()
    s = env.engine.resume(job)
    assert s.state == JobState.DONE and s.accepted == 3 and s.unknown == 2
    assert env.engine.awaiting_decision() == []
    assert env.engine.summary(job).needs_decision is False


def test_cancel_is_the_decision(env):
    job = crash_mid_send(env)
    env.engine.recover()
    env.engine.cancel(job)
    assert env.engine.summary(job).state == JobState.CANCELLED
    assert env.engine.awaiting_decision() == []
    assert not [r for r in env.sim.requests if r.params.get("mobile")]


def test_deciding_later_keeps_the_job_interrupted_and_resumable(env):
    job = crash_mid_send(env)
    env.engine.recover()
    assert env.engine.acknowledge(job) is True
    assert env.engine.awaiting_decision() == []
    assert env.engine.acknowledge(job) is False  # already decided: nothing to do
    assert env.engine.summary(job).state == JobState.INTERRUPTED
    assert env.engine.resume(job).accepted == 3


def test_acknowledge_names_a_missing_job(env):
    with pytest.raises(InputError, match="999"):
        env.engine.acknowledge(999)


def test_a_job_that_crashes_again_after_resume_is_flagged_again(env):
    job = crash_mid_send(env)
    env.engine.recover()
    env.engine.acknowledge(job)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with env.db.write() as c:
        c.execute("UPDATE jobs SET state='running', runner_pid=? WHERE id=?", (dead.pid, job))
    assert env.engine.recover() == [job]
    assert env.engine.awaiting_decision() == [job]


def test_a_job_another_live_process_is_sending_is_not_flagged(env):
    acct = env.add("ipyy")
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(3)))
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with env.db.write() as c:
            c.execute("UPDATE jobs SET state='running', runner_pid=? WHERE id=?", (alive.pid, job))
        assert env.engine.recover() == []
        assert env.engine.awaiting_decision() == []
    finally:
        alive.kill()
        alive.wait()


def test_a_finished_job_is_never_flagged(env):
    acct = env.add("ipyy")
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(3)))
    env.engine.run_job(job)
    assert env.engine.recover() == []
    assert env.engine.awaiting_decision() == []
    assert env.engine.summary(job).needs_decision is False
