"""发送 (compose and schedule): account, recipients, text, timing, confirmation, progress.

The tab gathers what the user gave on the GUI thread, as the core's plain
:class:`~sms_desktop.core.jobs.compose.Draft`, and hands it to ops: reading a file (``io``), the
live estimate (``query``, debounced and tokened: only the newest result is shown), creating the
job (``io``, only after the confirmation's Ok) and running it (``send``, in the
:class:`~..widgets.progress_panel.ProgressPanel`). The recipients, the spec and the estimate are
the core's (:mod:`~sms_desktop.core.jobs.compose`, as for the CLI's ``send``): the counts, the
confirmation and the job it creates always agree.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDateTime, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core import vendortime, wordcheck
from ..i18n import pick
from ..models import states
from ..ops import Op
from ..widgets.controls import TextCombo
from ..widgets.message_editor import MessageEditor
from ..widgets.progress_panel import ProgressPanel
from ..widgets.recipients_panel import RecipientsPanel
from ..widgets.template_picker import TemplatePicker
from .base import Tab

if TYPE_CHECKING:
    from ...core.accounts import Account, AccountStore
    from ...core.contacts.queries import ContactSelection
    from ...core.contacts.recipients import FileRecipients
    from ...core.estimate import Estimate
    from ...core.jobs.compose import Draft, LiveEstimate
    from ...core.jobs.engine import Engine
    from ...core.jobs.model import JobSummary
    from ...core.service import ServiceInfo
    from ...core.templates import Template
    from ..context import AppContext
    from ..dialogs.confirm_send import ConfirmSendDialog

log = logging.getLogger(__name__)

ESTIMATE_DELAY_MS = 300  # debounce of the live counts
PAST_CHECK_MS = 20_000  # how often a chosen send time is checked against the clock
WORDCHECK_SETTING = wordcheck.SETTING_KEY  # ChangeBus.settings_changed key: the word list changed


def switch_to_utf8(accounts: AccountStore, engine: Engine, name: str) -> Account:
    acct = accounts.get(name)
    acct.charset = "utf-8"
    accounts.update(acct)
    engine.forget_account(name)
    return accounts.get(name)


def check_keyword(accounts: AccountStore, name: str, text: str) -> tuple[bool, list[str]]:
    gw = accounts.gateway(name)
    try:
        ok, words, _raw = gw.check_keyword(text)  # type: ignore[attr-defined]
    finally:
        gw.transport.close()
    return ok, words


class ComposeTab(Tab):
    contacts_loaded = Signal(int)  # recipients taken from 通讯录 are shown (their number)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.accounts: list[Account] = []
        self.estimate: Estimate | None = None
        self.confirm_dialog: ConfirmSendDialog | None = None
        self._pending: Draft | None = None
        self._live: LiveEstimate | None = None
        # the job kind (notice / marketing) of the template last picked, "" when none: the
        # confirmation's kind starts there
        self.template_kind = ""
        self._kind: str | None = None  # the kind chosen in the last confirmation of this text
        self._after_test: tuple[int, Draft] | None = None  # a test send, and the bulk it awaits
        self._own_numbers: tuple[str, ...] = ()
        self._account_gone = False  # the chosen account was removed; none is chosen since

        # ---- account row
        self.account_combo = TextCombo()
        self.account_combo.setObjectName("accountCombo")
        self.account_combo.setAccessibleName(self.tr("发送账户"))
        self.account_combo.currentIndexChanged.connect(self._account_changed)
        self.backup_combo = TextCombo()
        self.backup_combo.setObjectName("backupCombo")
        self.backup_combo.setAccessibleName(self.tr("备用账户（主账户无法发送时改用）"))
        self.backup_combo.currentIndexChanged.connect(self.schedule_estimate)
        self.template_check = QCheckBox(self.tr("模板短信"))
        self.template_check.setObjectName("templateCheck")
        self.template_check.setAccessibleName(self.tr("使用网关模板发送"))
        self.template_check.toggled.connect(self._template_toggled)
        self.template_id = QLineEdit()
        self.template_id.setObjectName("templateIdEdit")
        self.template_id.setAccessibleName(self.tr("模板编号"))
        self.template_id.setPlaceholderText(self.tr("模板编号"))
        self.template_id.textChanged.connect(self.schedule_estimate)
        self.template_vars = QPlainTextEdit()
        self.template_vars.setObjectName("templateVarsEdit")
        self.template_vars.setAccessibleName(self.tr("模板变量，每行一个"))
        self.template_vars.setPlaceholderText(
            self.tr("模板变量：每行一个，依次对应 @1@、@2@ …，可用 {列名}")
        )
        self.template_vars.setMaximumHeight(70)
        self.template_vars.setTabChangesFocus(True)
        self.template_vars.textChanged.connect(self.schedule_estimate)
        self.template_box = QWidget()
        tbox = QFormLayout(self.template_box)
        tbox.setContentsMargins(0, 0, 0, 0)
        tbox.addRow(self.tr("模板编号："), self.template_id)
        tbox.addRow(self.tr("模板变量："), self.template_vars)
        self.template_box.hide()
        self.template_check.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("账户：")))
        top.addWidget(self.account_combo)
        top.addWidget(QLabel(self.tr("备用账户：")))
        top.addWidget(self.backup_combo)
        top.addWidget(self.template_check)
        top.addStretch(1)

        # ---- recipients and text
        self.recipients = RecipientsPanel()
        self.recipients.changed.connect(self.schedule_estimate)
        self.recipients.big_paste.connect(self._big_paste)
        self.recipients.pasted_in.connect(self.schedule_estimate)
        self.recipients.open_file_requested.connect(self.choose_file)
        self.editor = MessageEditor()
        self.editor.changed.connect(self.schedule_estimate)
        self.editor.switch_to_utf8.connect(self.offer_utf8)
        self.editor.check_words_requested.connect(self.check_words)
        self.template_picker = TemplatePicker(ctx)
        self.template_picker.chosen.connect(self._template_chosen)
        self.template_picker.manage_requested.connect(self.manage_templates)
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.template_picker)
        rlay.addWidget(self.template_box)
        rlay.addWidget(self.editor, 1)
        self.splitter = QSplitter()
        self.splitter.setObjectName("composeSplitter")
        self.splitter.addWidget(self.recipients)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        # ---- timing
        self.now_radio = QRadioButton(self.tr("立即发送"))
        self.now_radio.setObjectName("sendNowRadio")
        self.now_radio.setAccessibleName(self.tr("立即发送"))
        self.at_radio = QRadioButton(self.tr("定时发送："))
        self.at_radio.setObjectName("sendAtRadio")
        self.at_radio.setAccessibleName(self.tr("定时发送"))
        group = QButtonGroup(self)
        group.addButton(self.now_radio)
        group.addButton(self.at_radio)
        self.now_radio.setChecked(True)
        self.at_edit = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600))
        self.at_edit.setObjectName("sendAtEdit")
        self.at_edit.setAccessibleName(self.tr("定时发送的日期和时间"))
        self.at_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at_edit.setCalendarPopup(True)
        self.at_edit.setEnabled(False)
        self.at_edit.setToolTip(self.tr("本机时间"))
        # the gateways keep Beijing time: shown beside the local time when the two differ
        self.beijing_label = QLabel()
        self.beijing_label.setObjectName("sendAtBeijing")
        self.beijing_label.hide()
        self.at_radio.toggled.connect(self._timing_changed)
        self.at_edit.dateTimeChanged.connect(self._timing_changed)
        self.past_warning = QLabel()
        self.past_warning.setObjectName("pastTimeWarning")
        self.past_warning.setStyleSheet("QLabel { color: #a00000; }")
        self.past_warning.hide()
        # a time chosen a while ago passes while the user writes the text: checked again
        self._past_timer = QTimer(self)
        self._past_timer.setInterval(PAST_CHECK_MS)
        self._past_timer.timeout.connect(self._check_past)
        from ..held_words import held_notice

        self.held_notice = QLabel(held_notice(None, account=True))  # until an estimate says
        self.held_notice.setObjectName("heldLocallyNotice")
        self.held_notice.setWordWrap(True)
        self.held_notice.setStyleSheet("QLabel { color: #7a3e00; font-weight: bold; }")
        self.held_notice.hide()

        self.send_button = QPushButton(self.tr("发送…"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("发送（先显示确认）"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        timing = QHBoxLayout()
        timing.addWidget(self.now_radio)
        timing.addWidget(self.at_radio)
        timing.addWidget(self.at_edit)
        timing.addWidget(self.beijing_label)
        timing.addWidget(self.past_warning)
        timing.addStretch(1)
        timing.addWidget(self.send_button)

        self.progress = ProgressPanel(ctx)
        self.progress.finished.connect(self._send_finished)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(timing)
        layout.addWidget(self.held_notice)
        layout.addWidget(self.progress)

        self._estimate_timer = QTimer(self)
        self._estimate_timer.setSingleShot(True)
        self._estimate_timer.setInterval(ESTIMATE_DELAY_MS)
        self._estimate_timer.timeout.connect(self.run_estimate)
        ctx.changes.accounts_changed.connect(self.load_accounts)
        ctx.changes.blacklist_changed.connect(self.refresh_estimate)
        ctx.changes.balances_changed.connect(self.refresh_estimate)
        ctx.changes.settings_changed.connect(self._settings_changed)
        self.setEnabled(False)  # until the core is open

    def persisted_parts(self) -> list[QSplitter | QHeaderView]:
        return [self.splitter]

    @property
    def live(self) -> LiveEstimate:
        """The live counts' estimator, kept between keystrokes (made once the core is open:
        the tab is built before the window's first paint, without the core)."""
        if self._live is None:
            from ...core.jobs.compose import LiveEstimate

            self._live = LiveEstimate()
        return self._live

    # ---- loading --------------------------------------------------------------------------
    def on_ready(self) -> None:
        self.setEnabled(True)
        self.load_accounts()
        self.load_words()
        self.template_picker.load()

    @Slot()
    def load_accounts(self) -> None:
        accounts = self.ctx.accounts
        Op(self, accounts.list, ops=self.ctx.ops).in_pool("query").token(
            "compose-accounts"
        ).on_success(self._accounts_loaded).run()

    def _accounts_loaded(self, accounts: list[Account]) -> None:
        """Fill both combos again, keeping the chosen accounts (by name, the combos' data).

        A chosen account that is gone is never replaced by another one behind the user's back:
        the combo is left empty (发送 then asks for an account) and the user is told."""
        self.live.generation += 1  # the estimator holds the old Account (charset, signature …)
        current = self.account_combo.currentData()
        backup = self.backup_combo.currentData()
        self.accounts = accounts
        self.editor.no_accounts = not accounts  # a first start: the editor says where to add one
        self.account_combo.blockSignals(True)
        self.backup_combo.blockSignals(True)
        self.account_combo.clear()
        self.backup_combo.clear()
        self.backup_combo.addItem(self.tr("（不使用）"), None)
        for a in accounts:
            label = states.account_label(a.name, a.family)
            self.account_combo.addItem(label, a.name)
            self.backup_combo.addItem(label, a.name)
        if current is not None:
            i = self.account_combo.findData(current)  # -1 (nothing chosen) when it is gone
        else:  # the first account, unless the chosen one went and the user has not chosen again
            i = -1 if self._account_gone else 0
        self.account_combo.setCurrentIndex(i)
        self._account_gone = i < 0 and (current is not None or self._account_gone)
        j = self.backup_combo.findData(backup)
        self.backup_combo.setCurrentIndex(max(0, j))
        self.account_combo.blockSignals(False)
        self.backup_combo.blockSignals(False)
        if current is not None and i < 0:
            self.ctx.prompts.notify(
                self.tr("发送账户已删除"),
                self.tr("账户 %1 已被删除，请重新选择发送账户。").replace("%1", str(current)),
            )
        if backup is not None and j < 0:
            self.ctx.prompts.notify(
                self.tr("备用账户已删除"),
                self.tr("备用账户 %1 已被删除，现在不使用备用账户。").replace("%1", str(backup)),
            )
        self._account_changed()

    @Slot()
    def load_words(self) -> None:
        db = self.ctx.db
        Op(self, lambda: wordcheck.load_words(db), ops=self.ctx.ops).in_pool("query").token(
            "compose-words"
        ).on_success(self.editor.set_words).run()

    @Slot(str)
    def _settings_changed(self, key: str) -> None:
        if key == WORDCHECK_SETTING:
            self.load_words()

    # ---- inputs ---------------------------------------------------------------------------
    def current_account(self) -> Account | None:
        name = self.account_combo.currentData()
        return next((a for a in self.accounts if a.name == name), None)

    def select_account(self, name: str) -> None:
        i = self.account_combo.findData(name)
        if i >= 0:
            self.account_combo.setCurrentIndex(i)

    @Slot()
    def _account_changed(self) -> None:
        if self.account_combo.currentIndex() >= 0:
            self._account_gone = False
        acct = self.current_account()
        self.editor.set_account(acct)
        templates = acct is not None and acct.capabilities.templates
        self.template_check.setVisible(templates)
        if not templates:
            self.template_check.setChecked(False)
        self._timing_changed()
        self.schedule_estimate()

    # ---- saved templates (短信模板) ------------------------------------------------------------
    def recipient_columns(self) -> list[str]:
        """The ``{列名}`` the recipients can fill: the file's or group's columns (none for
        typed numbers)."""
        file = self.recipients.file
        return list(file.columns) if file is not None else []

    def _template_context(self) -> None:
        acct = self.current_account()
        self.template_picker.set_context(acct.family if acct else "", self.recipient_columns())

    def _template_chosen(self, t: Template | None) -> None:
        """A template picked: its text into the editor, or its gateway template (and values)
        where the account sends those. Its warnings show beside the picker."""
        from ...core.errors import InputError
        from ...core.templates import use

        self.template_kind = t.job_kind if t is not None else ""
        acct = self.current_account()
        if t is None or acct is None:
            return
        try:
            used = use(t, acct.family, self.recipient_columns())
        except InputError:
            return  # only a gateway template, and this account sends none: the warning says so
        if used.template_id:
            self.template_check.setChecked(True)
            self.template_id.setText(used.template_id)
            self.template_vars.setPlainText("\n".join(used.template_vars))
        else:
            self.template_check.setChecked(False)
            self.editor.set_text(used.text)
        self.schedule_estimate()

    @Slot()
    def manage_templates(self) -> None:
        """模板…: the template list (the main window's, shared with 设置 → 短信模板)."""
        window: Any = self.window()
        show = getattr(window, "show_templates", None)
        if show is not None:
            show()

    @Slot(bool)
    def _template_toggled(self, on: bool) -> None:
        self.template_box.setVisible(on)
        self.editor.edit.setEnabled(not on)
        self.schedule_estimate()

    @Slot()
    def _timing_changed(self) -> None:
        at = self.at_radio.isChecked()
        self.at_edit.setEnabled(at)
        acct = self.current_account()
        self.held_notice.setVisible(at and acct is not None and acct.holds_locally)
        if at:
            self._past_timer.start()
        else:
            self._past_timer.stop()
        self._check_past()
        when = self.send_at()
        beijing = vendortime.beijing_time(when) if when is not None else None
        if beijing is None:
            self.beijing_label.hide()
        else:
            text = self.tr("本机时间；北京时间 %1").replace("%1", f"{beijing:%Y-%m-%d %H:%M}")
            self.beijing_label.setText(text)
            self.beijing_label.show()
        self.schedule_estimate()

    @Slot()
    def _check_past(self) -> None:
        """Flag a send time in the past as it is chosen (the core's rule, as 发送… applies it)."""
        from ...core.errors import InputError
        from ...core.estimate import check_send_at

        try:
            check_send_at(self.send_at())
        except InputError:
            self.past_warning.setText(self.tr("这个时间已经过去"))
            self.past_warning.setToolTip(
                self.tr("定时发送的时间已经过去，请改为将来的时间，或选择“立即发送”。")
            )
            self.past_warning.show()
        else:
            self.past_warning.hide()

    def send_at(self) -> datetime | None:
        if not self.at_radio.isChecked():
            return None
        chosen = self.at_edit.dateTime().toPython()
        assert isinstance(chosen, datetime)
        return chosen.replace(second=0, microsecond=0)

    def draft(self) -> Draft | None:
        """What the user gave, as plain data for the core (None: no account yet)."""
        from ...core.jobs.compose import Draft

        acct = self.current_account()
        if acct is None:
            return None
        template = self.template_check.isChecked()
        file = self.recipients.file
        return Draft(
            account=acct.name,
            text=self.editor.text(),
            pasted=self.recipients.pasted(),
            rows=file.recipients if file is not None else None,
            backup=self.backup_combo.currentData(),
            template_id=self.template_id.text().strip() or None if template else None,
            template_vars=[v for v in self.template_vars.toPlainText().splitlines() if v.strip()]
            if template
            else [],
            send_at=self.send_at(),
        )

    # ---- the file -------------------------------------------------------------------------
    @Slot()
    def choose_file(self) -> None:
        path = self.ctx.prompts.open_file(
            self,
            self.tr("选择号码文件"),
            self.tr("表格文件 (*.xlsx *.xlsm *.xls *.csv *.txt);;所有文件 (*)"),
        )
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        acct = self.current_account()
        if acct is None:
            return
        self.recipients.file_label.setText(self.tr("正在读取文件…"))

        def read() -> FileRecipients:
            from ...core.jobs import compose

            return compose.file_recipients(acct, path)

        Op(self, read, ops=self.ctx.ops).in_pool("io").token("compose-file").on_success(
            self._file_loaded
        ).on_failure(self._file_failed).run()

    def _file_loaded(self, src: FileRecipients) -> None:
        self.recipients.set_file(src)
        self.editor.set_columns(src.columns)

    # ---- a large paste ----------------------------------------------------------------------
    @Slot(str)
    def _big_paste(self, text: str) -> None:
        """Lines of thousands of numbers are broken one a line in an op (a text box cannot lay
        them out); the panel then inserts the text piece by piece."""

        def prepare() -> str:
            from ...core.contacts.recipients import one_number_a_line

            return one_number_a_line(text)

        Op(self, prepare, ops=self.ctx.ops).in_pool("query").on_success(
            self.recipients.paste_in_pieces
        ).on_failure(self._paste_failed).run()

    def _paste_failed(self, exc: BaseException) -> None:
        self.recipients.end_paste()
        self.ctx.ops.report_error(self, exc)

    # ---- recipients from 通讯录 --------------------------------------------------------------
    def set_recipients_from_contacts(self, selection: ContactSelection) -> None:
        """The entry point of 通讯录's "send to this group / the selection / all matching": the
        selected contacts replace the recipients (pasted numbers and file); their fields fill
        ``{列名}``. Read in an op; ``contacts_loaded`` fires when they are shown."""
        self.recipients.end_paste()
        self.recipients.edit.clear()
        self.recipients.file_label.setText(self.tr("正在读取通讯录…"))
        db = self.ctx.db

        def read() -> FileRecipients:
            from ...core.jobs import compose

            return compose.selection_recipients(db, selection)

        Op(self, read, ops=self.ctx.ops).in_pool("query").token("compose-file").on_success(
            self._contacts_loaded
        ).on_failure(self._file_failed).run()

    def _contacts_loaded(self, src: FileRecipients) -> None:
        self.recipients.set_file(src, contacts=True)
        self.editor.set_columns(src.columns)
        self.contacts_loaded.emit(src.rows)

    def _file_failed(self, exc: BaseException) -> None:
        self.recipients.clear_file()
        self.ctx.ops.report_error(self, exc)

    # ---- the live estimate ----------------------------------------------------------------
    @Slot()
    def refresh_estimate(self) -> None:
        """Something besides the inputs changed (blacklist, balance, accounts): screen again."""
        self.live.generation += 1
        self.schedule_estimate()

    @Slot()
    def schedule_estimate(self) -> None:
        self._template_context()  # pure: the picked template against the recipients, at once
        self._estimate_timer.start()
        self.recipients.set_busy(True)

    @Slot()
    def run_estimate(self) -> None:
        if self.recipients.pasting:
            return  # pasted_in schedules it when the paste is all in
        draft = self.draft()
        if draft is None or not self.ctx.is_open:
            self.recipients.set_busy(False)
            return
        if self.recipients.file is None:
            self.editor.set_columns([])
        accounts, db, live = self.ctx.accounts, self.ctx.db, self.live
        Op(self, lambda: live.estimate(accounts, db, draft), ops=self.ctx.ops).in_pool(
            "query"
        ).token("compose-estimate").on_success(self._estimated).on_failure(
            self._estimate_failed
        ).run()

    def _estimated(self, est: Estimate) -> None:
        self.estimate = est
        if est.held_by is not None:  # who sends it, as the store has it (service.held_by)
            from ..held_words import held_notice

            self.held_notice.setText(held_notice(est.held_by, account=True))
        self.recipients.set_busy(False)
        self.recipients.show_estimate(est)
        self.editor.show_estimate(est)

    def _estimate_failed(self, exc: BaseException) -> None:
        self.recipients.set_busy(False)
        log.info("estimate failed: %s", exc)

    # ---- sending --------------------------------------------------------------------------
    @Slot()
    def send(self) -> None:
        """Estimate the current inputs afresh, then confirm; nothing is stored before Ok."""
        if self.progress.active:
            self.ctx.prompts.info(
                self,
                self.tr("请稍候"),
                self.tr("上一个发送任务还在进行（或已暂停）。请等它结束或取消后再发送。"),
            )
            return
        if self.recipients.pasting:
            self.ctx.prompts.info(
                self, self.tr("请稍候"), self.tr("号码还在粘贴中，请稍候再发送。")
            )
            return
        draft = self.draft()
        if draft is None:
            self.ctx.prompts.error(self, self.tr("请先选择发送账户。"))
            return
        if self.recipients.is_empty():
            self.ctx.prompts.error(self, self.tr("请先填写接收号码，或从文件导入。"))
            return
        self.send_button.setEnabled(False)
        engine, accounts, db = self.ctx.engine, self.ctx.accounts, self.ctx.db

        def confirming() -> tuple[Estimate, tuple[str, ...], ServiceInfo | None]:
            """Every check of create_job, nothing stored (the confirmation's figures, the
            guard's findings with the numbers over a cap), the user's own numbers, and the live
            sender service that takes jobs, if any (由服务器发送)."""
            from ...core.guard import load_settings
            from ...core.jobs import compose
            from ...core.service import Duty, live_service

            est = engine.estimate(compose.build(accounts, draft))
            est.carriers()  # 号段归属 of the valid numbers, counted here, not in the dialog
            service = live_service(db)
            taker = service if service and Duty.BY_SERVER in service.duties else None
            return est, load_settings(db).own_numbers, taker

        Op(self, confirming, ops=self.ctx.ops).in_pool("query").token("compose-confirm").on_success(
            lambda got: self._confirm(draft, *got)
        ).on_failure(self._send_refused).run()

    def _send_refused(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.ctx.ops.report_error(self, exc)

    def _confirm(
        self,
        draft: Draft,
        est: Estimate,
        own_numbers: tuple[str, ...] = (),
        service: ServiceInfo | None = None,
    ) -> None:
        from ...core.errors import UnencodableTextError
        from ...core.guard import KindNotConfirmed
        from ..dialogs.confirm_send import ConfirmSendDialog

        self.send_button.setEnabled(True)
        self._estimated(est)
        # the kind is what the confirmation asks: it is not a reason to refuse here
        problems = [p for p in est.problems if not isinstance(p, KindNotConfirmed)]
        if problems:
            problem = problems[0]
            if isinstance(problem, UnencodableTextError) and self.editor.can_switch_to_utf8():
                self.offer_utf8()
                return
            self.ctx.prompts.error(
                self,
                self.tr("无法发送：") + pick(str(problem)),
                details="\n".join(str(p) for p in problems) if len(problems) > 1 else None,
            )
            return
        acct = self.current_account()
        dialog = ConfirmSendDialog(
            est,
            backup=draft.backup,
            gateway_schedule=acct is not None and acct.capabilities.server_schedule,
            own_numbers=own_numbers,
            kind=self._kind or self.template_kind or None,
            service=service,
            parent=self,
        )
        self.confirm_dialog = dialog
        self._pending = draft
        self._own_numbers = own_numbers
        dialog.accepted.connect(self._confirmed)
        dialog.rejected.connect(lambda: self._cancelled(dialog))
        if dialog.guard is not None:
            dialog.guard.append_optout.connect(self.append_optout)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self._read_balance(dialog, est.account)

    def _read_balance(self, dialog: ConfirmSendDialog, name: str) -> None:
        """The confirmation's balance, read from the gateway now (an ``io`` op: the dialog is
        open meanwhile); a failed read shows the last figure known, with its age."""
        from ...core import balances
        from ...core.errors import PasswordMissingError

        accounts = self.ctx.accounts

        def shown(row: balances.AccountBalance) -> None:
            if shiboken6.isValid(dialog):
                dialog.show_balance(row)
            if row.ok:
                self.ctx.changes.balances_changed.emit({row.account: row})

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(dialog):
                return
            if isinstance(exc, PasswordMissingError):  # 确认发送 asks for it, once
                dialog.show_password_missing()
            else:
                dialog.show_balance(None, str(exc))

        Op(self, lambda: balances.read_balance(accounts, name), ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(shown).on_failure(failed).run()

    def _cancelled(self, dialog: ConfirmSendDialog) -> None:
        """取消: nothing is stored; the dialog goes (it is deleted once closed)."""
        if self.confirm_dialog is dialog:
            self.confirm_dialog = None
            self._pending = None

    @Slot()
    def append_optout(self) -> None:
        """The confirmation's 加上“回T退订”: the account's opt-out marker goes at the end of the
        text (the core's rule), and the confirmation opens again with the new figures."""
        from ...core.guard import optout_of, with_optout

        dialog, acct = self.confirm_dialog, self.current_account()
        if dialog is None or acct is None:
            return
        self._kind = dialog.kind()
        self._pending = None
        self.confirm_dialog = None
        dialog.reject()
        self.editor.edit.setPlainText(with_optout(self.editor.text(), optout_of(acct)))
        self.send()

    @Slot()
    def _confirmed(self) -> None:
        from dataclasses import replace

        draft, self._pending = self._pending, None
        dialog, self.confirm_dialog = self.confirm_dialog, None
        if draft is None or dialog is None:
            return
        draft = replace(draft, kind=dialog.kind(), ignore_window=dialog.ignores_window())
        if dialog.by_server:
            draft = replace(draft, by_server=True)
        self._kind = None
        if dialog.wants_test():
            self._send_test(draft, self._own_numbers)
            return
        self._create(draft)

    def _create(self, draft: Draft) -> None:
        """The send op's first step, after the user confirmed: the job is journalled."""
        engine, accounts = self.ctx.engine, self.ctx.accounts

        def create() -> JobSummary:
            from ...core.jobs import compose

            return engine.summary(engine.create_job(compose.build(accounts, draft)))

        def refused(exc: BaseException) -> None:
            from ...core.errors import PasswordMissingError

            if isinstance(exc, PasswordMissingError):  # this PC lacks it: asked, then sent
                self.send_button.setEnabled(True)
                self.ctx.passwords.ask(
                    self, exc.account, lambda: self._create(draft), missing=exc.missing
                )
                return
            self._send_refused(exc)

        self.send_button.setEnabled(False)
        Op(self, create, ops=self.ctx.ops).in_pool("io").on_success(self._created).on_failure(
            refused
        ).run()

    # ---- 先发给自己: a small test job first, the bulk after the user's "looks right" ----------
    def _send_test(self, draft: Draft, own_numbers: tuple[str, ...]) -> None:
        engine, accounts = self.ctx.engine, self.ctx.accounts

        def create() -> JobSummary:
            from ...core.jobs import compose

            spec = compose.build(accounts, draft)
            est = engine.estimate(spec)
            if est.problems:
                raise est.problems[0]
            return engine.summary(engine.create_job(compose.test_spec(spec, est, own_numbers)))

        def created(summary: JobSummary) -> None:
            self.send_button.setEnabled(True)
            self._after_test = (summary.job_id, draft)
            self.progress.start(summary.job_id, summary.recipients)
            self.progress.state_label.setText(
                self.tr("任务 %1：正在发送测试短信到本人号码…").replace("%1", str(summary.job_id))
            )

        self.send_button.setEnabled(False)
        Op(self, create, ops=self.ctx.ops).in_pool("io").on_success(created).on_failure(
            self._send_refused
        ).run()

    def _test_finished(self, summary: JobSummary, draft: Draft) -> None:
        """The test went out: the bulk job starts only on the user's "looks right"."""
        if not summary.accepted:
            self.ctx.prompts.error(
                self,
                self.tr(
                    "测试短信没有发出（任务 %1），群发没有开始。请在“发送记录”中查看原因。"
                ).replace("%1", str(summary.job_id)),
                details=pick(summary.error) if summary.error else None,
            )
            return
        text = self.tr(
            "测试短信已发到本人号码（%Ln 条，任务 %1）。请在手机上查看内容是否正确。\n\n"
            "内容无误，开始群发吗？",
            "",
            summary.accepted,
        ).replace("%1", str(summary.job_id))
        if self.ctx.prompts.confirm(
            self,
            self.tr("确认测试短信"),
            text,
            ok_text=self.tr("内容无误，开始群发"),
            cancel_text=self.tr("取消群发"),
        ):
            self._create(draft)
        else:
            self.ctx.prompts.notify(self.tr("已取消群发"), self.tr("测试之后没有群发。"))

    def _created(self, summary: JobSummary) -> None:
        from ...core.jobs.model import JobState

        self.send_button.setEnabled(True)
        if summary.by_server:
            self.progress.show()
            self.progress.state_label.setText(
                self.tr("任务 %1 已交给发送服务（由服务器发送），本机可以关机。").replace(
                    "%1", str(summary.job_id)
                )
            )
            self.ctx.prompts.notify(self.tr("已交给服务器"), self.progress.state_label.text())
            return
        if summary.state == JobState.HELD and summary.held_for == "window":
            self.progress.show()
            self.progress.state_label.setText(
                self.tr("任务 %1 是营销短信，现在不在营销时段：将于 %2 发出。")
                .replace("%1", str(summary.job_id))
                .replace("%2", summary.send_at or "")
            )
            self.ctx.prompts.notify(self.tr("营销短信已保留"), self.progress.state_label.text())
            return
        if summary.state == JobState.HELD:
            self.progress.show()
            from ..held_words import held_saved

            by = self.estimate.held_by if self.estimate is not None else None
            self.progress.state_label.setText(held_saved(summary.job_id, summary.send_at or "", by))
            self.ctx.prompts.notify(self.tr("定时任务已保存"), self.progress.state_label.text())
            return
        self.progress.start(summary.job_id, summary.recipients)

    def _send_finished(self, summary: JobSummary) -> None:
        """A run returned: when recipients need attention (unknown, rejected, undelivered) or
        the run stopped on an error, say so in a dialog; refusals with the vendor's own words
        (and after a test send, ask whether it looks right)."""
        from ...core import attention

        if self._after_test is not None and self._after_test[0] == summary.job_id:
            draft = self._after_test[1]
            self._after_test = None
            self._test_finished(summary, draft)
            return
        if summary.state == "paused" or not (attention.attention(summary) or summary.error):
            return
        db = self.ctx.db
        from ...core.history import rejection_summary

        Op(self, lambda: rejection_summary(db, summary.job_id), ops=self.ctx.ops).in_pool(
            "query"
        ).on_success(lambda rows: self._show_attention(summary, rows)).run()

    def _show_attention(self, summary: JobSummary, rows: list[dict[str, object]]) -> None:
        from ...core import attention

        # the core's words: the same sentences as the panel, the status bar and 发送记录
        text = attention.report(summary).pick(self.ctx.lang)
        # the core's "中文 / English" pieces in the UI's language before they join our text
        if summary.error:
            text += "\n" + pick(summary.error)
        if rows:
            text += "\n" + self.tr("网关拒绝的原因：") + pick(str(rows[0]["message"] or ""))
        if summary.unknown or summary.queued:
            text += "\n\n" + self.tr("可在“发送记录”中查看每个号码，核实后继续或重发。")
        vendor = "\n".join(str(r["vendor_text"]) for r in rows if r["vendor_text"]) or None
        details = "\n".join(
            f"{r['count']} × [{r['code'] or ''}] {pick(str(r['message'] or ''))} ({r['phone']})"
            for r in rows
        )
        if summary.error:  # the run stopped on an error
            self.ctx.prompts.error(self, text, vendor_text=vendor, details=details or None)
            return
        self.ctx.prompts.warning(
            self,
            self.tr("发送结束：有号码需要注意"),
            text,
            vendor_text=vendor,
            details=details or None,
        )

    # ---- charset and words ----------------------------------------------------------------
    @Slot()
    def offer_utf8(self) -> None:
        acct = self.current_account()
        if acct is None or not self.editor.can_switch_to_utf8():
            return
        bad = self.editor.charset_warning.text()
        if not self.ctx.prompts.confirm(
            self,
            self.tr("改用 UTF-8 编码"),
            bad
            + "\n\n"
            + self.tr(
                "该网关支持 UTF-8 编码，可以发送这些字符。要把账户 %1 改为 UTF-8 吗？"
            ).replace("%1", acct.name),
            ok_text=self.tr("改用 UTF-8"),
        ):
            return
        accounts, engine, name = self.ctx.accounts, self.ctx.engine, acct.name
        Op(self, lambda: switch_to_utf8(accounts, engine, name), ops=self.ctx.ops).in_pool(
            "io"
        ).run()

    @Slot()
    def check_words(self) -> None:
        acct = self.current_account()
        text = self.editor.text()
        if acct is None or not text.strip():
            return
        accounts, name = self.ctx.accounts, acct.name
        self.editor.check_button.setEnabled(False)
        Op(self, lambda: check_keyword(accounts, name, text), ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(self._words_checked).on_failure(self._words_failed).run()

    def _words_checked(self, result: tuple[bool, list[str]]) -> None:
        self.editor.check_button.setEnabled(True)
        self.editor.show_gateway_words(*result)

    def _words_failed(self, exc: BaseException) -> None:
        self.editor.check_button.setEnabled(True)
        self.ctx.ops.report_error(self, exc)

    # ---- entry points from other tabs ------------------------------------------------------
    def prefill_recipients(self, phones: list[str]) -> None:
        """回复 from the inbox: these numbers as the pasted recipients (a file is removed)."""
        if self.recipients.file is not None:
            self.recipients.clear_file()
        self.recipients.end_paste()
        self.recipients.edit.setPlainText("\n".join(phones))
        self.editor.setFocus()
