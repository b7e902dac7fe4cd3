"""自动回复: the keyword auto-reply rules (``autoRepliesView``), each new, edited, paused or
enabled again, or deleted; a panel of the 自动化 page.

The rules answer wherever the window or the sender service runs (the core's ``autoreply``
duty); this panel only keeps them. Reading and every change run in ops; the list is read again
after each change, when the panel is shown, and when replies arrive (its counts of answers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.automation import autoreply as A
from ..ops import Op
from ..widgets.controls import named_button
from ..widgets.table_view import list_table
from .autoreply_dialog import AutoReplyDialog

if TYPE_CHECKING:
    from ..context import AppContext


class AutoRepliesPanel(QWidget):
    COLUMNS = 7

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("autoRepliesPanel")
        self.rules: list[A.Rule] = []
        self.accounts: list[str] = []
        self.dialog: AutoReplyDialog | None = None
        self.loaded = False

        title = QLabel(self.tr("关键词自动回复"))
        title.setObjectName("autoRepliesTitle")
        f = title.font()
        f.setBold(True)
        title.setFont(f)
        hint = QLabel(
            self.tr(
                "客户回复的短信与关键词一致或包含关键词时，自动用同一账户回复。"
                "同一号码每条规则 24 小时内最多回复一次；退订回复从不自动回复。"
            )
        )
        hint.setObjectName("autoRepliesHint")
        hint.setWordWrap(True)

        self.view = list_table(
            "autoRepliesView",
            self.tr("自动回复规则列表"),
            [
                self.tr("名称"),
                self.tr("账户"),
                self.tr("匹配"),
                self.tr("关键词"),
                self.tr("回复内容"),
                self.tr("状态"),
                self.tr("已回复"),
            ],
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.view.itemSelectionChanged.connect(self._selection_changed)
        self.view.itemDoubleClicked.connect(lambda _item: self.edit_rule())

        self.new_button = named_button(
            "newAutoReplyButton", self.tr("新建…"), self.tr("新建自动回复规则")
        )
        self.edit_button = named_button(
            "editAutoReplyButton", self.tr("编辑…"), self.tr("编辑选中的规则")
        )
        self.pause_button = named_button(
            "pauseAutoReplyButton", self.tr("暂停"), self.tr("暂停选中的规则")
        )
        self.resume_button = named_button(
            "resumeAutoReplyButton", self.tr("启用"), self.tr("启用选中的规则")
        )
        self.delete_button = named_button(
            "deleteAutoReplyButton", self.tr("删除"), self.tr("删除选中的规则")
        )
        self.new_button.clicked.connect(self.new_rule)
        self.edit_button.clicked.connect(self.edit_rule)
        self.pause_button.clicked.connect(lambda: self._set_state(A.PAUSED))
        self.resume_button.clicked.connect(lambda: self._set_state(A.ENABLED))
        self.delete_button.clicked.connect(self.delete_rule)
        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.edit_button,
            self.pause_button,
            self.resume_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._selection_changed()
        ctx.changes.inbox_changed.connect(lambda _what: self.load())
        ctx.changes.accounts_changed.connect(self.load)
        self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.loaded:
            self.load()  # a rule the CLI or another PC changed meanwhile

    # ---- the list ---------------------------------------------------------------------------
    @Slot()
    def load(self) -> None:
        db, accounts = self.ctx.db, self.ctx.accounts

        def read() -> tuple[list[A.Rule], list[str]]:
            return A.rules(db), [a.name for a in accounts.list()]

        Op(self, read, ops=self.ctx.ops).in_pool("query").token("auto-replies").on_success(
            self._loaded
        ).run()

    def _loaded(self, result: tuple[list[A.Rule], list[str]]) -> None:
        keep = self.selected()
        self.rules, self.accounts = result
        self.view.setRowCount(len(self.rules))
        match_text = {A.EXACT: self.tr("完全一致"), A.CONTAINS: self.tr("包含")}
        state_text = {A.ENABLED: self.tr("已启用"), A.PAUSED: self.tr("已暂停")}
        chosen = -1
        for row, r in enumerate(self.rules):
            answered = str(r.answered)
            if r.last_answered:
                answered += self.tr("（最近 %1）").replace("%1", r.last_answered)
            cells = [
                r.name,
                r.account,
                match_text.get(r.match, r.match),
                self.tr("、").join(r.keywords),
                r.answer,
                state_text.get(r.state, r.state),
                answered,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                if col == 4:
                    item.setToolTip(r.answer)
                self.view.setItem(row, col, item)
            if keep is not None and r.id == keep.id:
                chosen = row
        if chosen >= 0:
            self.view.selectRow(chosen)
        else:
            self.view.clearSelection()
        self.new_button.setEnabled(bool(self.accounts))
        self._selection_changed()
        self.loaded = True

    def selected(self) -> A.Rule | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rules):
            return None
        return self.rules[rows[0].row()]

    def select(self, name: str) -> None:
        for row, r in enumerate(self.rules):
            if r.name == name:
                self.view.selectRow(row)
                return

    @Slot()
    def _selection_changed(self) -> None:
        r = self.selected()
        self.edit_button.setEnabled(r is not None)
        self.delete_button.setEnabled(r is not None)
        self.pause_button.setEnabled(r is not None and r.state == A.ENABLED)
        self.resume_button.setEnabled(r is not None and r.state == A.PAUSED)

    # ---- changes ---------------------------------------------------------------------------
    @Slot()
    def new_rule(self) -> None:
        self._open(None)

    @Slot()
    def edit_rule(self) -> None:
        r = self.selected()
        if r is not None:
            self._open(r)

    def _open(self, rule: A.Rule | None) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = AutoReplyDialog(self.ctx, self.accounts, rule, self)
        self.dialog.saved.connect(lambda _rule: self.load())
        self.dialog.open()  # not modal-blocking: tests and the event loop go on

    def _set_state(self, state: str) -> None:
        r = self.selected()
        if r is None:
            return
        db = self.ctx.db
        Op(self, lambda: A.set_state(db, r.id, state), ops=self.ctx.ops).in_pool("io").on_success(
            lambda _none: self.load()
        ).on_failure(lambda exc: self.ctx.ops.report_error(self, exc)).run()

    @Slot()
    def delete_rule(self) -> None:
        r = self.selected()
        if r is None or not self.ctx.prompts.confirm(
            self,
            self.tr("删除自动回复规则"),
            self.tr("删除规则“%1”？它不再自动回复；已发出的回复仍在发送记录中。").replace(
                "%1", r.name
            ),
            ok_text=self.tr("删除"),
        ):
            return
        self._set_state(A.DELETED)
