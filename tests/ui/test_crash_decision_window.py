"""A send the CLI was running is killed (SIGKILL); a CLI command opens the store first and settles
the job; the window started after it still announces the job, until a person decides: resume,
cancel or 暂不处理, from either client."""

from __future__ import annotations

import os
import signal
import subprocess
from collections import Counter

from clirunner import Cli, phones_sent
from uihelpers import in_worker

NUMBERS = [str(13300000000 + i) for i in range(200)]  # two jsm batches (100 a request)


def _send_requests(sim) -> int:
    return sum(1 for r in sim.requests if r.family == "jsm" and r.params.get("mobile"))


def _crash_a_cli_send(qtbot, sim, home, tmp_path, stall_guard) -> tuple[Cli, int]:
    """The CLI sends to NUMBERS; SIGKILL while its first request is out (journalled sending).

    Starting and reaping the process block the test's (GUI) thread: the stall guard is paused
    for them, as the application itself never does either."""
    cli = Cli(home, sim)
    added = in_worker(lambda: cli.add_account("a", "jsm", "u9", "pw9", 10**8, "--concurrency", "1"))
    assert added.rc == 0, added.err
    f = tmp_path / "numbers.txt"
    f.write_text("\n".join(["手机", *NUMBERS]), encoding="utf-8")
    sim.set_fault("jsm", "latency", seconds=5)
    with stall_guard.paused():
        proc = cli.popen(
            "send", "a", "--contacts", str(f), "--text", "周年庆，全场八折",
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        qtbot.waitUntil(lambda: _send_requests(sim) >= 1, timeout=30000)
    finally:
        with stall_guard.paused():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
    sim.clear_faults("jsm")
    # the first command after the kill: it settles the job (recover) before any window starts
    first = in_worker(lambda: cli("jobs", "--json"))
    assert first.rc == 0, first.err
    (job,) = [j["job_id"] for j in first.json if j["account"] == "a"]
    return cli, job


def _waiting(ctx) -> list[int]:
    engine = ctx.engine
    return in_worker(engine.awaiting_decision)


def test_a_crash_settled_by_a_cli_command_is_still_announced_by_the_window(
    ctx, make_window, qtbot, sim, home, tmp_path, stall_guard
):
    cli, job = _crash_a_cli_send(qtbot, sim, home, tmp_path, stall_guard)
    listing = in_worker(lambda: cli("jobs"))
    as_json = in_worker(lambda: cli("jobs", "--json"))

    ctx.prompts.choose_answers.append(0)  # 继续发送（不重发结果未知的）
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=30000) as finished:
        make_window()
    notices = [c for c in ctx.prompts.of("choose") if c.title == "有任务被中断"]
    assert len(notices) == 1, ctx.prompts.calls
    assert f"上次退出时任务 {job} 没有发送完" in notices[0].text
    # the batch in flight at the kill is unknown (until its delivery reports come in: the
    # window's background sync may settle it at any time), the other batch waits
    assert "100 个号码待发送" in notices[0].text
    assert ctx.startup is not None and ctx.startup.interrupted == [job]
    done = finished.args[0]
    assert done.job_id == job and done.state == "done" and done.queued == 0
    assert done.accepted + done.unknown == 200

    # the CLI listed it as waiting, and said how to decide
    assert listing.rc == 0, listing.err
    assert "interrupted*" in listing.out
    assert f"`resume {job}`" in listing.out and f"`cancel {job}`" in listing.out
    (item,) = [j for j in as_json.json if j["job_id"] == job]
    assert item["needs_decision"] is True and item["state"] == "interrupted"

    # resumed: decided, announced nowhere any more; no number reached the gateway twice
    assert _waiting(ctx) == []
    after = in_worker(lambda: cli("jobs"))
    assert "interrupted*" not in after.out and f"`resume {job}`" not in after.out
    (item,) = [j for j in in_worker(lambda: cli("jobs", "--json")).json if j["job_id"] == job]
    assert item["needs_decision"] is False and item["state"] == "done"
    sent = Counter(phones_sent(sim, "jsm", "mobile"))
    assert max(sent.values()) == 1 and len(sent) == 200  # the killed request, then the rest


def test_cancelled_from_the_cli_the_window_asks_nothing(
    ctx, make_window, qtbot, sim, home, tmp_path, stall_guard
):
    cli, job = _crash_a_cli_send(qtbot, sim, home, tmp_path, stall_guard)
    assert f"`cancel {job}`" in in_worker(lambda: cli("jobs")).out
    cancelled = in_worker(lambda: cli("cancel", str(job)))
    assert cancelled.rc == 0, cancelled.err
    make_window()
    assert ctx.startup is not None and ctx.startup.interrupted == []
    assert not [c for c in ctx.prompts.calls if c.title == "有任务被中断"]
    assert f"`cancel {job}`" not in in_worker(lambda: cli("jobs")).out
    assert _send_requests(sim) == 1  # only the request the kill interrupted


def test_decided_later_in_the_window_it_is_no_longer_announced_and_stays_resumable(
    ctx, make_window, qtbot, sim, home, tmp_path, stall_guard
):
    cli, job = _crash_a_cli_send(qtbot, sim, home, tmp_path, stall_guard)
    ctx.prompts.choose_answers.append(2)  # 暂不处理
    make_window()
    qtbot.waitUntil(lambda: bool(ctx.prompts.of("choose")), timeout=10000)
    assert ctx.prompts.of("choose")[0].extra["choices"][2] == "暂不处理"
    qtbot.waitUntil(lambda: _waiting(ctx) == [], timeout=10000)
    listing = in_worker(lambda: cli("jobs", "--json"))
    (item,) = [j for j in listing.json if j["job_id"] == job]
    assert item["state"] == "interrupted" and item["needs_decision"] is False
    resumed = in_worker(lambda: cli("resume", str(job), "--json"), timeout=120)
    assert resumed.json["state"] == "done" and resumed.json["queued"] == 0, resumed.err
    sent = Counter(phones_sent(sim, "jsm", "mobile"))
    assert max(sent.values()) == 1 and len(sent) == 200  # the unknown ones were not resent


def test_the_cli_acknowledges_a_job_for_later(
    ctx, make_window, qtbot, sim, home, tmp_path, stall_guard
):
    cli, job = _crash_a_cli_send(qtbot, sim, home, tmp_path, stall_guard)
    acked = in_worker(lambda: cli("acknowledge", str(job)))
    assert acked.rc == 0 and f"resume {job}" in acked.out, acked.err
    again = in_worker(lambda: cli("acknowledge", str(job)))
    assert again.rc == 0 and "was not waiting" in again.out
    make_window()
    assert ctx.startup is not None and ctx.startup.interrupted == []
    assert not [c for c in ctx.prompts.calls if c.title == "有任务被中断"]
