"""One window per data folder: a second start brings the running window to the front.

The first start holds a :class:`QLockFile` in the home folder (a lock left by a crashed process
is stale: Qt checks its process id). A second start with the same home cannot take the lock; it
writes a line to ``instance.activate`` in the home, which the first one watches, and exits. Only
QtCore is needed (no QtNetwork in the bundle). Demo and self-test runs have their own
throw-away homes, so they never meet a running window.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, Signal, Slot

log = logging.getLogger(__name__)

LOCK_FILE = "instance.lock"
PING_FILE = "instance.activate"


class SingleInstance(QObject):
    activated = Signal()  # a second start asked this one to show its window

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = Path(home)
        self._lock = QLockFile(str(self.home / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, however old
        self._ping = self.home / PING_FILE
        self._watcher: QFileSystemWatcher | None = None

    def acquire(self, timeout_ms: int = 300) -> bool:
        """True if this is the first instance (it then listens for later starts)."""
        if not self._lock.tryLock(timeout_ms):
            return False
        self._ping.write_text("", encoding="utf-8")
        self._watcher = QFileSystemWatcher([str(self._ping)], self)
        self._watcher.fileChanged.connect(self._pinged)
        return True

    def ask_first_to_show(self) -> None:
        """From the second instance: let the first take the foreground, and ask it to show."""
        if sys.platform == "win32":  # the foreground right is ours (the user just started us)
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
        with self._ping.open("a", encoding="utf-8") as f:  # appended in place: still watched
            f.write(f"{os.getpid()} {time.time():.3f}\n")

    @Slot(str)
    def _pinged(self, path: str) -> None:
        # replaced rather than appended to: watch the new file
        if self._watcher is not None and path not in self._watcher.files() and Path(path).exists():
            self._watcher.addPath(path)
        if Path(path).exists() and Path(path).stat().st_size:
            log.info("a second start asked for the window")
            self.activated.emit()

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.removePaths(self._watcher.files())
            self._watcher = None
        if self._lock.isLocked():
            self._lock.unlock()
