"""统计 (daily figures): per day over the last 30 days, recipients sent to, delivered, and the
parts charged, of every account or one; a chart of the days and its table (one row per day and
account), with the period's totals.

One ``query`` op (:func:`sms_desktop.core.jobs.daily.daily_figures`) reads the figures; choosing
an account only filters what was read. The tab reloads after a send finishes, at most every
:data:`RELOAD_DELAY` ms.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.jobs.daily import DAYS, DailyFigures, DayFigure, daily_figures
from ..context import AppContext
from ..models import states
from ..ops import Op
from ..widgets.charts import Column, ColumnChart, ColumnChartData
from ..widgets.controls import named_button
from ..widgets.table_view import fixed_rows, set_column_widths
from .base import Tab

RELOAD_DELAY = 1000  # ms
Index = QModelIndex | QPersistentModelIndex
COLUMNS: list[tuple[str, object]] = [
    ("day", QT_TRANSLATE_NOOP("DailyModel", "日期")),
    ("account", QT_TRANSLATE_NOOP("DailyModel", "账户")),
    ("sent", QT_TRANSLATE_NOOP("DailyModel", "发出")),
    ("delivered", QT_TRANSLATE_NOOP("DailyModel", "送达")),
    ("rate", QT_TRANSLATE_NOOP("DailyModel", "送达率")),
    ("parts", QT_TRANSLATE_NOOP("DailyModel", "计费条数")),
]
KEYS = [k for k, _ in COLUMNS]
WIDTHS = (110, 160, 90, 90, 80, 100)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DailyModel", text)


def _rate(d: DayFigure) -> str:
    return f"{d.delivered / d.sent * 100:.1f}%" if d.sent else "—"


class DailyModel(QAbstractTableModel):
    """One row per day and account, newest day first (a few hundred rows: a plain model)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DayFigure] = []

    def set_rows(self, rows: list[DayFigure]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=lambda r: (r.day, r.account), reverse=True)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(str(COLUMNS[section][1]))
        horizontal_tip = orientation == Qt.Orientation.Horizontal and role == (
            Qt.ItemDataRole.ToolTipRole
        )
        if horizontal_tip and KEYS[section] == "parts":
            return cost_note()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, key = self.rows[index.row()], KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key in ("sent", "delivered", "parts"):
                return f"{getattr(r, key):,}"
            if key == "rate":
                return _rate(r)
            return getattr(r, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("day", "account"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def cost_note() -> str:
    return _tr(
        "计费条数：网关已接收的短信按条计，超过 70 字的一条短信计为多条；被拒绝和结果未知的不计。"
        "按本机的发送记录统计，以服务商的账单为准。"
    )


def chart_data(figures: DailyFigures, account: str | None) -> ColumnChartData:
    columns = []
    for d in figures.per_day(account):
        columns.append(
            Column(
                d.day[5:],  # MM-DD
                d.sent,
                d.delivered,
                QCoreApplication.translate(
                    "DailyModel", "%1：发出 %2，送达 %3（%4），计费 %5 条", "", d.parts
                )
                .replace("%1", d.day)
                .replace("%2", f"{d.sent:,}")
                .replace("%3", f"{d.delivered:,}")
                .replace("%4", _rate(d))
                .replace("%5", f"{d.parts:,}"),
            )
        )
    title = QCoreApplication.translate("DailyModel", "近 %n 天每天的发送和送达", "", len(columns))
    if account:
        title = states.with_note(title, account)
    return ColumnChartData(
        title,
        columns if any(c.back for c in columns) else [],
        back_name=_tr("发出"),
        front_name=_tr("送达"),
        empty_text=_tr("这段时间没有发送。"),
    )


class StatsTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("statsTab")
        self.figures: DailyFigures | None = None
        self.loads = 0  # finished loads (tests wait on it)
        self._ready = False

        self.account_combo = QComboBox()
        self.account_combo.setObjectName("statsAccount")
        self.account_combo.setAccessibleName(self.tr("统计哪个账户"))
        self.account_combo.addItem(self.tr("全部账户"), None)
        self.account_combo.currentIndexChanged.connect(self._show)
        self.refresh_button = named_button(
            "refreshStatsButton", self.tr("刷新"), self.tr("重新统计近 30 天的发送")
        )
        self.refresh_button.clicked.connect(self.reload)

        self.chart = ColumnChart()
        self.chart.setObjectName("dailyChart")
        self.model = DailyModel(self)
        self.view = QTableView()
        self.view.setObjectName("dailyTable")
        self.view.setAccessibleName(self.tr("每天每个账户的发送、送达和计费条数"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fixed_rows(self.view)
        header = self.view.horizontalHeader()
        header.setObjectName("dailyHeader")
        set_column_widths(self.view, WIDTHS)

        self.totals = QLabel()
        self.totals.setObjectName("statsTotals")
        self.totals.setWordWrap(True)
        note = QLabel(cost_note())
        note.setObjectName("statsCostNote")
        note.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("账户：")))
        top.addWidget(self.account_combo)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.view, 1)
        lower_layout.addWidget(self.totals)
        lower_layout.addWidget(note)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("statsSplitter")
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY)
        self._reload_timer.timeout.connect(self.reload)
        ctx.changes.job_finished.connect(self._changed)
        ctx.changes.sync_done.connect(self._changed)

    def persisted_parts(self) -> list[QSplitter | QHeaderView]:
        return [self.splitter, self.view.horizontalHeader()]

    @Slot(object)
    def _changed(self, _what: object) -> None:
        """A send finished, or reports came in: read the figures again (once for a burst)."""
        if not self._reload_timer.isActive():
            self._reload_timer.start()

    def on_ready(self) -> None:
        self._ready = True
        self.reload()

    @Slot()
    def reload(self) -> None:
        if not self._ready or self.ctx.ops.closed or not self.ctx.is_open:
            return
        self._reload_timer.stop()
        db = self.ctx.db
        Op(self, lambda: daily_figures(db, DAYS), ops=self.ctx.ops).in_pool("query").token(
            "daily-figures"
        ).on_success(self._loaded).run()

    def _loaded(self, figures: DailyFigures) -> None:
        self.figures = figures
        chosen = self.account_combo.currentData()
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        self.account_combo.addItem(self.tr("全部账户"), None)
        for name in figures.accounts:
            self.account_combo.addItem(name, name)
        i = self.account_combo.findData(chosen)
        self.account_combo.setCurrentIndex(max(0, i))
        self.account_combo.blockSignals(False)
        self._show()
        self.loads += 1

    @Slot()
    def _show(self) -> None:
        figures = self.figures
        if figures is None:
            return
        account = self.account_combo.currentData()
        self.chart.set_data(chart_data(figures, account))
        self.model.set_rows([r for r in figures.rows if account is None or r.account == account])
        t = figures.totals(account)
        self.totals.setText(
            self.tr("%1 至 %2 合计：发出 %3，送达 %4（%5），计费 %6 条", "", t.parts)
            .replace("%1", figures.first_day)
            .replace("%2", figures.last_day)
            .replace("%3", f"{t.sent:,}")
            .replace("%4", f"{t.delivered:,}")
            .replace("%5", _rate(t))
            .replace("%6", f"{t.parts:,}")
        )
