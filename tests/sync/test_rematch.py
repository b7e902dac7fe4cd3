"""Reports that arrive before their send's outcome is recorded, and reports of sends this app
never made (issue 7, items 1 and 2). Real HTTP to the simulator; the engine sends."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from synchelpers import PULL_FAMILIES, Env

from sms_desktop.core import history
from sms_desktop.core.gateways import Gateway
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec, MsgState
from sms_desktop.core.push_receiver import PushReceiver
from sms_desktop.core.sync import rematch_reports, unmatched_reports

A = "13800138000"
TEXT = "会员日八折【测试】"


def _add(env: Env, family: str, read_timeout: float = 5.0) -> str:
    return env.add(family, account={"read_timeout": read_timeout})


def _wait(cond: Callable[[], bool], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out waiting"
        time.sleep(0.02)


def _message(env: Env, job: int) -> Any:
    row = env.one("SELECT * FROM messages WHERE job_id=?", job)
    assert row is not None
    return row


def _run_in_thread(engine: Engine, job: int) -> tuple[threading.Thread, list[Any]]:
    out: list[Any] = []
    th = threading.Thread(target=lambda: out.append(engine.run_job(job)), daemon=True)
    th.start()
    return th, out


@pytest.fixture
def qxt_rx(env: Env) -> Iterator[PushReceiver]:
    name = _add(env, "qxt", read_timeout=1.5)
    rx = PushReceiver(env.db, name, "127.0.0.1", 0, accounts=env.accounts)
    rx.start()
    env.sim.set_push_url("u1", rx.url)
    try:
        yield rx
    finally:
        rx.stop()


# ---- item 1: the report came first, then the reply timed out ---------------------------------


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_pulled_report_before_a_lost_reply_settles_the_unknown_send(env: Env, family: str) -> None:
    name = _add(env, family, read_timeout=1.5)
    engine = Engine(env.db, env.accounts, sleep=lambda s: None)
    job = engine.create_job(JobSpec(name, TEXT, [A]))
    env.sim.set_fault(family, "hang_after", count=1)  # processed, then the reply is lost
    th, _ = _run_in_thread(engine, job)
    _wait(lambda: bool(env.sim.account(family, "u1").sent))

    res = env.syncer.sync_account(name, force=True)  # while the batch is still sending

    assert _message(env, job)["state"] == MsgState.SENDING
    assert len(res.new_reports) == 1 and res.unmatched_reports == res.new_reports
    th.join(20)
    m = _message(env, job)
    assert m["state"] == MsgState.DELIVERED  # not left unknown
    report = env.one("SELECT * FROM reports")
    assert report is not None and report["message_id"] == m["id"]
    assert m["gateway_id"] == report["gateway_id"]
    # the id was never given to us: the history says how it was matched
    shown = history.history(env.db, phone=A)[0]["message"]
    assert "phone and time" in shown and "号码和时间" in shown
    assert unmatched_reports(env.db) == []


def test_pushed_report_before_a_lost_reply_settles_the_unknown_send(
    env: Env, qxt_rx: PushReceiver
) -> None:
    engine = Engine(env.db, env.accounts, sleep=lambda s: None)
    job = engine.create_job(JobSpec("qxt", TEXT, [A]))
    env.sim.set_fault("qxt", "hang_after", count=1)
    th, _ = _run_in_thread(engine, job)
    _wait(lambda: env.count("reports") == 1)  # pushed while the reply hangs

    row = env.one("SELECT message_id FROM reports")
    assert row is not None and row["message_id"] is None
    th.join(20)
    m = _message(env, job)
    assert m["state"] == MsgState.DELIVERED
    row = env.one("SELECT message_id FROM reports")
    assert row is not None and row["message_id"] == m["id"]


# ---- item 1: the report came first, then the reply said accepted -----------------------------


def _report_first(env: Env, fetch: Callable[[], None]) -> Callable[[str], Gateway]:
    """A gateway factory whose sends get their report in before the engine sees the reply."""

    def factory(name: str) -> Gateway:
        gw = env.accounts.gateway(name)
        real_send = gw.send

        def send(*args: Any, **kwargs: Any) -> Any:
            res = real_send(*args, **kwargs)  # the real request, over HTTP
            fetch()  # the report arrives while the engine still holds the reply
            return res

        gw.send = send  # type: ignore[method-assign]
        return gw

    return factory


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_pulled_failure_report_before_an_accepted_reply_is_applied(env: Env, family: str) -> None:
    name = _add(env, family)
    env.sim.report_success_ratio = 0.0
    seen: list[Any] = []

    def pull() -> None:
        seen.append(env.new_syncer().sync_account(name, force=True))

    engine = Engine(env.db, env.accounts, gateway_factory=_report_first(env, pull))
    job = engine.create_job(JobSpec(name, TEXT, [A]))
    events: list[Any] = []

    engine.run_job(job, progress=events.append)

    assert events and events[-1].counts == {MsgState.UNDELIVERED: 1}  # the tally follows
    assert len(seen) == 1 and seen[0].unmatched_reports == seen[0].new_reports
    assert seen[0].new_reports[0]["delivered"] is False
    m = _message(env, job)
    assert m["state"] == MsgState.UNDELIVERED  # not left "accepted"
    assert m["report_status"]
    assert engine.summary(job).unknown == 0


def test_pushed_reject_before_an_accepted_reply_is_applied(env: Env, qxt_rx: PushReceiver) -> None:
    env.sim.sensitive_words = {"禁词"}

    def pushed() -> None:
        _wait(lambda: env.count("reports") == 1)

    engine = Engine(env.db, env.accounts, gateway_factory=_report_first(env, pushed))
    job = engine.create_job(JobSpec("qxt", "含禁词的短信【测试】", [A]))

    engine.run_job(job)

    m = _message(env, job)
    assert m["state"] == MsgState.UNDELIVERED
    assert m["report_status"] == "REJECT"
    row = env.one("SELECT * FROM reports")
    assert row is not None and row["message_id"] == m["id"]


def test_unmatched_report_is_matched_by_the_next_sync(env: Env) -> None:
    """A report stored unmatched is matched by the next sync even without a new pull."""
    name = _add(env, "txt112088")
    job = env.send(name, [A])
    gid = _message(env, job)["gateway_id"]
    with env.db.write() as c:  # as if it had arrived while the message was still sending
        c.execute("UPDATE messages SET state='sending' WHERE job_id=?", (job,))
    env.syncer.sync_account(name)
    assert env.one("SELECT message_id FROM reports")["message_id"] is None  # type: ignore[index]
    assert rematch_reports(env.db, name) == []  # still sending: nothing to match
    with env.db.write() as c:
        c.execute("UPDATE messages SET state='accepted' WHERE job_id=?", (job,))

    res = env.new_syncer().sync_account(name)  # the vendor has nothing new

    assert res.new_reports == []
    assert [(r["previous_state"], r["state"], r["matched_by"]) for r in res.rematched] == [
        (MsgState.ACCEPTED, MsgState.DELIVERED, "id")
    ]
    m = _message(env, job)
    assert m["state"] == MsgState.DELIVERED and m["gateway_id"] == gid


# ---- item 2: a report of a send this app never made --------------------------------------------


@pytest.mark.parametrize("family", ["ipyy", "jsm"])  # their reports carry the vendor's time
def test_foreign_report_does_not_settle_a_later_unknown_send(env: Env, family: str) -> None:
    name = _add(env, family, read_timeout=1.5)
    # the vendor's web console (or another PC) sent to A a minute ago; its report is waiting
    env.sim.clock = lambda: time.time() - 60
    foreign = env.accounts.gateway(name).send([A], "网页后台发的【测试】")
    env.sim.clock = time.time
    foreign_id = foreign.results[0].gateway_id
    # then this app sends to A, and the request never reaches the gateway's logic
    engine = Engine(env.db, env.accounts, sleep=lambda s: None)
    job = engine.create_job(JobSpec(name, TEXT, [A]))
    env.sim.set_fault(family, "drop", count=1)
    assert engine.run_job(job).unknown == 1

    res = env.syncer.sync_account(name, force=True)

    assert [r["gateway_id"] for r in res.new_reports] == [foreign_id]
    assert res.unmatched_reports == res.new_reports  # left unmatched, and visible
    assert [r["gateway_id"] for r in unmatched_reports(env.db, name)] == [foreign_id]
    m = _message(env, job)
    assert m["state"] == MsgState.UNKNOWN and m["gateway_id"] is None


def test_report_without_vendor_time_counts_from_when_it_was_received(env: Env) -> None:
    """txt112088 reports carry no time: the time received stands in for it."""
    name = _add(env, "txt112088", read_timeout=1.5)
    env.accounts.gateway(name).send([A], "网页后台发的【测试】")
    first = env.syncer.sync_account(name, force=True)
    assert len(first.unmatched_reports) == 1  # nothing of ours to match yet
    time.sleep(1.1)  # times are compared to the second
    engine = Engine(env.db, env.accounts, sleep=lambda s: None)
    job = engine.create_job(JobSpec(name, TEXT, [A]))
    env.sim.set_fault("txt112088", "drop", count=1)
    assert engine.run_job(job).unknown == 1

    res = env.new_syncer().sync_account(name, force=True)

    assert res.rematched == []
    assert _message(env, job)["state"] == MsgState.UNKNOWN
    assert len(unmatched_reports(env.db, name)) == 1


def test_report_with_the_id_in_other_letter_case_settles_its_send(env: Env) -> None:
    """A reseller that changes the letter case of hex ids: matched by id all the same, and a
    report of an id nobody was given stays unmatched."""
    from sms_desktop.core.gateways import DeliveryReport
    from sms_desktop.core.sync.apply import apply

    name = env.add("ipyy")
    with env.db.write() as c:
        job = c.execute(
            "INSERT INTO jobs(account, text, state) VALUES(?,?,'done') RETURNING id", (name, TEXT)
        ).fetchone()[0]
        c.execute(
            "INSERT INTO messages(job_id, seq, phone, text, state, account, gateway_id)"
            " VALUES(?,?,?,?,'accepted',?,?)",
            (job, 1, A, TEXT, name, "f3a9c0DE"),
        )
    res = apply(
        env.db,
        name,
        [],
        [
            DeliveryReport(A, "F3A9C0de", "DELIVRD", True),
            DeliveryReport(A, "0000beef", "DELIVRD", True),
        ],
        [],
    )
    matched, foreign = res.new_reports
    assert (matched["matched_by"], matched["state"]) == ("id", MsgState.DELIVERED)
    assert foreign["message_id"] is None
    assert env.one("SELECT state FROM messages")["state"] == MsgState.DELIVERED  # type: ignore[index]
