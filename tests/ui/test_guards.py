"""Guards that protect the whole GUI suite."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_leak_none_references(qapp):
    """PySide6 6.12.0 on CPython 3.11 drops None's refcount on every void call (then aborts)."""
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(10_000):
        label.setText(str(i & 7))
    after = sys.getrefcount(None)
    assert after >= before, f"None lost {before - after} references in 10,000 void Qt calls"
    assert label.text() == str(9_999 & 7)


def test_the_db_guard_fails_a_connection_on_the_gui_thread(home, no_db_on_gui_thread):
    import pytest

    from sms_desktop.core.store import open_database

    with pytest.raises(AssertionError, match="GUI thread"):
        open_database(home)
    assert len(no_db_on_gui_thread) == 1
    no_db_on_gui_thread.clear()  # expected here: do not fail this test at teardown


def test_the_stall_guard_sees_a_blocked_gui_thread(qtbot, stall_guard):
    import time

    qtbot.wait(30)
    time.sleep(0.3)  # block the GUI thread on purpose
    qtbot.wait(30)
    assert stall_guard.worst > 0.25
    stall_guard.worst = 0.0  # expected here: do not fail this test at teardown


def test_the_stall_guard_sees_a_busy_gui_thread(qtbot, stall_guard):
    import time

    qtbot.wait(30)
    end = time.perf_counter() + 0.35
    n = 0
    while time.perf_counter() < end:  # compute on the GUI thread (holds the GIL)
        n += 1
    qtbot.wait(30)
    assert n > 0 and stall_guard.worst > 0.25
    stall_guard.worst = 0.0  # expected here: do not fail this test at teardown
