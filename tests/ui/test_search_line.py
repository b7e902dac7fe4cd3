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


def test_show_text_starts_no_search_and_later_typing_still_does(qtbot):
    box = SearchLine()
    qtbot.addWidget(box)
    searched: list[str] = []
    box.search.connect(searched.append)
    qtbot.keyClicks(box, "ab")
    assert searched == ["a"]  # "b" was typed while that search ran
    box.finished()
    assert searched == ["a", "ab"]
    box.finished()
    searched.clear()
    box.show_text("")  # the receiver shows everything itself
    assert searched == [] and box.text() == "" and not box.clear_action.isVisible()
    qtbot.keyClicks(box, "ab")  # the old text again: searched, not taken as unchanged
    assert searched[0] == "a"
    box.finished()
    assert searched == ["a", "ab"]
