"""查看对话: everything sent to one number and every reply from it, one thread by time.

One ``query`` op reads ``history.conversation(db, phone)`` (an exact match on the phone indexes
of both tables: well under 50 ms at 1,000,000 messages, see docs/benchmarks.md); the thread is a
small plain model. Opening it marks that number's replies read (an ``io`` op).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import history
from ...core.store import inbox
from ..context import AppContext
from ..models import states
from ..models.recipients import in_language
from ..ops import Op
from ..widgets.job_detail import fixed_rows
from ..widgets.table_view import set_column_widths

Index = QModelIndex | QPersistentModelIndex
LIMIT = 2000  # the newest items of a very long thread
SHOW_ANYWAY_MS = 150
COLUMNS = [
    QT_TRANSLATE_NOOP("Conversation", "时间"),
    QT_TRANSLATE_NOOP("Conversation", "方向"),
    QT_TRANSLATE_NOOP("Conversation", "内容"),
    QT_TRANSLATE_NOOP("Conversation", "状态"),
    QT_TRANSLATE_NOOP("Conversation", "账户"),
]
WIDTHS = (150, 60, 400, 170, 130)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Conversation", text)


class ConversationModel(QAbstractTableModel):
    def __init__(self, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[dict[str, Any]] = []
        self.lang = lang

    def set_items(self, items: list[dict[str, Any]]) -> None:
        """The thread, without the duplicate rows of a job (the number's first row in that job
        is the send; the others were skipped as duplicates and never left)."""
        self.beginResetModel()
        self.items = [
            i
            for i in items
            if not (
                i["kind"] == "sent" and i.get("state") == "skipped" and i.get("code") == "duplicate"
            )
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(str(COLUMNS[section]))
        return None

    def state_text(self, item: dict[str, Any]) -> str:
        if item["kind"] == "reply":
            return _tr("退订") if item.get("opt_out") else ""
        text = states.label(states.MSG_STATES, item.get("state"))
        if item.get("report_status"):
            text = states.with_note(text, str(item["report_status"]))
        elif item.get("state") == "skipped" and item.get("code") in states.SKIP_REASONS:
            text = states.colon(text) + states.tr(str(states.SKIP_REASONS[item["code"]]))
        elif item.get("state") == "rejected" and item.get("message"):
            text = states.colon(text) + in_language(str(item["message"]), self.lang)
        return text

    def state_tip(self, item: dict[str, Any]) -> str:
        tip = self.state_text(item)
        if item.get("report_time"):
            tip += "\n" + _tr("状态报告时间：") + str(item["report_time"])[:19]
        if item.get("message"):
            tip += "\n" + in_language(str(item["message"]), self.lang)
        return tip

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        item, col = self.items[index.row()], index.column()
        sent = item["kind"] == "sent"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return str(item.get("time") or "")[:19]
            if col == 1:
                return _tr("发出") if sent else _tr("回复")
            if col == 2:
                text = str(item.get("text") or "")
                return text if role == Qt.ItemDataRole.ToolTipRole else text.replace("\n", " ")
            if col == 3:
                if role == Qt.ItemDataRole.ToolTipRole:
                    return self.state_tip(item)
                return self.state_text(item)
            if col == 4:
                return str(item.get("account") or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        if col == 3 and sent:
            kind = states.kind(states.MSG_STATES, item.get("state"))
            if role == Qt.ItemDataRole.ForegroundRole:
                return states.colour(kind)
            if role == Qt.ItemDataRole.DecorationRole:
                return states.icon(kind)
        if role == Qt.ItemDataRole.BackgroundRole and not sent:
            return QColor(states.REPLY_TINT)  # replies stand out from sends, unlike a selection
        return None


class ConversationDialog(QDialog):
    loaded = Signal()

    """Made once and reused (:meth:`open_phone`): building the widgets is most of the GUI
    thread's share of an opening."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._started = time.perf_counter()
        self._show_when_loaded = False
        self.ctx = ctx
        self.phone = ""
        self.opened_ms: float | None = None  # request to filled model (tests and benchmark)
        self.setObjectName("conversationDialog")
        self.model = ConversationModel(ctx.lang, self)
        self.view = QTableView()
        self.view.setObjectName("conversationView")
        self.view.setAccessibleName(self.tr("与该号码的全部短信往来"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        fixed_rows(self.view)
        set_column_widths(self.view, WIDTHS)
        self.summary = QLabel(self.tr("正在读取…"))
        self.summary.setObjectName("conversationSummary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.reply_button = QPushButton(self.tr("回复"))
        self.reply_button.setObjectName("conversationReplyButton")
        self.reply_button.setAccessibleName(self.tr("给该号码发短信（打开发送页）"))
        self.reply_button.clicked.connect(self.reply)
        buttons.addButton(self.reply_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(960, 480)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_ANYWAY_MS)
        self._show_timer.timeout.connect(self._show_anyway)

    def open_phone(self, phone: str) -> None:
        """Read ``phone``'s thread (a ``query`` op; an older request's result is dropped) and
        show the dialog once it is there (:meth:`present`)."""
        self._started = time.perf_counter()
        self.phone = phone
        self.opened_ms = None
        self.setWindowTitle(self.tr("对话：%1").replace("%1", phone))
        self.summary.setText(self.tr("正在读取…"))
        db = self.ctx.db
        Op(self, lambda: history.conversation(db, phone, LIMIT), ops=self.ctx.ops).in_pool(
            "query"
        ).token("conversation").on_success(self._loaded).run()
        self.present()

    def _loaded(self, items: list[dict[str, Any]]) -> None:
        self.model.set_items(items)
        self.opened_ms = (time.perf_counter() - self._started) * 1000
        self._show_timer.stop()
        if self._show_when_loaded:
            self._show_when_loaded = False
            self.show()
        sent = sum(1 for i in self.model.items if i["kind"] == "sent")
        replies = len(self.model.items) - sent
        self.summary.setText(
            self.tr("号码 %1：").replace("%1", self.phone)
            + self.tr("发出 %Ln 条", "", sent)
            + self.tr("，回复 %Ln 条", "", replies)
        )
        if items:
            self.view.scrollToBottom()  # the newest at the bottom, as in a chat
        self.loaded.emit()
        if any(i["kind"] == "reply" and not i.get("is_read") for i in items):
            db, phone = self.ctx.db, self.phone
            # no parent: it is marked read even when the dialog is closed at once (the unread
            # count follows through the ChangeWatch)
            Op(None, lambda: inbox.mark_read(db, phone=phone), ops=self.ctx.ops).in_pool("io").run()

    def present(self) -> None:
        """Show the dialog once its thread is there (one paint, with the content), or after
        :data:`SHOW_ANYWAY_MS` with "正在读取…" if the store is slow (another process writing)."""
        if self.opened_ms is not None or self.isVisible():
            self.show()
            return
        self._show_when_loaded = True
        self._show_timer.start()

    @Slot()
    def _show_anyway(self) -> None:
        if self._show_when_loaded:
            self._show_when_loaded = False
            self.show()

    @Slot()
    def reply(self) -> None:
        self.ctx.changes.compose_requested.emit([self.phone])
        self.accept()
