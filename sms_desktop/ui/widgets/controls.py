"""Small control factories shared by the tabs and dialogs."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget


def named_button(name: str, text: str, accessible: str) -> QPushButton:
    """A push button with a stable objectName (docs/ui-automation.md) and an accessible name,
    which is also its tooltip."""
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAccessibleName(accessible)
    b.setToolTip(accessible)
    return b


class TextCombo(QComboBox):
    """A combo box as wide as its longest item reads (``AdjustToContents``).

    Qt sizes such a box by each item's ink (``boundingRect``), which leaves out the blank half
    of a full-width bracket: "（不使用模板）" lost its closing bracket. The difference between each
    item's advance and its ink is added back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def _short_by(self) -> int:
        fm = self.fontMetrics()
        texts = (self.itemText(i) for i in range(self.count()))
        return max((fm.horizontalAdvance(t) - fm.boundingRect(t).width() for t in texts), default=0)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + max(0, self._short_by()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width() + max(0, self._short_by()), hint.height())
