"""A search box that waits for a pause in typing (debounce) before announcing its text."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

SEARCH_DELAY_MS = 150  # the pause in typing that starts a search


class SearchLine(QLineEdit):
    """``search(text)`` is emitted once typing pauses for :data:`SEARCH_DELAY_MS` (at once on
    Enter or when cleared). The receiver runs the query in a tokened op: only the newest result
    is shown."""

    search = Signal(str)

    def __init__(self, parent: QWidget | None = None, delay_ms: int = SEARCH_DELAY_MS) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.fire)
        self.textEdited.connect(self._edited)
        self.returnPressed.connect(self.fire)
        self._last: str | None = None

    @Slot(str)
    def _edited(self, text: str) -> None:
        if not text:
            self.fire()
        else:
            self._timer.start()

    @Slot()
    def fire(self) -> None:
        self._timer.stop()
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.search.emit(text)

    def set_delay(self, ms: int) -> None:
        self._timer.setInterval(ms)
