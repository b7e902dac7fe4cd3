"""The send engine against the simulator over real HTTP."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest

from sms_desktop.core.contacts.recipients import Recipient
from sms_desktop.core.errors import InputError, UnencodableTextError
from sms_desktop.core.jobs.model import JobControl, JobSpec, JobState
from sms_desktop.core.store import Database
from sms_desktop.core.vendortime import BEIJING


def numbers(n: int, start: int = 13800000000) -> list[str]:
    return [str(start + i) for i in range(n)]


def sent_phones(sim, endpoint_param: str, family: str) -> list[str]:
    out: list[str] = []
    for r in sim.requests:
        if r.family == family and endpoint_param in r.params:
            out.extend(p for p in r.params[endpoint_param].split(",") if p)
    return out


def test_batches_respect_the_family_limit_and_all_are_accepted(env):
    acct = env.add("jsm")
    job = env.engine.create_job(JobSpec(acct, "会议通知：周五下午三点", numbers(250)))
    s = env.engine.run_job(job)
    assert (s.accepted, s.rejected, s.unknown, s.skipped) == (250, 0, 0, 0)
    sends = [r for r in env.sim.requests if r.params.get("mobile")]
    assert sorted(len(r.params["mobile"].split(",")) for r in sends) == [83, 83, 84]  # balanced
    assert sorted(sent_phones(env.sim, "mobile", "jsm")) == numbers(250)
    states = {r["state"] for r in env.engine.results(job)}
    assert states == {"accepted"}
    assert all(r["gateway_id"] for r in env.engine.results(job))
    assert env.engine.summary(job).state == JobState.DONE


def test_invalid_duplicate_and_blacklisted_are_skipped_with_reasons(env):
    acct = env.add("ipyy")
    with env.db.write() as c:
        c.execute("INSERT INTO blacklist(phone, reason) VALUES('13900139000', 'test')")
    recips = ["13800138000", "13800138000.0", "1380013800", "13900139000", "+86 138 0013 8001"]
    job = env.engine.create_job(JobSpec(acct, "你好", recips))
    env.engine.run_job(job)
    rows = env.engine.results(job)
    assert [r["state"] for r in rows] == ["accepted", "skipped", "skipped", "skipped", "accepted"]
    assert "重复" in rows[1]["message"] and "duplicate" in rows[1]["message"]
    assert "blacklist" in rows[3]["message"]
    assert rows[2]["message"]  # the invalid number's reason
    assert sorted(sent_phones(env.sim, "mobile", "ipyy")) == ["13800138000", "13800138001"]


def test_personalised_texts_go_one_request_per_distinct_text(env):
    acct = env.add("txt112088")
    recips = [
        Recipient("13800138000", "张三", {"姓名": "张三", "金额": 12.0}),
        Recipient("13800138001", "李四", {"姓名": "李四", "金额": 30}),
        Recipient("13800138002", "王五", {"姓名": "王五", "金额": 12}),
    ]
    job = env.engine.create_job(JobSpec(acct, "{姓名}您好，本月账单{金额}元", recips))
    env.engine.run_job(job)
    contents = sorted(
        r.params["send_content"] for r in env.sim.requests if "send_content" in r.params
    )
    assert contents == sorted(
        ["王五您好，本月账单12元", "张三您好，本月账单12元", "李四您好，本月账单30元"]
    )


def test_unknown_placeholder_is_bad_input_and_nothing_is_stored(env):
    acct = env.add("ipyy")
    with pytest.raises(InputError, match="部门"):
        env.engine.create_job(
            JobSpec(acct, "{部门}通知", [Recipient("13800138000", "", {"姓名": "a"})])
        )
    assert env.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0
    assert env.sim.requests == []


def test_a_send_with_no_valid_number_names_why_the_numbers_were_left_out(env):
    """Every number refused: the refusal says which and why (the first three, then how many
    more), in both languages, and nothing is stored or sent."""
    acct = env.add("ipyy")
    rows = [Recipient("123", "张三", row=2), Recipient("", "李四", row=3)]
    rows += [Recipient(f"1{i}", "", row=4 + i) for i in range(4)]
    with pytest.raises(InputError) as ei:
        env.engine.create_job(JobSpec(acct, "{姓名}您好", rows))
    text = str(ei.value)
    assert "第 2 行：号码无效（3 位）：123" in text and "row 2: invalid number: 123" in text
    assert "第 3 行" in text and "row 3" in text
    assert "另有 3 个" in text and "and 3 more" in text
    assert env.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0
    assert env.sim.requests == []


def test_emoji_under_gbk_is_refused_before_sending(env):
    acct = env.add("txt112088")
    with pytest.raises(UnencodableTextError) as ei:
        env.engine.create_job(JobSpec(acct, "生日快乐🎂", ["13800138000"]))
    assert "🎂" in str(ei.value)
    assert env.sim.requests == []


def test_read_timeout_is_unknown_and_never_retried(env):
    acct = env.add("jsm", read_timeout=0.5)
    env.sim.set_fault("jsm", "hang", count=1)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(3)))
    s = env.engine.run_job(job)
    assert s.unknown == 3 and s.accepted == 0
    assert len([r for r in env.sim.requests if r.params.get("mobile")]) == 1
    # resuming does not resend unknown recipients
    env.engine.resume(job)
    assert len([r for r in env.sim.requests if r.params.get("mobile")]) == 1
    # … unless the user asks for it explicitly
    s = env.engine.resume(job, resend_unknown=True)
    assert s.accepted == 3
    assert len([r for r in env.sim.requests if r.params.get("mobile")]) == 2


@pytest.mark.parametrize("kind", ["drop", "http500", "garbage"])
def test_other_failures_after_sending_are_unknown(env, kind):
    acct = env.add("ipyy")
    env.sim.set_fault("ipyy", kind, count=1)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(2)))
    s = env.engine.run_job(job)
    assert s.unknown == 2 and s.accepted == 0
    assert len([r for r in env.sim.requests if r.params.get("mobile")]) == 1


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_connection_refused_is_retried_then_left_queued(env):
    port = _closed_port()
    from sms_desktop.core.accounts import Account

    env.accounts.add(
        Account(name="down", family="ipyy", base_url=f"http://127.0.0.1:{port}/", username="u"),
        "pw",
    )
    job = env.engine.create_job(JobSpec("down", "测试", numbers(3)))
    events = []
    s = env.engine.run_job(job, progress=lambda p: events.append(p.event))
    assert s.state == JobState.INTERRUPTED
    assert s.queued == 3 and s.unknown == 0
    assert events.count("retry") == 3
    assert "cannot reach" in (s.error or "")
    # the batch that never left is recorded as not sent
    assert env.db.read().execute("SELECT state FROM batches").fetchone()[0] == "not_sent"


def test_failover_on_account_level_rejection(env):
    primary = env.add("jsm", "primary", user="p", balance=0)
    backup = env.add("ipyy", "backup", user="b")
    job = env.engine.create_job(JobSpec(primary, "测试", numbers(150), backup_account=backup))
    events = []
    s = env.engine.run_job(job, progress=lambda p: events.append(p.event))
    assert s.accepted == 150 and s.rejected == 0
    assert "failover" in events
    accounts = {r["account"] for r in env.engine.results(job)}
    assert accounts == {"backup"}
    assert sorted(sent_phones(env.sim, "mobile", "ipyy")) == numbers(150)


def test_unknown_never_fails_over(env):
    primary = env.add("jsm", "primary", user="p", read_timeout=0.5)
    backup = env.add("ipyy", "backup", user="b")
    env.sim.set_fault("jsm", "hang")
    job = env.engine.create_job(JobSpec(primary, "测试", numbers(3), backup_account=backup))
    s = env.engine.run_job(job)
    assert s.unknown == 3
    assert [r for r in env.sim.requests if r.family == "ipyy"] == []


def test_without_backup_an_account_failure_stops_the_job(env):
    acct = env.add("txt112088", balance=1, concurrency=1)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(250)))
    s = env.engine.run_job(job)
    assert s.rejected == 84 and s.queued == 166  # balanced: 84 + 83 + 83
    assert s.state == JobState.INTERRUPTED
    assert "余额" in (s.error or "")
    assert len([r for r in env.sim.requests if "send_phone" in r.params]) == 1


def test_crash_recovery_turns_sending_into_unknown(env):
    acct = env.add("ipyy")
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(5)))
    # a runner that died mid-request: the journal says "sending"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with env.db.write() as c:
        c.execute(
            "INSERT INTO batches(job_id, account, text, state, size) VALUES(?,?,?,?,?)",
            (job, acct, "测试", "sending", 2),
        )
        bid = c.execute("SELECT max(id) FROM batches").fetchone()[0]
        c.execute(
            "UPDATE messages SET state='sending', batch_id=? WHERE job_id=? AND seq<=2", (bid, job)
        )
        c.execute("UPDATE jobs SET state='running', runner_pid=? WHERE id=?", (dead.pid, job))
    assert env.engine.recover() == [job]
    s = env.engine.summary(job)
    assert s.state == JobState.INTERRUPTED and s.unknown == 2 and s.queued == 3
    s = env.engine.resume(job)
    assert s.accepted == 3 and s.unknown == 2
    assert sorted(sent_phones(env.sim, "mobile", "ipyy")) == numbers(5)[2:]


def test_server_side_schedule_uses_the_gateway_time_format(env):
    acct = env.add("jsm")
    at = (datetime.now() + timedelta(days=1)).replace(hour=9, minute=5, second=7, microsecond=0)
    job = env.engine.create_job(JobSpec(acct, "明天的会议", ["13800138000"], send_at=at))
    assert env.engine.summary(job).state == JobState.SCHEDULED
    env.engine.run_job(job)
    req = [r for r in env.sim.requests if r.params.get("mobile")][-1]
    assert req.params["sendtime"] == at.astimezone(BEIJING).strftime("%Y%m%d%H%M%S")


def test_qxt_schedule_is_held_locally_and_overdue_waits_for_confirmation(env):
    acct = env.add("ipyy", hold_locally=True)
    at = datetime.now() + timedelta(hours=1)
    job = env.engine.create_job(JobSpec(acct, "定时", ["13800138000"], send_at=at))
    assert env.engine.summary(job).state == JobState.HELD
    # nothing runs before its time
    env.engine.run_job(job)
    assert env.sim.requests == []
    assert env.engine.due_jobs() == []
    assert env.engine.due_jobs(now=at + timedelta(seconds=1)) == [job]
    # the app was closed past the time: overdue, not sent in silence
    overdue = env.engine.mark_overdue(now=at + timedelta(hours=2))
    assert [o.job_id for o in overdue] == [job]
    assert env.engine.due_jobs(now=at + timedelta(hours=2)) == []
    env.engine.confirm_overdue(job, send=True)
    s = env.engine.run_job(job, release_held=True)
    assert s.accepted == 1
    req = [r for r in env.sim.requests if r.params.get("mobile")][-1]
    assert req.params.get("sendTime", "") == ""


def test_cancel_between_batches(env):
    acct = env.add("jsm")
    ctl = JobControl()
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(500)))

    def progress(p):
        if p.event == "batch":
            ctl.cancel()

    s = env.engine.run_job(job, control=ctl, progress=progress)
    assert s.state == JobState.CANCELLED
    sent = sent_phones(env.sim, "mobile", "jsm")
    assert 100 <= len(sent) < 500
    assert s.accepted == len(sent)
    assert s.skipped == 500 - len(sent)


def test_pause_then_resume(env):
    acct = env.add("jsm")
    ctl = JobControl()
    # 10 batches: a pause stops every request that has not left; each of the 2 slots may
    # have one more on its way when the first outcome is recorded
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(1000)))

    def progress(p):
        if p.event == "batch":
            ctl.pause()

    s = env.engine.run_job(job, control=ctl, progress=progress)
    assert s.state == JobState.PAUSED and s.queued > 0
    assert s.queued + s.accepted == 1000  # a batch journalled ahead went back to the queue
    s = env.engine.resume(job)
    assert s.state == JobState.DONE and s.accepted == 1000
    assert sorted(sent_phones(env.sim, "mobile", "jsm")) == numbers(1000)


def test_jsm_template_job(env):
    acct = env.add("jsm", user="t1")
    env.sim.add_jsm_template("t1", "T-1", "尊敬的@1@，验证码@2@")
    recips = [Recipient("13800138000", "张三", {"姓名": "张三", "码": "1234"})]
    job = env.engine.create_job(
        JobSpec(acct, "", recips, template_id="T-1", template_vars=["{姓名}", "{码}"])
    )
    s = env.engine.run_job(job)
    assert s.accepted == 1
    req = [r for r in env.sim.requests if r.params.get("mobile")][-1]
    assert req.params["msgtype"] == "2" and req.params["tempid"] == "T-1"
    assert req.params["content"] == "@1@=张三,@2@=1234"


def test_concurrency_keeps_two_requests_in_flight(env):
    acct = env.add("jsm", concurrency=2)
    env.sim.set_fault("jsm", "latency", seconds=0.3)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(400)))
    env.engine.run_job(job)
    t = sorted(r.time for r in env.sim.requests if r.params.get("mobile"))
    assert len(t) == 4
    # with two in flight, requests arrive in pairs: the second within the first's latency
    assert t[1] - t[0] < 0.25 and t[3] - t[2] < 0.25


def test_password_never_reaches_the_database(env, home):
    env.add("ipyy", password="S3cret-密码-xyz")
    env.db.close()
    for f in home.iterdir():
        if f.name.startswith("sms_desktop.sqlite3"):
            assert b"S3cret" not in f.read_bytes()
    assert os.stat(home / "secrets.json").st_mode & 0o077 == 0


def test_rate_limit_spaces_requests(env):
    acct = env.add("jsm", concurrency=2, rate_per_second=5.0)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(400)))
    env.engine.run_job(job)
    t = sorted(r.time for r in env.sim.requests if r.params.get("mobile"))
    assert len(t) == 4
    gaps = [b - a for a, b in itertools.pairwise(t)]
    assert min(gaps) >= 0.15  # 5 requests per second at most, whatever the concurrency


def test_concurrency_is_per_account_across_jobs(env):
    import threading

    acct = env.add("jsm", concurrency=1)
    env.sim.set_fault("jsm", "latency", seconds=0.2)
    jobs = [env.engine.create_job(JobSpec(acct, f"测试{i}", numbers(100))) for i in range(2)]
    threads = [threading.Thread(target=env.engine.run_job, args=(j,)) for j in jobs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    t = sorted(r.time for r in env.sim.requests if r.params.get("mobile"))
    assert len(t) == 2 and t[1] - t[0] >= 0.18  # one in flight at a time for the account


def test_a_delivery_report_settles_an_unknown_send(env):
    from sms_desktop.core.sync import Syncer

    acct = env.add("txt112088", read_timeout=0.5)
    env.sim.set_fault("txt112088", "hang_after", count=1, endpoint="sendsms_txt.asp")
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(2)))
    s = env.engine.run_job(job)
    assert s.unknown == 2
    # the gateway did take the request: its reports arrive and prove it
    env.sim.clear_faults()
    Syncer(env.db, env.accounts).sync_account(acct, force=True)
    rows = env.engine.results(job)
    assert {r["state"] for r in rows} <= {"delivered", "undelivered"}
    assert all(r["gateway_id"] for r in rows)
    assert env.engine.summary(job).unknown == 0


def test_dns_failure_is_certain_and_retried(env):
    from sms_desktop.core.accounts import Account

    env.accounts.add(
        Account(
            name="typo",
            family="jsm",
            base_url="http://no-such-host.invalid/",
            username="u",
            verycode="vc",
        ),
        "pw",
    )
    job = env.engine.create_job(JobSpec("typo", "测试", numbers(2)))
    events = []
    s = env.engine.run_job(job, progress=lambda p: events.append(p.event))
    assert events.count("retry") == 3
    assert s.queued == 2 and s.unknown == 0 and s.state == JobState.INTERRUPTED


def test_a_job_is_claimed_once_even_by_two_threads(env):
    import threading

    acct = env.add("jsm", concurrency=1)
    env.sim.set_fault("jsm", "latency", seconds=0.1)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(300)))
    errors: list[Exception] = []

    def run() -> None:
        try:
            env.engine.run_job(job)
        except InputError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    sent = sent_phones(env.sim, "mobile", "jsm")
    assert sorted(sent) == numbers(300)  # every number exactly once
    assert len(errors) >= 1 and "already being sent" in str(errors[0])


def test_two_processes_resuming_the_same_job_never_send_twice(env, home):
    import subprocess
    import sys

    acct = env.add("jsm", concurrency=1)
    env.sim.set_fault("jsm", "latency", seconds=0.05)
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(1000)))
    cmd = [
        sys.executable,
        "-m",
        "sms_desktop.cli",
        "--home",
        str(home),
        "resume",
        str(job),
        "--json",
    ]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    sent = sent_phones(env.sim, "mobile", "jsm")
    assert sorted(sent) == numbers(1000), "a number was sent twice or not at all"
    # the others were refused while it ran, or found nothing left to send
    for (_, err), p in zip(outs, procs, strict=True):
        assert p.returncode == 0 or b"being sent" in err, err
    assert env.engine.summary(job).accepted == 1000


def test_a_bug_after_the_request_left_is_unknown_not_failed(env):
    from sms_desktop.core.jobs.engine import Engine

    acct = env.add("ipyy")

    def factory(name):
        gw = env.accounts.gateway(name)
        real = gw.send

        def send(*a, **kw):
            real(*a, **kw)  # the request reaches the gateway …
            raise RuntimeError("boom")  # … and then something in our code breaks

        gw.send = send
        return gw

    engine = Engine(env.db, env.accounts, gateway_factory=factory, sleep=lambda s: None)
    job = engine.create_job(JobSpec(acct, "测试", numbers(3)))
    s = engine.run_job(job)
    assert s.unknown == 3 and s.accepted == 0 and s.rejected == 0
    assert "boom" in (s.error or "")
    assert len(sent_phones(env.sim, "mobile", "ipyy")) == 3
    # nothing is left "sending", and a resume does not resend it
    engine.resume(job)
    assert len(sent_phones(env.sim, "mobile", "ipyy")) == 3


def test_resume_refuses_a_held_job_before_its_time(env):
    acct = env.add("qxt")
    job = env.engine.create_job(
        JobSpec(acct, "测试", numbers(1), send_at=datetime.now() + timedelta(hours=1))
    )
    with pytest.raises(InputError, match="held until"):
        env.engine.resume(job)
    assert env.sim.requests == []


def test_progress_events_track_the_store_without_querying_it(env):
    acct = env.add("jsm", read_timeout=0.5)
    env.sim.set_fault("jsm", "hang", count=1)  # one batch ends unknown
    job = env.engine.create_job(JobSpec(acct, "测试", [*numbers(250), "123"]))
    events = []
    env.engine.run_job(job, progress=events.append)
    batches = [p for p in events if p.event == "batch"]
    assert len(batches) == 3
    assert [p.done for p in batches] == sorted(p.done for p in batches)
    last = batches[-1]
    assert last.counts == env.engine.counts(job)
    assert last.total == 251 and last.done == 251
    assert events[-1].event == "finished" and events[-1].counts == env.engine.counts(job)


def test_rate_limit_holds_on_the_wire_when_the_journal_commit_is_slow(env):
    """The limiter spaces the moments requests leave, not the moments their journal commit
    starts: a commit slowed by a busy store (a loaded machine, the bookkeeping transaction)
    must not bunch the next request up behind a late one."""
    import threading
    import time

    acct = env.add("jsm", concurrency=2, rate_per_second=5.0)
    real_write = env.db.write
    slot_writes = []

    def write():
        if threading.current_thread().name.startswith("send-"):
            slot_writes.append(1)
            if len(slot_writes) == 2:  # the second request's "sending" commit is slow
                time.sleep(0.15)
        return real_write()

    env.db.write = write
    gw = env.engine.gateway(acct)
    real_send = gw.send
    left: list[float] = []

    def send(*a, **kw):
        left.append(time.monotonic())  # the request is handed to HTTP now
        return real_send(*a, **kw)

    gw.send = send
    job = env.engine.create_job(JobSpec(acct, "测试", numbers(400)))
    s = env.engine.run_job(job)
    assert s.accepted == 400 and len(left) == 4
    gaps = [b - a for a, b in itertools.pairwise(sorted(left))]
    assert min(gaps) >= 0.15, gaps  # 5 per second on the wire, whatever the commit took


def test_a_large_job_refreshes_postgresqls_statistics(env, monkeypatch):
    """PostgreSQL's planner reads the table's statistics: after a large job is added they are
    refreshed at once (the caps' count per batch read all of messages with the old ones);
    a small job leaves that to autovacuum, and SQLite keeps none."""
    from sms_desktop.core.store import messages as store_messages

    monkeypatch.setattr(store_messages, "BULK_ROWS", 50)
    acct = env.add("ipyy")
    db: Database = env.db  # type: ignore[assignment]

    def analyses() -> int:
        if db.dialect.postgresql:
            sql = "SELECT analyze_count FROM pg_stat_user_tables WHERE relname='messages'"
        else:
            sql = "SELECT COUNT(*) FROM sqlite_master WHERE name='sqlite_stat1'"
        return int(db.read().execute(sql).fetchone()[0])

    before = analyses()
    env.engine.create_job(JobSpec(acct, "会议通知", numbers(49)))
    assert analyses() == before
    env.engine.create_job(JobSpec(acct, "会议通知", numbers(50)))
    assert analyses() == before + (1 if db.dialect.postgresql else 0)


def test_statistics_that_cannot_be_refreshed_never_fail_the_job(env, monkeypatch):
    """Another session's VACUUM or ANALYZE holds the table: the refresh gives up after its
    short wait and the job, already stored, is created as usual (it is not refused, which
    would have the user create it twice)."""
    from sms_desktop.core.store import messages as store_messages

    db: Database = env.db  # type: ignore[assignment]
    if not db.dialect.postgresql:
        pytest.skip("SQLite keeps no statistics: nothing to refresh")
    monkeypatch.setattr(store_messages, "BULK_ROWS", 50)
    acct = env.add("ipyy")
    holder = db.connect_raw(autocommit=False)  # type: ignore[attr-defined]
    try:
        holder.execute("LOCK TABLE messages IN SHARE UPDATE EXCLUSIVE MODE")  # as VACUUM does
        started = time.monotonic()
        job = env.engine.create_job(JobSpec(acct, "会议通知", numbers(60)))
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert env.engine.summary(job).queued == 60
    assert waited < 10  # 2 s for the lock, not the store's 30 s
    env.engine.run_job(job)
    assert env.engine.summary(job).accepted == 60
