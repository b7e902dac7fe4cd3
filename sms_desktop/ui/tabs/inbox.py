"""收件箱 (inbox): replies and delivery reports, newest first, on a keys-first lazy table.

* Filters: what (回复 / 状态报告 / 无对应发送的状态报告 — reports from the vendor's web console or
  another PC), account, phone (a number or how it starts), a day range, unread only. Each change
  reloads the keys in a ``query`` op (``store.inbox.inbox_ids``); rows come a page at a time.
* Actions on a reply: 回复 (发送 opens with the number: ChangeBus ``compose_requested``),
  标记退订 (the number onto the blacklist, source ``opt-out``), 查看对话 (everything sent to that
  number and every reply, :class:`~..dialogs.conversation.ConversationDialog`), 标记已读.
* 立即同步 asks the scheduler for a pull now (the vendor's minimum interval still applies);
  sync errors are shown above the list (and in the status bar), never as dialogs.
* New replies and reports (``inbox_changed``) refresh the list without a restart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.store import inbox
from ...core.store.inbox import InboxFilter
from ..context import AppContext
from ..dialogs.conversation import ConversationDialog  # imported by the start-up op
from ..models import inbox as inbox_model
from ..models.lazy_table import LazyTableModel
from ..models.recipients import in_language
from ..ops import Op
from ..widgets.controls import named_button
from ..widgets.job_detail import fixed_rows
from ..widgets.table_view import set_column_widths
from .base import Tab

if TYPE_CHECKING:
    from ...core.sync import SyncResult

SEARCH_DELAY = 250  # ms after the last keystroke in the phone filter
KINDS = ("replies", "reports", "unmatched")


class InboxTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("inboxTab")
        self._ready = False
        self._keep_selected: list[int] = []  # keys to select again after a reload
        self.loads = 0  # finished key loads (tests wait on it)
        self.conversation: ConversationDialog | None = None  # the last one opened
        self.model = LazyTableModel(None, ctx.ops, self)
        self.model.loaded.connect(self._loaded)

        # ---- filters
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("inboxKind")
        self.kind_combo.setAccessibleName(self.tr("显示回复或状态报告"))
        # "list of" disambiguation: English "Replies" here, "Reply" on the button
        self.kind_combo.addItem(self.tr("回复", "list of"), "replies")
        self.kind_combo.addItem(self.tr("状态报告", "list of"), "reports")
        self.kind_combo.addItem(self.tr("无对应发送的状态报告"), "unmatched")
        self.kind_combo.setToolTip(
            self.tr("无对应发送的状态报告：可能来自网关网页后台或另一台电脑上的发送")
        )
        self.account_combo = QComboBox()
        self.account_combo.setObjectName("inboxAccount")
        self.account_combo.setAccessibleName(self.tr("按账户筛选"))
        self.account_combo.addItem(self.tr("全部账户"), None)
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("inboxPhone")
        self.phone_edit.setAccessibleName(self.tr("按号码筛选"))
        self.phone_edit.setPlaceholderText(self.tr("号码或开头几位"))
        self.phone_edit.setClearButtonEnabled(True)
        hint = self.phone_edit.fontMetrics().horizontalAdvance(self.phone_edit.placeholderText())
        self.phone_edit.setMinimumWidth(hint + 40)  # the hint whole, and the clear button
        self.date_check = QCheckBox(self.tr("日期："))
        self.date_check.setObjectName("inboxDateCheck")
        self.date_check.setAccessibleName(self.tr("按日期筛选"))
        today = QDate.currentDate()
        self.since_edit = self._date_edit("inboxSince", self.tr("开始日期"), today.addDays(-7))
        self.until_edit = self._date_edit("inboxUntil", self.tr("结束日期"), today)
        self.unread_check = QCheckBox(self.tr("只看未读"))
        self.unread_check.setObjectName("inboxUnreadOnly")
        self.unread_check.setAccessibleName(self.tr("只显示未读的回复"))
        self.sync_button = named_button(
            "syncNowButton", self.tr("立即同步"), self.tr("立即获取状态报告和回复")
        )
        self.sync_button.clicked.connect(self.sync_now)

        # two rows: in one, the filters' minimum width widened the window (past 1,100 pixels
        # in English) the first time this tab was shown
        what = QHBoxLayout()
        what.addWidget(self.kind_combo)
        what.addWidget(QLabel(self.tr("账户：")))
        what.addWidget(self.account_combo)
        what.addWidget(QLabel(self.tr("号码：")))
        what.addWidget(self.phone_edit)
        what.addStretch(1)
        when = QHBoxLayout()
        when.addWidget(self.date_check)
        when.addWidget(self.since_edit)
        when.addWidget(QLabel("–"))
        when.addWidget(self.until_edit)
        when.addWidget(self.unread_check)
        when.addStretch(1)
        filters = QVBoxLayout()
        filters.addLayout(what)
        filters.addLayout(when)

        # ---- sync status (errors stay here until the next good sync; never a dialog)
        self.sync_status = QLabel()
        self.sync_status.setObjectName("syncStatus")
        self.sync_status.setWordWrap(True)
        self.sync_status.setStyleSheet("QLabel { color: #b00020; }")
        self.sync_status.hide()
        self.sync_errors: dict[str, str] = {}

        # ---- the list
        self.view = QTableView()
        self.view.setObjectName("inboxView")
        self.view.setAccessibleName(self.tr("收件箱：回复和状态报告"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        fixed_rows(self.view)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.count_label = QLabel()
        self.count_label.setObjectName("inboxCount")

        # ---- actions
        self.reply_button = named_button(
            "replyButton", self.tr("回复"), self.tr("给所选号码发短信（打开发送页）")
        )
        self.reply_button.clicked.connect(self.reply)
        self.optout_button = named_button(
            "optOutButton", self.tr("标记退订"), self.tr("把所选号码加入黑名单（退订）")
        )
        self.optout_button.clicked.connect(self.mark_opt_out)
        self.conversation_button = named_button(
            "conversationButton",
            self.tr("查看对话"),
            self.tr("查看发给该号码的全部短信和它的全部回复"),
        )
        self.conversation_button.clicked.connect(self.open_conversation)
        self.read_button = named_button(
            "markReadButton", self.tr("标记已读"), self.tr("把所选回复标记为已读")
        )
        self.read_button.clicked.connect(self.mark_read)
        actions = QHBoxLayout()
        for b in (self.reply_button, self.optout_button, self.conversation_button):
            actions.addWidget(b)
        actions.addWidget(self.read_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        actions.addWidget(self.sync_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.sync_status)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY)
        self._search_timer.timeout.connect(self.reload)
        self.phone_edit.textChanged.connect(self._search_timer.start)
        for signal in (
            self.kind_combo.currentIndexChanged,
            self.account_combo.currentIndexChanged,
            self.date_check.toggled,
            self.since_edit.dateChanged,
            self.until_edit.dateChanged,
            self.unread_check.toggled,
        ):
            signal.connect(self.reload)
        self.date_check.toggled.connect(self._update_buttons)
        ch = ctx.changes
        ch.inbox_changed.connect(self._inbox_changed)
        ch.blacklist_changed.connect(self._refresh_rows)  # blacklist states
        ch.accounts_changed.connect(self.load_accounts)
        ch.sync_done.connect(self.show_sync_results)
        self._update_buttons()

    def _date_edit(self, name: str, accessible: str, date: QDate) -> QDateEdit:
        edit = QDateEdit(date)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        return edit

    # ---- loading -------------------------------------------------------------------------
    def on_ready(self) -> None:
        self._ready = True
        self.load_accounts()
        self.reload()
        scheduler = getattr(self.window(), "scheduler", None)
        if scheduler is not None and scheduler.sync_errors:  # errors from before it was built
            self.sync_errors = {
                name: in_language(text, self.ctx.lang)
                for name, text in scheduler.sync_errors.items()
            }
            self.show_sync_results([])

    @Slot()
    def load_accounts(self) -> None:
        if not self._ready:
            return
        accounts = self.ctx.accounts
        Op(self, lambda: [a.name for a in accounts.list()], ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(self._accounts_loaded).run()

    def _accounts_loaded(self, names: list[str]) -> None:
        current = self.account_combo.currentData()
        self.account_combo.blockSignals(True)
        while self.account_combo.count() > 1:
            self.account_combo.removeItem(1)
        for name in names:
            self.account_combo.addItem(name, name)
        i = self.account_combo.findData(current)
        self.account_combo.setCurrentIndex(max(i, 0))
        self.account_combo.blockSignals(False)
        if i < 0 and current is not None:  # its account is gone: the list shows every account
            self.reload()

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def current_filter(self) -> InboxFilter:
        since = until = None
        if self.date_check.isChecked():
            since = self.since_edit.date().toString("yyyy-MM-dd")
            until = self.until_edit.date().toString("yyyy-MM-dd")
        return InboxFilter(
            account=self.account_combo.currentData(),
            phone=self.phone_edit.text().strip() or None,
            since=since,
            until=until,
            unread_only=self.kind == "replies" and self.unread_check.isChecked(),
            unmatched_only=self.kind == "unmatched",
        )

    @Slot()
    def reload(self) -> None:
        if not self._ready:
            return
        self._search_timer.stop()
        flt = self.current_filter()
        source: inbox_model.InboxReplies | inbox_model.InboxReports
        icons: tuple[int, ...]
        if self.kind == "replies":
            source = inbox_model.InboxReplies(self.ctx.db, flt)
            widths = inbox_model.REPLY_WIDTHS
            labels, icons = inbox_model.reply_labels(), inbox_model.REPLY_ICONS
        else:
            source = inbox_model.InboxReports(self.ctx.db, flt)
            widths = inbox_model.REPORT_WIDTHS
            labels, icons = inbox_model.report_labels(), ()
        kind_changed = type(self.model.source) is not type(source)
        self.model.set_source(source)
        if kind_changed:
            set_column_widths(self.view, widths, labels, icons, bold=True)  # unread rows
        self._update_buttons()

    @Slot()
    def _loaded(self) -> None:
        keep, self._keep_selected = self._keep_selected, []
        selection = self.view.selectionModel()
        for row in self.model.rows_of(keep):  # the rows selected before new ones came in
            selection.select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.loads += 1
        self.count_label.setText(self.tr("共 %Ln 条", "", self.model.rowCount()))
        self._update_buttons()

    @Slot(object)
    def _inbox_changed(self, _: object = None) -> None:
        """New or changed replies or reports (from anywhere): the same filter's keys again,
        the selection kept by key (a background sync must not take it from under the user)."""
        if not self._ready or self.model.source is None:
            return
        self._keep_selected = self.model.keys_of(self.selected_rows())
        self.model.reload()

    @Slot()
    def _refresh_rows(self) -> None:
        if self._ready:
            self.model.refresh()

    # ---- sync ----------------------------------------------------------------------------
    @Slot()
    def sync_now(self) -> None:
        scheduler = getattr(self.window(), "scheduler", None)
        if scheduler is not None:
            scheduler.sync_now()

    @Slot(object)
    def show_sync_results(self, results: list[SyncResult]) -> None:
        for r in results:
            if r.errors:
                text = self.tr("；").join(in_language(e, self.ctx.lang) for e in r.errors)
                self.sync_errors[r.account] = text
            elif r.polled or r.account not in self.sync_errors:
                self.sync_errors.pop(r.account, None)
        if self.sync_errors:
            lines = [
                self.tr("同步出错（%1）：").replace("%1", name) + text
                for name, text in sorted(self.sync_errors.items())
            ]
            self.sync_status.setText("\n".join(lines))
            self.sync_status.show()
        else:
            self.sync_status.clear()
            self.sync_status.hide()

    # ---- selection -----------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def selected_items(self) -> list[dict[str, Any]]:
        """The loaded rows of the selection (rows still on their way are left out)."""
        out = []
        for r in self.selected_rows():
            row = self.model.row_at(r)
            if row is not None:
                out.append(row)
        return out

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    @Slot()
    def _update_buttons(self) -> None:
        self.since_edit.setEnabled(self.date_check.isChecked())
        self.until_edit.setEnabled(self.date_check.isChecked())
        self.unread_check.setEnabled(self.kind == "replies")
        has = bool(self.selected_rows())
        replies = self.kind == "replies"
        self.reply_button.setEnabled(has)
        self.optout_button.setEnabled(has)
        self.conversation_button.setEnabled(len(self.selected_rows()) == 1)
        self.read_button.setEnabled(has and replies)

    def _phones(self) -> list[str]:
        return list(dict.fromkeys(str(r["phone"]) for r in self.selected_items() if r["phone"]))

    # ---- actions -------------------------------------------------------------------------
    @Slot()
    def reply(self) -> None:
        phones = self._phones()
        if phones:
            self.ctx.changes.compose_requested.emit(phones)

    @Slot()
    def mark_opt_out(self) -> None:
        phones = self._phones()
        if not phones:
            return
        if not self.ctx.prompts.confirm(
            self,
            self.tr("标记退订"),
            self.tr("把 %Ln 个号码加入黑名单？以后的发送会跳过它们。", "", len(phones)),
            ok_text=self.tr("加入黑名单"),
            default=True,
        ):
            return
        from ...core.contacts import blacklist_add

        db = self.ctx.db
        reason = "在收件箱标记退订 / marked as opted out in the inbox"
        Op(
            self, lambda: blacklist_add(db, phones, reason, source="opt-out"), ops=self.ctx.ops
        ).in_pool("io").on_success(self._opted_out).run()

    def _opted_out(self, result: Any) -> None:
        self.ctx.prompts.notify(
            self.tr("已加入黑名单"),
            self.tr("新加入 %Ln 个号码，", "", result.added)
            + self.tr("%Ln 个原已在黑名单。", "", result.already),
        )

    @Slot()
    def mark_read(self) -> None:
        ids = [int(r["id"]) for r in self.selected_items() if not r.get("is_read")]
        if not ids or self.kind != "replies":
            return
        db = self.ctx.db
        Op(self, lambda: inbox.mark_read(db, ids), ops=self.ctx.ops).in_pool("io").run()

    @Slot(QModelIndex)
    def _double_clicked(self, index: QModelIndex) -> None:
        self.select_row(index.row())
        self.open_conversation()

    @Slot()
    def open_conversation(self) -> None:
        phones = self._phones()
        if len(phones) != 1:
            return
        if self.conversation is None:
            self.conversation = ConversationDialog(self.ctx, self)
        self.conversation.open_phone(phones[0])
