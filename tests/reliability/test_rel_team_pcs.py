"""Several PCs on one office store (PostgreSQL): two "PCs" are two CLI processes with homes,
``COMPUTERNAME`` and ``USERNAME`` of their own on one database (tests/pgserver.py starts the
server), sending to one simulator.

* concurrent starts of the same job: one wins, the other names the PC and user that hold it;
* a held job whose time came, released by both PCs at once: exactly one sends it;
* SIGKILL of the sending PC at 10 points of a 10,000-recipient send, the other PC taking it over
  once the lease lapsed (a 3 s lease here, ``SMS_DESKTOP_LEASE``): no number reaches the
  simulator twice, and the unknown recipients are only those of the batches in flight at the
  kills (read from the store as each SIGKILL left it);
* the office sender service killed mid-send, another one on another PC taking its job over;
* two pollers of one account on two PCs: every reply the vendor hands out is applied once.
"""

from __future__ import annotations

import json
import random
import signal
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from clirunner import Cli, phones_sent
from relcrash_kit import figures, kill_when

BATCH = 100  # jsm: at most 100 numbers a request
CONCURRENCY = 2
LEASE = 3.0  # seconds: the lease of these tests (the program's is 20 s); longer than a start
FINAL = {"accepted", "delivered", "undelivered", "rejected", "unknown", "skipped"}


class Pc(Cli):
    """One PC: its own home (keyring file, logs), its name and user, the shared store."""

    def __init__(self, root: Path, sim: Any, url: str, name: str, user: str) -> None:
        home = root / name
        home.mkdir(parents=True, exist_ok=True)
        super().__init__(home, sim)
        self.url, self.name, self.user = url, name, user

    def env(self) -> dict[str, str]:
        env = super().env()
        env.update(
            COMPUTERNAME=self.name,
            USERNAME=self.user,
            USER=self.user,
            SMS_DESKTOP_STORE=self.url,
            SMS_DESKTOP_LEASE=str(LEASE),
        )
        return env


def join(pc: Pc, account: str, password: str, verycode: str | None = "vc") -> None:
    """The account's secrets on another PC, through the CLI (passwords stay in each PC's own
    keyring): its password, and a jsm account's veryCode."""
    extra = ["--verycode", verycode] if verycode is not None else []
    r = pc("account", "password", account, "--password-stdin", *extra, stdin=password + "\n")
    assert r.rc == 0, r.err


def q(url: str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Committed rows, through a connection of our own (what a SIGKILL left)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        return list(c.execute(sql, args).fetchall())


def send_requests(sim: Any) -> int:
    return sum(1 for r in sim.requests if r.family == "jsm" and r.params.get("mobile"))


@pytest.fixture
def office(sim, pg_url, tmp_path, monkeypatch):
    """Two PCs on one store, the account added on the first, its password given on the second
    (passwords stay in each PC's keyring)."""
    monkeypatch.setenv("SMS_DESKTOP_STORE", pg_url)
    sim.report_delay = 0.0
    a = Pc(tmp_path, sim, pg_url, "PC-WANG", "wang")
    b = Pc(tmp_path, sim, pg_url, "PC-LI", "li")
    a.add_account("a", "jsm", "u1", "pw1", 10**8, "--concurrency", str(CONCURRENCY))
    join(b, "a", "pw1")
    return a, b


def numbers_file(tmp_path: Path, n: int) -> tuple[Path, list[str]]:
    numbers = [str(13000000000 + i) for i in range(n)]
    f = tmp_path / f"numbers-{n}.txt"
    f.write_text("\n".join(["手机", *numbers]), encoding="utf-8")
    return f, numbers


def no_number_twice(sim: Any) -> list[str]:
    sent = phones_sent(sim, "jsm", "mobile")
    twice = [p for p, n in Counter(sent).items() if n > 1]
    assert twice == [], f"{len(twice)} numbers reached the gateway twice: {twice[:5]}"
    return sent


def paused_job(pc: Pc, sim: Any, f: Path) -> int:
    """A job started on ``pc`` and paused (SIGTERM) after its first request."""
    proc = pc.popen("send", "a", "--contacts", str(f), "--text", "周年庆，全场八折", "--json")
    deadline = time.monotonic() + 60
    while send_requests(sim) < 1:
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    job, state = q(pc.url, "SELECT id, state FROM jobs")[0]
    assert state == "paused"
    return int(job)


def test_concurrent_starts_one_wins_the_other_names_who_holds_it(office, sim, tmp_path):
    a, b = office
    f, numbers = numbers_file(tmp_path, 1000)
    sim.set_fault("jsm", "latency", seconds=0.2)
    job = paused_job(a, sim, f)
    runs = [pc.popen("resume", str(job), "--json") for pc in (a, b)]
    outs = [p.communicate(timeout=120) for p in runs]
    codes = [p.returncode for p in runs]
    winner = codes.index(0)
    loser = 1 - winner
    assert codes[loser] == 2, (codes, outs)
    said = outs[loser][1].decode("utf-8")
    holder = (a, b)[winner]
    # the refusal names the PC, the user and the process that hold the job
    assert holder.name in said and f"用户 {holder.user}" in said, said
    assert f"being sent by PC {holder.name} (user {holder.user}, pid {runs[winner].pid}" in said
    d = json.loads(outs[winner][0])
    assert d["state"] == "done" and d["accepted"] == len(numbers), d
    sent = no_number_twice(sim)
    assert sorted(sent) == sorted(numbers)


def test_a_held_job_is_released_by_exactly_one_pc(office, sim, tmp_path):
    a, b = office
    f, numbers = numbers_file(tmp_path, 300)
    a.add_account("h", "jsm", "u2", "pw2", 10**8, "--hold-locally")
    join(b, "h", "pw2")
    at = (datetime.now() + timedelta(seconds=8)).strftime("%Y-%m-%d %H:%M:%S")
    r = a("send", "h", "--contacts", str(f), "--text", "周年庆，全场八折", "--at", at, "--json")
    assert r.rc == 0, r.err
    assert q(a.url, "SELECT state FROM jobs") == [("held",)]  # stored until its time
    while datetime.now().strftime("%Y-%m-%d %H:%M:%S") < at:
        time.sleep(0.1)
    runs = [pc.popen("run-due", "--json") for pc in (a, b)]
    outs = [p.communicate(timeout=120) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outs
    sent_by = [len(json.loads(o[0])["sent"]) for o in outs]
    assert sorted(sent_by) == [0, 1], outs  # one PC released it, the other left it alone
    assert q(a.url, "SELECT state FROM jobs") == [("done",)]
    assert q(a.url, "SELECT COUNT(*) FROM messages WHERE state='accepted'") == [(len(numbers),)]
    sent = no_number_twice(sim)
    assert sorted(sent) == sorted(numbers)


def in_flight(url: str, job: int) -> tuple[list[tuple[int, int]], set[int]]:
    """The batches journalled as ``sending`` (id, size) and their recipients' ids."""
    batches = q(url, "SELECT id, size FROM batches WHERE job_id=%s AND state='sending'", job)
    ids = q(
        url,
        "SELECT m.id FROM messages m JOIN batches b ON b.id = m.batch_id"
        " WHERE b.job_id=%s AND b.state='sending'",
        job,
    )
    return [(int(i), int(s)) for i, s in batches], {int(i) for (i,) in ids}


class Ended:
    """A run that ended within the wait: its output kept for the caller."""

    def __init__(self, rc: int, out: bytes, err: bytes) -> None:
        self.returncode, self.out, self.err = rc, out, err

    def poll(self) -> int:
        return self.returncode

    def communicate(self, timeout: float | None = None) -> tuple[bytes, bytes]:
        return self.out, self.err


def take_over(pc: Pc, job: int, dead: Pc) -> tuple[Any, int]:
    """``resume JOB`` on ``pc`` once the dead PC's lease lapsed (a resume before that is
    refused, naming the dead PC). Returns the process that runs it, and the refusals."""
    refused = 0
    deadline = time.monotonic() + 10 * LEASE + 30
    proc = pc.popen("resume", str(job), "--json")
    while True:
        if proc.poll() is not None:
            out, err = proc.communicate()
            if proc.returncode in (0, 1):  # it ran to the end before we looked (1: unknowns)
                return Ended(proc.returncode, out, err), refused
            said = err.decode("utf-8")
            assert proc.returncode == 2 and dead.name in said, said
            refused += 1
            proc = pc.popen("resume", str(job), "--json")
        else:
            [(state, host)] = q(pc.url, "SELECT state, runner_host FROM jobs WHERE id=%s", job)
            if host == pc.name:
                return proc, refused  # it took the job over
            if state == "done":
                # it took the job over and sent the rest before we looked: its --json report
                # (every recipient) may not fit the pipe, so read it rather than wait for an exit
                out, err = proc.communicate(timeout=120)
                assert proc.returncode in (0, 1), err.decode("utf-8", "replace")
                return Ended(proc.returncode, out, err), refused
        if time.monotonic() >= deadline:  # say what the job and the waiting resume show
            row = q(pc.url, "SELECT state, runner_host, runner_beat FROM jobs WHERE id=%s", job)
            now = q(pc.url, "SELECT to_char(now(), 'HH24:MI:SS.MS')")
            proc.kill()
            out, err = proc.communicate()
            raise AssertionError(
                f"the lease never lapsed: job {row} at {now}; {refused} refusals; the resume"
                f" still running said: {err.decode('utf-8', 'replace')[-2000:]!r}"
                f" {out.decode('utf-8', 'replace')[-500:]!r}"
            )
        time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_sigkill_of_the_sending_pc_ten_times_the_other_takes_over(office, sim, tmp_path):
    """10,000 recipients, 10 kills at points drawn among the requests still to come (plus a
    fraction of the simulator's latency), alternating between the PCs."""
    pcs = list(office)
    recipients, kills, latency = 10_000, 10, 0.1
    f, numbers = numbers_file(tmp_path, recipients)
    sim.set_fault("jsm", "latency", seconds=latency)
    rng = random.Random(17)
    requests = recipients // BATCH
    started = time.monotonic()
    job: int | None = None
    flight_ids: set[int] = set()
    flight_batches = flight_recipients = 0
    refusals = 0
    proc: Any = None
    done_kills = 0
    for k in range(kills):
        runner, other = pcs[k % 2], pcs[(k + 1) % 2]
        now = send_requests(sim)
        gap = max(1, 2 * (requests - now) // (kills - k + 1) - 1)
        target = now + rng.randint(1, gap)
        if job is None:
            proc = runner.popen(
                "send", "a", "--contacts", str(f), "--text", "周年庆，全场八折", "--json"
            )
        assert proc is not None
        killed = kill_when(
            proc, lambda t=target: send_requests(sim) >= t, extra=rng.uniform(0, 1.5 * latency)
        )
        if not killed:
            break
        done_kills += 1
        if job is None:
            job = int(q(runner.url, "SELECT id FROM jobs")[0][0])
        batches, ids = in_flight(runner.url, job)
        assert len(batches) <= CONCURRENCY, batches
        flight_ids |= ids
        flight_batches += len(batches)
        flight_recipients += sum(s for _, s in batches)
        # the other PC takes it over, once the dead one's lease lapsed
        proc, refused = take_over(other, job, runner)
        refusals += refused
        if isinstance(proc, Ended):  # the taker sent the rest before the next kill point
            break
    # every kill made, unless the last takers finished the job first (a loaded machine: the
    # last kill points close to the end)
    assert job is not None, "no job"
    assert done_kills == kills or (isinstance(proc, Ended) and done_kills >= kills - 2), (
        done_kills,
        kills,
    )
    out, err = proc.communicate(timeout=300)
    assert proc.returncode in (0, 1), err.decode("utf-8")  # 1: some recipients are unknown
    elapsed = time.monotonic() - started
    d = json.loads(out)
    assert refusals >= 1  # a resume before the lease lapsed was refused, naming the holder

    sent = no_number_twice(sim)
    results = d["results"]
    assert Counter(r["phone"] for r in results) == Counter(numbers)
    states = Counter(r["state"] for r in results)
    assert set(states) <= FINAL and d["state"] == "done", (states, d["state"])
    accepted = {r["phone"] for r in results if r["state"] == "accepted"}
    unknown = {r["phone"] for r in results if r["state"] == "unknown"}
    assert accepted <= set(sent) and set(sent) <= accepted | unknown
    unknown_ids = {
        int(i) for (i,) in q(pcs[0].url, "SELECT id FROM messages WHERE state='unknown'")
    }
    assert unknown_ids <= flight_ids, "an unknown recipient was in no batch in flight at a kill"
    assert states["unknown"] <= flight_recipients <= done_kills * CONCURRENCY * BATCH
    print(
        figures(
            test="team-send",
            recipients=recipients,
            kills=done_kills,
            refused_before_lapse=refusals,
            unknown=states["unknown"],
            in_flight_recipients_at_kills=flight_recipients,
            in_flight_batches_at_kills=flight_batches,
            sent_twice=0,
            seconds=round(elapsed, 1),
        )
    )


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_service_killed_mid_send_another_service_takes_its_job_over(office, sim, tmp_path):
    """A job handed to the service (由服务器发送): the service on SRV-1 is killed mid-send;
    the one started on SRV-2 after the lease takes the job over and finishes it."""
    a, _ = office
    f, numbers = numbers_file(tmp_path, 2000)
    sim.set_fault("jsm", "latency", seconds=0.05)
    r = a("send", "a", "--contacts", str(f), "--text", "周年庆，全场八折", "--by-server", "--json")
    assert r.rc == 0, r.err
    job = int(q(a.url, "SELECT id FROM jobs")[0][0])
    servers = [Pc(tmp_path, sim, a.url, f"SRV-{i}", "svc") for i in (1, 2)]
    for s in servers:
        join(s, "a", "pw1")
    first = servers[0].popen("serve", "--interval", "0.5", "--log", str(tmp_path / "srv1.log"))
    try:
        assert kill_when(first, lambda: send_requests(sim) >= 6, extra=0.02, timeout=30)
    except AssertionError:
        print((tmp_path / "srv1.log").read_text("utf-8"), first.stderr.read().decode("utf-8"))
        raise
    _, ids = in_flight(a.url, job)
    refused = 0
    second = servers[1].popen("serve", "--interval", "0.5")
    try:
        deadline = time.monotonic() + 120
        while q(a.url, "SELECT state FROM jobs WHERE id=%s", job) != [("done",)]:
            if second.poll() is not None:  # refused while the dead one's heartbeat is young
                err = second.communicate()[1].decode("utf-8")
                assert second.returncode == 2 and "SRV-1" in err, err
                refused += 1
                second = servers[1].popen("serve", "--interval", "0.5")
            assert time.monotonic() < deadline, "the second service never finished the job"
            time.sleep(0.2)
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=60)
    sent = no_number_twice(sim)
    unknown_ids = {int(i) for (i,) in q(a.url, "SELECT id FROM messages WHERE state='unknown'")}
    assert unknown_ids <= ids
    rest = q(a.url, "SELECT phone FROM messages WHERE state='accepted'")
    assert {p for (p,) in rest} <= set(sent) and len(set(sent)) <= len(numbers)
    assert len(rest) + len(unknown_ids) == len(numbers)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_two_pollers_of_one_account_apply_every_reply_once(sim, pg_url, tmp_path, monkeypatch):
    """ipyy hands each reply out once, a page a pull (50 here): two PCs pull the account in
    loops at the same time until the backlog is drained."""
    monkeypatch.setenv("SMS_DESKTOP_STORE", pg_url)
    a = Pc(tmp_path, sim, pg_url, "PC-WANG", "wang")
    b = Pc(tmp_path, sim, pg_url, "PC-LI", "li")
    sim.set_page_sizes({"ipyy": {"reports": 50, "replies": 50}})
    a.add_account("p", "ipyy", "u1", "pw1", 10**6)
    join(b, "p", "pw1", verycode=None)
    backlog = 600
    injected = []
    for i in range(backlog):
        phone, text = str(13900000000 + i), f"回复{i}号"
        sim.inject_reply("ipyy", "u1", phone, text)
        injected.append((phone, text))
    script = (
        "import subprocess, sys\n"
        "for _ in range(int(sys.argv[1])):\n"
        "    subprocess.run(sys.argv[2:], check=False)\n"
    )
    import sys

    loops = []
    for pc in (a, b):
        cmd = [sys.executable, "-m", "sms_desktop.cli", "--home", str(pc.home), "sync", "p"]
        cmd += ["--force", "--json"]
        loops.append(pc_popen_loop(pc, script, 6, cmd))
    outs = [p.communicate(timeout=240) for p in loops]
    assert [p.returncode for p in loops] == [0, 0], outs
    for _ in range(20):  # what the loops left (a round skipped while the other PC pulled)
        if q(pg_url, "SELECT COUNT(*) FROM replies WHERE account='p'")[0][0] >= backlog:
            break
        assert a("sync", "p", "--force").rc == 0
    rows = q(pg_url, "SELECT phone, content FROM replies WHERE account='p'")
    counts = Counter(rows)
    assert [r for r, n in counts.items() if n > 1] == []  # none applied twice
    assert set(counts) == set(injected)  # and every one applied
    assert q(pg_url, "SELECT COUNT(*) FROM raw_bodies WHERE parsed=0") == [(0,)]


def pc_popen_loop(pc: Pc, script: str, n: int, cmd: list[str]) -> Any:
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-c", script, str(n), *cmd],
        env=pc.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
