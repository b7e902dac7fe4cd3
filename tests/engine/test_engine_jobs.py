"""Job lists, outcomes, cancel rules and the helpers the GUI builds on (issue 7: 12, 18)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from sms_desktop.core.contacts.recipients import Recipient
from sms_desktop.core.errors import InputError
from sms_desktop.core.jobs.model import JobSpec, JobState


def numbers(n: int, start: int = 13800000000) -> list[str]:
    return [str(start + i) for i in range(n)]


def sends(sim) -> int:
    return len([r for r in sim.requests if r.params.get("mobile")])


# ---- 18: outcome --------------------------------------------------------------------------------
def test_a_job_whose_recipients_all_ended_unknown_is_done_with_outcome_unknown(env):
    acct = env.add("jsm", read_timeout=0.5)
    env.sim.set_fault("jsm", "hang", count=1)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(3)))
    s = env.engine.run_job(job)
    assert s.state == JobState.DONE  # the state says the job ran to its end …
    assert s.outcome == "unknown"  # … the outcome says nothing is known to be accepted
    assert s.as_dict()["outcome"] == "unknown"


def test_outcomes_ok_partial_failed(env):
    ok = env.add("ipyy")
    s = env.engine.run_job(env.engine.create_job(JobSpec(ok, "测试", numbers(2))))
    assert (s.state, s.outcome) == (JobState.DONE, "ok")

    poor = env.add("ipyy", "poor", user="u2", balance=0)  # refused: balance (a known code)
    s = env.engine.run_job(env.engine.create_job(JobSpec(poor, "测试", numbers(2))))
    assert s.rejected == 2 and s.accepted == 0
    assert s.outcome == "failed"

    env.sim.set_fault("ipyy", "hang", count=1)
    acct = env.add("ipyy", "slow", user="u3", read_timeout=0.5, batch_size=2)
    s = env.engine.run_job(env.engine.create_job(JobSpec(acct, "测试", numbers(4))))
    assert s.unknown == 2 and s.accepted == 2
    assert s.outcome == "partial"


def test_requests_in_flight_of_a_running_job_are_sending_not_unknown(env):
    """What another window (or PC) reads while a job runs: the recipients whose request is out
    are in flight, not 结果未知; the same rows left by a run that ended are unknown."""
    import threading

    acct = env.add("ipyy", batch_size=2, concurrency=1)
    env.sim.set_fault("ipyy", "latency", seconds=0.6)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(4)))
    run = threading.Thread(target=env.engine.run_job, args=(job,))
    run.start()
    try:  # the first batch answered, the last one out: nothing queued, not finished either
        deadline = time.monotonic() + 10
        s = env.engine.summary(job)
        while not (s.accepted and s.sending) and time.monotonic() < deadline:
            time.sleep(0.02)
            s = env.engine.summary(job)
        assert (s.accepted, s.sending, s.queued) == (2, 2, 0)
        assert s.state == JobState.RUNNING and s.sending > 0
        assert s.unknown == 0 and s.outcome == "unfinished"  # not ok while requests are out
        assert s.as_dict()["sending"] == s.sending
        from sms_desktop.core import attention

        line = attention.counts(attention.summary_counts(s)).en
        assert f"{s.queued + s.sending:,} pending" in line  # in flight counts with 待发
    finally:
        run.join(30)
    done = env.engine.summary(job)
    assert (done.state, done.accepted, done.sending, done.unknown) == (JobState.DONE, 4, 0, 0)
    # a run that stopped with requests out (its PC died): those are unknown, nothing in flight
    with env.db.write() as c:
        c.execute("UPDATE messages SET state = 'sending' WHERE job_id = ? AND seq <= 2", (job,))
        c.execute("UPDATE jobs SET state = 'interrupted' WHERE id = ?", (job,))
    left = env.engine.summary(job)
    assert (left.sending, left.unknown) == (0, 2)


def test_a_job_not_yet_sent_has_no_outcome(env):
    acct = env.add("qxt")
    job = env.engine.create_job(
        JobSpec(acct, "测试", numbers(2), send_at=datetime.now() + timedelta(hours=1))
    )
    s = env.engine.summary(job)
    assert s.state == JobState.HELD and s.outcome is None


def test_jobs_summarises_every_job_in_a_constant_number_of_queries(env):
    acct = env.add("ipyy")
    ids = []
    for i in range(12):
        ids.append(env.engine.create_job(JobSpec(acct, f"测试{i}", [*numbers(3), "123"])))
    env.engine.run_job(ids[0])
    statements: list[str] = []
    conn = env.db.read()
    conn.set_trace_callback(statements.append)
    try:
        listed = env.engine.jobs(limit=None)
    finally:
        conn.set_trace_callback(None)
    assert len(statements) <= 3, statements  # not one summary (3 queries) per job
    assert [s.job_id for s in listed] == sorted(ids, reverse=True)
    # the same figures as the one-job summary
    for s in listed:
        assert s == env.engine.summary(s.job_id)
    first = listed[-1]
    assert (first.accepted, first.invalid, first.skipped, first.outcome) == (3, 1, 1, "ok")
    assert listed[0].outcome is None and listed[0].queued == 3


# ---- 12: cancel -----------------------------------------------------------------------------
def test_cancel_refuses_a_finished_job_and_keeps_its_state(env):
    acct = env.add("ipyy")
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(3)))
    env.engine.run_job(job)
    with pytest.raises(InputError, match="finished"):
        env.engine.cancel(job)
    s = env.engine.summary(job)
    assert s.state == JobState.DONE and s.accepted == 3


def test_cancel_refuses_a_job_handed_to_the_gateway_scheduler(env):
    acct = env.add("jsm")
    at = datetime.now() + timedelta(days=1)
    job = env.engine.create_job(JobSpec(acct, "明天", numbers(2), send_at=at))
    env.engine.run_job(job)
    with env.db.write() as c:  # as a crash would leave it after the gateway took the schedule
        c.execute("UPDATE jobs SET state='scheduled' WHERE id=?", (job,))
    with pytest.raises(InputError, match="cannot be recalled"):
        env.engine.cancel(job)
    assert env.engine.summary(job).state == JobState.SCHEDULED


def test_cancel_of_an_unfinished_job_skips_what_is_queued(env):
    acct = env.add("qxt")
    job = env.engine.create_job(
        JobSpec(acct, "测试", numbers(2), send_at=datetime.now() + timedelta(hours=1))
    )
    env.engine.cancel(job)
    s = env.engine.summary(job)
    assert (s.state, s.skipped, s.queued) == (JobState.CANCELLED, 2, 0)
    with pytest.raises(InputError, match="already cancelled"):
        env.engine.cancel(job)
    assert env.sim.requests == []


# ---- GUI helpers -----------------------------------------------------------------------------
def test_forget_account_makes_an_edited_account_take_effect(env):
    from sms_desktop.core.accounts import Account

    acct = env.add("ipyy")
    env.engine.run_job(env.engine.create_job(JobSpec(acct, "测试", numbers(1))))
    old = env.engine.gateway(acct)
    # the account is edited: it now points at another (unreachable) address
    a = env.accounts.get(acct)
    env.accounts.add(
        Account(name=a.name, family=a.family, base_url="http://127.0.0.1:9/", username=a.username),
        "pw1",
        replace=True,
    )
    assert env.engine.gateway(acct) is old  # cached until forgotten
    env.engine.forget_account(acct)
    assert "127.0.0.1:9" in env.engine.gateway(acct).account.base_url


def test_resend_spec_builds_a_new_job_from_the_rejected_recipients(env):
    acct = env.add("txt112088")
    recips = [
        Recipient("13800138000", "张三", {"姓名": "张三"}),
        Recipient("12345", "坏号", {"姓名": "坏号"}),
        Recipient("13800138001", "李四", {"姓名": "李四"}),
    ]
    job = env.engine.create_job(JobSpec(acct, "{姓名}您好", recips))
    with env.db.write() as c:  # the gateway refused one number
        c.execute("UPDATE messages SET state='rejected' WHERE job_id=? AND seq=3", (job,))
    spec = env.engine.resend_spec(job)
    assert [(r.phone, r.fields) for r in spec.recipients] == [("13800138001", {"姓名": "李四"})]
    assert (spec.account, spec.text) == (acct, "{姓名}您好")
    s = env.engine.run_job(env.engine.create_job(spec))
    assert s.accepted == 1
    assert [r.params["send_content"] for r in env.sim.requests if "send_content" in r.params] == [
        "李四您好"
    ]
    with pytest.raises(InputError, match="no rejected"):
        env.engine.resend_spec(env.engine.create_job(JobSpec(acct, "x", numbers(1))))


def test_a_job_with_undelivered_reports_is_not_ok(env):
    """Accepted by the gateway, then reported not delivered: the list must not say "all ok"."""
    from sms_desktop.core.sync import Syncer

    acct = env.add("ipyy")
    env.sim.report_success_ratio = 0.0  # every report the simulator hands out is UNDELIV
    s = env.engine.run_job(env.engine.create_job(JobSpec(acct, "测试", numbers(2))))
    assert (s.accepted, s.outcome) == (2, "ok")  # before the reports: all taken
    Syncer(env.db, env.accounts).sync_account(acct, force=True)
    s = env.engine.summary(s.job_id)
    assert s.undelivered == 2 and s.as_dict()["undelivered"] == 2
    assert s.outcome == "failed"
