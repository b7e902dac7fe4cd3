"""Window state in QSettings: geometry, splitters, column widths (Picard's PreserveGeometry).

A widget mixes in :class:`PersistState`, names its parts with ``setObjectName`` and calls
:meth:`restore_state` once built and :meth:`save_state` when it closes. Keys are
``state/<objectName>/<part>``; the settings file is the INI in the home folder
(:func:`~.context.open_settings`).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget


def _key(owner: QWidget, part: str) -> str:
    return f"state/{owner.objectName() or type(owner).__name__}/{part}"


class PersistState:
    """Save and restore a widget's geometry, its named splitters and its header sections."""

    def persisted_parts(self) -> list[QSplitter | QHeaderView]:
        """The splitters and headers to persist; each must have an objectName."""
        return []

    def save_state(self, settings: QSettings) -> None:
        assert isinstance(self, QWidget)
        if self.isWindow():
            settings.setValue(_key(self, "geometry"), self.saveGeometry())
        for part in self.persisted_parts():
            settings.setValue(_key(self, part.objectName()), part.saveState())

    def restore_state(self, settings: QSettings) -> None:
        assert isinstance(self, QWidget)
        if self.isWindow():
            geometry = settings.value(_key(self, "geometry"))
            if isinstance(geometry, QByteArray | bytes) and geometry:
                self.restoreGeometry(QByteArray(geometry))
        for part in self.persisted_parts():
            state = settings.value(_key(self, part.objectName()))
            if isinstance(state, QByteArray | bytes) and state:
                part.restoreState(QByteArray(state))
