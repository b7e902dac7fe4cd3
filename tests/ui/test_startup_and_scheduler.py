"""Start-up (interrupted and overdue jobs) and the background scheduler, against the simulator."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

from uihelpers import in_worker

from sms_desktop.core.contacts.recipients import Recipient
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.demo import account_name

NUMBERS = ["13800138000", "13912345678", "15023239810"]


def _create(ctx, family: str, send_at: datetime | None = None) -> int:
    engine = ctx.engine
    spec = JobSpec(
        account=account_name(family),
        text="周六全场八折",
        recipients=[Recipient(p) for p in NUMBERS],
        send_at=send_at,
    )
    return in_worker(lambda: engine.create_job(spec))


def _state(ctx, job_id: int) -> str:
    db = ctx.db
    return in_worker(
        lambda: db.read().execute("SELECT state FROM jobs WHERE id=?", (job_id,)).fetchone()[0]
    )


def _reported(ctx, job_id: int) -> int:
    """Recipients of the job whose delivery report has arrived."""
    db = ctx.db
    return in_worker(
        lambda: (
            db.read()
            .execute(
                "SELECT COUNT(*) FROM messages WHERE job_id=? AND state IN"
                " ('delivered','undelivered')",
                (job_id,),
            )
            .fetchone()[0]
        )
    )


def _sent_to(sim, family: str) -> list[str]:
    return sorted(m.phone for m in sim.account(family, "demo").sent)


def _overdue_job(ctx) -> int:
    """A held qxt job (qxt holds schedules locally) whose time passed while the app was closed."""
    job = _create(ctx, "qxt", datetime.now() + timedelta(hours=1))
    assert _state(ctx, job) == "held"
    db = ctx.db
    past = (datetime.now() - timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M:%S")

    def backdate() -> None:
        with db.write() as c:
            c.execute("UPDATE jobs SET send_at=? WHERE id=?", (past, job))

    in_worker(backdate)
    return job


def test_overdue_held_job_is_confirmed_at_start_up_then_sent(ctx, make_window, qtbot, sim):
    job = _overdue_job(ctx)
    assert _sent_to(sim, "qxt") == []
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=15000) as finished:
        window = make_window()
    (question,) = ctx.prompts.of("confirm")
    assert str(job) in question.text and question.extra["answer"] is True
    assert finished.args[0].job_id == job and finished.args[0].accepted == 3
    assert _sent_to(sim, "qxt") == sorted(NUMBERS)  # each exactly once
    assert window.scheduler is not None and not window.ctx.sends.running()


def test_overdue_job_declined_is_cancelled_and_never_sent(ctx, make_window, qtbot, sim):
    job = _overdue_job(ctx)
    ctx.prompts.confirm_answers.append(False)
    window = make_window()
    qtbot.waitUntil(lambda: _state(ctx, job) == "cancelled", timeout=5000)
    qtbot.waitUntil(lambda: window.scheduler.ticks >= 1, timeout=5000)
    assert _sent_to(sim, "qxt") == []


def test_interrupted_job_is_announced_with_a_signal_for_the_history_tab(ctx, make_window, qtbot):
    job = _create(ctx, "ipyy")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    db = ctx.db

    def crash() -> None:  # a runner that died mid-send
        with db.write() as c:
            c.execute("UPDATE jobs SET state='running', runner_pid=? WHERE id=?", (dead.pid, job))
            c.execute("UPDATE messages SET state='sending' WHERE job_id=? AND seq=1", (job,))

    in_worker(crash)
    ctx.prompts.choose_answers.append(2)  # 暂不处理
    with qtbot.waitSignal(ctx.changes.interrupted_jobs, timeout=10000) as sig:
        make_window()
    assert sig.args[0] == [job]
    qtbot.waitUntil(lambda: bool(ctx.prompts.of("choose")), timeout=5000)
    (notice,) = ctx.prompts.of("choose")
    assert str(job) in notice.text and "2 个号码待发送" in notice.text
    assert notice.extra["choices"] == [
        "继续发送（不重发结果未知的）(&S)",
        "继续并重发结果未知的号码(&R)…",
        "暂不处理",
    ]
    assert _state(ctx, job) == "interrupted"


def test_interrupted_job_resumed_from_the_start_up_notice(ctx, make_window, qtbot, sim):
    job = _create(ctx, "ipyy")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    db = ctx.db

    def crash() -> None:  # the runner died with recipient 1's request in flight
        with db.write() as c:
            c.execute("UPDATE jobs SET state='running', runner_pid=? WHERE id=?", (dead.pid, job))
            c.execute("UPDATE messages SET state='sending' WHERE job_id=? AND seq=1", (job,))

    in_worker(crash)
    ctx.prompts.choose_answers.append(0)  # 继续发送（不重发结果未知的）
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=15000) as finished:
        make_window()
    assert finished.args[0].job_id == job and finished.args[0].unknown == 1
    assert _sent_to(sim, "ipyy") == sorted(NUMBERS[1:])  # the unknown one was not resent
    assert _state(ctx, job) == "done"


def test_scheduler_pulls_delivery_reports_after_a_send(ctx, window, qtbot, sim):
    job = _create(ctx, "ipyy")
    engine = ctx.engine
    in_worker(lambda: engine.run_job(job))
    assert _reported(ctx, job) == 0
    window.scheduler.tick()  # (and the timer's ticks: the demo's poll interval is 5 s)
    qtbot.waitUntil(lambda: _reported(ctx, job) == 3, timeout=15000)


def test_demo_mode_reports_arrive_after_the_simulators_delay(
    qapp, qtbot, home, prompts, stall_guard
):
    """Own simulator (report delay), the scheduler pulling ipyy, the push receiver taking qxt."""
    from sms_desktop.ui.context import AppContext
    from sms_desktop.ui.main_window import MainWindow

    ctx = AppContext(home, prompts=prompts, demo=True, demo_report_delay=0.5)
    stall_guard.disarm()  # the first paint imports the tabs' modules, loads fonts and styles
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: w.ready, timeout=10000)
    stall_guard.arm()  # as the window fixture does
    assert ctx.sim is not None and ctx.sim.report_delay == 0.5
    assert ctx.receiver is not None
    jobs = {family: _create(ctx, family) for family in ("ipyy", "qxt")}
    engine = ctx.engine
    for job in jobs.values():
        in_worker(lambda job=job: engine.run_job(job))
    assert _reported(ctx, jobs["ipyy"]) == 0
    qtbot.waitUntil(lambda: all(_reported(ctx, j) == 3 for j in jobs.values()), timeout=20000)
    qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=5000)
    stall_guard.disarm()  # closing joins the pools and stops the simulator: by design
    w.close()
    assert ctx.receiver is None and ctx.ops.closed


def test_a_store_newer_than_the_program_is_a_dialog_and_nothing_opens(
    qtbot, qapp, home, prompts, stall_guard, clean_log
):
    """``--store`` names a database set up by a newer program: the start-up op refuses it with a
    dialog in the user's words, the window never becomes ready, and the file is left as it was."""
    from sms_desktop.core.store import SqliteDatabase
    from sms_desktop.core.store.schema import MIGRATIONS
    from sms_desktop.ui.context import AppContext
    from sms_desktop.ui.main_window import MainWindow

    path = home / "office.sqlite3"

    def made_by_a_newer_program() -> None:
        db = SqliteDatabase(path)
        db.read().execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
        db.close()

    in_worker(made_by_a_newer_program)
    before = path.read_bytes()
    ctx = AppContext(home, prompts=prompts, store=f"sqlite:///{path.as_posix().lstrip('/')}")
    stall_guard.disarm()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=10000)
    text = prompts.errors[0].text
    assert "更新版本" in text and f"数据库版本 {len(MIGRATIONS) + 1}" in text
    assert not w.ready and path.read_bytes() == before
    for records in clean_log:  # the refusal is logged as the start-up's failure, on purpose
        records.records.clear()
    ctx.close()


def test_the_window_opens_an_office_store_given_with_store(
    qtbot, qapp, home, prompts, stall_guard, pg_url
):
    """``--store postgresql://…``: the start-up op opens the office server (off the GUI thread),
    migrated and ready, and the window works on it."""
    from sms_desktop.core.contacts import repository
    from sms_desktop.ui.context import AppContext
    from sms_desktop.ui.main_window import MainWindow

    ctx = AppContext(home, prompts=prompts, store=pg_url)
    stall_guard.disarm()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: w.ready, timeout=15000)
    db = ctx.db
    assert db.dialect.postgresql and db.location == pg_url
    in_worker(lambda: repository.add_contact(db, "客户", "13800138000", "张三"))
    assert in_worker(lambda: repository.count_contacts(db)) == 1
    assert prompts.errors == []
    w.close()
    ctx.close()
