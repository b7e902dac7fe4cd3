"""What the window does before its first paint (the cold-start target, bench/bench_gui_start.py).

A fresh process starts the application as ``sms-desktop --home DIR`` does and reports, at the
main window's first paint: whether Qt's ``Qt`` namespace was built (its first use builds all 94
enums, about 30 ms, a fifth of a bare window's start), which modules were imported, and which
threads run. The start-up op (a worker importing the core) and the log file come after.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import enum, json, os, sys, threading
built = []
_call = enum.EnumType.__call__
def call(cls, value, names=None, *a, **k):
    if names is not None:
        built.append(value)
        return _call(cls, value, names, *a, **k)
    return _call(cls, value, *a, **k)
enum.EnumType.__call__ = call
from sms_desktop.ui import main_window
def first_paint(self, event):
    print(json.dumps({
        "qt_namespace": "GlobalColor" in built,
        "modules": sorted(sys.modules),
        "threads": [t.name for t in threading.enumerate()],
    }), flush=True)
    os._exit(0)
main_window.MainWindow.paintEvent = first_paint
from sms_desktop.ui.app import main
main(sys.argv[1:])
"""


def test_the_first_paint_comes_before_the_core_the_log_and_the_qt_namespace(tmp_path: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMS_DESKTOP_NO_KEYRING="1")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "--home", str(tmp_path / "home")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert lines, out.stderr[-3000:]
    at_paint = json.loads(lines[-1])
    assert at_paint["qt_namespace"] is False
    modules = set(at_paint["modules"])
    for late in (
        "logging.handlers",  # the log file
        "sms_desktop.core.engine",  # the start-up op's imports
        "sms_desktop.core.contacts",
        "requests",
        "concurrent.futures",  # no op has started
    ):
        assert late not in modules, late
    assert [t for t in at_paint["threads"] if t.startswith("op-")] == []


PROBE_THREAD = r"""
import enum, json, sys, threading
built = []
_call = enum.EnumType.__call__
def call(cls, value, names=None, *a, **k):
    if names is not None:
        built.append((value, threading.current_thread().name))
    return _call(cls, value, names, *a, **k) if names is not None else _call(cls, value, *a, **k)
enum.EnumType.__call__ = call
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from sms_desktop.ui.interaction import QtPrompts
from sms_desktop.ui.ops import Op, Ops
ops = Ops(QtPrompts())
def work():  # as the start-up op warms the tabs' modules
    import sms_desktop.ui.tabs.contacts
def done(_):
    print(json.dumps({"built_in": [t for v, t in built if v == "GlobalColor"]}), flush=True)
    app.quit()
Op(None, work, ops=ops).in_pool("io").on_success(done).run()
app.exec()
"""


def test_the_qt_namespace_is_built_on_the_gui_thread_before_any_worker_runs(stall_guard):
    """PySide builds the ``Qt`` namespace at its first import, not atomically: built by the
    start-up op's worker (importing the tabs' modules) while the GUI thread used it, it left the
    GUI thread without ``Qt.CursorShape`` (an AttributeError in the window, now and then). The
    first op builds it on the GUI thread before its worker starts."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMS_DESKTOP_NO_KEYRING="1")
    with stall_guard.paused():  # this process only waits for the other
        out = subprocess.run(
            [sys.executable, "-c", PROBE_THREAD],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
            check=False,
        )
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert lines, out.stderr[-3000:]
    # built once, by the GUI thread, before the first op's worker could touch it
    assert json.loads(lines[-1])["built_in"] == ["MainThread"]
