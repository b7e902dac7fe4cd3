"""Crashes / GUI (issue 11): SIGKILL the GUI process during a send started from its window.

The real application (``sms_desktop.ui.app.main``: MainWindow, offscreen) runs in a subprocess
driven by ``relcrash_gui_driver.py`` with scripted prompts (``FakePrompts``): it types the numbers
and the text in 发送, presses 发送 and Ok. The test kills it with SIGKILL while requests are out
(a seeded random point), starts it again, and the start-up notice of the interrupted job
("上次退出时任务 N 没有发送完…") is answered 继续发送: the resume goes through that notice, never
around it. At the simulator: no number twice; in the store: every recipient settled.

The same driver fills the disk during a send (``full``): the window shows the core's words
(磁盘已满 …, and that the job can be resumed), never SQLite's, and the job is resumed afterwards.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from clirunner import Cli, phones_sent
from relcrash_kit import figures, kill_when, rows

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("relcrash_gui_driver.py")
CONCURRENCY = 2
LATENCY = 0.1


def send_requests(sim) -> int:
    return sum(1 for r in sim.requests if r.family == "jsm" and r.params.get("mobile"))


def start(cli: Cli, *args: str) -> subprocess.Popen:
    env = dict(cli.env(), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, str(DRIVER), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def setup(sim, home, tmp_path, n: int) -> tuple[Cli, Path, list[str]]:
    sim.report_delay = 0.0
    cli = Cli(home, sim)
    cli.add_account("a", "jsm", "u1", "pw1", 10**8, "--concurrency", str(CONCURRENCY))
    numbers = [str(13200000000 + i) for i in range(n)]
    f = tmp_path / "numbers.txt"
    f.write_text("\n".join(numbers), encoding="utf-8")
    return cli, f, numbers


def finish(proc: subprocess.Popen, timeout: float = 180) -> None:
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError("the application did not finish: " + err.decode()[-3000:]) from None
    assert proc.returncode == 0, err.decode()[-3000:]


def kill_series(sim, home, tmp_path, recipients: int, kills: int, seed: int) -> dict:
    cli, f, numbers = setup(sim, home, tmp_path, recipients)
    sim.set_fault("jsm", "latency", seconds=LATENCY)
    rng = random.Random(seed)
    requests = recipients // 100
    started = time.monotonic()
    notices: list[dict] = []
    in_flight = 0
    for k in range(kills):
        report = tmp_path / f"run{k}.json"
        if k == 0:
            proc = start(cli, "send", str(home), "a", str(f), "会员日八折", str(report))
        else:
            proc = start(cli, "resume-then-stay", str(home), str(report))
        now = send_requests(sim)
        target = now + rng.randint(1, max(1, 2 * (requests - now) // (kills - k + 1) - 1))
        assert kill_when(
            proc,
            lambda t=target: send_requests(sim) >= t,
            extra=rng.uniform(0, 1.5 * LATENCY),
            timeout=120,
        ), "the application finished before the kill point"
        if k:
            notices.append(json.loads(report.read_text(encoding="utf-8")))
        in_flight += rows(home, "SELECT COALESCE(SUM(size), 0) FROM batches WHERE state='sending'")[
            0
        ][0]
    # the last start: the notice, 继续发送, and the job runs to its end
    report = tmp_path / "last.json"
    finish(start(cli, "resume", str(home), str(report)))
    elapsed = time.monotonic() - started
    last = json.loads(report.read_text(encoding="utf-8"))
    notices.append(last)

    (job,) = [j for (j,) in rows(home, "SELECT id FROM jobs")]
    for n in notices:
        chosen = [c for c in n["calls"] if c["kind"] == "choose"]
        assert chosen, n["calls"]
        assert f"上次退出时任务 {job} 没有发送完" in chosen[0]["text"], chosen[0]
        assert chosen[0]["extra"]["answer"] == 0
        assert chosen[0]["extra"]["choices"][0] == "继续发送（不重发结果未知的）(&S)"
    assert [x["job_id"] for x in last["finished"]] == [job]
    assert last["finished"][0]["state"] == "done"
    # at the simulator: no number twice; in the store: every recipient settled
    sent = phones_sent(sim, "jsm", "mobile")
    assert max(Counter(sent).values()) == 1, "a number reached the gateway twice"
    states = dict(rows(home, "SELECT state, COUNT(*) FROM messages GROUP BY state"))
    assert set(states) <= {"accepted", "unknown"}, states
    assert sum(states.values()) == recipients
    assert Counter(p for (p,) in rows(home, "SELECT phone FROM messages")) == Counter(numbers)
    accepted = {p for (p,) in rows(home, "SELECT phone FROM messages WHERE state='accepted'")}
    assert accepted <= set(sent)
    assert states.get("unknown", 0) <= in_flight <= kills * CONCURRENCY * 100
    out = {
        "recipients": recipients,
        "kills": kills,
        "starts": kills + 1,
        "notices": len(notices),
        "accepted": states.get("accepted", 0),
        "unknown": states.get("unknown", 0),
        "in_flight_recipients_at_kills": in_flight,
        "seconds": round(elapsed, 1),
    }
    print(figures(test="gui", **out))
    return out


@pytest.mark.slow
def test_gui_killed_mid_send_resumes_through_the_interrupted_notice(sim, home, tmp_path):
    kill_series(sim, home, tmp_path, recipients=2000, kills=1, seed=3)


@pytest.mark.slow
@pytest.mark.reliability_long
@pytest.mark.timeout(900)
def test_gui_killed_five_times_mid_send_full_size(sim, home, tmp_path):
    kill_series(sim, home, tmp_path, recipients=10_000, kills=5, seed=33)


@pytest.mark.slow
def test_gui_full_disk_mid_send_is_told_in_words_and_the_job_resumes(sim, home, tmp_path):
    cli, f, numbers = setup(sim, home, tmp_path, 1000)
    report = tmp_path / "full.json"
    finish(start(cli, "full", str(home), "a", str(f), "会员日八折", str(report)))
    calls = json.loads(report.read_text(encoding="utf-8"))["calls"]
    errors = [c for c in calls if c["kind"] == "error"]
    assert len(errors) == 1, calls
    text = errors[0]["text"]
    assert "磁盘已满" in text and "继续发送" in text, text
    assert "database or disk is full" not in text and "OperationalError" not in text, text
    sent_before = phones_sent(sim, "jsm", "mobile")
    assert 0 < len(sent_before) < 1000
    # room again: the job is resumable and finishes, no number twice
    (job,) = cli("jobs", "--json").json
    assert job["state"] == "interrupted", job
    d = cli("resume", str(job["job_id"]), "--json").json
    assert d["state"] == "done" and d["queued"] == 0
    sent = phones_sent(sim, "jsm", "mobile")
    assert max(Counter(sent).values()) == 1
    assert Counter(r["phone"] for r in d["results"]) == Counter(numbers)
