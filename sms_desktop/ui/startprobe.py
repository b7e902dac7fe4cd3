"""For start-up benchmarks of frozen builds only.

``SMS_DESKTOP_FIRST_PAINT=FILE`` makes the main window write ``time.time()`` at its first paint to
FILE and end the process there. ``bench/bench_frozen_start.py`` times the frozen programs with it
(a frozen exe cannot be patched the way ``bench/bench_gui_start.py`` patches the source). Without
the variable nothing is installed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

ENV = "SMS_DESKTOP_FIRST_PAINT"


class FirstPaintProbe(QObject):
    def __init__(self, path: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.path = path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            Path(self.path).write_text(repr(time.time()), encoding="utf-8")
            os._exit(0)
        return False


def install_first_paint_probe(window: QWidget) -> None:
    path = os.environ.get(ENV)
    if path:
        window.installEventFilter(FirstPaintProbe(path, window))
