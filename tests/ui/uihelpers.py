"""Helpers for the GUI tests (imported by name: tests/ui is on sys.path)."""

from __future__ import annotations

import threading


def in_worker(fn):
    """Run ``fn`` in a plain worker thread and return its result (set-up code only)."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:
            box["error"] = exc

    t = threading.Thread(target=run, name="test-setup")
    t.start()
    t.join(60)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("result")
