"""The demo as a new user meets it: the window's demo mode (its own simulator) shows the sample
contacts in 通讯录, opens file dialogs in the demo folder, and its gateway answers some messages
by itself, one with an opt-out; with no display the program says how to run it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from uihelpers import in_worker

from sms_desktop.core.contacts import blacklist_contains
from sms_desktop.core.contacts.recipients import recipients_from_group
from sms_desktop.core.engine import JobSpec
from sms_desktop.demo import CONTACTS_FILE, CONTACTS_GROUP, DEMO_REPLIES, account_name


def _demo_window(qtbot, home, prompts, stall_guard):
    from sms_desktop.ui.context import AppContext
    from sms_desktop.ui.main_window import MainWindow

    ctx = AppContext(home, prompts=prompts, demo=True, demo_report_delay=0.2)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    stall_guard.disarm()  # the first paint
    w.show()
    w.start()
    qtbot.waitUntil(lambda: w.ready, timeout=10000)
    stall_guard.arm()
    return ctx, w


def _close(w, ctx, qtbot, stall_guard) -> None:
    qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=10000)
    stall_guard.disarm()  # closing joins the pools and stops the simulator
    w.close()


def test_the_demo_shows_its_contacts_and_opens_files_in_its_folder(
    qapp, qtbot, home, prompts, stall_guard
):
    ctx, w = _demo_window(qtbot, home, prompts, stall_guard)
    try:
        w.tabs.setCurrentWidget(w.page("contactsPage"))
        tab = w.page("contactsPage").build()
        # the sample file's five valid contacts (its invalid and duplicate rows are left out)
        qtbot.waitUntil(lambda: tab.model.rowCount() == 5, timeout=10000)
        db = ctx.db
        names = in_worker(lambda: sorted(r.name for r in recipients_from_group(db, CONTACTS_GROUP)))
        assert names == sorted(["张伟", "王芳", "李娜", "刘洋", "陈静"])
        # the file dialog of 发送 starts in the demo folder, where the sample file is
        w.tabs.setCurrentWidget(w.page("composePage"))
        compose = w.page("composePage").build()
        compose.choose_file()
        start = prompts.of("open_file")[-1].extra["start"]
        assert start == str(home) and (home / CONTACTS_FILE).is_file()
        assert prompts.start_path("导出.xlsx") == str(home / "导出.xlsx")
    finally:
        _close(w, ctx, qtbot, stall_guard)


def test_the_demo_gateway_replies_by_itself_and_an_opt_out_is_blacklisted(
    qapp, qtbot, home, prompts, stall_guard
):
    ctx, w = _demo_window(qtbot, home, prompts, stall_guard)
    try:
        engine, db = ctx.engine, ctx.db
        spec = JobSpec(
            account=account_name("ipyy"),
            text="{姓名}您好，周六全场八折。回复TD退订",
            recipients=in_worker(lambda: recipients_from_group(db, CONTACTS_GROUP)),
        )
        in_worker(lambda: engine.run_job(engine.create_job(spec)))
        w.tabs.setCurrentWidget(w.page("inboxPage"))
        inbox = w.page("inboxPage").build()
        deadline = time.monotonic() + 20
        while inbox.model.rowCount() < len(DEMO_REPLIES) and time.monotonic() < deadline:
            n = w.scheduler.syncs
            w.sync_now()  # the scheduler pulls every few seconds anyway
            qtbot.waitUntil(lambda n=n: w.scheduler.syncs > n, timeout=15000)
            qtbot.wait(300)
        qtbot.waitUntil(lambda: inbox.model.rowCount() == len(DEMO_REPLIES), timeout=5000)
        model = inbox.model
        for r in range(model.rowCount()):
            model.row_at(r)
        qtbot.waitUntil(lambda: all(model.row_at(r) for r in range(2)), timeout=5000)
        got = {model.row_at(r)["phone"]: model.row_at(r)["content"] for r in range(2)}
        assert got == DEMO_REPLIES
        opted_out = next(p for p, t in DEMO_REPLIES.items() if t == "退订")
        assert in_worker(lambda: blacklist_contains(db, opted_out))
    finally:
        _close(w, ctx, qtbot, stall_guard)


def test_with_no_display_the_program_says_how_to_run_it(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "SMS_DESKTOP_LAUNCHER")
    }
    p = subprocess.run(
        [sys.executable, "-m", "sms_desktop", "--demo", "--home", str(tmp_path / "h")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert p.returncode == 2, p.stderr
    assert "xvfb-run -a sms-desktop --demo" in p.stderr
    assert "QT_QPA_PLATFORM=offscreen sms-desktop --demo" in p.stderr
    assert "could not connect to display" not in p.stderr and "Aborted" not in p.stderr
    # .ci/demo names itself
    env["SMS_DESKTOP_LAUNCHER"] = "bash .ci/demo"
    p = subprocess.run(
        [sys.executable, "-m", "sms_desktop", "--demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert p.returncode == 2 and "xvfb-run -a bash .ci/demo" in p.stderr


def test_with_no_display_a_program_started_by_its_path_is_named_by_it(tmp_path):
    """A virtualenv that is not activated: the hint named ``sms-desktop``, which is not on PATH;
    it names the program as it was started, so the line can be pasted back."""
    program = Path(sys.executable).parent / (
        "sms-desktop.exe" if os.name == "nt" else "sms-desktop"
    )
    if not program.exists():
        pytest.skip("the sms-desktop script is not installed beside this Python")
    path = [d for d in os.environ.get("PATH", "").split(os.pathsep) if Path(d) != program.parent]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "SMS_DESKTOP_LAUNCHER")
    }
    env["PATH"] = os.pathsep.join(path)
    p = subprocess.run(
        [str(program), "--lang", "en", "--home", str(tmp_path / "h")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert p.returncode == 2, p.stderr
    assert f"xvfb-run -a {program} --lang en" in p.stderr, p.stderr
