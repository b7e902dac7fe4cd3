"""The search box of the large lists (``widgets/search_line.py``)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractAnimation
from PySide6.QtWidgets import QToolButton

from sms_desktop.ui.widgets.search_line import SearchLine


def test_clear_button_shows_with_text_without_a_fade(qtbot):
    box = SearchLine()
    qtbot.addWidget(box)
    box.show()
    searched: list[str] = []
    box.search.connect(searched.append)
    assert not box.clear_action.isVisible()

    def clear_button() -> QToolButton:
        buttons = [
            b for b in box.findChildren(QToolButton) if b.defaultAction() is box.clear_action
        ]
        assert len(buttons) == 1
        return buttons[0]

    qtbot.keyClick(box, "z")
    # Qt's own clear button starts a 160 ms opacity animation here (a dozen repaints)
    assert box.findChildren(QAbstractAnimation) == []
    assert box.clear_action.isVisible() and clear_button().isVisible()
    assert searched == ["z"]

    box.finished()
    box.clear_action.trigger()
    assert box.text() == "" and not box.clear_action.isVisible()
    assert box.findChildren(QAbstractAnimation) == []
    assert searched == ["z", ""]
