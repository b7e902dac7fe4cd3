"""短信模板 (``templatesDialog``): the list of saved message templates, and one template's form.

Opened from 设置 → 短信模板… and from 发送's 模板… button. Reading, saving and removing run in
ops (the core's :mod:`~sms_desktop.core.templates`, which checks every field). The list follows
``ChangeBus.templates_changed``, which the change watcher emits for every change to the
templates, whoever made it (this dialog, 发送's picker's window, the CLI in another process).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core import templates as T
from ...core.gateways import FAMILIES
from ..ops import Op
from ..settings import PersistState
from ..widgets.controls import named_button
from ..widgets.template_picker import job_kind_text

if TYPE_CHECKING:
    from ..context import AppContext


class TemplatesDialog(PersistState, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("templatesDialog")
        self.setWindowTitle(self.tr("短信模板"))
        self.templates: list[T.Template] = []
        self.editing: str | None = None  # the name of the template in the form; None: a new one
        self.loaded = False

        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.list.setAccessibleName(self.tr("短信模板列表"))
        self.list.currentItemChanged.connect(self._picked)
        self.new_button = named_button("newTemplateButton", self.tr("新建"), self.tr("新建模板"))
        self.delete_button = named_button(
            "deleteTemplateButton", self.tr("删除"), self.tr("删除选中的模板")
        )
        self.new_button.clicked.connect(self.new_template)
        self.delete_button.clicked.connect(self.delete_template)
        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(0, 0, 0, 0)
        llay.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        llay.addLayout(buttons)

        self.name = self._line("templateNameEdit", self.tr("模板名称"))
        self.category = self._line("templateCategoryEdit", self.tr("分类"))
        self.category.setPlaceholderText(self.tr("例如：物流、促销"))
        self.kind = QComboBox()
        self.kind.setObjectName("templateKindCombo")
        self.kind.setAccessibleName(self.tr("任务类型"))
        self.kind.addItem(self.tr("不限"), "")
        for key in T.JOB_KINDS:
            self.kind.addItem(job_kind_text(key), key)
        self.family = QComboBox()
        self.family.setObjectName("templateFamilyCombo")
        self.family.setAccessibleName(self.tr("适用的账户类型"))
        self.family.addItem(self.tr("任意账户"), "")
        for f in FAMILIES:
            self.family.addItem(f, f)
        self.text = QPlainTextEdit()
        self.text.setObjectName("templateTextEdit")
        self.text.setAccessibleName(self.tr("模板内容"))
        self.text.setPlaceholderText(self.tr("短信内容，可用 {列名}，例如：{姓名}您好，…"))
        self.gateway_id = self._line("templateGatewayIdEdit", self.tr("网关模板编号"))
        self.gateway_id.setPlaceholderText(self.tr("只用于支持模板短信的网关（jsm）"))
        self.gateway_vars = QPlainTextEdit()
        self.gateway_vars.setObjectName("templateGatewayVarsEdit")
        self.gateway_vars.setAccessibleName(self.tr("网关模板变量，每行一个"))
        self.gateway_vars.setPlaceholderText(self.tr("每行一个，依次对应 @1@、@2@ …，可用 {列名}"))
        self.gateway_vars.setMaximumHeight(70)
        self.fields_label = QLabel()
        self.fields_label.setObjectName("templateFields")
        self.fields_label.setWordWrap(True)
        self.text.textChanged.connect(self._show_fields)
        self.gateway_vars.textChanged.connect(self._show_fields)
        self.save_button = named_button(
            "saveTemplateButton", self.tr("保存模板"), self.tr("保存这个模板")
        )
        self.save_button.clicked.connect(self.save_template)
        form = QFormLayout()
        form.addRow(self.tr("名称："), self.name)
        form.addRow(self.tr("分类："), self.category)
        form.addRow(self.tr("任务类型："), self.kind)
        form.addRow(self.tr("账户类型："), self.family)
        form.addRow(self.tr("内容："), self.text)
        form.addRow(self.tr("网关模板编号："), self.gateway_id)
        form.addRow(self.tr("网关模板变量："), self.gateway_vars)
        form.addRow(self.tr("用到的字段："), self.fields_label)
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addLayout(form, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        rlay.addLayout(save_row)

        self.splitter = QSplitter()
        self.splitter.setObjectName("templatesSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(close)
        self.resize(760, 460)
        self.restore_state(ctx.settings)
        ctx.changes.templates_changed.connect(self.load)
        self.new_template()
        self.load()

    def _line(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    # ---- the list -------------------------------------------------------------------------
    @Slot()
    def load(self, select: str | None = None) -> None:
        db = self.ctx.db
        Op(self, lambda: T.all_templates(db), ops=self.ctx.ops).in_pool("query").token(
            "templates-dialog"
        ).on_success(lambda rows: self._loaded(rows, select or self.editing)).run()

    def _loaded(self, rows: list[T.Template], select: str | None) -> None:
        self.templates = rows
        self.list.blockSignals(True)
        self.list.clear()
        chosen = None
        for t in rows:
            text = f"{t.category} · {t.name}" if t.category else t.name
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, t.name)
            self.list.addItem(item)
            if t.name == select:
                chosen = item
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        self.list.blockSignals(False)
        self.delete_button.setEnabled(chosen is not None)
        self.loaded = True

    def select(self, name: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentItem(item)
                return

    @Slot(QListWidgetItem, QListWidgetItem)
    def _picked(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        t = next((t for t in self.templates if t.name == name), None)
        if t is not None:
            self._show(t)
        self.delete_button.setEnabled(t is not None)

    # ---- the form -------------------------------------------------------------------------
    def _show(self, t: T.Template | None) -> None:
        self.editing = t.name if t is not None else None
        self.name.setText(t.name if t else "")
        self.category.setText(t.category if t else "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(t.job_kind if t else "")))
        self.family.setCurrentIndex(max(0, self.family.findData(t.family if t else "")))
        self.text.setPlainText(t.text if t else "")
        self.gateway_id.setText(t.gateway_template_id if t else "")
        self.gateway_vars.setPlainText("\n".join(t.gateway_template_vars) if t else "")
        self._show_fields()

    def value(self) -> T.Template:
        """What the form holds (the core checks it when it is saved)."""
        return T.Template(
            name=self.name.text(),
            category=self.category.text(),
            text=self.text.toPlainText(),
            family=str(self.family.currentData() or ""),
            job_kind=str(self.kind.currentData() or ""),
            gateway_template_id=self.gateway_id.text(),
            gateway_template_vars=self.gateway_vars.toPlainText().splitlines(),
        )

    @Slot()
    def _show_fields(self) -> None:
        fields = self.value().fields
        self.fields_label.setText(
            self.tr("、").join(f"{{{f}}}" for f in fields) if fields else self.tr("无")
        )

    @Slot()
    def new_template(self) -> None:
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.delete_button.setEnabled(False)
        self._show(None)
        self.name.setFocus()

    @Slot()
    def save_template(self) -> None:
        t, old = self.value(), self.editing
        db = self.ctx.db
        self.save_button.setEnabled(False)
        Op(self, lambda: T.save(db, t, old_name=old), ops=self.ctx.ops).in_pool("io").on_success(
            self._saved
        ).on_failure(self._failed).run()

    def _saved(self, t: T.Template) -> None:
        self.save_button.setEnabled(True)
        self.editing = t.name

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.ctx.ops.report_error(self, exc)

    @Slot()
    def delete_template(self) -> None:
        name = self.editing
        if name is None or not self.ctx.prompts.confirm(
            self,
            self.tr("删除模板"),
            self.tr("删除模板“%1”？").replace("%1", name),
            ok_text=self.tr("删除"),
        ):
            return
        db = self.ctx.db
        Op(self, lambda: T.remove(db, name), ops=self.ctx.ops).in_pool("io").on_success(
            self._removed
        ).on_failure(self._failed).run()

    def _removed(self, _result: object) -> None:
        self._show(None)

    def done(self, result: int) -> None:
        self.save_state(self.ctx.settings)
        super().done(result)
