"""The core's background duties (core/service.py) in one process, against the simulator: which
jobs the service runs and which a window runs, a job handed to the service, one service per
store, and a service whose heartbeat another took over."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from sms_desktop.core.errors import InputError, PasswordMissingError
from sms_desktop.core.jobs.model import JobSpec, JobState
from sms_desktop.core.service import Duty, Service, ServiceRunning, live_service, window_tick
from sms_desktop.core.session import open_core

NUMBERS = ["13800138000", "13912345678"]


@pytest.fixture
def core(env, home):
    c = open_core(home, accounts=env.accounts)
    yield c


def _job(env, account: str, *, by_server: bool, send_at: datetime | None = None) -> int:
    spec = JobSpec(account, "你好", NUMBERS, send_at=send_at, by_server=by_server)
    return env.engine.create_job(spec)


def _set(env, job_id: int, **cols) -> None:
    with env.db.write() as c:
        for col, value in cols.items():
            c.execute(f"UPDATE jobs SET {col}=? WHERE id=?", (value, job_id))


def _sends(sim) -> int:
    return sum(1 for r in sim.requests if r.params.get("action") == "send")


def test_a_job_handed_to_the_service_is_never_run_by_another_engine(env):
    acct = env.add("ipyy")
    job = _job(env, acct, by_server=True)
    assert env.engine.summary(job).by_server and env.engine.summary(job).state == "queued"
    with pytest.raises(InputError, match="由服务器发送"):
        env.engine.run_job(job)
    assert _sends(env.sim) == 0
    # a PC without the account's password is told the same, not asked for a password it
    # does not need
    password = env.accounts.password(acct)
    env.accounts.secrets.delete(acct)
    env.engine.forget_account(acct)
    with pytest.raises(InputError, match="由服务器发送") as refused:
        env.engine.run_job(job)
    assert not isinstance(refused.value, PasswordMissingError)
    env.accounts.set_password(acct, password)
    # a user's resume hands it back to the service instead of sending it here
    _set(env, job, state=JobState.INTERRUPTED, error="网关拒绝")
    s = env.engine.resume(job)
    assert (s.state, s.error, s.queued) == (JobState.QUEUED, None, 2)
    assert _sends(env.sim) == 0
    # the service's engine runs it
    env.engine.server = True
    assert env.engine.run_job(job).accepted == 2


def test_which_jobs_the_service_runs_and_which_the_window_runs(env):
    held = env.add("qxt")  # qxt keeps scheduled sends on the PC (held)
    gateway = env.add("ipyy")  # ipyy takes the time itself (scheduled)
    later = datetime.now() + timedelta(hours=1)
    past = (datetime.now() - timedelta(seconds=5)).strftime("%Y-%m-%d %H:%M:%S")
    window_held = _job(env, held, by_server=False, send_at=later)
    server_held = _job(env, held, by_server=True, send_at=later)
    server_held_later = _job(env, held, by_server=True, send_at=later)
    server_now = _job(env, gateway, by_server=True)
    server_scheduled = _job(env, gateway, by_server=True, send_at=later)
    server_paused = _job(env, gateway, by_server=True)
    server_interrupted = _job(env, gateway, by_server=True)
    server_overdue = _job(env, held, by_server=True, send_at=later)
    for j in (window_held, server_held, server_overdue):
        _set(env, j, send_at=past)
    _set(env, server_paused, state=JobState.PAUSED)
    _set(env, server_interrupted, state=JobState.INTERRUPTED)
    _set(env, server_overdue, state=JobState.OVERDUE)
    assert env.engine.summary(server_scheduled).state == JobState.SCHEDULED
    assert env.engine.due_jobs() == [window_held]
    assert sorted(env.engine.server_jobs()) == sorted(
        [server_held, server_now, server_scheduled, server_paused]
    )
    assert server_held_later not in env.engine.server_jobs()


def test_a_window_leaves_the_duties_of_a_live_service_and_a_second_service_refuses(env, core, home):
    acct = env.add("qxt")
    job = _job(env, acct, by_server=False, send_at=datetime.now() + timedelta(hours=1))
    _set(env, job, send_at=(datetime.now() - timedelta(seconds=5)).strftime("%Y-%m-%d %H:%M:%S"))
    tick = window_tick(core)
    assert tick.due == [job] and tick.service is None
    first = Service(core, heartbeat=0.2)
    first.start()
    try:
        tick = window_tick(core)
        assert tick.due == [] and tick.service is not None
        assert tick.left == frozenset(Duty.SERVICE) and tick.service.pid == first.pid
        other = open_core(home)
        try:
            with pytest.raises(ServiceRunning) as refused:
                Service(other).start()
            assert refused.value.other.pid == first.pid
            assert f"pid {first.pid}" in str(refused.value)
        finally:
            other.close()
    finally:
        first.stop()
    assert live_service(core.db) is None
    assert window_tick(core).due == [job]  # back to the window
    assert core.engine.server is False


def test_who_sends_a_held_job_is_said_as_the_store_has_it(env, core):
    """This PC's file: this PC; the office's store: any PC with the program open, or the live
    sender service by name; the estimate's warning says the same."""
    from sms_desktop.core.jobs import compose
    from sms_desktop.core.jobs.lease import held_by

    acct = env.add("qxt")  # qxt's schedules are held by the program, not the gateway
    spec = JobSpec(acct, "你好", NUMBERS, send_at=datetime.now() + timedelta(hours=1))

    def warning() -> str:
        est = compose.estimate(env.accounts, env.db, spec)
        assert est.held_locally
        return next(w for w in est.warnings if w.startswith("定时任务"))

    office = env.db.dialect.postgresql
    assert held_by(env.db).kind == ("office" if office else "this_pc")
    if office:
        said = warning()
        assert "定时任务保存在办公室服务器上" in said and "保存了该账户密码" in said
        assert "The send is kept on the office server: any PC with the application open" in said
    else:
        assert "这台电脑必须开机" in warning() and "must be on" in warning()
    service = Service(core, heartbeat=0.2)
    service.start()
    try:
        by = held_by(env.db)
        if office:
            assert (by.kind, by.host) == ("service", service.host)
            said = warning()
            assert (
                f"定时任务保存在办公室服务器上，到时由发送服务（主机 {service.host}）发出" in said
            )
            assert (
                f"The send is kept on the office server: the sender service (host {service.host})"
                in said
            )
            assert "this PC may be switched off" in said
        else:  # the service runs on this PC, as the file is here
            assert by.kind == "this_pc"
    finally:
        service.stop()
    assert held_by(env.db).kind == ("office" if office else "this_pc")


def test_a_service_whose_row_was_taken_over_stops_by_itself(env, core):
    first = Service(core, heartbeat=0.1)
    first.start()
    try:
        with core.db.write() as c:  # another service took the row (this one seemed dead)
            c.execute("UPDATE services SET token='someone-else'")
        deadline = time.monotonic() + 5
        while not first.stop_requested and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.stop_requested
    finally:
        first.stop()
    [row] = core.db.read().execute("SELECT token FROM services").fetchall()
    assert row[0] == "someone-else"  # the other's row is left alone
