"""The window beside a live sender service on the same store: the service's duties are left to
it (held jobs, pulls, push receivers) and taken over once it stops; 由服务器发送 in the
confirmation hands a job to it. The service here is the core's, started on its own connection
to the store and not ticking, so that whatever is sent was sent by the window."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from uihelpers import in_worker

from sms_desktop.core.contacts.recipients import Recipient
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.demo import account_name

NUMBERS = ["13800138000", "13912345678", "15023239810"]
QXT = account_name("qxt")


@pytest.fixture
def service(ctx):
    """A live sender service on the window's store (its heartbeat runs; it does no duty here).
    ``service.stop()`` stops it cleanly; it is stopped at the end in any case."""
    from sms_desktop.core.service import Service
    from sms_desktop.core.session import open_core

    core = in_worker(lambda: open_core(ctx.home))
    svc = Service(core, heartbeat=0.5)
    in_worker(svc.start)
    yield svc
    in_worker(svc.stop)
    in_worker(core.close)


def _state(ctx, job_id: int) -> str:
    db = ctx.db
    return in_worker(
        lambda: db.read().execute("SELECT state FROM jobs WHERE id=?", (job_id,)).fetchone()[0]
    )


def _due_held_job(ctx) -> int:
    """A qxt job held locally (qxt holds schedules) whose time has just come."""
    engine, db = ctx.engine, ctx.db
    spec = JobSpec(
        account=QXT,
        text="周六全场八折",
        recipients=[Recipient(p) for p in NUMBERS],
        send_at=datetime.now() + timedelta(hours=1),
    )
    job = in_worker(lambda: engine.create_job(spec))
    now = (datetime.now() - timedelta(seconds=5)).strftime("%Y-%m-%d %H:%M:%S")

    def due_now() -> None:
        with db.write() as c:
            c.execute("UPDATE jobs SET send_at=? WHERE id=?", (now, job))

    in_worker(due_now)
    assert _state(ctx, job) == "held"
    return job


def _sent_to(sim, family: str) -> list[str]:
    return sorted(m.phone for m in sim.account(family, "demo").sent)


def test_the_window_leaves_a_held_job_to_a_live_service_and_takes_over_when_it_stops(
    ctx, service, make_window, qtbot, sim
):
    window = make_window()
    scheduler = window.scheduler
    qtbot.waitUntil(lambda: scheduler.service is not None, timeout=10000)
    assert scheduler.service.pid == service.pid and scheduler.leaves_held_jobs
    job = _due_held_job(ctx)
    seen = scheduler.ticks
    qtbot.waitUntil(lambda: scheduler.ticks >= seen + 3, timeout=20000)
    assert _state(ctx, job) == "held" and not ctx.sends.running()
    assert _sent_to(sim, "qxt") == []
    # the service stops cleanly: the window's next tick sends the job, each number once
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=20000) as finished:
        in_worker(service.stop)
    assert finished.args[0].job_id == job and finished.args[0].accepted == 3
    assert scheduler.service is None and not scheduler.leaves_held_jobs
    assert _sent_to(sim, "qxt") == sorted(NUMBERS)


def test_the_push_receivers_follow_the_service(ctx, make_window, qtbot):
    """Switched on, the window runs the receiver; while a service runs the receivers the
    window's stops, and it starts again when the service has gone."""
    from sms_desktop.core import push_config
    from sms_desktop.core.service import Service
    from sms_desktop.core.session import open_core

    cfg = push_config.PushConfig(QXT, True, "127.0.0.1", 0)
    in_worker(lambda: push_config.write(ctx.db, cfg))
    window = make_window()
    qtbot.waitUntil(lambda: QXT in ctx.push_receivers, timeout=10000)
    first = ctx.push_receivers[QXT]
    core = in_worker(lambda: open_core(ctx.home))
    svc = Service(core, heartbeat=0.5)
    try:
        in_worker(svc.start)
        assert QXT in svc.push.running  # the service's own receiver (port 0: another port)
        qtbot.waitUntil(lambda: window.push.by_service and not ctx.push_receivers, timeout=10000)
        qtbot.waitUntil(lambda: not first.running, timeout=5000)
    finally:
        in_worker(svc.stop)
        in_worker(core.close)
    qtbot.waitUntil(lambda: QXT in ctx.push_receivers, timeout=10000)
    assert ctx.push_receivers[QXT].running and not window.push.by_service


def test_push_settings_of_an_older_version_move_into_the_store(ctx, make_window, qtbot):
    from sms_desktop.core import push_config

    group = "push/" + QXT.encode("utf-8").hex()
    ctx.settings.setValue(group + "/enabled", "true")
    ctx.settings.setValue(group + "/host", "127.0.0.1")
    ctx.settings.setValue(group + "/port", 0)
    ctx.settings.sync()
    make_window()
    qtbot.waitUntil(lambda: QXT in ctx.push_receivers, timeout=10000)
    moved = in_worker(lambda: push_config.read(ctx.db, QXT))
    assert moved == push_config.PushConfig(QXT, True, "127.0.0.1", 0)
    assert "push" not in ctx.settings.childGroups()


def _confirm(window, qtbot, numbers: list[str]):
    """发送 with these numbers and a text, Send pressed: the confirmation."""
    page = window.page("composePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
    tab.select_account(account_name("ipyy"))
    tab.recipients.edit.setPlainText("\n".join(numbers))
    tab.editor.edit.insertPlainText("周六全场八折")
    qtbot.waitUntil(lambda: not tab._estimate_timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)
    tab.send()
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    return tab, tab.confirm_dialog


def test_sent_by_the_server_from_the_confirmation(ctx, service, window, qtbot, sim):
    """由服务器发送 shows while a service runs; ticked, the job is the service's: stored, not
    sent by the window."""
    tab, dialog = _confirm(window, qtbot, NUMBERS)
    box = dialog.findChild(object, "confirmByServer")
    assert box is not None and box.isVisible() and not box.isChecked()
    box.setChecked(True)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    # the job is stored (the views hear of it through the change feed, without its id)
    qtbot.waitUntil(lambda: "交给发送服务" in tab.progress.state_label.text(), timeout=10000)
    (summary,) = in_worker(lambda: ctx.engine.jobs())
    job = summary.job_id
    assert summary.by_server and summary.state == "queued" and summary.queued == 3
    seen = window.scheduler.ticks
    qtbot.waitUntil(lambda: window.scheduler.ticks >= seen + 2, timeout=15000)
    assert _state(ctx, job) == "queued" and _sent_to(sim, "ipyy") == []


def test_no_server_choice_without_a_service(window, qtbot):
    _tab, dialog = _confirm(window, qtbot, NUMBERS[:1])
    assert dialog.findChild(object, "confirmByServer") is None
    dialog.reject()


def test_resuming_a_job_of_the_service_in_the_window_hands_it_back(ctx, window, qtbot, sim):
    """继续发送 in 发送记录 on an interrupted job of the service: queued for the service again,
    not sent by the window, and said so (not "发送完成")."""
    engine, db = ctx.engine, ctx.db
    spec = JobSpec(account_name("ipyy"), "周六全场八折", NUMBERS, by_server=True)
    job = in_worker(lambda: engine.create_job(spec))

    def interrupted() -> None:
        with db.write() as c:
            c.execute("UPDATE jobs SET state='interrupted' WHERE id=?", (job,))

    in_worker(interrupted)
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=10000) as finished:
        ctx.runs.resume(job)
    assert finished.args[0].state == "queued" and finished.args[0].by_server
    assert _state(ctx, job) == "queued" and _sent_to(sim, "ipyy") == []
    [notice] = [n for n in ctx.prompts.of("notify") if n.title == "已交给服务器"]
    assert str(job) in notice.text
    assert not [n for n in ctx.prompts.of("notify") if n.title == "发送完成"]
