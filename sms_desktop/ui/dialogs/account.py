"""设置 → 账户: the accounts list (add, edit, remove, test) and the dialog for one account.

* The fields follow the family: the ones its capabilities declare (``account_fields``: ipyy's
  企业ID, jsm's 通信认证密码 veryCode) are shown, a required one says so; the account store
  refuses a save without it. Charset, password hashing, batch size, length cap, timeouts,
  concurrency, rate and local holding sit behind 高级设置.
* Passwords go to the keyring (``AccountStore``); editing keeps the stored password (and
  veryCode) unless a new one is typed. Where only the owner-only file exists, the dialog says so.
* 测试连接 runs the core's ``check_connection`` (a balance query, plus the family's alternatives)
  on the settings as they are in the dialog, saved or not, and shows the vendor's reply.
* After a save, ``Engine.forget_account`` drops the cached gateway, so the next job uses the
  new settings; the ChangeWatch tells the tabs (``changes.accounts_changed``).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.accounts import MAX_READ_TIMEOUT, Account, AccountStore
from ...core.gateways import FAMILIES, gateway_class
from ...core.gateways.base import MAX_LENGTH_OPTION
from ..i18n import pick
from ..models import states
from ..ops import Op
from ..settings import PersistState
from ..widgets.controls import named_button

if TYPE_CHECKING:
    from ...core.connection import ConnectionResult
    from ..context import AppContext

log = logging.getLogger(__name__)


class DraftAccounts(AccountStore):
    """The account as typed in the dialog, for the connection test before it is saved.

    Reads fall back to the stored account's secrets; nothing is written: options the test finds
    (txt112088 ``method=get``) land in :attr:`found`, and are saved with the account."""

    def __init__(self, store: AccountStore, draft: Account, password: str | None) -> None:
        super().__init__(store.db, store.secrets)
        self._store = store
        self.draft = draft
        self._password = password
        self.found: dict[str, str] = {}
        self.reading: tuple[float | None, str | None] | None = None  # (messages, pay type)

    def get(self, name: str) -> Account:
        return replace(self.draft, options=dict(self.draft.options))

    def with_secrets(self, name: str) -> Account:
        acct = self.get(name)
        if not acct.verycode:
            acct.verycode = self._store.secrets.get(name, kind="verycode") or ""
        return acct

    def password(self, name: str) -> str:
        return self._password if self._password else self._store.password(name)

    def set_options(self, name: str, options: dict[str, str]) -> Account:
        self.found.update(options)
        self.draft.options.update(options)
        return self.get(name)

    def record_balance(
        self,
        name: str,
        messages: float | None,
        read_at: str | None = None,
        *,
        pay_type: str | None = None,
    ) -> None:
        """Kept for the account the dialog saves with these settings (:meth:`AccountDialog.save`)."""
        self.reading = (messages, pay_type)


def check_draft(
    store: AccountStore, draft: Account, password: str | None
) -> tuple[ConnectionResult, dict[str, str], tuple[float | None, str | None] | None]:
    """In an op: the connection test on the dialog's settings; (result, options found, the
    balance reading: messages and pay type)."""
    from ...core.connection import check_connection

    drafts = DraftAccounts(store, draft, password)
    result = check_connection(drafts, draft.name or "draft")
    return result, drafts.found, drafts.reading


class AccountDialog(PersistState, QDialog):
    """Add (``account=None``) or edit one account."""

    def __init__(self, ctx: AppContext, account: Account | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = account
        self.editing = account is not None
        self.saved: Account | None = None
        self.tests = 0  # finished connection tests (tests wait on it)
        # the last test's balance reading, with the settings and password it was read with
        self._reading: tuple[Account, str, tuple[float | None, str | None]] | None = None
        self.setObjectName("accountDialog")
        self.setWindowTitle(self.tr("编辑账户") if self.editing else self.tr("添加账户"))
        self._options: dict[str, str] = dict(account.options) if account else {}

        self.name = self._line("accountName", self.tr("账户名称"))
        self.family = QComboBox()
        self.family.setObjectName("accountFamily")
        self.family.setAccessibleName(self.tr("网关类型"))
        for fam in FAMILIES:
            self.family.addItem(states.family_label(fam), fam)
        self.base_url = self._line("accountBaseUrl", self.tr("接口地址"))
        self.base_url.setPlaceholderText("http://")
        self.username = self._line("accountUsername", self.tr("用户名"))
        self.password = self._line("accountPassword", self.tr("密码"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.userid = self._line("accountUserid", self.tr("企业ID"))
        self.verycode = self._line("accountVerycode", self.tr("通信认证密码"))
        self.verycode.setEchoMode(QLineEdit.EchoMode.Password)
        self.signature = self._line("accountSignature", self.tr("短信签名"))
        self.signature.setPlaceholderText(self.tr("例如：【某某公司】"))
        self.extno = self._line("accountExtno", self.tr("扩展号"))
        if self.editing:
            self.password.setPlaceholderText(self.tr("不修改请留空（保留已保存的密码）"))
            self.verycode.setPlaceholderText(self.tr("不修改请留空"))

        # advanced
        self.charset = QComboBox()
        self.charset.setObjectName("accountCharset")
        self.charset.setAccessibleName(self.tr("字符集"))
        self.password_hash = QComboBox()
        self.password_hash.setObjectName("accountPasswordHash")
        self.password_hash.setAccessibleName(self.tr("密码加密方式"))
        for label, value in (
            (self.tr("按网关默认"), ""),
            (self.tr("不加密"), "none"),
            (self.tr("MD5（小写）"), "md5"),
            (self.tr("MD5（大写）"), "MD5"),
        ):
            self.password_hash.addItem(label, value)
        self.batch_size = self._spin("accountBatchSize", self.tr("每批号码数"), 0, 100000)
        self.batch_size.setSpecialValueText(self.tr("按网关默认"))
        self.max_length = self._spin("accountMaxLength", self.tr("每条最多字数"), 0, 5000)
        self.max_length.setSpecialValueText(self.tr("按网关默认"))
        self.connect_timeout = self._dspin("accountConnectTimeout", self.tr("连接超时"), 1, 120)
        self.read_timeout = self._dspin(
            "accountReadTimeout", self.tr("读取超时"), 1, MAX_READ_TIMEOUT
        )
        self.concurrency = self._spin("accountConcurrency", self.tr("同时发送请求数"), 1, 16)
        self.rate = self._dspin("accountRate", self.tr("每秒最多请求数"), 0, 100)
        self.rate.setSpecialValueText(self.tr("不限"))
        self.hold_locally = QCheckBox(self.tr("定时短信由本机保存并到时发送（不交给网关定时）"))
        self.hold_locally.setObjectName("accountHoldLocally")
        self.hold_locally.setAccessibleName(self.tr("定时短信由本机发送"))

        form = QFormLayout()
        form.addRow(self.tr("账户名称："), self.name)
        form.addRow(self.tr("网关类型："), self.family)
        form.addRow(self.tr("接口地址："), self.base_url)
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("密码："), self.password)
        self._userid_label = QLabel(self.tr("企业ID："))
        form.addRow(self._userid_label, self.userid)
        self._verycode_label = QLabel(self.tr("通信认证密码："))
        form.addRow(self._verycode_label, self.verycode)
        form.addRow(self.tr("短信签名："), self.signature)
        form.addRow(self.tr("扩展号："), self.extno)
        self._form = form
        # a family's own fields (Capabilities.account_fields), by the account attribute
        self._fields = {
            "userid": (self._userid_label, self.userid),
            "verycode": (self._verycode_label, self.verycode),
        }

        self.advanced_toggle = QPushButton(self.tr("显示高级设置"))
        self.advanced_toggle.setObjectName("accountAdvancedToggle")
        self.advanced_toggle.setAccessibleName(self.tr("显示或隐藏高级设置"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.toggled.connect(self._toggle_advanced)
        self.advanced = QWidget()
        self.advanced.setObjectName("accountAdvanced")
        adv = QFormLayout(self.advanced)
        adv.setContentsMargins(0, 0, 0, 0)
        adv.addRow(self.tr("字符集："), self.charset)
        adv.addRow(self.tr("密码加密："), self.password_hash)
        adv.addRow(self.tr("每批号码数："), self.batch_size)
        adv.addRow(self.tr("每条最多字数："), self.max_length)
        adv.addRow(self.tr("连接超时（秒）："), self.connect_timeout)
        adv.addRow(self.tr("读取超时（秒）："), self.read_timeout)
        adv.addRow(self.tr("同时发送请求数："), self.concurrency)
        adv.addRow(self.tr("每秒最多请求数："), self.rate)
        adv.addRow(self.hold_locally)
        self.advanced.hide()

        self.secrets_note = QLabel()
        self.secrets_note.setObjectName("secretsBackendNote")
        self.secrets_note.setWordWrap(True)
        self.secrets_note.setStyleSheet("QLabel { color: #7a3e00; }")
        warning = ctx.secrets.backend_warning if ctx.is_open else None
        if warning:
            self.secrets_note.setText(pick(warning))  # it says the keyring is not used
        else:
            self.secrets_note.setText(self.tr("密码保存在系统密码库中，不会写入数据库。"))

        self.test_button = QPushButton(self.tr("测试连接"))
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.setAccessibleName(self.tr("用当前设置查询余额，测试连接"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setObjectName("connectionResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.vendor_reply = QLabel()
        self.vendor_reply.setObjectName("connectionVendorReply")
        self.vendor_reply.setWordWrap(True)
        self.vendor_reply.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(
            self.tr("保存账户")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.advanced_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.advanced)
        layout.addWidget(self.secrets_note)
        layout.addLayout(test_row)
        layout.addWidget(self.vendor_reply)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.family.currentIndexChanged.connect(self._family_changed)
        self._load(account)
        self.resize(560, self.sizeHint().height())
        self.restore_state(ctx.settings)

    # ---- building ------------------------------------------------------------------------
    def _line(self, name: str, accessible: str) -> QLineEdit:
        w = QLineEdit()
        w.setObjectName(name)
        w.setAccessibleName(accessible)
        return w

    def _spin(self, name: str, accessible: str, lo: int, hi: int) -> QSpinBox:
        w = QSpinBox()
        w.setObjectName(name)
        w.setAccessibleName(accessible)
        w.setRange(lo, hi)
        return w

    def _dspin(self, name: str, accessible: str, lo: float, hi: float) -> QDoubleSpinBox:
        w = QDoubleSpinBox()
        w.setObjectName(name)
        w.setAccessibleName(accessible)
        w.setRange(lo, hi)
        w.setDecimals(1)
        return w

    def _load(self, a: Account | None) -> None:
        if a is None:
            self.connect_timeout.setValue(10)
            self.read_timeout.setValue(30)
            self.concurrency.setValue(2)
            self._family_changed()
            return
        self.name.setText(a.name)
        self.name.setReadOnly(True)  # the name is the key (and the keyring entry's)
        self.family.setCurrentIndex(max(0, self.family.findData(a.family)))
        self.family.setEnabled(False)
        self._family_changed()
        self.base_url.setText(a.base_url)
        self.username.setText(a.username)
        self.userid.setText(a.userid)
        self.signature.setText(a.signature)
        self.extno.setText(a.extno)
        self.charset.setCurrentIndex(max(0, self.charset.findData(a.charset or "")))
        self.password_hash.setCurrentIndex(
            max(0, self.password_hash.findData(a.password_hash or ""))
        )
        self.batch_size.setValue(a.batch_size or 0)
        try:
            self.max_length.setValue(int(a.options.get(MAX_LENGTH_OPTION, "0") or 0))
        except ValueError:
            self.max_length.setValue(0)
        self.connect_timeout.setValue(a.connect_timeout)
        self.read_timeout.setValue(a.read_timeout)
        self.concurrency.setValue(a.concurrency)
        self.rate.setValue(a.rate_per_second)
        self.hold_locally.setChecked(a.hold_locally)

    @Slot()
    def _family_changed(self, *_: object) -> None:
        fam = self.family.currentData()
        caps = gateway_class(fam).capabilities
        for key, (label, line) in self._fields.items():
            declared = caps.account_field(key)
            label.setVisible(declared is not None)
            line.setVisible(declared is not None)
            if not self.editing:
                line.setPlaceholderText(
                    self.tr("必填") if declared is not None and declared.required else ""
                )
        current = self.charset.currentData()
        self.charset.clear()
        self.charset.addItem(self.tr("按网关默认（%1）").replace("%1", caps.default_charset), "")
        for cs in caps.charsets:
            self.charset.addItem(cs.upper(), cs)
        self.charset.setCurrentIndex(max(0, self.charset.findData(current or "")))
        # a family without a server-side schedule always holds scheduled sends locally
        self.hold_locally.setEnabled(caps.server_schedule)
        if not caps.server_schedule:
            self.hold_locally.setChecked(True)

    @Slot(bool)
    def _toggle_advanced(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.advanced_toggle.setText(self.tr("隐藏高级设置") if on else self.tr("显示高级设置"))

    # ---- the account as typed ------------------------------------------------------------
    def account(self) -> Account:
        fam = self.family.currentData()
        options = dict(self._options)
        if self.max_length.value():
            options[MAX_LENGTH_OPTION] = str(self.max_length.value())
        else:
            options.pop(MAX_LENGTH_OPTION, None)
        caps = gateway_class(fam).capabilities
        return Account(
            name=self.name.text().strip(),
            family=fam,
            base_url=self.base_url.text().strip(),
            username=self.username.text().strip(),
            userid=self.userid.text().strip() if caps.account_field("userid") else "",
            verycode=self.verycode.text() if caps.account_field("verycode") else "",
            charset=self.charset.currentData() or None,
            password_hash=self.password_hash.currentData() or None,
            signature=self.signature.text().strip(),
            batch_size=self.batch_size.value() or None,
            extno=self.extno.text().strip(),
            connect_timeout=self.connect_timeout.value(),
            read_timeout=self.read_timeout.value(),
            options=options,
            hold_locally=self.hold_locally.isChecked() and caps.server_schedule,
            concurrency=self.concurrency.value(),
            rate_per_second=self.rate.value(),
        )

    # ---- test ----------------------------------------------------------------------------
    @Slot()
    def test_connection(self) -> None:
        draft = self.account()
        password = self.password.text() or None
        if not self.editing and not password:
            self._show_result(False, self.tr("请先输入密码。"), "")
            return
        store = self.ctx.accounts
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("正在连接…"))
        self.vendor_reply.setText("")
        Op(self, lambda: check_draft(store, draft, password), ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(self._tested).on_failure(self._test_failed).run()

    def _tested(
        self,
        got: tuple[ConnectionResult, dict[str, str], tuple[float | None, str | None] | None],
    ) -> None:
        result, found, reading = got
        self._options.update(found)
        # the balance read, for the account saved with these very settings
        self._reading = None if reading is None else (self.account(), self.password.text(), reading)
        working = result.working
        if working is not None:
            text = self.tr("连接成功。余额：%1 条。", "", int(working.balance or 0)).replace(
                "%1", "—" if working.balance is None else f"{working.balance:,.0f}"
            )
            if result.stored:
                applied = self.tr("已自动采用可用的设置：%1").replace(
                    "%1", ", ".join(f"{k}={v}" for k, v in result.stored.items())
                )
                text = states.sentences(text, applied)
            self._show_result(True, text, "")
            return
        last = result.attempts[-1]
        vendor = last.code.vendor_text if last.code is not None else ""
        self._show_result(False, self.tr("连接失败：") + pick(last.error or ""), vendor or "")

    def _test_failed(self, exc: BaseException) -> None:
        text = pick(str(exc))
        raw = getattr(exc, "raw", None)
        self._show_result(False, self.tr("连接失败：") + text, "" if raw is None else str(raw))

    def _show_result(self, ok: bool, text: str, vendor: str) -> None:
        self.tests += 1
        self.test_button.setEnabled(True)
        self.test_result.setText(text)
        self.test_result.setStyleSheet("QLabel { color: %s; }" % ("#1b7f3b" if ok else "#b00020"))
        self.vendor_reply.setText(
            (self.tr("网关原文：") + vendor.strip()[:500]) if vendor.strip() else ""
        )

    # ---- save ----------------------------------------------------------------------------
    @Slot()
    def save(self) -> None:
        acct = self.account()
        password = self.password.text()
        if not self.editing and not password:
            self.ctx.prompts.error(self, self.tr("请输入密码。"))
            return
        store, engine, editing = self.ctx.accounts, self.ctx.engine, self.editing
        tested = self._reading
        # the connection test's balance, when it read this account as saved (the change feed
        # carries it to the send estimate)
        reading = tested[2] if tested is not None and tested[:2] == (acct, password) else None

        def work() -> Account:
            if editing:
                saved = store.update(acct)
                if password:
                    store.set_password(acct.name, password)
            else:
                saved = store.add(acct, password)
            engine.forget_account(acct.name)
            if reading is not None:
                store.record_balance(acct.name, reading[0], pay_type=reading[1])
            return saved

        self.buttons.setEnabled(False)
        Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(self._saved).on_failure(
            self._save_failed
        ).run()

    def _saved(self, acct: Account) -> None:
        self.saved = acct
        self.save_state(self.ctx.settings)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.ctx.ops.report_error(self, exc)


class AccountsDialog(PersistState, QDialog):
    """The accounts: a list, and 添加 / 编辑 / 删除 / 测试连接."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.accounts: list[Account] = []
        self.loads = 0
        self.editor: AccountDialog | None = None  # the open add/edit dialog (tests look at it)
        self.setObjectName("accountsDialog")
        self.setWindowTitle(self.tr("账户"))
        self.list = QListWidget()
        self.list.setObjectName("accountsList")
        self.list.setAccessibleName(self.tr("账户列表"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(lambda _: self.edit())
        self.list.currentRowChanged.connect(lambda _: self._update_buttons())
        self.add_button = named_button("addAccountButton", self.tr("添加…"), self.tr("添加账户"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = named_button(
            "editAccountButton", self.tr("编辑…"), self.tr("编辑所选账户")
        )
        self.edit_button.clicked.connect(self.edit)
        self.remove_button = named_button(
            "removeAccountButton", self.tr("删除"), self.tr("删除所选账户")
        )
        self.remove_button.clicked.connect(self.remove)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        side = QVBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            side.addWidget(b)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(480, 320)
        self.restore_state(ctx.settings)
        ctx.changes.accounts_changed.connect(self.reload)
        self.reload()

    @Slot()
    def reload(self) -> None:
        store = self.ctx.accounts
        Op(self, store.list, ops=self.ctx.ops).in_pool("query").token("accounts-list").on_success(
            self._loaded
        ).run()

    def _loaded(self, accounts: list[Account]) -> None:
        current = self.selected()
        self.accounts = accounts
        self.list.clear()
        for a in accounts:
            item = QListWidgetItem(states.account_label(a.name, a.family))
            item.setData(Qt.ItemDataRole.UserRole, a.name)
            self.list.addItem(item)
            if current is not None and a.name == current.name:
                self.list.setCurrentItem(item)
        self.loads += 1
        self._update_buttons()

    def selected(self) -> Account | None:
        row = self.list.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def select(self, name: str) -> None:
        for i, a in enumerate(self.accounts):
            if a.name == name:
                self.list.setCurrentRow(i)

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def open_editor(self, account: Account | None) -> AccountDialog:
        """The add/edit dialog, shown non-modally (tests drive it; ``exec`` for people)."""
        self.editor = AccountDialog(self.ctx, account, self)
        return self.editor

    @Slot()
    def add(self) -> None:
        self.open_editor(None).open()

    @Slot()
    def edit(self) -> None:
        acct = self.selected()
        if acct is not None:
            self.open_editor(acct).open()

    @Slot()
    def remove(self) -> None:
        acct = self.selected()
        if acct is None:
            return
        if not self.ctx.prompts.confirm(
            self,
            self.tr("删除账户"),
            self.tr("删除账户 %1？它的密码也会从密码库中删除。发送记录保留。").replace(
                "%1", acct.name
            ),
            ok_text=self.tr("删除"),
        ):
            return
        store, engine, name = self.ctx.accounts, self.ctx.engine, acct.name

        def work() -> None:
            store.remove(name)
            engine.forget_account(name)

        Op(self, work, ops=self.ctx.ops).in_pool("io").run()

    def done(self, result: int) -> None:
        self.save_state(self.ctx.settings)
        super().done(result)
