"""发送's template picker (``templateCombo``): the saved message templates (短信模板), a 模板…
button that opens their list (``templatesButton``), and a warning (``templateWarning``) when the
chosen template does not fit the recipients (a field their file or group lacks) or the account
(written for another account kind).

The templates are read in a ``query`` op (and again when ``ChangeBus.templates_changed`` fires);
choosing one emits :attr:`chosen` with the core's :class:`~sms_desktop.core.templates.Template`;
the compose tab fills its text, or its gateway template, from it. The warning is the core's
:func:`~sms_desktop.core.templates.use` (pure: GUI thread OK).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..i18n import pick
from ..ops import Op
from .controls import TextCombo, named_button

if TYPE_CHECKING:
    from ...core.templates import Template
    from ..context import AppContext


# the job kinds of core.templates.JOB_KINDS, as the window names them
JOB_KIND_NAMES: dict[str, object] = {
    "notice": QT_TRANSLATE_NOOP("Templates", "通知"),
    "marketing": QT_TRANSLATE_NOOP("Templates", "营销"),
}


def job_kind_text(kind: str) -> str:
    """通知 / 营销 in the UI's language; "" for none."""
    name = JOB_KIND_NAMES.get(kind)
    return QCoreApplication.translate("Templates", str(name)) if name is not None else kind


class TemplatePicker(QWidget):
    chosen = Signal(object)  # a core Template, or None ("no template")
    manage_requested = Signal()  # 模板…: open the template list

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.templates: list[Template] = []
        self.loaded = False
        self._family = ""
        self._columns: list[str] | None = []
        self.combo = TextCombo()
        self.combo.setObjectName("templateCombo")
        self.combo.setAccessibleName(self.tr("短信模板"))
        self.combo.setToolTip(self.tr("选择一个保存的短信模板，填入短信内容"))
        self.combo.setMinimumContentsLength(8)
        self.combo.addItem(self.tr("（不使用模板）"), None)
        self.combo.activated.connect(self._activated)
        self.manage_button = named_button(
            "templatesButton", self.tr("模板…"), self.tr("查看和管理短信模板")
        )
        self.manage_button.clicked.connect(self.manage_requested)
        self.warning = QLabel()
        self.warning.setObjectName("templateWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { color: #a05a00; }")
        self.warning.hide()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("短信模板：")))
        row.addWidget(self.combo)
        row.addWidget(self.manage_button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.warning)
        ctx.changes.templates_changed.connect(self.load)

    # ---- the list -------------------------------------------------------------------------
    @Slot()
    def load(self) -> None:
        if not self.ctx.is_open:
            return
        from ...core import templates

        db = self.ctx.db
        Op(self, lambda: templates.all_templates(db), ops=self.ctx.ops).in_pool("query").token(
            "compose-templates"
        ).on_success(self._loaded).run()

    def _loaded(self, rows: list[Template]) -> None:
        current_name = self.current_name()
        self.templates = rows
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("（不使用模板）"), None)
        for t in rows:
            self.combo.addItem(self.item_text(t), t.name)
        i = self.combo.findData(current_name) if current_name else 0
        self.combo.setCurrentIndex(max(0, i))
        self.combo.blockSignals(False)
        self.loaded = True
        if current_name and i < 0:  # the chosen one was removed
            self.chosen.emit(None)
        self._refresh_warning()

    def item_text(self, t: Template) -> str:
        """How a template reads in the list: 分类 · 名称（营销）."""
        text = f"{t.category} · {t.name}" if t.category else t.name
        kind = job_kind_text(t.job_kind)
        return text + (self.tr("（%1）").replace("%1", kind) if kind else "")

    def current_name(self) -> str | None:
        data = self.combo.currentData()
        return str(data) if data else None

    def current(self) -> Template | None:
        name = self.current_name()
        return next((t for t in self.templates if t.name == name), None)

    def choose(self, name: str | None) -> None:
        """Pick a template by name (None: none), as the user would."""
        i = self.combo.findData(name) if name else 0
        if i >= 0:
            self.combo.setCurrentIndex(i)
            self._activated(i)

    @Slot(int)
    def _activated(self, _index: int) -> None:
        self.chosen.emit(self.current())
        self._refresh_warning()

    # ---- the warning ----------------------------------------------------------------------
    def set_context(self, family: str, columns: list[str] | None) -> None:
        """The account kind and the recipients' columns (``[]``: typed numbers only) the chosen
        template is checked against."""
        self._family, self._columns = family, columns
        self._refresh_warning()

    def _refresh_warning(self) -> None:
        from ...core.errors import InputError
        from ...core.templates import use

        t = self.current()
        warnings: list[str] = []
        if t is not None and self._family:
            try:
                warnings = use(t, self._family, self._columns).warnings
            except InputError as exc:
                warnings = [str(exc)]
        self.warning.setText("\n".join(pick(w) for w in warnings))
        self.warning.setVisible(bool(warnings))
