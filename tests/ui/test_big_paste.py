"""Pasting 100,000 numbers into 接收号码: the window keeps answering while the text goes in
(piece by piece), the counts are exact, and one line of thousands of comma-separated numbers is
shown one number a line (a text box needs minutes to lay out such a line)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from uihelpers import open_compose

from sms_desktop.demo import account_name


def _compose(window, qtbot):
    tab = open_compose(window, qtbot, account_name("ipyy"))
    tab.editor.set_text("周六全场八折")
    return tab


def _paste(tab, qtbot, text: str) -> None:
    """Ctrl+V with ``text`` on the clipboard, as a user pastes."""
    QApplication.clipboard().setText(text)
    tab.recipients.edit.setFocus()
    qtbot.keyClick(tab.recipients.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _counted(tab, qtbot, valid: int) -> None:
    qtbot.waitUntil(lambda: not getattr(tab.recipients, "pasting", False), timeout=30000)
    qtbot.waitUntil(
        lambda: tab.estimate is not None and tab.estimate.counts()["valid"] == valid,
        timeout=30000,
    )


def test_100k_pasted_numbers_go_in_piece_by_piece(window, qtbot):
    tab = _compose(window, qtbot)
    edit = tab.recipients.edit
    qtbot.keyClicks(edit, "13900000000")
    edit.selectAll()  # the paste replaces what is selected
    numbers = [str(13800000000 + i) for i in range(100_000)]
    _paste(tab, qtbot, "\n".join(numbers) + "\n")
    # the key press returned before the text was in: the GUI thread was not held by it
    assert edit.document().blockCount() < 100_000
    assert edit.isReadOnly() and tab.recipients.status.text() == "正在粘贴…"
    _counted(tab, qtbot, 100_000)
    assert not edit.isReadOnly()
    assert edit.toPlainText() == "\n".join(numbers) + "\n"  # in order, the selection replaced
    assert tab.estimate.counts()["invalid"] == 0
    qtbot.keyClicks(edit, "x")  # the box is editable again, at the end of the paste
    assert edit.toPlainText().endswith("\nx")


def test_one_long_line_of_numbers_is_shown_one_a_line(window, qtbot):
    tab = _compose(window, qtbot)
    edit = tab.recipients.edit
    numbers = [str(13700000000 + i) for i in range(3000)]
    _paste(tab, qtbot, "，".join(numbers[:1500]) + "; " + ", ".join(numbers[1500:]))
    _counted(tab, qtbot, 3000)
    assert edit.toPlainText().split("\n") == numbers
    assert edit.document().blockCount() == 3000


def test_a_small_paste_goes_in_at_once_and_can_be_undone(window, qtbot):
    tab = _compose(window, qtbot)
    edit = tab.recipients.edit
    _paste(tab, qtbot, "13800138000\n13800138001")
    assert edit.toPlainText() == "13800138000\n13800138001"
    assert not getattr(tab.recipients, "pasting", False)
    edit.undo()
    assert edit.toPlainText() == ""
