"""A search box for searches that run in ops: at once when idle, coalesced while one runs.

A plain debounce adds its whole delay to every search (a keystroke could never reach the view
in under 100 ms with a 150 ms debounce). Instead, the first keystroke searches at once; the
keystrokes typed while that search runs are coalesced, and the newest text is searched as soon
as the receiver calls :meth:`SearchLine.finished`. So at most one search runs at a time, and
the text searched last is always the text in the box. The receiver still tokens its op: a result
for an older text is dropped.

The clear button is a plain trailing action, shown while there is text. Qt's own
(``setClearButtonEnabled``) fades in and out over 160 ms when the first character is typed or
the box is emptied: a dozen repaints of the line edit on the GUI thread, 10-25 ms of it
measured at 100,000 contacts, in the middle of the search that keystroke started.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QStyle, QWidget

BUSY_TIMEOUT_MS = 5000  # a search whose result never came (it failed): stop waiting for it


class SearchLine(QLineEdit):
    search = Signal(str)  # the text to search for (stripped)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clear_action = self.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        self.clear_action.setObjectName("clearSearchAction")
        self.clear_action.setVisible(False)
        self.clear_action.triggered.connect(self.clear)
        self._last: str | None = None
        self._busy = False
        self._pending = False
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(BUSY_TIMEOUT_MS)
        self._timeout.timeout.connect(self.finished)
        self.textChanged.connect(self._changed)
        self.returnPressed.connect(self.fire)

    @property
    def busy(self) -> bool:
        return self._busy

    @Slot(str)
    def _changed(self, text: str) -> None:
        self.clear_action.setVisible(bool(text))  # no fade (see the module docstring)
        if self._busy:
            self._pending = True
        else:
            self.fire()

    @Slot()
    def fire(self) -> None:
        """Search for the text now (if it differs from the last one searched)."""
        self._pending = False
        text = self.text().strip()
        if text == self._last:
            return
        self._last = text
        self._busy = True
        self._timeout.start()
        self.search.emit(text)

    def show_text(self, text: str) -> None:
        """Put ``text`` in the box as searched already (the receiver has set that filter itself
        and queries it): no search starts."""
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)
        self._last = text.strip()
        self.clear_action.setVisible(bool(text))

    @Slot()
    def finished(self) -> None:
        """The receiver has shown a result: search for what was typed meanwhile, if anything."""
        self._busy = False
        self._timeout.stop()
        if self._pending:
            self.fire()
