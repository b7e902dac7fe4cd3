"""The GUI-thread stall probe the GUI benchmarks share: a timer on the GUI thread whose gaps
between ticks, per phase, are the stalls a user would feel."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Slot


class Ticks(QObject):
    """Ticks every ``interval`` ms; ``gaps[phase]`` lists the seconds between ticks."""

    def __init__(self, interval: int = 10) -> None:
        super().__init__()
        self.phase = "setup"
        self.gaps: dict[str, list[float]] = {}
        self._last: float | None = None
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @Slot()
    def tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.setdefault(self.phase, []).append(now - self._last)
        self._last = now

    def enter(self, phase: str) -> None:
        self.phase = phase
        self._last = None
