"""The window starts in demo mode with the right tabs; the start-up op ran off the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTabWidget

from sms_desktop.ui.interaction import FakePrompts


def _tab_names(w) -> list[str]:
    tabs = w.findChild(QTabWidget, "mainTabs")
    return [tabs.widget(i).objectName() for i in range(tabs.count())]


def test_window_has_the_tabs_and_names(window):
    assert window.objectName() == "MainWindow"
    assert "演示" in window.windowTitle() and "Demo" in window.windowTitle()
    assert _tab_names(window) == ["composePage", "historyPage", "balancePage"]
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["发送", "发送记录", "余额"]
    # 通讯录 / 收件箱 come with part 2: no empty placeholders
    assert window.findChild(QTabWidget, "contactsPage") is None
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
        ["--demo", "--home", str(home)], prompts=prompts
    )
    assert rc == 0
    assert "演示" in str(seen["title"])
    assert seen["tabs"] == ["composePage", "historyPage", "balancePage"]
    assert str(seen["startup_thread"]).startswith("op-io")
    assert seen["startup_thread"] != threading.main_thread().name
    assert seen["shown_before_ready"] is True
    assert seen["secrets"] is True  # demo passwords in the demo home, not the keyring
    assert (home / "logs" / "sms-desktop.log").exists()
    assert (home / "settings.ini").exists()
    assert prompts.errors == []


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
    done: list[int] = []
    Op(window, lambda: 1, ops=window.ctx.ops).on_success(done.append).run()
    qtbot.waitUntil(lambda: done == [1])
    qtbot.wait(350)
    assert label.text() == ""  # a quick op never flashed it
    gate = threading.Event()
    Op(window, lambda: gate.wait(5), ops=window.ctx.ops).on_success(done.append).run()
    qtbot.waitUntil(lambda: label.text() == "正在处理…", timeout=2000)
    gate.set()
    qtbot.waitUntil(lambda: label.text() == "" and len(done) == 2)
