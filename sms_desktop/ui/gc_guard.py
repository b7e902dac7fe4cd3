"""Python's garbage collector runs on the GUI thread only (the pyqtgraph pattern).

Automatic collection runs in whichever thread allocates and holds the GIL: during a 100k send it
stalled the GUI for up to 120 ms, and it can destroy ``QObject``s on worker threads. So
:class:`GcGuard` disables it and collects from a main-thread timer instead: the young generations
when their thresholds are passed, a full collection only while no op is in flight.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

log = logging.getLogger(__name__)


class GcGuard(QObject):
    def __init__(
        self,
        busy: Callable[[], int] = lambda: 0,
        interval_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._busy = busy
        self._was_enabled = gc.isenabled()
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self.collections = [0, 0, 0]
        self._frozen = False

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self._was_enabled:
            gc.enable()

    def freeze(self) -> None:
        """After start-up: move what exists to the permanent generation (never scanned)."""
        gc.collect()
        gc.freeze()
        self._frozen = True

    @Slot()
    def check(self) -> None:
        l0, l1, l2 = self._threshold
        c0, c1, c2 = gc.get_count()
        gen = -1
        if c0 > l0:
            gen = 0
            if c1 > l1:
                gen = 1
                if c2 > l2 and not self._busy():
                    gen = 2
        if gen >= 0:
            gc.collect(gen)
            self.collections[gen] += 1
