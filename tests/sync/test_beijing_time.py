"""Vendor times are Beijing wall-clock time, both ways, whatever the PC's time zone.

The PC runs in another zone here (the ``pc_zone`` fixture: ``TZ`` + ``time.tzset()``, restored
after); the simulator's
gateways keep Beijing time (``Simulator.gateway_timezone``, its default). A send time goes out
as Beijing time (ipyy ``sendTime``, jsm ``sendtime``, txt112088 ``send_time``), so a send the
gateway schedules and one held on this PC leave at the same moment; report and reply times come
back as the PC's local time, so the phone-and-time fallback compares like with like.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from synchelpers import PULL_FAMILIES, Env

from sms_desktop.core.engine import Engine, JobSpec, JobState, MsgState
from sms_desktop.core.sync import unmatched_reports

A = "13800138000"
TEXT = "会员日八折【测试】"
SEND_PARAM = {"ipyy": "sendTime", "jsm": "sendtime", "txt112088": "send_time"}
SEND_FORMAT = {"ipyy": "%Y-%m-%d %H:%M:%S", "jsm": "%Y%m%d%H%M%S", "txt112088": "%Y%m%d%H%M%S"}


def _local_text(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")


def _beijing_text(ts: float, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    return time.strftime(fmt, time.gmtime(ts + 8 * 3600))


def _at_nine(days: int = 2) -> datetime:
    return (datetime.now() + timedelta(days=days)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )


@pytest.mark.parametrize("family", PULL_FAMILIES)  # the three with a gateway-side schedule
def test_a_scheduled_send_leaves_at_the_users_local_time(env: Env, pc_zone: str, family) -> None:
    name = env.add(family)
    engine = Engine(env.db, env.accounts, sleep=lambda s: None)
    at = _at_nine()  # 09:00 in New York
    job = engine.create_job(JobSpec(name, TEXT, [A], send_at=at))
    assert engine.summary(job).state == JobState.SCHEDULED
    engine.run_job(job)

    req = [r for r in env.sim.requests if SEND_PARAM[family] in r.params][-1]
    # 22:00 (23:00 in summer) in Beijing: the same moment, not 13 hours early
    assert req.params[SEND_PARAM[family]] == _beijing_text(at.timestamp(), SEND_FORMAT[family])
    [sent] = env.sim.account(family, "u1").sent
    assert sent.send_time == at.timestamp()


def test_held_locally_and_gateway_scheduled_agree(env: Env, pc_zone: str) -> None:
    held = env.add("ipyy", "held", "u1", account={"hold_locally": True})
    vendor = env.add("ipyy", "vendor", "u2")
    engine = Engine(env.db, env.accounts, sleep=lambda s: None)
    at = _at_nine()
    held_job = engine.create_job(JobSpec(held, TEXT, [A], send_at=at))
    vendor_job = engine.create_job(JobSpec(vendor, TEXT, [A], send_at=at))
    assert engine.summary(held_job).state == JobState.HELD
    engine.run_job(vendor_job)

    [scheduled] = env.sim.account("ipyy", "u2").sent
    # the held job is released when the PC's clock reaches its time …
    assert engine.due_jobs(at - timedelta(seconds=1)) == []
    assert engine.due_jobs(at) == [held_job]
    # … which is the moment the gateway sends the other one
    assert at.timestamp() == scheduled.send_time


@pytest.mark.parametrize("family", PULL_FAMILIES)  # txt112088: as its hosts append it
def test_report_and_reply_times_are_stored_as_local_time(env: Env, pc_zone: str, family) -> None:
    name = env.add(family)
    if family == "txt112088":
        env.sim.appended_fields = ["{time}"]  # id;phone;10;2017-02-09 12:00:00
    moment = float(int(time.time()) - 30)
    env.sim.clock = lambda: moment
    job = env.send(name, [A], TEXT)
    env.sim.inject_reply(family, "u1", A, "收到", time=moment + 10)
    env.sim.clock = time.time

    res = env.syncer.sync_account(name, force=True)

    assert res.errors == []
    body = env.sim.requests[-1].response or b""
    assert _beijing_text(moment + 10).encode() in body  # the gateway wrote Beijing time
    assert [r["time"] for r in res.new_reports] == [_local_text(moment)]
    assert [r["time"] for r in res.new_replies] == [_local_text(moment + 10)]
    assert env.message(job, A)["report_time"] == _local_text(moment)


def _wait(cond: Callable[[], bool], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out waiting"
        time.sleep(0.02)


def _run_in_thread(engine: Engine, job: int) -> tuple[threading.Thread, list[Any]]:
    out: list[Any] = []
    th = threading.Thread(target=lambda: out.append(engine.run_job(job)), daemon=True)
    th.start()
    return th, out


@pytest.mark.parametrize("pc_zone", ["Asia/Tokyo", "Pacific/Auckland"], indirect=True)
@pytest.mark.parametrize("family", ["ipyy", "jsm"])
def test_phone_and_time_fallback_in_a_zone_ahead_of_beijing(env: Env, pc_zone: str, family):
    """The report of a send whose reply was lost settles it: its Beijing time, read as local,
    is not before the journal's local time (read raw it would be, by an hour or five)."""
    name = env.add(family, account={"read_timeout": 1.5})
    engine = Engine(env.db, env.accounts, sleep=lambda s: None)
    job = engine.create_job(JobSpec(name, TEXT, [A]))
    env.sim.set_fault(family, "hang_after", count=1)  # processed, then the reply is lost
    th, _ = _run_in_thread(engine, job)
    _wait(lambda: bool(env.sim.account(family, "u1").sent))
    th.join(20)
    assert env.message(job, A)["state"] == MsgState.UNKNOWN

    env.syncer.sync_account(name, force=True)

    m = env.message(job, A)
    assert m["state"] == MsgState.DELIVERED
    assert unmatched_reports(env.db) == []


@pytest.mark.parametrize("family", ["ipyy", "jsm"])
def test_a_foreign_report_is_not_pinned_on_a_later_send_in_a_zone_behind_beijing(
    env: Env, pc_zone: str, family
) -> None:
    """New York: read raw, a report's Beijing time looks 13 hours later than it is, and a
    report of a send made elsewhere a minute ago would settle this PC's later unknown send."""
    name = env.add(family, account={"read_timeout": 1.5})
    env.sim.clock = lambda: time.time() - 60
    foreign = env.accounts.gateway(name).send([A], "网页后台发的【测试】")
    env.sim.clock = time.time
    engine = Engine(env.db, env.accounts, sleep=lambda s: None)
    job = engine.create_job(JobSpec(name, TEXT, [A]))
    env.sim.set_fault(family, "drop", count=1)
    assert engine.run_job(job).unknown == 1

    res = env.syncer.sync_account(name, force=True)

    assert [r["gateway_id"] for r in res.new_reports] == [foreign.results[0].gateway_id]
    assert res.unmatched_reports == res.new_reports
    assert env.message(job, A)["state"] == MsgState.UNKNOWN
