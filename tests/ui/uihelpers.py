"""Helpers for the GUI tests (imported by name: tests/ui is on sys.path)."""

from __future__ import annotations

import threading
import time


def in_worker(fn, timeout: float = 60.0):
    """Run ``fn`` (database set-up or checks) in a plain worker thread and return its result.

    The GUI thread keeps processing events while it waits, as the application's would: test code
    does not block it (the stall guard would rightly fail the test).
    """
    from PySide6.QtCore import QCoreApplication

    box: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="test-setup").start()
    deadline = time.monotonic() + timeout
    app = QCoreApplication.instance()
    while not done.wait(0.005):
        if app is not None:
            app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("in_worker: the function did not finish in time")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("result")
