"""Who did what: each job records the OS user and PC that created, started, paused or cancelled
it (``core/identity.py``), on both engines; ``Engine.jobs(created_by=…)`` lists one user's jobs."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sms_desktop.core import identity
from sms_desktop.core.identity import Identity
from sms_desktop.core.jobs.model import JobControl, JobSpec, JobState


def numbers(n: int) -> list[str]:
    return [f"138{i:08d}" for i in range(n)]


def play(monkeypatch: pytest.MonkeyPatch, user: str, pc: str) -> Identity:
    """This process becomes ``user`` at the keyboard of ``pc`` (Windows' variables)."""
    monkeypatch.setenv("USERNAME", user)
    monkeypatch.setenv("COMPUTERNAME", pc)
    return Identity(user, pc)


def test_identity_reads_username_then_user_and_computername_then_the_host(monkeypatch):
    import socket

    monkeypatch.setenv("USERNAME", "张三")
    monkeypatch.setenv("USER", "zhang")
    monkeypatch.setenv("COMPUTERNAME", "FRONT-DESK")
    assert identity.current() == Identity("张三", "FRONT-DESK")
    assert str(identity.current()) == "张三@FRONT-DESK"
    monkeypatch.delenv("USERNAME")
    monkeypatch.setenv("COMPUTERNAME", "  ")  # blank counts as unset
    assert identity.current() == Identity("zhang", socket.gethostname())


def test_each_action_records_its_user_and_pc(env, monkeypatch):
    acct = env.add("jsm")
    alice = play(monkeypatch, "alice", "PC-A")
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(1000)))
    s = env.engine.summary(job)
    assert s.created_by == alice and s.started is None and s.paused is None

    bob = play(monkeypatch, "bob", "PC-B")
    ctl = JobControl()

    def progress(p):
        if p.event == "batch":
            ctl.pause()

    s = env.engine.run_job(job, control=ctl, progress=progress)
    assert s.state == JobState.PAUSED
    assert s.created_by == alice  # creating stays alice's
    assert s.started is not None and s.started.by == bob and s.started.at
    assert s.paused is not None and s.paused.by == bob

    carol = play(monkeypatch, "carol", "PC-C")
    env.engine.cancel(job)
    s = env.engine.summary(job)
    assert s.state == JobState.CANCELLED
    assert s.cancelled is not None and s.cancelled.by == carol
    assert (s.created_by, s.started.by, s.paused.by) == (alice, bob, bob)
    d = s.as_dict()
    assert d["created_by"] == {"user": "alice", "pc": "PC-A"}
    assert d["started_by"]["user"] == "bob" and d["started_by"]["pc"] == "PC-B"
    assert d["paused_by"]["pc"] == "PC-B"
    assert d["cancelled_by"] == {"user": "carol", "pc": "PC-C", "at": s.cancelled.at}


def test_a_running_job_cancelled_by_its_sender_records_the_sender(env, monkeypatch):
    acct = env.add("jsm")
    play(monkeypatch, "alice", "PC-A")
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(500)))
    dave = play(monkeypatch, "dave", "PC-D")
    ctl = JobControl()
    s = env.engine.run_job(job, control=ctl, progress=lambda p: ctl.cancel())
    assert s.state == JobState.CANCELLED
    assert s.cancelled is not None and s.cancelled.by == dave
    assert s.started is not None and s.started.by == dave


def test_mine_lists_the_jobs_this_user_created_on_this_pc(env, monkeypatch):
    acct = env.add("jsm")
    later = datetime.now() + timedelta(days=1)
    made: dict[tuple[str, str], list[int]] = {}
    for user, pc in [("alice", "PC-A"), ("bob", "PC-A"), ("alice", "PC-B"), ("alice", "PC-A")]:
        play(monkeypatch, user, pc)
        job = env.engine.create_job(JobSpec(acct, "测试", numbers(2), send_at=later))
        made.setdefault((user, pc), []).append(job)
    mine = env.engine.jobs(created_by=Identity("alice", "PC-A"))
    assert [s.job_id for s in mine] == sorted(made[("alice", "PC-A")], reverse=True)
    assert {s.created_by for s in mine} == {Identity("alice", "PC-A")}
    assert len(env.engine.jobs()) == 4  # everyone's, as before
    assert env.engine.jobs(created_by=Identity("erin", "PC-A")) == []


def test_mine_reads_through_the_index(store):
    """The filter is an index range, not a scan of every job (100k jobs in a year's history)."""
    if store.dialect.sqlite:
        plan = " ".join(
            str(r[-1])
            for r in store.read().execute(
                "EXPLAIN QUERY PLAN SELECT id FROM jobs j WHERE j.created_by_user=?"
                " AND j.created_by_pc=? ORDER BY j.id DESC LIMIT 5000",
                ("a", "b"),
            )
        )
        assert "jobs_created_by" in plan and "TEMP B-TREE" not in plan
    else:
        c = store.read()
        c.execute("SET enable_seqscan = off")  # an empty table: ask whether the index can serve
        plan = " ".join(
            str(r[0])
            for r in c.execute(
                "EXPLAIN SELECT id FROM jobs j WHERE j.created_by_user=? AND j.created_by_pc=?"
                " ORDER BY j.id DESC LIMIT 5000",
                ("a", "b"),
            )
        )
        c.execute("RESET enable_seqscan")
        assert "jobs_created_by" in plan
