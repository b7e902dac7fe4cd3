"""One job's recipients (发送记录's lower pane): state in colour and words, the vendor's code and
text, the delivery report. Backed by a :class:`LazyTableModel`, so a 100k-recipient job opens at
once and scrolls smoothly (fixed row heights, nothing sized to its contents)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..models import recipients
from ..models.lazy_table import LazyTableModel
from ..models.recipients import JobRecipients
from .table_view import set_column_widths

if TYPE_CHECKING:
    from ..context import AppContext

FILTERS: list[tuple[object, tuple[str, ...] | None]] = [
    (QT_TRANSLATE_NOOP("JobDetail", "全部号码"), None),
    (QT_TRANSLATE_NOOP("JobDetail", "被拒绝"), ("rejected",)),
    (QT_TRANSLATE_NOOP("JobDetail", "结果未知"), ("unknown", "sending")),
    (QT_TRANSLATE_NOOP("JobDetail", "已送达"), ("delivered",)),
    (QT_TRANSLATE_NOOP("JobDetail", "未送达"), ("undelivered",)),
    (QT_TRANSLATE_NOOP("JobDetail", "网关已接收（未有报告）"), ("accepted",)),
    (QT_TRANSLATE_NOOP("JobDetail", "待发送"), ("queued",)),
    (QT_TRANSLATE_NOOP("JobDetail", "已跳过"), ("skipped",)),
]


def fixed_rows(view: QTableView) -> None:
    """Uniform row heights, no word wrap: what keeps 100k rows smooth (brief §4)."""
    vh = view.verticalHeader()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


class JobDetail(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobDetail")
        self.ctx = ctx
        self.job_id: int | None = None
        self.title = QLabel(self.tr("选择上方的任务，查看每个号码的结果。"))
        self.title.setObjectName("jobDetailTitle")
        # who created, started, paused and cancelled the job (the history tab sets it)
        self.who = QLabel()
        self.who.setObjectName("jobWhoLabel")
        self.who.setAccessibleName(self.tr("任务的操作人"))
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.who.hide()
        self.filter = QComboBox()
        self.filter.setObjectName("recipientFilter")
        self.filter.setAccessibleName(self.tr("按状态筛选号码"))
        for label, _ in FILTERS:
            self.filter.addItem(QCoreApplication.translate("JobDetail", str(label)))
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.count = QLabel()
        self.count.setObjectName("recipientCount")

        self.model = LazyTableModel(None, ctx.ops, self)
        self.model.loaded.connect(self._loaded)
        self.view = QTableView()
        self.view.setObjectName("recipientsView")
        self.view.setAccessibleName(self.tr("任务的号码及结果"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        fixed_rows(self.view)
        header = self.view.horizontalHeader()
        header.setObjectName("recipientsHeader")
        header.setStretchLastSection(True)
        self._widths_set = False

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel(self.tr("显示：")))
        top.addWidget(self.filter)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.who)
        layout.addWidget(self.view, 1)

    # ---- which job -----------------------------------------------------------------------
    def set_who(self, text: str) -> None:
        """Who did what to the job (one line; hidden when empty)."""
        self.who.setText(text)
        self.who.setVisible(bool(text))

    def show_job(self, job_id: int | None, title: str = "") -> None:
        if title:
            self.title.setText(title)
        if job_id == self.job_id:
            return
        self.job_id = job_id
        self._set_source()

    def _states(self) -> tuple[str, ...] | None:
        return FILTERS[max(0, self.filter.currentIndex())][1]

    def _set_source(self) -> None:
        if self.job_id is None:
            self.model.set_source(None)
            self.count.setText("")
            return
        self.count.setText(self.tr("正在读取…"))
        self.model.set_source(
            JobRecipients(self.ctx.db, self.job_id, self._states(), self.ctx.lang)
        )
        if not self._widths_set:
            self._widths_set = True
            set_column_widths(
                self.view, recipients.WIDTHS, recipients.column_labels(), (recipients.STATE_COL,)
            )

    @Slot(int)
    def _filter_changed(self, _: int) -> None:
        self._set_source()

    @Slot()
    def _loaded(self) -> None:
        self.count.setText(self.tr("%Ln 个号码", "", self.model.rowCount()))

    # ---- the job changed (states, reports) -----------------------------------------------
    def job_changed(self) -> None:
        """Rows changed: with every recipient shown, the keys stay and loaded pages refresh;
        with a state filter, the set itself may have changed, so the keys are read again."""
        if self.job_id is None:
            return
        if self._states() is None:
            self.model.refresh()
        else:
            self.model.reload()
