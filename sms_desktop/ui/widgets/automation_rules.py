"""自动化 → 定期与按日期发送: the automation rules (``automationView``) with their schedule, next run
(Beijing time) and last result; new, edit, pause or resume, delete, preview, and the missed
runs (send now or skip). Every read and write is an op on the core's
:mod:`~sms_desktop.core.automation.rules`; the list reloads after each action, when a job ends,
and every :data:`REFRESH_MS` (the runs the scheduler or the service made meanwhile).

:func:`ask_missed` is also the start-up's question ("missed: … send now / skip").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.automation import rules as R
from ...core.automation.schedule import fmt
from ..i18n import current
from ..ops import Op
from .controls import named_button
from .table_view import set_column_widths

if TYPE_CHECKING:
    from ..context import AppContext

Index = QModelIndex | QPersistentModelIndex
REFRESH_MS = 30_000

COLUMNS = [
    QT_TRANSLATE_NOOP("AutomationRules", "名称"),
    QT_TRANSLATE_NOOP("AutomationRules", "账户"),
    QT_TRANSLATE_NOOP("AutomationRules", "周期（北京时间）"),
    QT_TRANSLATE_NOOP("AutomationRules", "状态"),
    QT_TRANSLATE_NOOP("AutomationRules", "下次运行（北京时间）"),
    QT_TRANSLATE_NOOP("AutomationRules", "上次结果"),
]
RUN_STATES = {
    R.RunState.SENT: QT_TRANSLATE_NOOP("AutomationRules", "已发出"),
    R.RunState.EMPTY: QT_TRANSLATE_NOOP("AutomationRules", "无收件人"),
    R.RunState.FAILED: QT_TRANSLATE_NOOP("AutomationRules", "失败"),
    R.RunState.MISSED: QT_TRANSLATE_NOOP("AutomationRules", "错过"),
    R.RunState.SKIPPED: QT_TRANSLATE_NOOP("AutomationRules", "已跳过"),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate("AutomationRules", str(text))


def describe(rule: R.Rule) -> str:
    """The rule's schedule in the UI's language."""
    zh, en = rule.describe()
    return en if (current() or "").startswith("en") else zh


def last_result(s: R.RuleStatus) -> str:
    run = s.last
    if run is None:
        return ""
    text = f"{_tr(RUN_STATES.get(run.state, run.state))} {fmt(run.due_at)[5:16]}"
    if run.job_id is not None:
        text += " · " + _tr("任务 %1").replace("%1", str(run.job_id))
    return text


class RulesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[R.RuleStatus] = []

    def set_items(self, items: list[R.RuleStatus]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        s = self.items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return s.rule.name
            if col == 1:
                return s.rule.account
            if col == 2:
                return describe(s.rule)
            if col == 3:
                return _tr("启用") if s.rule.state == R.RuleState.ENABLED else _tr("已暂停")
            if col == 4:
                return fmt(s.next_run)[:16] if s.next_run else "—"
            if col == 5:
                return last_result(s)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 2:
                return describe(s.rule)
            if col == 5 and s.last is not None:
                return s.last.detail or None
        return None


class RulesSection(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("automationRulesSection")
        self.loads = 0  # finished loads (tests wait on it)
        self.model = RulesModel()
        self.view = QTableView()
        self.view.setObjectName("automationView")
        self.view.setAccessibleName(self.tr("自动化规则"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        set_column_widths(self.view, (130, 100, 400, 70, 150, 180))
        self.view.doubleClicked.connect(lambda _i: self.edit_rule())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        self.new_button = named_button(
            "newAutomationRuleButton", self.tr("新建…"), self.tr("新建自动化规则")
        )
        self.edit_button = named_button(
            "editAutomationRuleButton", self.tr("编辑…"), self.tr("编辑所选规则")
        )
        self.toggle_button = named_button(
            "toggleAutomationRuleButton", self.tr("暂停"), self.tr("暂停或启用所选规则")
        )
        self.delete_button = named_button(
            "deleteAutomationRuleButton", self.tr("删除"), self.tr("删除所选规则")
        )
        self.missed_button = named_button(
            "missedRunsButton", self.tr("错过的运行…"), self.tr("处理错过的运行：现在发送或跳过")
        )
        self.new_button.clicked.connect(self.new_rule)
        self.edit_button.clicked.connect(self.edit_rule)
        self.toggle_button.clicked.connect(self.toggle_rule)
        self.delete_button.clicked.connect(self.delete_rule)
        self.missed_button.clicked.connect(self.handle_missed)
        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.edit_button,
            self.toggle_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.missed_button)
        self.note = QLabel(
            self.tr(
                "规则在本程序运行时（包括最小化到托盘）或发送服务运行时执行；"
                "错过的运行不会自动补发。"
            )
        )
        self.note.setObjectName("automationNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.load)
        ctx.changes.job_finished.connect(lambda _s: self.load())
        self._enable()

    # ---- the list -------------------------------------------------------------------------
    @Slot()
    def load(self) -> None:
        if self.ctx.ops.closed:
            return
        db = self.ctx.db

        def work() -> tuple[list[R.RuleStatus], int]:
            return R.overview(db), len(R.missed_runs(db))

        Op(self, work, ops=self.ctx.ops).in_pool("query").token("automation-rules").on_success(
            self._loaded
        ).run()
        self._timer.start()

    def _loaded(self, result: tuple[list[R.RuleStatus], int]) -> None:
        items, missed = result
        chosen = self.selected()
        self.model.set_items(items)
        if chosen is not None:
            for row, s in enumerate(items):
                if s.rule.id == chosen.id:
                    self.view.selectRow(row)
        self.missed_button.setText(
            QCoreApplication.translate("AutomationRules", "错过的运行（%n）…", "", missed)
            if missed
            else self.tr("错过的运行…")
        )
        self.missed_button.setEnabled(bool(missed))
        self.loads += 1
        self._enable()

    def selected(self) -> R.Rule | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.model.items):
            return None
        return self.model.items[rows[0].row()].rule

    def select(self, name: str) -> None:
        for row, s in enumerate(self.model.items):
            if s.rule.name == name:
                self.view.selectRow(row)

    def _enable(self) -> None:
        rule = self.selected()
        for b in (self.edit_button, self.toggle_button, self.delete_button):
            b.setEnabled(rule is not None)
        paused = rule is not None and rule.state == R.RuleState.PAUSED
        self.toggle_button.setText(self.tr("启用") if paused else self.tr("暂停"))

    # ---- actions --------------------------------------------------------------------------
    @Slot()
    def new_rule(self) -> QWidget:
        return self._dialog(None)

    @Slot()
    def edit_rule(self) -> QWidget | None:
        rule = self.selected()
        return None if rule is None else self._dialog(rule)

    def _dialog(self, rule: R.Rule | None) -> QWidget:
        from ..dialogs.automation_rule import RuleDialog

        dialog = RuleDialog(self.ctx, rule, self)
        dialog.saved.connect(self._saved)
        dialog.show()
        self.dialog = dialog
        return dialog

    def _saved(self, rule: R.Rule) -> None:
        self.load()
        self.ctx.prompts.notify(
            self.tr("自动化"), self.tr("规则已保存：%1").replace("%1", rule.name)
        )

    @Slot()
    def toggle_rule(self) -> None:
        rule = self.selected()
        if rule is None:
            return
        enable = rule.state != R.RuleState.ENABLED
        db, ref = self.ctx.db, rule.id or rule.name
        Op(self, lambda: R.set_enabled(db, ref, enable), ops=self.ctx.ops).in_pool("io").on_success(
            lambda _r: self.load()
        ).run()

    @Slot()
    def delete_rule(self) -> None:
        rule = self.selected()
        if rule is None or not self.ctx.prompts.confirm(
            self,
            self.tr("删除规则"),
            self.tr("删除自动化规则“%1”？已发出的任务仍保留在发送记录中。").replace(
                "%1", rule.name
            ),
            ok_text=self.tr("删除"),
        ):
            return
        db, ref = self.ctx.db, rule.id or rule.name
        Op(self, lambda: R.delete_rule(db, ref), ops=self.ctx.ops).in_pool("io").on_success(
            lambda _r: self.load()
        ).run()

    @Slot()
    def handle_missed(self) -> None:
        db = self.ctx.db
        Op(self, lambda: R.missed_runs(db), ops=self.ctx.ops).in_pool("query").on_success(
            lambda runs: ask_missed(self, self.ctx, runs, self.load)
        ).run()


def ask_missed(parent: QWidget, ctx: AppContext, runs: list[R.Run], after: Any = None) -> None:
    """For each missed run: "missed: … send now / skip / later" (through the Prompts). 现在发送
    makes its job and sends it (``ctx.runs``); 跳过 records the skip; 以后再说 leaves it missed
    (自动化 lists it, and the next start asks again)."""
    engine = ctx.engine
    for run in runs:
        local = run.due_local
        when = fmt(run.due_at)
        if local is not None and local.replace(microsecond=0) != run.due_at:
            when += _tr("（本机时间 %1）").replace("%1", fmt(local))
        text = (
            _tr("自动化规则“%1”原定于北京时间 %2 运行，当时本程序和发送服务都没有运行，没有发送。")
            .replace("%1", run.rule_name)
            .replace("%2", when)
        )
        picked = ctx.prompts.choose(
            parent,
            _tr("错过的自动发送"),
            text,
            [_tr("现在发送(&S)"), _tr("跳过(&K)"), _tr("以后再说")],
            default=2,  # sending spends money: a deliberate choice, never Enter
            cancel=2,
        )
        run_id = run.id
        if picked == 0:

            def sent(job_id: int | None) -> None:
                if job_id is not None:
                    ctx.runs.resume(job_id)
                if after is not None:
                    after()

            Op(parent, lambda run_id=run_id: R.send_missed(engine, run_id), ops=ctx.ops).in_pool(
                "io"
            ).on_success(sent).run()
        elif picked == 1:
            Op(parent, lambda run_id=run_id: R.skip_missed(engine, run_id), ops=ctx.ops).in_pool(
                "io"
            ).on_success(lambda _r: after() if after is not None else None).run()
