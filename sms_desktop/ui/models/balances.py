"""The balances table: one row per account (a handful: a plain list model)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from ...core.balances import AccountBalance
from ..i18n import pick

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ["account", "family", "messages", "read_at", "threshold", "status", "vendor"]
HEADERS: dict[str, object] = {  # lupdate reads the NOOP marks; headerData translates
    "account": QT_TRANSLATE_NOOP("BalanceModel", "账户"),
    "family": QT_TRANSLATE_NOOP("BalanceModel", "网关类型"),
    "messages": QT_TRANSLATE_NOOP("BalanceModel", "余额（条）"),
    "read_at": QT_TRANSLATE_NOOP("BalanceModel", "查询时间"),
    "threshold": QT_TRANSLATE_NOOP("BalanceModel", "提醒值（条）"),
    "status": QT_TRANSLATE_NOOP("BalanceModel", "状态"),
    "vendor": QT_TRANSLATE_NOOP("BalanceModel", "网关原文"),
}
THRESHOLD_COL = COLUMNS.index("threshold")


def _tr(text: str) -> str:
    return QCoreApplication.translate("BalanceModel", text)


def fmt_messages(n: float | None) -> str:
    if n is None:
        return "—"
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,.2f}"


class BalanceModel(QAbstractTableModel):
    threshold_edited = Signal(str, object)  # account, new threshold (int, or None for none)

    def __init__(self, lang: str = "zh_CN") -> None:
        super().__init__()
        self.lang = lang
        self.rows: list[AccountBalance] = []
        self.pending: set[str] = set()  # accounts being refreshed

    # ---- content -------------------------------------------------------------------------
    def set_rows(self, rows: list[AccountBalance]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, account: str) -> int:
        for i, r in enumerate(self.rows):
            if r.account == account:
                return i
        return -1

    def update_row(self, row: AccountBalance) -> None:
        self.pending.discard(row.account)
        i = self.row_of(row.account)
        if i < 0:
            return
        row.threshold = self.rows[i].threshold  # an edit may be newer than the op's reading
        self.rows[i] = row
        self._changed(i)

    def set_pending(self, account: str, pending: bool) -> None:
        (self.pending.add if pending else self.pending.discard)(account)
        i = self.row_of(account)
        if i >= 0:
            self._changed(i)

    def _changed(self, i: int) -> None:
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))

    def status_text(self, r: AccountBalance) -> str:
        if r.account in self.pending:
            return _tr("正在查询…")
        if r.error is not None:
            return _tr("查询失败：") + pick(r.error, self.lang)
        if r.low:
            return _tr("余额低于提醒值")
        if r.read_at is None:
            return _tr("尚未查询")
        if r.postpaid:
            return _tr("正常（后付费）")
        return _tr("正常")

    # ---- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(str(HEADERS[COLUMNS[section]]))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        f = super().flags(index)
        if index.isValid() and index.column() == THRESHOLD_COL:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != THRESHOLD_COL:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        try:
            n = int(value)
        except (TypeError, ValueError):
            return False
        if n < 0:
            return False
        r = self.rows[index.row()]
        r.threshold = n or None
        self._changed(index.row())
        self.threshold_edited.emit(r.account, r.threshold)
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.EditRole and col == "threshold":
            return r.threshold or 0
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("messages", "threshold"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col in ("status", "messages"):
            if r.error is not None and col == "status":
                return QBrush(QColor("#b00020"))
            if r.low:
                return QBrush(QColor("#b35c00"))
        if role == Qt.ItemDataRole.ToolTipRole and col in ("status", "vendor"):
            return r.vendor_text or None
        return None

    def _display(self, r: AccountBalance, col: str) -> str:
        if col == "account":
            return r.account
        if col == "family":
            return r.family
        if col == "messages":
            return _tr("后付费") if r.postpaid else fmt_messages(r.messages)
        if col == "read_at":
            return r.read_at or "—"
        if col == "threshold":
            return "—" if not r.threshold else f"{r.threshold:,}"
        if col == "status":
            return self.status_text(r)
        return (r.vendor_text or "").replace("\n", " ")[:200]
