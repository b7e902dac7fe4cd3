"""``sms-desktop-cli serve``, the office sender service, as a real process on a throw-away home,
against the simulator over HTTP: held jobs at their time, reports pulled, a qxt push received,
jobs handed to it (``send --by-server``), its rotating log, a clean stop on SIGTERM and on
SIGINT in the middle of a send, and one service per store."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import urllib.request
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from clirunner import phones_sent
from clirunner import wait_for as _wait

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX signals")

NUMBERS = ["13800138000", "13912345678", "15023239810"]


def _db(cli) -> sqlite3.Connection:
    conn = sqlite3.connect(cli.home / "sms_desktop.sqlite3", timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


def _query(cli, sql: str, *params):
    conn = _db(cli)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _job(cli, job_id: int) -> sqlite3.Row:
    return _query(cli, "SELECT * FROM jobs WHERE id=?", job_id)[0]


def _states(cli, job_id: int) -> Counter[str]:
    """The job's recipients by state; ``taken``: accepted, whatever their report said since."""
    rows = _query(cli, "SELECT state FROM messages WHERE job_id=?", job_id)
    found = Counter(r["state"] for r in rows)
    found["taken"] = found["accepted"] + found["delivered"] + found["undelivered"]
    return found


def _serve(cli, *args: str):
    """``serve`` in the background: ticks every 0.3 s, pulls every second."""
    return cli.popen("serve", "--interval", "0.3", "--poll-interval", "1", *args)


def _started(cli, proc) -> None:
    _wait(lambda: bool(_query(cli, "SELECT 1 FROM services")), proc=proc)


def _stop(proc, sig=signal.SIGTERM) -> tuple[int, str]:
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err.decode("utf-8", "replace")


def _send_requests(sim, family: str = "ipyy") -> list:
    return [r for r in sim.requests if r.family == family and r.params.get("action") == "send"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_releases_a_held_job_at_its_time_and_pulls_its_reports(cli):
    cli.add_account("i", "ipyy", "u1", "pw1", 100000, "--hold-locally")
    at = (datetime.now() + timedelta(seconds=4)).replace(microsecond=0)
    r = cli("send", "i", "--to", ",".join(NUMBERS), "--text", "周六全场八折",
            "--at", at.strftime("%Y-%m-%d %H:%M:%S"), "--json")  # fmt: skip
    assert r.rc == 0, r.err
    job = r.json["job_id"]
    assert r.json["state"] == "held"
    proc = _serve(cli)
    try:
        _wait(lambda: _job(cli, job)["state"] == "done", proc=proc)
        [request] = _send_requests(cli.sim)
        assert request.time >= at.timestamp()  # at its time, not before
        assert sorted(phones_sent(cli.sim, "ipyy", "mobile")) == sorted(NUMBERS)
        # the service pulls the reports of what it sent
        _wait(lambda: _states(cli, job)["delivered"] == 3, proc=proc)
    finally:
        rc, err = _stop(proc)
    assert rc == 0, err
    assert _query(cli, "SELECT * FROM services") == []  # a clean stop leaves no heartbeat
    log = (cli.home / "logs" / "sms-desktop-serve.log").read_text(encoding="utf-8")
    assert f"job {job} ended: done (ok), accepted 3" in log
    assert re.search(r"sync i: polled .*: 3 new reports", log)
    assert "sender service stopped" in log


def test_serve_receives_a_qxt_push(cli):
    cli.add_account("q", "qxt")
    port = _free_port()
    r = cli("push", "set", "q", "--on", "--host", "127.0.0.1", "--port", str(port),
            "--new-token", "--json")  # fmt: skip
    assert r.rc == 0, r.err
    url = r.json["url"]
    assert url.startswith(f"http://127.0.0.1:{port}/") and r.json["token"]
    proc = _serve(cli)
    try:

        def listening() -> bool:
            try:
                urllib.request.urlopen(url, timeout=1).read()
            except OSError:
                return False
            return True

        _wait(listening, proc=proc)
        cli.sim.qxt_push_auto = False
        cli.sim.set_push_url("u1", url)
        sent = cli("send", "q", "--to", NUMBERS[0], "--text", "x", "--json")
        assert sent.rc == 0, sent.err
        cli.sim.inject_reply("qxt", "u1", NUMBERS[0], "收到，谢谢")
        assert cli.sim.flush_pushes() >= 2
        inbox = cli("inbox", "--json").json
        assert [x["content"] for x in inbox["replies"]] == ["收到，谢谢"]
        assert [x["phone"] for x in inbox["reports"]] == [NUMBERS[0]]
    finally:
        rc, err = _stop(proc)
    assert rc == 0, err
    log = (cli.home / "logs" / "sms-desktop-serve.log").read_text(encoding="utf-8")
    assert re.search(r"qxt push #\d+ for q: .*1 new reports", log)
    assert re.search(r"qxt push #\d+ for q: .*1 new replies", log)
    assert r.json["url"].split("/")[-2] not in log  # the token is never logged


def test_a_job_sent_by_server_waits_for_the_service_which_sends_it(cli, tmp_path):
    cli.add_account("i", "ipyy")
    r = cli("send", "i", "--to", ",".join(NUMBERS), "--text", "x", "--by-server", "--json")
    assert r.rc == 0, r.err
    job = r.json["job_id"]
    assert r.json["by_server"] and r.json["state"] == "queued" and r.json["queued"] == 3
    assert "没有运行中的发送服务" in r.err  # said: nothing runs it yet
    assert _send_requests(cli.sim) == []
    # neither another command nor a window sends it
    r = cli("run-due", "--json")
    assert r.rc == 0 and r.json["sent"] == []
    log_file = tmp_path / "elsewhere" / "serve.log"
    proc = _serve(cli, "--log", str(log_file))
    try:
        _wait(lambda: _job(cli, job)["state"] == "done", proc=proc)
    finally:
        rc, err = _stop(proc)
    assert rc == 0, err
    assert sorted(phones_sent(cli.sim, "ipyy", "mobile")) == sorted(NUMBERS)  # each once
    assert f"job {job} ended: done" in log_file.read_text(encoding="utf-8")
    assert not (cli.home / "logs" / "sms-desktop-serve.log").exists()
    jobs = cli("jobs", "--json").json
    assert jobs[0]["by_server"] is True and jobs[0]["accepted"] == 3


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_mid_send_finishes_the_request_in_flight_and_the_next_start_goes_on(cli, sig):
    """One number a request, each answered after 0.8 s: the stop comes while a request is in
    flight. That request is answered and journalled; nothing is left ``sending``; the job is
    paused, and the next start sends the rest: every number exactly once."""
    numbers = [f"1380013{i:04d}" for i in range(8)]
    cli.add_account("i", "ipyy", "u1", "pw1", 100000, "--batch-size", "1", "--concurrency", "1")
    r = cli("send", "i", "--to", ",".join(numbers), "--text", "x", "--by-server", "--json")
    assert r.rc == 0, r.err
    job = r.json["job_id"]
    cli.sim.set_fault("ipyy", "latency", seconds=0.8, endpoint="sms.aspx")
    proc = _serve(cli)
    _wait(lambda: len(_send_requests(cli.sim)) >= 2, proc=proc)
    rc, err = _stop(proc, sig)
    assert rc == 0, err
    assert "stopping: nothing new starts" in err and "正在停止" in err
    assert err.count("pause after the requests in flight") == 1  # said once, not per path
    assert "发送服务已启动（自动化规则、到时发送、由服务器发送的任务" in err
    assert _query(cli, "SELECT * FROM services") == []
    states = _states(cli, job)
    sent = len(_send_requests(cli.sim))
    assert states["sending"] == 0 and states["unknown"] == 0
    assert states["taken"] == sent  # the request in flight was answered and recorded
    assert 2 <= sent < len(numbers) and states["queued"] == len(numbers) - sent
    open_batches = _query(
        cli, "SELECT COUNT(*) FROM batches WHERE state IN ('ready','sending') AND job_id=?", job
    )[0][0]
    assert open_batches == 0
    assert _job(cli, job)["state"] == "paused"
    # the next start goes on with the rest
    cli.sim.clear_faults()
    proc = _serve(cli)
    try:
        _wait(lambda: _job(cli, job)["state"] == "done", proc=proc)
    finally:
        rc, err = _stop(proc)
    assert rc == 0, err
    assert Counter(phones_sent(cli.sim, "ipyy", "mobile")) == Counter(numbers)  # once each
    assert _states(cli, job)["taken"] == len(numbers)


def test_a_second_serve_refuses_naming_who_runs_unless_that_one_is_gone(cli):
    cli.add_account("i", "ipyy")
    first = _serve(cli)
    try:
        _started(cli, first)
        r = cli("serve", timeout=30)
        assert r.rc == 2
        assert f"进程 {first.pid}" in r.err and f"pid {first.pid}" in r.err
        host = os.environ.get("COMPUTERNAME") or socket.gethostname()
        assert f"host {host}" in r.err and "since 20" in r.err
        assert "user " in r.err
        # the first one is untouched
        [row] = _query(cli, "SELECT pid FROM services")
        assert row["pid"] == first.pid
    finally:
        first.kill()  # it dies: its heartbeat stays behind
        first.wait(10)
    # on the same PC, a dead service is taken over at once
    second = _serve(cli)
    try:
        _wait(lambda: _query(cli, "SELECT pid FROM services")[0]["pid"] == second.pid,
              proc=second)  # fmt: skip
    finally:
        rc, err = _stop(second)
    assert rc == 0, err
    assert "took over" in (cli.home / "logs" / "sms-desktop-serve.log").read_text("utf-8")


def test_a_service_of_another_pc_is_taken_over_only_once_its_heartbeat_lapsed(cli):
    cli.add_account("i", "ipyy")
    cli("jobs")  # the store exists
    conn = _db(cli)

    def other(age: float) -> None:
        with conn:
            conn.execute("DELETE FROM services")
            conn.execute(
                "INSERT INTO services(name, token, host, user_name, pid, started_at, duties,"
                " heartbeat) VALUES('sender', 't', 'OFFICE-PC', 'wang', 4242,"
                " '2026-01-05 08:00:00', 'held,poll', (julianday('now') - 2440587.5) * 86400.0"
                " - ?)",
                (age,),
            )

    try:
        other(2.0)
        r = cli("serve", timeout=30)
        assert r.rc == 2 and "OFFICE-PC" in r.err and "wang" in r.err and "4242" in r.err
        other(60.0)
        proc = _serve(cli)
        try:
            _wait(lambda: _query(cli, "SELECT host FROM services")[0]["host"] != "OFFICE-PC",
                  proc=proc)  # fmt: skip
        finally:
            rc, err = _stop(proc)
        assert rc == 0, err
    finally:
        conn.close()


def test_the_log_turns_over(tmp_path):
    """The service's log is a rotating file: 1 MB, five old ones kept."""
    import logging

    from sms_desktop.core.logfile import LOG_BACKUPS, remove_logging, setup_logging

    path = tmp_path / "logs" / "serve.log"
    handler = setup_logging(path)
    try:
        log = logging.getLogger("sms_desktop.test")
        for i in range(50_000):
            log.info("line %05d %s", i, "x" * 60)
    finally:
        remove_logging(handler)
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["serve.log", *(f"serve.log.{n}" for n in range(1, LOG_BACKUPS + 1))]
    assert all(p.stat().st_size <= 1_000_000 for p in path.parent.iterdir())
    assert "line 49999" in path.read_text(encoding="utf-8")
    assert Path(path.parent / "serve.log.5").stat().st_size > 900_000
