"""One keyword auto-reply rule's form (``autoReplyDialog``): new, or an existing rule edited.

Saving runs in an op (the core's :mod:`~sms_desktop.core.automation.autoreply` checks every
field: a refusal comes through ``Prompts.error`` and the dialog stays open); :attr:`saved` is
emitted with the rule as stored, then the dialog closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.automation import autoreply as A
from ..ops import Op

if TYPE_CHECKING:
    from ..context import AppContext


class AutoReplyDialog(QDialog):
    saved = Signal(object)  # the Rule as stored

    def __init__(
        self,
        ctx: AppContext,
        accounts: list[str],
        rule: A.Rule | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rule = rule
        self.setObjectName("autoReplyDialog")
        self.setWindowTitle(self.tr("编辑自动回复规则") if rule else self.tr("新建自动回复规则"))

        self.account = QComboBox()
        self.account.setObjectName("autoReplyAccountCombo")
        self.account.setAccessibleName(self.tr("收到回复的账户"))
        for name in accounts:
            self.account.addItem(name, name)
        self.name = QLineEdit()
        self.name.setObjectName("autoReplyNameEdit")
        self.name.setAccessibleName(self.tr("规则名称"))
        self.match = QComboBox()
        self.match.setObjectName("autoReplyMatchCombo")
        self.match.setAccessibleName(self.tr("匹配方式"))
        self.match.addItem(self.tr("包含关键词"), A.CONTAINS)
        self.match.addItem(self.tr("与关键词完全一致"), A.EXACT)
        self.keywords = QLineEdit()
        self.keywords.setObjectName("autoReplyKeywordsEdit")
        self.keywords.setAccessibleName(self.tr("关键词"))
        self.keywords.setPlaceholderText(self.tr("多个关键词用逗号或顿号分隔，例如：1、地址"))
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("autoReplyAnswerEdit")
        self.answer.setAccessibleName(self.tr("自动回复的内容"))
        self.answer.setPlaceholderText(self.tr("例如：本店地址：人民路1号，营业时间 9:00-21:00"))
        self.answer.setMaximumHeight(90)
        note = QLabel(
            self.tr(
                "同一号码 24 小时内每条规则最多回复一次；退订回复（退订、TD 等）只加入黑名单，"
                "从不自动回复。每条自动回复都是发送记录中的一个任务。"
            )
        )
        note.setObjectName("autoReplyNote")
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("账户："), self.account)
        form.addRow(self.tr("名称："), self.name)
        form.addRow(self.tr("匹配："), self.match)
        form.addRow(self.tr("关键词："), self.keywords)
        form.addRow(self.tr("回复内容："), self.answer)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveAutoReplyButton")
        self.save_button.setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(520, 320)
        if rule is not None:
            self._show(rule)

    def _show(self, rule: A.Rule) -> None:
        at = self.account.findData(rule.account)
        if at < 0:  # an account removed since: kept, so the form shows what the rule says
            self.account.addItem(rule.account, rule.account)
            at = self.account.count() - 1
        self.account.setCurrentIndex(at)
        self.name.setText(rule.name)
        self.match.setCurrentIndex(max(0, self.match.findData(rule.match)))
        self.keywords.setText(self.tr("、").join(rule.keywords))
        self.answer.setPlainText(rule.answer)

    @Slot()
    def save(self) -> None:
        db, accounts = self.ctx.db, self.ctx.accounts
        account = str(self.account.currentData() or "")
        name, match = self.name.text(), str(self.match.currentData())
        keywords, answer = self.keywords.text(), self.answer.toPlainText()
        rule_id = self.rule.id if self.rule is not None else None

        def work() -> A.Rule:
            if rule_id is None:
                return A.add(
                    db,
                    accounts,
                    account=account,
                    name=name,
                    match=match,
                    keywords=keywords,
                    answer=answer,
                )
            return A.edit(
                db,
                accounts,
                rule_id,
                account=account,
                name=name,
                match=match,
                keywords=keywords,
                answer=answer,
            )

        self.save_button.setEnabled(False)
        Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(self._saved).on_failure(
            self._failed
        ).run()

    def _saved(self, rule: A.Rule) -> None:
        self.save_button.setEnabled(True)
        self.rule = rule
        self.saved.emit(rule)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.ctx.ops.report_error(self, exc)
