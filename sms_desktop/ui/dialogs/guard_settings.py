"""设置 → 发送规则 (``guardSettingsDialog``): the compliance guard's settings, kept in the store
(``core.guard.settings``, shared with ``sms-desktop-cli guard``): the frequency caps, the words
that make a text read as marketing, and the user's own numbers for 先发给自己. Loaded and saved
in ops. The marketing window and the opt-out marker are per account (设置 → 账户 → 高级设置).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.guard import GuardSettings, load_settings, save_settings
from ...core.guard.settings import MAX_CAP
from ..ops import Op
from ..settings import PersistState

if TYPE_CHECKING:
    from ..context import AppContext

SETTING_KEY = "guard"  # ChangeBus.settings_changed key: the guard's settings changed


class GuardSettingsDialog(PersistState, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.setObjectName("guardSettingsDialog")
        self.setWindowTitle(self.tr("发送规则"))

        self.caps: dict[str, QSpinBox] = {}
        caps_box = QGroupBox(self.tr("频次限制（每个号码，所有任务和账户合计）"))
        form = QFormLayout(caps_box)
        for rule, name, label, accessible in (
            (
                "marketing_day",
                "capMarketingDaySpin",
                self.tr("每天营销短信最多："),
                self.tr("每个号码每天最多几条营销短信"),
            ),
            (
                "marketing_week",
                "capMarketingWeekSpin",
                self.tr("7 天营销短信最多："),
                self.tr("每个号码 7 天内最多几条营销短信"),
            ),
            (
                "any_day",
                "capAnyDaySpin",
                self.tr("每天各类短信共最多："),
                self.tr("每个号码每天最多几条短信（通知和营销合计）"),
            ),
        ):
            spin = QSpinBox()
            spin.setObjectName(name)
            spin.setAccessibleName(accessible)
            spin.setRange(0, MAX_CAP)
            spin.setSuffix(self.tr(" 条"))
            spin.setSpecialValueText(self.tr("不限"))
            self.caps[rule] = spin
            form.addRow(label, spin)
        note = QLabel(self.tr("按北京时间的自然日计算；超出的号码跳过，原因记为“频次限制”。"))
        note.setWordWrap(True)
        form.addRow(note)

        self.words = QPlainTextEdit()
        self.words.setObjectName("marketingWordsEdit")
        self.words.setAccessibleName(self.tr("营销词，每行一个"))
        words_box = QGroupBox(self.tr("营销词"))
        words_layout = QVBoxLayout(words_box)
        hint = QLabel(self.tr("内容含这些词或链接时，按营销短信提示（发送前由您确认类型）。"))
        hint.setWordWrap(True)
        words_layout.addWidget(hint)
        words_layout.addWidget(self.words)

        self.own = QLineEdit()
        self.own.setObjectName("ownNumbersEdit")
        self.own.setAccessibleName(self.tr("本人号码，最多 3 个"))
        self.own.setPlaceholderText(self.tr("例如：13800138000, 13900139000"))
        own_box = QGroupBox(self.tr("本人号码（先发给自己）"))
        own_form = QFormLayout(own_box)
        own_form.addRow(self.tr("号码（1–3 个）："), self.own)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("保存"))
        ok.setAccessibleName(self.tr("保存发送规则"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)  # until loaded

        layout = QVBoxLayout(self)
        layout.addWidget(caps_box)
        layout.addWidget(words_box, 1)
        layout.addWidget(own_box)
        layout.addWidget(self.buttons)
        self.resize(480, 520)
        self.restore_state(ctx.settings)
        db = ctx.db
        Op(self, lambda: load_settings(db), ops=ctx.ops).in_pool("query").on_success(
            self._loaded
        ).run()

    def _loaded(self, s: GuardSettings) -> None:
        for rule, spin in self.caps.items():
            spin.setValue(getattr(s.caps, rule))
        self.words.setPlainText("\n".join(s.words))
        self.own.setText(", ".join(s.own_numbers))
        self.buttons.setEnabled(True)
        self.loaded = True

    @Slot()
    def save(self) -> None:
        db = self.ctx.db
        caps: dict[str, object] = {rule: spin.value() for rule, spin in self.caps.items()}
        words = self.words.toPlainText().splitlines()
        own = self.own.text()
        self.buttons.setEnabled(False)
        Op(
            self,
            lambda: save_settings(db, words=words, caps=caps, own_numbers=own),
            ops=self.ctx.ops,
        ).in_pool("io").on_success(self._saved).on_failure(self._failed).run()

    def _saved(self, _: GuardSettings) -> None:
        self.ctx.changes.settings_changed.emit(SETTING_KEY)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.ctx.ops.report_error(self, exc)

    def done(self, result: int) -> None:
        self.save_state(self.ctx.settings)
        super().done(result)
