"""Recipients of 发送: pasted numbers (``recipientsEdit``) and a spreadsheet/CSV file.

The panel only holds the inputs and shows the counts; the compose tab reads the file and screens
the recipients in ops (:class:`~sms_desktop.core.contacts.recipients.FileRecipients`,
:meth:`Engine.estimate`) and hands the result back through :meth:`show_estimate`. Each count opens
the list behind it (:class:`RecipientListDialog`).
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import first_paint
from ..i18n import pick

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

    from ...core.contacts.recipients import FileRecipients, RejectedRecipient, ValidRecipient
    from ...core.estimate import Estimate

LIST_LIMIT = 2000  # entries shown in a list dialog (the counts are exact)
BIG_PASTE = 20_000  # characters (about 1,500 numbers): a larger paste goes in piece by piece
PIECE_LINES = 2000  # lines of the first piece; later pieces are sized to PIECE_BUDGET
PIECE_BUDGET = 0.015  # seconds of the GUI thread per piece

# (key, objectName, label): the counts under the numbers, each opens its list
COUNTS = (
    ("valid", "validCountButton"),
    ("invalid", "invalidCountButton"),
    ("duplicate", "duplicateCountButton"),
    ("blacklisted", "blacklistedCountButton"),
    ("empty_field", "emptyFieldCountButton"),
)


class RecipientListDialog(QDialog):
    """A read-only list of recipients (one of the counts), shown without blocking."""

    def __init__(self, title: str, lines: list[str], total: int, parent: QWidget | None) -> None:
        from PySide6.QtCore import Qt  # (not imported before the first paint: first_paint.py)

        super().__init__(parent)
        self.setObjectName("recipientListDialog")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view = QPlainTextEdit()
        view.setObjectName("recipientListView")
        view.setAccessibleName(title)
        view.setReadOnly(True)
        view.setPlainText("\n".join(lines))
        layout = QVBoxLayout(self)
        if total > len(lines):
            layout.addWidget(
                QLabel(
                    self.tr("共 %1 个，只列出前 %2 个。", "", total)
                    .replace("%1", f"{total:,}")
                    .replace("%2", f"{len(lines):,}")
                )
            )
        layout.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(520, 420)


class NumbersEdit(QPlainTextEdit):
    """接收号码: Tab moves the focus (a tab is never typed); a paste larger than
    :data:`BIG_PASTE` is handed to ``big_paste`` instead of being inserted at once (inserting
    100,000 lines takes the GUI thread about 300 ms, and one line of 100,000 comma-separated
    numbers minutes): :meth:`RecipientsPanel.paste_in_pieces` puts it in."""

    big_paste = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        if len(text) < BIG_PASTE:
            super().insertFromMimeData(source)
            return
        self.textCursor().removeSelectedText()  # what a paste replaces goes at once
        self.big_paste.emit(text)


class RecipientsPanel(QWidget):
    changed = Signal()  # the pasted text changed, or the file was removed
    open_file_requested = Signal()
    big_paste = Signal(str)  # a large paste, to be prepared in an op, then paste_in_pieces()
    pasted_in = Signal()  # a large paste is all in

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: FileRecipients | None = None
        self.estimate: Estimate | None = None

        self._pieces: list[str] = []  # a large paste still going in (paste_in_pieces)
        self._piece_lines = PIECE_LINES
        self._cursor: QTextCursor | None = None
        self._piece_timer = QTimer(self)
        self._piece_timer.setSingleShot(True)
        self._piece_timer.setInterval(0)
        self._piece_timer.timeout.connect(self._next_piece)

        self.edit = NumbersEdit()
        self.edit.big_paste.connect(self._big_paste)
        self.edit.setObjectName("recipientsEdit")
        self.edit.setAccessibleName(self.tr("接收号码"))
        self.edit.setPlaceholderText(
            self.tr("粘贴手机号码：每行一个，或用逗号、分号、空格分隔；可带 +86。")
        )
        self.edit.textChanged.connect(self.changed)

        self.file_button = QPushButton(self.tr("从表格文件导入…"))
        self.file_button.setObjectName("recipientsFileButton")
        self.file_button.setAccessibleName(self.tr("从 Excel 或 CSV 文件读取号码"))
        self.file_button.clicked.connect(self.open_file_requested)
        self.clear_file_button = QPushButton(self.tr("移除文件"))
        self.clear_file_button.setObjectName("clearFileButton")
        self.clear_file_button.setAccessibleName(self.tr("不再使用已导入的文件"))
        self.clear_file_button.clicked.connect(self.clear_file)
        self.clear_file_button.hide()
        self.file_label = QLabel(self.tr("未选择文件"))
        self.file_label.setObjectName("recipientsFileLabel")
        self.file_label.setWordWrap(True)

        self.status = QLabel()
        self.status.setObjectName("recipientsStatus")
        self.count_buttons: dict[str, QPushButton] = {}
        counts_row = QHBoxLayout()
        for key, name in COUNTS:
            b = QPushButton()
            b.setObjectName(name)
            b.setFlat(True)
            first_paint.after_first_paint(partial(_pointing_hand, b))  # (the Qt namespace)
            b.clicked.connect(lambda _=False, k=key: self.show_list(k))
            self.count_buttons[key] = b
            counts_row.addWidget(b)
        counts_row.addStretch(1)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_button)
        file_row.addWidget(self.clear_file_button)
        file_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("接收号码：")))
        layout.addWidget(self.edit, 1)
        layout.addLayout(file_row)
        layout.addWidget(self.file_label)
        layout.addLayout(counts_row)
        layout.addWidget(self.status)
        self.show_estimate(None)

    # ---- inputs ---------------------------------------------------------------------------
    def pasted(self) -> str:
        return self.edit.toPlainText()

    @property
    def pasting(self) -> bool:
        """A large paste is on its way into the box (the counts wait for it)."""
        return self._cursor is not None

    # ---- a large paste, piece by piece ----------------------------------------------------
    @Slot(str)
    def _big_paste(self, text: str) -> None:
        """Hold the box (read-only) from the paste until all of it is in."""
        cursor = QTextCursor(self.edit.textCursor())
        cursor.clearSelection()
        self._cursor = cursor  # moves along with every piece inserted at it
        self._pieces = []
        self.edit.setReadOnly(True)
        self.status.setText(self.tr("正在粘贴…"))
        self.big_paste.emit(text)

    def paste_in_pieces(self, text: str) -> None:
        """Insert ``text`` (prepared by ``one_number_a_line``) where the paste was made, a few
        thousand lines per turn of the event loop (about :data:`PIECE_BUDGET` each), without
        undo (the undo stack would double the cost); the box stays read-only meanwhile."""
        if self._cursor is None:  # cancelled meanwhile (the box was cleared)
            return
        lines = text.split("\n")
        self._pieces = lines
        self.edit.setUndoRedoEnabled(False)
        self._next_piece()

    @Slot()
    def _next_piece(self) -> None:
        cursor = self._cursor
        if cursor is None:
            return
        n = self._piece_lines
        piece, self._pieces = self._pieces[:n], self._pieces[n:]
        start = time.perf_counter()
        cursor.insertText("\n".join(piece) + ("\n" if self._pieces else ""))
        spent = time.perf_counter() - start
        # the next piece sized to the budget (at least 500 lines, at most 4 times this one)
        self._piece_lines = max(500, min(4 * n, int(n * PIECE_BUDGET / max(spent, 1e-4))))
        if self._pieces:
            self._piece_timer.start()
            return
        self.end_paste()
        self.edit.setTextCursor(cursor)
        self.pasted_in.emit()

    def end_paste(self) -> None:
        """The large paste is in, failed or was dropped: the box can be edited again."""
        self._piece_timer.stop()
        self._cursor = None
        self._pieces = []
        self._piece_lines = PIECE_LINES
        self.edit.setUndoRedoEnabled(True)
        self.edit.setReadOnly(False)
        self.status.setText("")

    def set_file(self, src: FileRecipients, contacts: bool = False) -> None:
        """Use a file's recipients (or, with ``contacts``, 通讯录's: ``src.path`` is the label)."""
        self.file = src
        self.clear_file_button.setText(
            self.tr("移除这些联系人") if contacts else self.tr("移除文件")
        )
        if contacts:
            text = self.tr("通讯录：%1（%2 人）", "", src.rows).replace("%1", src.path)
            text = text.replace("%2", f"{src.rows:,}")
        else:
            name = Path(src.path).name
            text = self.tr("文件：%1（%2 行，号码列“%3”）", "", src.rows).replace("%1", name)
            text = text.replace("%2", f"{src.rows:,}").replace("%3", src.phone_column)
        if src.columns:
            text += self.tr("；可用占位符：") + " ".join("{" + c + "}" for c in src.columns)
        for note in src.notes:
            text += "\n" + pick(note)
        self.file_label.setText(text)
        self.clear_file_button.show()
        self.changed.emit()

    @Slot()
    def clear_file(self) -> None:
        self.file = None
        self.file_label.setText(self.tr("未选择文件"))
        self.clear_file_button.hide()
        self.changed.emit()

    def columns(self) -> list[str]:
        return list(self.file.columns) if self.file is not None else []

    def is_empty(self) -> bool:
        return self.file is None and not self.pasted().strip()

    # ---- outputs --------------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        if self.pasting:
            self.status.setText(self.tr("正在粘贴…"))
            return
        self.status.setText(self.tr("正在计算…") if busy else "")

    def show_estimate(self, est: Estimate | None) -> None:
        self.estimate = est
        labels = {  # the count picks the plural form; the numbers are grouped (%Ln)
            "valid": lambda n: self.tr("有效 %Ln", "", n),
            "invalid": lambda n: self.tr("无效 %Ln", "", n),
            "duplicate": lambda n: self.tr("重复 %Ln", "", n),
            "blacklisted": lambda n: self.tr("黑名单 %Ln", "", n),
            "empty_field": lambda n: self.tr("缺少字段 %Ln", "", n),
        }
        accessible = {
            "valid": self.tr("查看有效号码"),
            "invalid": self.tr("查看无效号码"),
            "duplicate": self.tr("查看重复号码"),
            "blacklisted": self.tr("查看黑名单中的号码"),
            "empty_field": self.tr("查看缺少字段的行"),
        }
        counts = est.counts() if est is not None else {}
        for key, button in self.count_buttons.items():
            n = counts.get(key, 0)
            button.setText(labels[key](n))
            button.setAccessibleName(accessible[key])
            button.setEnabled(n > 0)
            button.setVisible(key != "empty_field" or n > 0)

    def list_lines(self, key: str) -> tuple[list[str], int]:
        """The entries behind a count, as shown in its dialog, and how many there are."""
        est = self.estimate
        if est is None:
            return [], 0
        if key == "valid":
            valid: list[ValidRecipient] = est.valid
            lines = [(f"{v.phone}  {v.name}" if v.name else v.phone) for v in valid[:LIST_LIMIT]]
            return lines, len(valid)
        items: list[RejectedRecipient] = getattr(est, key)
        return [f"{r.value}  {pick(r.message)}" for r in items[:LIST_LIMIT]], len(items)

    def show_list(self, key: str) -> RecipientListDialog:
        lines, total = self.list_lines(key)
        title = self.count_buttons[key].text()
        dialog = RecipientListDialog(title, lines, total, self)
        dialog.show()
        return dialog


def _pointing_hand(button: QPushButton) -> None:
    from PySide6.QtCore import Qt

    if shiboken6.isValid(button):
        button.setCursor(Qt.CursorShape.PointingHandCursor)
