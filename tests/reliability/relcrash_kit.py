"""Shared by the crash tests (tests/reliability/test_rel_crash_*.py): SIGKILL at a chosen point,
and read the store as a SIGKILL left it (a plain sqlite3 connection, nothing settled first)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DB_NAME = "sms_desktop.sqlite3"


def kill_when(
    proc: subprocess.Popen, ready: Callable[[], bool], *, extra: float = 0.0, timeout: float = 60
) -> bool:
    """SIGKILL ``proc`` once ``ready()`` holds (then ``extra`` seconds later).

    Returns True when it was killed, False when it had ended by itself first.
    """
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            return False
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise AssertionError("the process never reached the kill point")
        time.sleep(0.005)
    if extra:
        time.sleep(extra)
    if proc.poll() is not None:
        return False
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return True


def rows(home: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Committed rows, through a connection of our own (what a SIGKILL left on disk)."""
    conn = sqlite3.connect(Path(home) / DB_NAME, timeout=30)
    try:
        return list(conn.execute(sql, args).fetchall())
    finally:
        conn.close()


def figures(**values: Any) -> str:
    """One line of figures for the test log (``-s`` shows it; docs/reliability.md quotes it)."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return "FIGURES " + " ".join(f"{k}={v}" for k, v in values.items()) + f" load={load:.2f}"
