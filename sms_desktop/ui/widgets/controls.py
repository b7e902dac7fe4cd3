"""Small control factories shared by the tabs and dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def named_button(name: str, text: str, accessible: str) -> QPushButton:
    """A push button with a stable objectName (docs/ui-automation.md) and an accessible name,
    which is also its tooltip."""
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAccessibleName(accessible)
    b.setToolTip(accessible)
    return b
