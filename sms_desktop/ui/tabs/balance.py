"""余额 (balance): every account's balance in messages, when it was read, errors in the user's
language beside the vendor's text; refresh one or all (in parallel, ``io`` ops); a low-balance
threshold per account (kept in the store) with a warning above the table."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QItemSelectionModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import balances
from ...core.balances import AccountBalance
from ..context import AppContext
from ..models.balances import BalanceModel, fmt_messages
from ..ops import Op
from ..widgets.table_view import set_column_widths
from .base import Tab


class BalanceTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = BalanceModel(ctx.lang)
        self.model.threshold_edited.connect(self._save_threshold)
        self._refreshed_once = False

        self.view = QTableView()
        self.view.setObjectName("balanceView")
        self.view.setAccessibleName(self.tr("各账户余额"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setObjectName("balanceHeader")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        set_column_widths(self.view, (150, 90, 100, 150, 100, 220))
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.refresh_all_button = QPushButton(self.tr("全部刷新"))
        self.refresh_all_button.setObjectName("refreshBalanceButton")
        self.refresh_all_button.setAccessibleName(self.tr("刷新全部账户的余额"))
        self.refresh_all_button.clicked.connect(self.refresh_all)
        self.refresh_one_button = QPushButton(self.tr("刷新所选账户"))
        self.refresh_one_button.setObjectName("refreshSelectedBalanceButton")
        self.refresh_one_button.setAccessibleName(self.tr("刷新所选账户的余额"))
        self.refresh_one_button.setEnabled(False)
        self.refresh_one_button.clicked.connect(self.refresh_selected)

        self.warning = QLabel()
        self.warning.setObjectName("lowBalanceWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel { background: #fff4e5; color: #7a3e00; border: 1px solid #f0c36d;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.warning.hide()
        hint = QLabel(
            self.tr("双击“提醒值”一栏可设置低余额提醒（条数，0 表示不提醒）。余额以短信条数计。")
        )
        hint.setWordWrap(True)
        hint.setObjectName("balanceHint")

        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_all_button)
        buttons.addWidget(self.refresh_one_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.warning)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        ctx.changes.accounts_changed.connect(self.reload)

    def persisted_parts(self) -> list[QSplitter | QHeaderView]:
        return [self.view.horizontalHeader()]

    # ---- loading -------------------------------------------------------------------------
    def on_ready(self) -> None:
        self.reload()

    @Slot()
    def reload(self) -> None:
        accounts = self.ctx.accounts
        Op(self, lambda: balances.known_balances(accounts), ops=self.ctx.ops).in_pool(
            "query"
        ).token("balances-list").on_success(self._loaded).run()

    def _loaded(self, rows: list[AccountBalance]) -> None:
        chosen = [self.model.rows[i].account for i in self._selected_rows()]
        self.model.set_rows(rows)
        for name in chosen:  # the selection stays on the same accounts (those still there)
            row = self.model.row_of(name)
            if row >= 0:
                self.view.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        self._update_warning()
        self._update_buttons()
        if not self._refreshed_once:  # the first look at the tab reads every balance
            self._refreshed_once = True
            self.refresh_all()

    # ---- refreshing ----------------------------------------------------------------------
    @Slot()
    def refresh_all(self) -> None:
        self.refresh([r.account for r in self.model.rows])

    @Slot()
    def refresh_selected(self) -> None:
        self.refresh([self.model.rows[i].account for i in self._selected_rows()])

    def _selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def refresh(self, names: list[str]) -> None:
        """One ``io`` op per account: they run in parallel (the pool has 4 threads)."""
        accounts = self.ctx.accounts
        for name in names:
            if name in self.model.pending:
                continue
            self.model.set_pending(name, True)
            Op(self, partial(balances.read_balance, accounts, name), ops=self.ctx.ops).in_pool(
                "io"
            ).on_success(self._got).on_failure(partial(self._failed, name)).run()
        self._update_buttons()

    def _got(self, row: AccountBalance) -> None:
        self.model.update_row(row)
        self._update_warning()
        self._update_buttons()
        self.ctx.changes.balances_changed.emit({row.account: row})

    def _failed(self, name: str, exc: BaseException) -> None:
        from ...core.errors import PasswordMissingError

        self.model.set_pending(name, False)
        self._update_buttons()
        if isinstance(exc, PasswordMissingError):  # this PC lacks it: asked, then read again
            self.ctx.passwords.ask(self, name, lambda: self.refresh([name]), missing=exc.missing)
            return
        self.ctx.ops.report_error(self, exc)

    # ---- threshold -----------------------------------------------------------------------
    @Slot(str, object)
    def _save_threshold(self, name: str, value: int | None) -> None:
        db = self.ctx.db
        Op(self, lambda: balances.set_threshold(db, name, value), ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(lambda _: self._update_warning()).run()

    def _update_warning(self) -> None:
        low = [r for r in self.model.rows if r.low]
        if not low:
            self.warning.hide()
            return
        parts = [
            self.tr("%1（剩 %2 条，提醒值 %3 条）", "", int(r.messages or 0))
            .replace("%1", r.account)
            .replace("%2", fmt_messages(r.messages))
            .replace("%3", f"{r.threshold:,}")
            for r in low
        ]
        self.warning.setText(self.tr("余额不足提醒：") + "；".join(parts))
        self.warning.show()

    def _selection_changed(self) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = bool(self.view.selectionModel().selectedRows())
        self.refresh_one_button.setEnabled(has)
        self.refresh_all_button.setEnabled(bool(self.model.rows))
        self.view.setCursor(
            Qt.CursorShape.BusyCursor if self.model.pending else Qt.CursorShape.ArrowCursor
        )
