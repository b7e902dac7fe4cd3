"""设置 → 选项: how often reports and replies are pulled, the local sensitive-word list, and where
passwords are kept.

* The poll interval is kept in ``settings.ini`` (:data:`~..context.POLL_INTERVAL_KEY`) and
  applied to the running ``Poller`` at once; the vendor's own minimum interval always applies.
* The word list lives in the store (``core.wordcheck``): loaded and saved in ops.
* 数据库: 备份 (``core.maintenance.backup``, SQLite's online backup to a file the user picks; no
  passwords) and 整理 (``VACUUM``; the core refuses it while a send runs), each one ``io`` op.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core import maintenance, wordcheck
from ...core.sync import DEFAULT_POLL_INTERVAL
from ..context import POLL_INTERVAL_KEY
from ..i18n import LanguageChoice, pick
from ..ops import Op
from ..settings import PersistState
from ..widgets.controls import named_button

if TYPE_CHECKING:
    from ..context import AppContext


class SettingsDialog(PersistState, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("选项"))

        self.poll = QSpinBox()
        self.poll.setObjectName("pollIntervalSpin")
        self.poll.setAccessibleName(self.tr("自动获取状态报告和回复的间隔（秒）"))
        self.poll.setRange(10, 24 * 3600)
        self.poll.setSuffix(self.tr(" 秒"))
        current = ctx.poller.default_interval if ctx.is_open else DEFAULT_POLL_INTERVAL
        self.poll.setValue(int(current))
        poll_box = QGroupBox(self.tr("自动同步"))
        poll_form = QFormLayout(poll_box)
        poll_form.addRow(self.tr("获取状态报告和回复的间隔："), self.poll)
        note = QLabel(self.tr("网关规定了最短间隔的，按网关的规定；主动推送的网关不需要定时获取。"))
        note.setWordWrap(True)
        poll_form.addRow(note)

        self.words = QPlainTextEdit()
        self.words.setObjectName("sensitiveWordsEdit")
        self.words.setAccessibleName(self.tr("本地敏感词，每行一个"))
        self.words.setPlaceholderText(self.tr("每行一个词，例如：\n发票\n代开"))
        words_box = QGroupBox(self.tr("本地敏感词"))
        words_layout = QVBoxLayout(words_box)
        hint = QLabel(
            self.tr("发送前检查短信内容是否含有这些词（另外，支持的网关还会由网关自己检查）。")
        )
        hint.setWordWrap(True)
        words_layout.addWidget(hint)
        words_layout.addWidget(self.words)

        self.secrets_note = QLabel()
        self.secrets_note.setObjectName("secretsBackendNote")
        self.secrets_note.setWordWrap(True)
        warning = ctx.secrets.backend_warning if ctx.is_open else None
        self.secrets_note.setText(  # the warning says where they are kept: no prefix
            pick(warning) if warning else self.tr("密码保存方式：系统密码库。")
        )

        db_box = QGroupBox(self.tr("数据库"))
        db_layout = QHBoxLayout(db_box)
        self.backup_button = named_button(
            "backupDatabaseButton",
            self.tr("备份…"),
            self.tr("把数据库备份到一个文件（不含密码）"),
        )
        self.vacuum_button = named_button(
            "vacuumDatabaseButton",
            self.tr("整理"),
            self.tr("整理数据库，收回删除后留下的空间（发送中不能整理）"),
        )
        self.backup_button.clicked.connect(self.backup)
        self.vacuum_button.clicked.connect(self.vacuum)
        db_layout.addWidget(self.backup_button)
        db_layout.addWidget(self.vacuum_button)
        db_layout.addStretch(1)
        self.db_busy = False

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(
            self.tr("保存选项")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)  # until the word list is loaded

        layout = QVBoxLayout(self)
        layout.addWidget(poll_box)
        layout.addWidget(words_box, 1)
        self.language = LanguageChoice(ctx.settings)  # 界面语言: applies at the next start
        layout.addWidget(self.language)
        layout.addWidget(db_box)
        layout.addWidget(self.secrets_note)
        layout.addWidget(self.buttons)
        self.resize(520, 480)
        self.restore_state(ctx.settings)
        db = ctx.db
        Op(self, lambda: wordcheck.load_words(db), ops=ctx.ops).in_pool("query").on_success(
            self._loaded
        ).run()

    def _loaded(self, words: list[str]) -> None:
        self.words.setPlainText(wordcheck.format_words(words))
        self.buttons.setEnabled(True)
        self.loaded = True

    @Slot()
    def save(self) -> None:
        interval = float(self.poll.value())
        self.ctx.settings.setValue(POLL_INTERVAL_KEY, interval)
        self.language.save()
        self.ctx.poller.default_interval = interval
        self.ctx.poll_interval = interval
        db, text = self.ctx.db, self.words.toPlainText()
        self.buttons.setEnabled(False)
        Op(self, lambda: wordcheck.save_words(db, text.splitlines()), ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(self._saved).on_failure(self._failed).run()

    # ---- 数据库: backup and VACUUM, off the GUI thread -----------------------------------------
    def _db_op_running(self, running: bool) -> None:
        self.db_busy = running
        self.backup_button.setEnabled(not running)
        self.vacuum_button.setEnabled(not running)

    @Slot()
    def backup(self) -> None:
        suggested = f"sms-desktop-{datetime.now():%Y%m%d-%H%M}.sqlite3"
        path = self.ctx.prompts.save_file(
            self, self.tr("备份数据库"), self.tr("数据库备份 (*.sqlite3)"), suggested
        )
        if path is None:
            return
        db = self.ctx.db
        self._db_op_running(True)
        Op(self, lambda: maintenance.backup(db, path), ops=self.ctx.ops).in_pool("io").on_success(
            self._backed_up
        ).on_failure(self._db_failed).run()

    def _backed_up(self, result: maintenance.BackupResult) -> None:
        self._db_op_running(False)
        self.ctx.prompts.info(
            self,
            self.tr("备份完成"),
            self.tr("数据库已备份到 %1（%2 MB）。密码不在备份中。")
            .replace("%1", str(Path(result.path)))
            .replace("%2", f"{result.bytes / 1e6:.1f}"),
        )

    @Slot()
    def vacuum(self) -> None:
        db = self.ctx.db
        self._db_op_running(True)
        Op(self, lambda: maintenance.vacuum(db), ops=self.ctx.ops).in_pool("io").on_success(
            self._vacuumed
        ).on_failure(self._db_failed).run()

    def _vacuumed(self, result: maintenance.VacuumResult) -> None:
        self._db_op_running(False)
        self.ctx.prompts.info(
            self,
            self.tr("整理完成"),
            self.tr("数据库已整理：%1 MB → %2 MB。")
            .replace("%1", f"{result.bytes_before / 1e6:.1f}")
            .replace("%2", f"{result.bytes_after / 1e6:.1f}"),
        )

    def _db_failed(self, exc: BaseException) -> None:
        self._db_op_running(False)
        self.ctx.ops.report_error(self, exc)

    def _saved(self, _: list[str]) -> None:
        self.ctx.changes.settings_changed.emit(POLL_INTERVAL_KEY)
        self.ctx.changes.settings_changed.emit(wordcheck.SETTING_KEY)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.ctx.ops.report_error(self, exc)

    def done(self, result: int) -> None:
        self.save_state(self.ctx.settings)
        super().done(result)
