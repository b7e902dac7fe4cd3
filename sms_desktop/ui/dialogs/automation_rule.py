"""An automation rule's form (``automationRuleDialog``): new or edited, with its preview.

What it offers (accounts, groups, templates) is read in an op when it opens; 预览 and 保存 are ops
on the core (:func:`~sms_desktop.core.automation.rules.preview`, ``add_rule``/``update_rule``,
which check every field and name the first problem). Times are Beijing time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.automation import rules as R
from ...core.automation.schedule import (
    DAILY,
    DATE,
    MONTHLY,
    WEEKDAY_ZH,
    WEEKDAYS,
    WEEKLY,
    Schedule,
    fmt,
)
from ...core.guard import JobKind
from ..i18n import current
from ..ops import Op
from ..widgets.controls import named_button

if TYPE_CHECKING:
    from ..context import AppContext


def _choices(ctx: AppContext) -> tuple[list[str], list[tuple[int, str]], list[str]]:
    """The accounts, the groups (id, name) and the templates' names (in an op)."""
    from ...core import templates
    from ...core.contacts.repository import groups

    return (
        [a.name for a in ctx.accounts.list()],
        [(g.id, g.name) for g in groups(ctx.db)],
        [t.name for t in templates.all_templates(ctx.db)],
    )


class RuleDialog(QDialog):
    saved = Signal(object)  # the stored Rule

    def __init__(self, ctx: AppContext, rule: R.Rule | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rule = rule
        self.loaded = False
        self.previews = 0  # finished previews (tests wait on it)
        self.setObjectName("automationRuleDialog")
        self.setWindowTitle(self.tr("编辑自动化规则") if rule else self.tr("新建自动化规则"))

        self.name = QLineEdit()
        self.name.setObjectName("ruleNameEdit")
        self.name.setAccessibleName(self.tr("规则名称"))
        self.account = QComboBox()
        self.account.setObjectName("ruleAccountCombo")
        self.account.setAccessibleName(self.tr("发送账户"))
        self.kind = QComboBox()
        self.kind.setObjectName("ruleKindCombo")
        self.kind.setAccessibleName(self.tr("短信类型"))
        self.kind.addItem(self.tr("通知"), JobKind.NOTICE)
        self.kind.addItem(self.tr("营销"), JobKind.MARKETING)
        self.template = QComboBox()
        self.template.setObjectName("ruleTemplateCombo")
        self.template.setAccessibleName(self.tr("短信模板"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("ruleTextEdit")
        self.text.setAccessibleName(self.tr("短信内容"))
        self.text.setPlaceholderText(self.tr("短信内容，可用 {列名}，例如：{姓名}，生日快乐！"))
        self.text.setMaximumHeight(80)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.group = QComboBox()
        self.group.setObjectName("ruleGroupCombo")
        self.group.setAccessibleName(self.tr("联系人分组"))
        self.search = QLineEdit()
        self.search.setObjectName("ruleSearchEdit")
        self.search.setAccessibleName(self.tr("筛选：每次运行时按此搜索"))
        self.search.setPlaceholderText(self.tr("可选：只发给匹配的联系人（每次运行时筛选）"))

        self.schedule = QComboBox()
        self.schedule.setObjectName("ruleScheduleCombo")
        self.schedule.setAccessibleName(self.tr("周期"))
        for key, label in (
            (DAILY, self.tr("每天")),
            (WEEKDAYS, self.tr("工作日（周一至周五）")),
            (WEEKLY, self.tr("每周")),
            (MONTHLY, self.tr("每月")),
            (DATE, self.tr("按日期字段（生日、到期日）")),
        ):
            self.schedule.addItem(label, key)
        self.weekday = QComboBox()
        self.weekday.setObjectName("ruleWeekdayCombo")
        self.weekday.setAccessibleName(self.tr("星期几"))
        names = [
            self.tr("周一"),
            self.tr("周二"),
            self.tr("周三"),
            self.tr("周四"),
            self.tr("周五"),
            self.tr("周六"),
            self.tr("周日"),
        ]
        assert len(names) == len(WEEKDAY_ZH)
        for i, label in enumerate(names):
            self.weekday.addItem(label, i)
        self.month_day = QComboBox()
        self.month_day.setObjectName("ruleMonthDayCombo")
        self.month_day.setAccessibleName(self.tr("每月的哪一天"))
        self.month_day.addItem(self.tr("1 日"), "1")
        self.month_day.addItem(self.tr("15 日"), "15")
        self.month_day.addItem(self.tr("月末"), "last")
        self.at = QTimeEdit(QTime(9, 0))
        self.at.setObjectName("ruleTimeEdit")
        self.at.setAccessibleName(self.tr("发送时间（北京时间）"))
        self.at.setDisplayFormat("HH:mm")
        self.has_end = QCheckBox(self.tr("截止到"))
        self.has_end.setObjectName("ruleEndCheck")
        self.end = QDateEdit(QDate.currentDate().addMonths(12))
        self.end.setObjectName("ruleEndEdit")
        self.end.setAccessibleName(self.tr("截止日期"))
        self.end.setDisplayFormat("yyyy-MM-dd")
        self.end.setCalendarPopup(True)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.end.setEnabled(False)
        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end)
        end_row.addStretch(1)

        self.date_field = QLineEdit()
        self.date_field.setObjectName("ruleDateFieldEdit")
        self.date_field.setAccessibleName(self.tr("日期列"))
        self.date_field.setPlaceholderText(self.tr("分组中的日期列，如 生日、到期日"))
        self.match = QComboBox()
        self.match.setObjectName("ruleMatchCombo")
        self.match.setAccessibleName(self.tr("按什么匹配日期"))
        self.match.addItem(self.tr("按月日（每年，如生日）"), True)
        self.match.addItem(self.tr("按完整日期（如合同到期）"), False)
        self.days_before = QSpinBox()
        self.days_before.setObjectName("ruleDaysBeforeSpin")
        self.days_before.setAccessibleName(self.tr("提前天数"))
        self.days_before.setRange(0, 366)
        self.days_before.setSuffix(self.tr(" 天（0：当天）"))

        form = QFormLayout()
        form.addRow(self.tr("名称："), self.name)
        form.addRow(self.tr("账户："), self.account)
        form.addRow(self.tr("类型："), self.kind)
        form.addRow(self.tr("模板："), self.template)
        form.addRow(self.tr("内容："), self.text)
        form.addRow(self.tr("分组："), self.group)
        form.addRow(self.tr("筛选："), self.search)
        form.addRow(self.tr("周期："), self.schedule)
        form.addRow(self.tr("星期："), self.weekday)
        form.addRow(self.tr("每月："), self.month_day)
        form.addRow(self.tr("时间（北京时间）："), self.at)
        form.addRow(self.tr("截止："), end_row)
        form.addRow(self.tr("日期列："), self.date_field)
        form.addRow(self.tr("匹配："), self.match)
        form.addRow(self.tr("提前："), self.days_before)
        self.form = form

        self.preview_text = QPlainTextEdit()
        self.preview_text.setObjectName("rulePreview")
        self.preview_text.setAccessibleName(self.tr("预览"))
        self.preview_text.setReadOnly(True)
        self.preview_text.setPlaceholderText(
            self.tr("点“预览”查看接下来的运行时间和收件人（按日期发送：未来 7 天）。")
        )
        self.preview_button = named_button(
            "previewRuleButton", self.tr("预览"), self.tr("预览接下来的运行和收件人")
        )
        self.preview_button.clicked.connect(self.run_preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveRuleButton")
        self.save_button.setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_text, 1)
        layout.addWidget(self.buttons)
        self.schedule.currentIndexChanged.connect(self._schedule_chosen)
        self.resize(620, 720)
        self._schedule_chosen()
        Op(self, lambda: _choices(ctx), ops=ctx.ops).in_pool("query").on_success(self._loaded).run()

    # ---- filling the form -----------------------------------------------------------------
    def _loaded(self, choices: tuple[list[str], list[tuple[int, str]], list[str]]) -> None:
        accounts, groups, templates = choices
        self.account.addItems(accounts)
        self.group.addItem(self.tr("全部分组"), None)
        for gid, name in groups:
            self.group.addItem(name, gid)
        self.template.addItem(self.tr("（不用模板，直接填写内容）"), "")
        for name in templates:
            self.template.addItem(name, name)
        if self.rule is not None:
            self._show(self.rule)
        self.loaded = True

    def _show(self, rule: R.Rule) -> None:
        s = rule.schedule
        self.name.setText(rule.name)
        self.account.setCurrentText(rule.account)
        self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
        self.template.setCurrentIndex(max(0, self.template.findData(rule.template)))
        self.text.setPlainText(rule.text)
        self.group.setCurrentIndex(max(0, self.group.findData(rule.group)))
        self.search.setText(rule.filter.search)
        self.schedule.setCurrentIndex(max(0, self.schedule.findData(s.kind)))
        if s.weekday is not None:
            self.weekday.setCurrentIndex(s.weekday)
        self.month_day.setCurrentIndex(max(0, self.month_day.findData(s.month_day)))
        self.at.setTime(QTime(s.at.hour, s.at.minute))
        self.has_end.setChecked(s.end is not None)
        if s.end is not None:
            self.end.setDate(QDate(s.end.year, s.end.month, s.end.day))
        self.date_field.setText(rule.date_field)
        self.match.setCurrentIndex(0 if rule.yearly else 1)
        self.days_before.setValue(rule.days_before)

    @Slot()
    def _schedule_chosen(self) -> None:
        kind = self.schedule.currentData()
        for widget, shown in (
            (self.weekday, kind == WEEKLY),
            (self.month_day, kind == MONTHLY),
            (self.date_field, kind == DATE),
            (self.match, kind == DATE),
            (self.days_before, kind == DATE),
        ):
            self.form.setRowVisible(widget, shown)

    @Slot()
    def _template_chosen(self) -> None:
        self.text.setEnabled(not self.template.currentData())

    def value(self) -> R.Rule:
        """What the form holds (the core checks it)."""
        kind = str(self.schedule.currentData())
        t = self.at.time()
        end = self.end.date()
        return R.Rule(
            id=self.rule.id if self.rule else None,
            name=self.name.text(),
            account=self.account.currentText(),
            kind=str(self.kind.currentData()),
            template=str(self.template.currentData() or ""),
            text="" if self.template.currentData() else self.text.toPlainText(),
            group=self.group.currentData(),
            # the form edits the search; a carrier or province the rule has (the CLI's
            # --carrier / --province) stays
            filter=replace(
                self.rule.filter if self.rule else R.RecipientFilter(),
                search=self.search.text().strip(),
            ),
            schedule=Schedule(
                kind=kind,
                at=time(t.hour(), t.minute()),
                weekday=int(self.weekday.currentData()) if kind == WEEKLY else None,
                month_day=str(self.month_day.currentData()) if kind == MONTHLY else None,
                end=date(end.year(), end.month(), end.day()) if self.has_end.isChecked() else None,
            ),
            date_field=self.date_field.text().strip() if kind == DATE else "",
            yearly=bool(self.match.currentData()),
            days_before=self.days_before.value() if kind == DATE else 0,
            state=self.rule.state if self.rule else R.RuleState.ENABLED,
        )

    # ---- preview and save -----------------------------------------------------------------
    @Slot()
    def run_preview(self) -> None:
        rule, db = self.value(), self.ctx.db
        engine = self.ctx.engine

        def work() -> R.Preview:
            return R.preview(db, R.check(db, engine, rule))

        Op(self, work, ops=self.ctx.ops).in_pool("query").on_success(self._previewed).on_failure(
            self._failed
        ).run()

    def _previewed(self, p: R.Preview) -> None:
        self.previews += 1
        self.preview_text.setPlainText("\n".join(self.preview_lines(p)))

    def preview_lines(self, p: R.Preview) -> list[str]:
        """The preview as lines of text: its notes (the schedule, the Feb 29 rule), each run
        with its recipients, and the contacts whose date cannot be read."""
        english = (current() or "").startswith("en")
        lines = [en if english else zh for zh, en in p.notes]
        rule = p.rule
        for run in p.runs:
            head = fmt(run.due_at)[:16]
            if run.target is not None:
                head += " → " + run.target.isoformat()
            lines.append(f"{head}: " + self.tr("%n 人", "", len(run.recipients)))
            if rule.is_date_rule:
                for r in run.recipients[:50]:
                    lines.append(f"    {r.phone}  {r.name}  {r.fields.get(rule.date_field, '')}")
        if p.unreadable:
            lines.append(
                self.tr("无法识别的日期（不发送）：%1 个").replace("%1", str(len(p.unreadable)))
            )
            for u in p.unreadable[:200]:
                reason = u.reason_en if english else u.reason_zh
                lines.append(f"    {u.phone}  {u.name}  “{u.value}”：{reason}")
        return lines

    @Slot()
    def save(self) -> None:
        rule, db, engine = self.value(), self.ctx.db, self.ctx.engine
        self.save_button.setEnabled(False)

        def work() -> R.Rule:
            if rule.id is None:
                return R.add_rule(db, engine, rule)
            return R.update_rule(db, engine, rule)

        Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(self._saved).on_failure(
            self._failed
        ).run()

    def _saved(self, rule: R.Rule) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(rule)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.ctx.ops.report_error(self, exc)
