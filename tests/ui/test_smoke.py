"""The window starts in demo mode with the right tabs; the start-up op ran off the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTabWidget

from sms_desktop.ui.interaction import FakePrompts


def _tab_names(w) -> list[str]:
    tabs = w.findChild(QTabWidget, "mainTabs")
    return [tabs.widget(i).objectName() for i in range(tabs.count())]


def test_window_has_the_tabs_and_names(window):
    assert window.objectName() == "MainWindow"
    assert window.windowTitle() == "演示模式 — 短信群发助手"
    names = [
        "composePage",
        "contactsPage",
        "historyPage",
        "inboxPage",
        "balancePage",
        "statsPage",
        "automationPage",
    ]
    assert _tab_names(window) == names
    tabs = window.findChild(QTabWidget, "mainTabs")
    texts = [tabs.tabText(i) for i in range(tabs.count())]
    # the inbox tab carries its unread count: 收件箱 or 收件箱 (N)
    assert [t.split(" (")[0] for t in texts] == [
        "发送",
        "通讯录",
        "发送记录",
        "收件箱",
        "余额",
        "统计",
        "自动化",
    ]
    assert window.ctx.startup is not None
    assert window.ctx.startup.thread.startswith("op-io")


def test_tabs_are_built_lazily(window, qtbot):
    pages = window.pages
    assert pages["composePage"].tab is not None  # the current one, shown at start
    assert pages["balancePage"].tab is None
    window.tabs.setCurrentWidget(pages["balancePage"])
    qtbot.waitUntil(lambda: pages["balancePage"].tab is not None)


def test_main_starts_the_demo_and_exits_cleanly(tmp_path, qapp, qtbot, stall_guard):
    """``main(argv)`` reuses the QApplication, shows the window, runs the start-up op off the
    GUI thread, and returns when the window closes; the demo leaves its passwords in its home."""
    seen: dict[str, object] = {}
    prompts = FakePrompts()
    home = tmp_path / "demo-home"

    def poll() -> None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "MainWindow" and getattr(w, "ready", False):
                seen["title"] = w.windowTitle()
                seen["tabs"] = _tab_names(w)
                seen["startup_thread"] = w.ctx.startup.thread
                seen["shown_before_ready"] = w.property("shownBeforeReady")
                seen["secrets"] = (home / "secrets.json").exists()
                w.close()
                return
        QTimer.singleShot(20, poll)

    stall_guard.disarm()  # a whole start-up, first paint included
    QTimer.singleShot(0, poll)
    rc = __import__("sms_desktop.ui.app", fromlist=["main"]).main(
        ["--demo", "--home", str(home), "--lang", "zh_CN"], prompts=prompts
    )
    assert rc == 0
    assert "演示" in str(seen["title"])
    assert seen["tabs"] == [
        "composePage",
        "contactsPage",
        "historyPage",
        "inboxPage",
        "balancePage",
        "statsPage",
        "automationPage",
    ]
    assert str(seen["startup_thread"]).startswith("op-io")
    assert seen["startup_thread"] != threading.main_thread().name
    assert seen["shown_before_ready"] is True
    assert seen["secrets"] is True  # demo passwords in the demo home, not the keyring
    assert (home / "logs" / "sms-desktop.log").exists()
    assert (home / "settings.ini").exists()
    assert prompts.errors == []


def test_the_demo_keeps_to_its_own_file_when_an_office_store_is_configured(
    tmp_path, qapp, stall_guard, monkeypatch, pg_url
):
    """``--demo`` on a PC whose office server is configured (SMS_DESKTOP_STORE): the demo's
    accounts, sample contacts and sends go to the demo's own SQLite file; the office database
    gets nothing."""
    import sqlite3

    import psycopg

    from sms_desktop.core.store.db import DB_FILE

    monkeypatch.setenv("SMS_DESKTOP_STORE", pg_url)
    seen: dict[str, object] = {}
    home = tmp_path / "demo-home"

    def poll() -> None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "MainWindow" and getattr(w, "ready", False):
                seen["engine"] = w.ctx.db.dialect.name
                w.close()
                return
        QTimer.singleShot(20, poll)

    stall_guard.disarm()  # a whole start-up, first paint included
    QTimer.singleShot(0, poll)
    rc = __import__("sms_desktop.ui.app", fromlist=["main"]).main(
        ["--demo", "--home", str(home), "--lang", "zh_CN"], prompts=FakePrompts()
    )
    assert rc == 0
    assert seen["engine"] == "sqlite"
    with sqlite3.connect(home / DB_FILE) as c:  # the demo's four families, in its own file
        assert c.execute("SELECT COUNT(*) FROM accounts").fetchone()[0] == 4
    with psycopg.connect(pg_url) as c:
        for table in ("accounts", "contacts", "groups", "jobs"):
            assert c.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table


def test_ctrl_c_in_the_terminal_closes_the_window_cleanly(tmp_path, qapp, stall_guard):
    import os
    import signal

    prompts = FakePrompts()
    home = tmp_path / "h"
    closed: list[bool] = []

    def poll() -> None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "MainWindow" and getattr(w, "ready", False):
                w.destroyed.connect(lambda: closed.append(True))
                os.kill(os.getpid(), signal.SIGINT)
                return
        QTimer.singleShot(20, poll)

    stall_guard.disarm()
    before = signal.getsignal(signal.SIGINT)
    QTimer.singleShot(0, poll)
    rc = __import__("sms_desktop.ui.app", fromlist=["main"]).main(
        ["--home", str(home)], prompts=prompts
    )
    assert rc == 0
    assert signal.getsignal(signal.SIGINT) is before
    assert prompts.errors == []


def test_busy_indicator_shows_only_for_ops_that_last(window, qtbot):
    import threading

    from sms_desktop.ui.ops import Op

    label = window.busy_label
    central = window.centralWidget().geometry()
    done: list[int] = []
    Op(window, lambda: 1, ops=window.ctx.ops).on_success(done.append).run()
    qtbot.waitUntil(lambda: done == [1])
    qtbot.wait(350)
    assert label.text() == ""  # a quick op never flashed it
    gate = threading.Event()
    Op(window, lambda: gate.wait(5), ops=window.ctx.ops).on_success(done.append).run()
    qtbot.waitUntil(lambda: label.text() == "正在处理…", timeout=2000)
    qtbot.wait(20)  # a layout change would have happened by now
    # the window is not re-laid out (and repainted whole) when the indicator shows or hides
    assert window.centralWidget().geometry() == central
    gate.set()
    qtbot.waitUntil(lambda: label.text() == "" and len(done) == 2)
    qtbot.wait(20)
    assert window.centralWidget().geometry() == central


@pytest.mark.parametrize(
    ("own_home", "sig"),
    [(True, "SIGINT"), (False, "SIGINT"), (False, "SIGTERM")],
    ids=["--home", "throw-away home", "SIGTERM"],
)
def test_python_m_sms_desktop_starts_the_demo_and_stops_on_ctrl_c(
    tmp_path, own_home, sig, stall_guard
):
    """The real entry point in its own process: the window opens, the demo is set up, Ctrl+C
    (or SIGTERM) closes it cleanly (exit code 0); a throw-away demo home is deleted at exit."""
    stall_guard.disarm()  # this test's thread waits on a child process; the GUI is the child's
    import os
    import signal
    import subprocess
    import sys
    import time

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMS_DESKTOP_NO_KEYRING="1", TMPDIR=str(tmp))
    env.pop("SMS_DESKTOP_HOME", None)
    args = [sys.executable, "-m", "sms_desktop", "--demo"]
    if own_home:
        args += ["--home", str(tmp_path / "demo")]

    def demo_home():
        if own_home:
            return tmp_path / "demo"
        made = sorted(tmp.glob("sms-desktop-demo-*"))
        return made[0] if made else None

    p = subprocess.Popen(
        args,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl+C reaches it as in a terminal, even when this suite runs in the background
        # (`&`, nohup), which starts children with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    try:
        while True:  # the start-up op has set the demo accounts up, and the log is open
            home = demo_home()
            log = home / "logs" / "sms-desktop.log" if home else None
            if home and (home / "secrets.json").exists() and log and log.exists():
                break
            assert p.poll() is None, p.communicate()[1]
            assert time.monotonic() < deadline, "the demo did not start"
            time.sleep(0.1)  # a plain process wait: no Qt in this test's thread
        while "starting" not in (text := log.read_text(encoding="utf-8")):
            assert time.monotonic() < deadline, "the demo never logged its start"
            time.sleep(0.1)  # a plain process wait, as above
        p.send_signal(getattr(signal, sig))
        _out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 0, err
    assert "starting" in text and "Traceback" not in err
    if own_home:
        assert "stopped" in log.read_text(encoding="utf-8")
        assert (home / "演示通讯录.csv").exists()  # --home given: kept
    else:
        assert list(tmp.glob("sms-desktop-demo-*")) == []  # nothing left behind
