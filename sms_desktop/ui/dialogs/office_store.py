"""设置 → 数据库 → 办公室服务器: where this PC keeps its data — its own file, or an office
server (PostgreSQL) shared by several PCs.

* The fields are host, port, database and user (``core.store.url.url_from_fields``); the
  password goes to this PC's keyring (``set_store_password``), never into the database or a
  settings file. Left empty, a password already kept stays.
* 测试连接 runs ``check_store`` in an op: it connects and logs in, and changes nothing.
* 保存 writes the choice (``store.json`` in the data folder) in an op; it is used at the next
  start (the dialog says so): the window keeps the store it opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import InputError
from ..i18n import pick
from ..ops import Op
from ..widgets.controls import named_button

if TYPE_CHECKING:
    from ...core.store.url import StoreCheck, StoreUrl
    from ..context import AppContext


def _load(home: object) -> tuple[StoreUrl | None, bool]:
    """In an op: the saved choice, and whether the keyring holds its password."""
    from pathlib import Path

    from ...core.store.url import saved_store_choice, store_password

    url = saved_store_choice(Path(str(home)))
    return url, bool(url is not None and store_password(Path(str(home)), url))


class OfficeStoreDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.has_password = False
        self.check: StoreCheck | None = None  # the last connection test's result
        self.setObjectName("officeStoreDialog")
        self.setWindowTitle(self.tr("办公室服务器"))

        where = QGroupBox(self.tr("数据保存在"))
        self.local_radio = QRadioButton(self.tr("本机（这台电脑上的数据文件）"))
        self.local_radio.setObjectName("localStoreRadio")
        self.office_radio = QRadioButton(self.tr("办公室服务器（PostgreSQL，多台电脑共用）"))
        self.office_radio.setObjectName("officeStoreRadio")
        group = QButtonGroup(self)
        group.addButton(self.local_radio)
        group.addButton(self.office_radio)
        self.local_radio.setChecked(True)
        where_layout = QVBoxLayout(where)
        where_layout.addWidget(self.local_radio)
        where_layout.addWidget(self.office_radio)

        self.server = QGroupBox(self.tr("服务器"))
        form = QFormLayout()
        self.host = self._edit("hostEdit", self.tr("服务器地址（主机名或 IP）"), "192.168.1.10")
        self.port = self._edit("portEdit", self.tr("端口"), "5432")
        self.port.setValidator(QIntValidator(1, 65535, self))
        self.port.setText("5432")
        self.database = self._edit("databaseEdit", self.tr("数据库名"), "sms")
        self.user = self._edit("userEdit", self.tr("用户名"), "sms")
        self.password = self._edit("passwordEdit", self.tr("密码"), "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("服务器地址："), self.host)
        form.addRow(self.tr("端口："), self.port)
        form.addRow(self.tr("数据库："), self.database)
        form.addRow(self.tr("用户名："), self.user)
        form.addRow(self.tr("密码："), self.password)
        note = QLabel(self.tr("密码保存在本机的系统密码库中，不会写入数据库或设置文件。"))
        note.setWordWrap(True)
        self.test_button = named_button(
            "testStoreButton", self.tr("测试连接"), self.tr("连接服务器并登录，不做任何修改")
        )
        self.test_button.clicked.connect(self.test)
        self.test_result = QLabel()
        self.test_result.setObjectName("storeTestResult")
        self.test_result.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        # wrapped labels in a box layout, not in the form: they get the height their text needs
        server_layout = QVBoxLayout(self.server)
        server_layout.addLayout(form)
        server_layout.addWidget(note)
        server_layout.addLayout(test_row)
        server_layout.addWidget(self.test_result)

        later = QLabel(self.tr("保存后，下次启动本程序时生效。"))
        later.setObjectName("nextStartNote")
        later.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("保存"))
        ok.setAccessibleName(self.tr("保存数据库选择"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)  # until the saved choice is loaded

        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.server)
        layout.addWidget(later)
        layout.addWidget(self.buttons)
        self.office_radio.toggled.connect(self._office_toggled)
        self._office_toggled(False)
        self.setMinimumWidth(520)
        home = ctx.home
        Op(self, lambda: _load(home), ops=ctx.ops).in_pool("io").on_success(self._loaded).run()

    def _edit(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        e = QLineEdit()
        e.setObjectName(name)
        e.setAccessibleName(accessible)
        if placeholder:
            e.setPlaceholderText(placeholder)
        return e

    def _loaded(self, found: tuple[StoreUrl | None, bool]) -> None:
        url, self.has_password = found
        if url is not None and not url.is_sqlite:
            fields = url.fields()
            self.host.setText(fields["host"])
            self.port.setText(fields["port"])
            self.database.setText(fields["database"])
            self.user.setText(fields["user"])
            self.office_radio.setChecked(True)
        if self.has_password:
            self.password.setPlaceholderText(self.tr("已保存（不修改请留空）"))
        self.buttons.setEnabled(True)
        self.loaded = True

    @Slot(bool)
    def _office_toggled(self, on: bool) -> None:
        self.server.setEnabled(on)

    def url(self) -> StoreUrl:
        """The fields as a URL (InputError naming a missing or wrong field)."""
        from ...core.store.url import url_from_fields

        return url_from_fields(
            self.host.text(), self.port.text(), self.database.text(), self.user.text()
        )

    def _refused(self, exc: InputError) -> None:
        self.test_result.setStyleSheet("QLabel { color: #b00020; }")
        self.test_result.setText(pick(str(exc)))
        self._fit()

    def _fit(self) -> None:
        """Grow to show the whole result (a line or three)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        need = self.sizeHint().height()
        if self.height() < need:
            self.resize(self.width(), need)

    # ---- 测试连接 -----------------------------------------------------------------------
    @Slot()
    def test(self) -> None:
        from ...core.store.url import check_store

        try:
            url = self.url()
        except InputError as exc:
            self._refused(exc)
            return
        home, password = self.ctx.home, self.password.text() or None
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("正在连接…"))
        Op(self, lambda: check_store(url, home, password), ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(self._tested).on_failure(self._test_failed).run()

    def _tested(self, check: StoreCheck) -> None:
        self.check = check
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet(
            "QLabel { color: %s; }" % ("#1b7a1b" if check.ok else "#b00020")
        )
        self.test_result.setText(pick(check.message))
        self._fit()

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText("")
        self.ctx.ops.report_error(self, exc)

    # ---- 保存 ---------------------------------------------------------------------------
    @Slot()
    def save(self) -> None:
        from ...core.store.url import save_store_choice, set_store_password

        office = self.office_radio.isChecked()
        try:
            url = self.url() if office else None
        except InputError as exc:
            self._refused(exc)
            return
        home, password = self.ctx.home, self.password.text()

        def work() -> None:
            save_store_choice(home, url)
            if url is not None and password:
                set_store_password(home, url, password)

        self.buttons.setEnabled(False)
        Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(
            lambda _: self._saved(url)
        ).on_failure(self._save_failed).run()

    def _saved(self, url: StoreUrl | None) -> None:
        if url is None:
            text = self.tr("已保存。下次启动本程序时使用本机数据。")
        else:
            text = self.tr("已保存。下次启动本程序时使用办公室服务器 %1。").replace(
                "%1", url.display
            )
        self.ctx.prompts.info(self, self.tr("数据库"), text)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.ctx.ops.report_error(self, exc)
