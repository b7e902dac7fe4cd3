"""The import wizard: file → sheet → columns → group → progress (cancel) → report.

The file is read once, in an ``io`` op (``read_table``); the same :class:`Table` goes to the
import op (``import_table``), which runs in one transaction: a cancel rolls everything back.
Nothing here touches the store on the GUI thread; the preview normalises the sample rows the
reader already holds (pure functions).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...core import contacts as C
from ...core.contacts.columns import ColumnMapping, cell_text
from ...core.phones import normalise_cell
from ..i18n import pick
from ..models import states
from ..ops import Op
from ..widgets.job_detail import fixed_rows
from ..widgets.table_view import set_column_widths

if TYPE_CHECKING:
    from ...core.contacts import ImportReport, Table
    from ..context import AppContext

PAGE_FILE, PAGE_SHEET, PAGE_COLUMNS, PAGE_TARGET, PAGE_PROGRESS, PAGE_REPORT = range(6)
PREVIEW_ROWS = 10
FILE_FILTER = "(*.xlsx *.xlsm *.xls *.ods *.csv *.txt)"
Index = QModelIndex | QPersistentModelIndex


class ImportWizard(QWizard):
    """Non-modal (``show()``); ``imported(report)`` fires when an import has finished."""

    imported = Signal(object)  # ImportReport

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        path: Path | None = None,
        group: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("导入联系人"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.table: Table | None = None
        self.report: ImportReport | None = None
        self.preset_group = group
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.columns_page = ColumnsPage(self)
        self.target_page = TargetPage(self)
        self.progress_page = ProgressPage(self)
        self.report_page = ReportPage(self)
        for pid, page in enumerate(
            (
                self.file_page,
                self.sheet_page,
                self.columns_page,
                self.target_page,
                self.progress_page,
                self.report_page,
            )
        ):
            self.setPage(pid, page)
        self.setStartId(PAGE_FILE)
        self.number_steps()
        self.resize(820, 580)
        if path is not None:
            self.file_page.load(Path(path))

    def steps(self) -> list[int]:
        """The pages this file goes through, in order: the sheet page only for a workbook with
        more than one sheet."""
        t = self.table
        sheets = [PAGE_SHEET] if t is not None and len(t.sheet_names) > 1 else []
        return [PAGE_FILE, *sheets, PAGE_COLUMNS, PAGE_TARGET, PAGE_PROGRESS, PAGE_REPORT]

    def number_steps(self) -> None:
        """Each page's title with its place among the steps this file goes through: no step
        number is skipped when a page is."""
        steps = self.steps()
        for pid in self.pageIds():
            page = self.page(pid)
            n = steps.index(pid) + 1 if pid in steps else 0
            title = getattr(page, "step_title", "")
            page.setTitle(title.replace("%1", str(n)))

    def initializePage(self, pid: int) -> None:
        self.number_steps()
        super().initializePage(pid)

    def read(self, path: Path, sheet: str | None, done: Any) -> None:
        """Read ``path`` (one sheet) in an op; ``done(table)`` on the GUI thread."""
        Op(self, lambda: C.read_table(path, sheet), ops=self.ctx.ops).in_pool("io").token(
            "import-read"
        ).on_success(done).on_failure(self._read_failed).run()

    def _read_failed(self, exc: BaseException) -> None:
        self.file_page.set_status(str(exc))
        self.ctx.ops.report_error(self, exc)

    def set_table(self, table: Table) -> None:
        self.table = table
        self.number_steps()

    def reject(self) -> None:
        """Closing while the import runs cancels it (rolled back, nothing imported)."""
        if self.progress_page.running:
            self.progress_page.cancel()
        super().reject()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.step_title = self.tr("第 %1 步：选择文件")
        self.setSubTitle(
            self.tr("支持 Excel（.xlsx .xlsm .xls）、WPS/LibreOffice（.ods）和文本（.csv .txt）。")
        )
        self.path = QLineEdit()
        self.path.setObjectName("importPathEdit")
        self.path.setAccessibleName(self.tr("要导入的文件"))
        self.path.setReadOnly(True)
        browse = QPushButton(self.tr("浏览…"))
        browse.setObjectName("importBrowseButton")
        browse.setAccessibleName(self.tr("选择要导入的文件"))
        browse.clicked.connect(self.browse)
        self.status = QLabel()
        self.status.setObjectName("importFileStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)

    @Slot()
    def browse(self) -> None:
        path = self.w.ctx.prompts.open_file(
            self, self.tr("选择要导入的文件"), self.tr("表格文件") + " " + FILE_FILTER
        )
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        self.path.setText(str(path))
        self.w.table = None
        self.set_status(self.tr("正在读取…"))
        self.completeChanged.emit()
        self.w.read(path, None, self._read)

    def _read(self, table: Table) -> None:
        self.w.set_table(table)
        rows = "?" if table.total_rows is None else f"{table.total_rows:,}"
        text = self.tr("已读取：%1 列，", "", table.width).replace(
            "%1", str(table.width)
        ) + self.tr("约 %2 行", "", table.total_rows or 2).replace("%2", rows)
        if table.encoding:
            text += self.tr("；编码 %1").replace("%1", table.encoding)
        for note in table.notes:
            text += "\n" + pick(note)
        self.set_status(text)
        self.completeChanged.emit()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def isComplete(self) -> bool:
        return self.w.table is not None

    def nextId(self) -> int:
        t = self.w.table
        return PAGE_SHEET if t is not None and len(t.sheet_names) > 1 else PAGE_COLUMNS


class SheetPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.step_title = self.tr("第 %1 步：选择工作表")
        # every page has a subtitle: a page without one shows its title larger, in the page
        self.setSubTitle(self.tr("这个工作簿有多个工作表，选择联系人所在的那一个。"))
        self.combo = QComboBox()
        self.combo.setObjectName("importSheetCombo")
        self.combo.setAccessibleName(self.tr("工作表"))
        self.combo.activated.connect(self._chosen)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._loading = False
        layout = QFormLayout(self)
        layout.addRow(self.tr("工作表："), self.combo)
        layout.addRow(self.status)

    def initializePage(self) -> None:
        t = self.w.table
        assert t is not None
        self.combo.clear()
        self.combo.addItems(t.sheet_names)
        if t.sheet:
            self.combo.setCurrentText(t.sheet)
        self._describe(t)

    def _describe(self, t: Table) -> None:
        rows = "?" if t.total_rows is None else f"{t.total_rows:,}"
        self.status.setText(
            self.tr("列：%1；约 %2 行", "", t.total_rows or 2)
            .replace("%1", self.tr("、").join(t.headers))
            .replace("%2", rows)
        )

    @Slot(int)
    def _chosen(self, _i: int) -> None:
        t = self.w.table
        sheet = self.combo.currentText()
        if t is None or sheet == t.sheet:
            return
        self._loading = True
        self.status.setText(self.tr("正在读取…"))
        self.completeChanged.emit()
        self.w.read(t.path, sheet, self._read)

    def _read(self, table: Table) -> None:
        self._loading = False
        self.w.set_table(table)
        self._describe(table)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._loading and self.w.table is not None


class ColumnsPage(QWizardPage):
    """The detected mapping, editable: phone column, name column, which others become fields."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.step_title = self.tr("第 %1 步：对应列")
        self.setSubTitle(self.tr("已自动识别号码列和姓名列，可以修改。下方预览是将要导入的样子。"))
        self.phone = QComboBox()
        self.phone.setObjectName("importPhoneColumn")
        self.phone.setAccessibleName(self.tr("手机号码所在的列"))
        self.name = QComboBox()
        self.name.setObjectName("importNameColumn")
        self.name.setAccessibleName(self.tr("姓名所在的列"))
        self.fields = QTableWidget(0, 2)
        self.fields.setObjectName("importFieldsTable")
        self.fields.setAccessibleName(self.tr("其他列：勾选的列保存为字段"))
        self.fields.setHorizontalHeaderLabels([self.tr("列"), self.tr("保存为字段名")])
        self.fields.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields.verticalHeader().hide()
        self.fields.setMaximumHeight(150)
        self.preview = QTableWidget()
        self.preview.setObjectName("importPreview")
        self.preview.setAccessibleName(self.tr("导入预览"))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        fixed_rows(self.preview)  # single-line rows: more of the preview in view
        self.preview.horizontalHeader().setStretchLastSection(True)  # the check, whole
        self.phone.currentIndexChanged.connect(self._mapping_changed)
        self.name.currentIndexChanged.connect(self._mapping_changed)
        self.fields.itemChanged.connect(self._update_preview)
        self._building = False
        form = QFormLayout()
        form.addRow(self.tr("号码列："), self.phone)
        form.addRow(self.tr("姓名列："), self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("其他列（勾选的保存为字段，短信中可用 {字段名}）：")))
        layout.addWidget(self.fields)
        layout.addWidget(QLabel(self.tr("预览（前 %1 行）：").replace("%1", str(PREVIEW_ROWS))))
        layout.addWidget(self.preview, 1)

    def initializePage(self) -> None:
        t = self.w.table
        assert t is not None
        detected = C.detect_columns(t)  # the sample is in memory: no file access
        self._building = True
        labels = [states.colon(C.column_letter(i)) + h for i, h in enumerate(t.headers)]
        self.phone.clear()
        self.phone.addItems(labels)
        self.phone.setCurrentIndex(detected.phone)
        self.name.clear()
        self.name.addItem(self.tr("（无）"), None)
        for i, label in enumerate(labels):
            self.name.addItem(label, i)
        self.name.setCurrentIndex(0 if detected.name is None else detected.name + 1)
        self._fill_fields(detected.fields)
        self._building = False
        self._update_preview()

    def _fill_fields(self, chosen: dict[int, str]) -> None:
        t = self.w.table
        assert t is not None
        was = self._building
        self._building = True
        self.fields.setRowCount(0)
        for i, h in enumerate(t.headers):
            if i in (self.phone.currentIndex(), self.name.currentData()):
                continue
            row = self.fields.rowCount()
            self.fields.insertRow(row)
            item = QTableWidgetItem(states.colon(C.column_letter(i)) + h)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if i in chosen else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.fields.setItem(row, 0, item)
            self.fields.setItem(row, 1, QTableWidgetItem(chosen.get(i, h)))
        self._building = was

    @Slot()
    def _mapping_changed(self) -> None:
        if self._building:
            return
        self._fill_fields(self.mapping().fields if self.w.table else {})
        self._update_preview()

    def mapping(self) -> ColumnMapping:
        fields: dict[int, str] = {}
        for row in range(self.fields.rowCount()):
            item = self.fields.item(row, 0)
            name_item = self.fields.item(row, 1)
            if item is None or item.checkState() != Qt.CheckState.Checked:
                continue
            col = int(item.data(Qt.ItemDataRole.UserRole))
            name = name_item.text().strip() if name_item is not None else ""
            if col in (self.phone.currentIndex(), self.name.currentData()):
                continue
            fields[col] = name or (self.w.table.headers[col] if self.w.table else str(col))
        return ColumnMapping(
            phone=self.phone.currentIndex(),
            name=self.name.currentData(),
            fields=fields,
            detected_by="user",
        )

    @Slot()
    def _update_preview(self) -> None:
        if self._building or self.w.table is None:
            return
        t = self.w.table
        m = self.mapping()
        f_items = sorted(m.fields.items())
        headers = [self.tr("手机号码"), self.tr("姓名"), *[n for _, n in f_items], self.tr("检查")]
        self.preview.clear()
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels(headers)
        rows = t.preview(PREVIEW_ROWS)
        self.preview.setRowCount(len(rows))
        seen: set[str] = set()  # the preview's numbers so far: a repeat is not imported twice
        for r, row in enumerate(rows):

            def cell(i: int | None, row: list[Any] = row) -> str:
                return cell_text(row[i]) if i is not None and i < len(row) else ""

            raw = row[m.phone] if m.phone < len(row) else ""
            results = normalise_cell(raw)
            phones = [x.phone for x in results if x.phone]
            problems = [pick(x.reason) for x in results if x.phone is None]
            if phones and all(p in seen for p in phones):
                problems.append(self.tr("文件内重复（与上面的号码相同），不会重复导入"))
            seen.update(phones)
            values = [
                self.tr("、").join(phones) or cell(m.phone),
                cell(m.name),
                *[cell(i) for i, _ in f_items],
                self.tr("；").join(problems) if problems else self.tr("可导入"),
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == len(values) - 1 and problems:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()  # at most PREVIEW_ROWS rows: cheap


class TargetPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.step_title = self.tr("第 %1 步：导入到哪个分组")
        self.setSubTitle(self.tr("选择或输入分组，以及分组中已有的号码如何处理。"))
        self.group = QComboBox()
        self.group.setObjectName("importGroupCombo")
        self.group.setAccessibleName(self.tr("目标分组（可输入新分组名）"))
        self.group.setEditable(True)
        self.group.editTextChanged.connect(lambda _t: self.completeChanged.emit())
        self.update_radio = QRadioButton(self.tr("分组中已有的号码：用文件中的姓名和字段更新"))
        self.update_radio.setObjectName("importUpdateRadio")
        self.update_radio.setAccessibleName(self.tr("重复号码更新"))
        self.skip_radio = QRadioButton(self.tr("分组中已有的号码：保持不变，跳过"))
        self.skip_radio.setObjectName("importSkipRadio")
        self.skip_radio.setAccessibleName(self.tr("重复号码跳过"))
        self.update_radio.setChecked(True)
        note = QLabel(self.tr("文件内重复的号码只导入第一次出现的那一行；黑名单中的号码不会导入。"))
        note.setWordWrap(True)
        layout = QFormLayout(self)
        layout.addRow(self.tr("分组："), self.group)
        layout.addRow(self.update_radio)
        layout.addRow(self.skip_radio)
        layout.addRow(note)
        self._loaded = False
        # past this page the import starts; its own Cancel rolls it back
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("开始导入"))

    def initializePage(self) -> None:
        t = self.w.table
        default = self.w.preset_group or (Path(t.path).stem if t is not None else "")
        if not self._loaded:
            db = self.w.ctx.db
            Op(self, lambda: C.groups(db), ops=self.w.ctx.ops).in_pool("query").on_success(
                lambda gs: self._groups(gs, default)
            ).run()
        self.group.setEditText(default)

    def _groups(self, groups: list[C.Group], default: str) -> None:
        self._loaded = True
        text = self.group.currentText() or default
        self.group.clear()
        self.group.addItems([g.name for g in groups])
        self.group.setEditText(text)

    def group_name(self) -> str:
        return self.group.currentText().strip()

    def on_duplicate(self) -> str:
        return "skip" if self.skip_radio.isChecked() else "update"

    def isComplete(self) -> bool:
        return bool(self.group_name())


class ProgressPage(QWizardPage):
    """Runs the import; Cancel rolls it back (one transaction: nothing is half-imported)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.step_title = self.tr("第 %1 步：正在导入")
        self.setSubTitle(self.tr("取消导入会撤销已读入的全部数据。"))
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.bar.setAccessibleName(self.tr("导入进度"))
        self.label = QLabel()
        self.label.setObjectName("importProgressLabel")
        self.label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("取消导入"))
        self.cancel_button.setObjectName("importCancelButton")
        self.cancel_button.setAccessibleName(self.tr("取消导入（已读入的数据全部撤销）"))
        self.cancel_button.clicked.connect(self.cancel)
        self._cancel = threading.Event()
        self.running = False
        self.done = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.start()

    def start(self) -> None:
        w = self.w
        table = w.table
        assert table is not None
        mapping = w.columns_page.mapping()
        group = w.target_page.group_name()
        on_dup = w.target_page.on_duplicate()
        db = w.ctx.db
        cancel = self._cancel = threading.Event()
        self.running, self.done = True, False
        self.bar.setRange(0, 0 if table.total_rows is None else table.total_rows)
        self.bar.setValue(0)
        self.label.setText(self.tr("正在导入到分组“%1”…").replace("%1", group))
        self.cancel_button.setEnabled(True)
        self.completeChanged.emit()

        def work(report: Any) -> ImportReport:
            def progress(done: int, total: int | None) -> bool:
                report((done, total))
                return not cancel.is_set()

            return C.import_table(db, table, group, mapping, on_dup, None, progress)  # type: ignore[arg-type]

        Op(self, work, ops=w.ctx.ops).in_pool("io").with_progress(self._progress).on_success(
            self._finished
        ).on_failure(self._failed).run()

    def _progress(self, value: tuple[int, int | None]) -> None:
        done, total = value
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        self.label.setText(self.tr("已处理 %1 行…", "", done).replace("%1", f"{done:,}"))

    @Slot()
    def cancel(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("正在取消…"))

    def _finished(self, report: ImportReport) -> None:
        self.running, self.done = False, True
        self.w.report = report
        self.cancel_button.setEnabled(False)
        self.w.imported.emit(report)  # 通讯录 switches to the group (it reloads on the change)
        self.completeChanged.emit()
        self.w.next()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        if isinstance(exc, C.ImportCancelledError):
            self.label.setText(self.tr("已取消：没有导入任何数据。"))
        else:
            self.label.setText(self.tr("导入失败，没有导入任何数据：") + pick(str(exc)))
            self.w.ctx.ops.report_error(self, exc)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done

    def validatePage(self) -> bool:
        return self.done


OUTCOME_LABELS: dict[str, object] = {
    "imported": QT_TRANSLATE_NOOP("ImportWizard", "新导入"),
    "updated": QT_TRANSLATE_NOOP("ImportWizard", "已更新"),
    "duplicates": QT_TRANSLATE_NOOP("ImportWizard", "重复"),
    "invalid": QT_TRANSLATE_NOOP("ImportWizard", "无效"),
    "empty": QT_TRANSLATE_NOOP("ImportWizard", "空号码"),
    "blacklisted": QT_TRANSLATE_NOOP("ImportWizard", "黑名单"),
}
ROW_OUTCOMES: dict[str, str] = {  # a rejected row's outcome → its OUTCOME_LABELS key
    "duplicate": "duplicates",
    "invalid": "invalid",
    "empty": "empty",
    "blacklisted": "blacklisted",
}


def outcome_label(key: str) -> str:
    return QCoreApplication.translate("ImportWizard", str(OUTCOME_LABELS.get(key, key)))


def row_outcome_label(outcome: str) -> str:
    """One rejected row's result (English singular: "Duplicate", where the count says
    "Duplicates")."""
    labels = {
        "duplicate": QCoreApplication.translate("ImportWizard", "重复", "one row"),
        "invalid": QCoreApplication.translate("ImportWizard", "无效", "one row"),
        "empty": QCoreApplication.translate("ImportWizard", "空号码", "one row"),
        "blacklisted": QCoreApplication.translate("ImportWizard", "黑名单", "one row"),
    }
    return labels.get(outcome, outcome)


class RejectedModel(QAbstractTableModel):
    """The rejected rows of one report (in memory already; a plain model, no proxy)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[C.RejectedRow] = []
        self.headers = [
            self.tr("行号"),
            self.tr("结果"),
            self.tr("号码"),
            self.tr("姓名"),
            self.tr("原因"),
        ]

    def set_rows(self, rows: list[C.RejectedRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if col == 0:
            return str(r.row)
        if col == 1:
            return row_outcome_label(r.outcome)
        if col == 2:
            return r.value
        if col == 3:
            return r.name
        return pick(r.reason)


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.step_title = self.tr("第 %1 步：导入结果")
        self.setSubTitle(self.tr("导入已结束：下面是各项数量，以及没有导入的行和原因。"))
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.count_labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        for i, key in enumerate(OUTCOME_LABELS):
            name = QLabel(states.colon(outcome_label(key)))
            value = QLabel("0")
            value.setObjectName(f"importCount_{key}")
            value.setAccessibleName(outcome_label(key))
            value.setStyleSheet("QLabel { font-weight: bold; }")
            self.count_labels[key] = value
            grid.addWidget(name, i // 3, (i % 3) * 2)
            grid.addWidget(value, i // 3, (i % 3) * 2 + 1)
        self.model = RejectedModel(self)
        self.view = QTableView()
        self.view.setObjectName("importRejectedView")
        self.view.setAccessibleName(self.tr("未导入的行及原因"))
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setWordWrap(False)
        outcomes = [row_outcome_label(key) for key in ROW_OUTCOMES]
        set_column_widths(self.view, (60, 70, 120, 90), {1: outcomes})
        self.view.horizontalHeader().setStretchLastSection(True)
        self.export_button = QPushButton(self.tr("导出结果（Excel）…"))
        self.export_button.setObjectName("importReportExportButton")
        self.export_button.setAccessibleName(self.tr("把导入结果导出为 Excel 文件"))
        self.export_button.clicked.connect(self.export)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("点“完成”后，通讯录显示这个分组。")))
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("未导入的行（Excel 行号和原因）：")))
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        r = self.w.report
        if r is None:
            return
        for key, label in self.count_labels.items():
            label.setText(f"{r.counts[key]:,}")
        text = self.tr("分组“%1”：读取 %2 行，用时 %3 秒。", "", r.rows).replace("%1", r.group)
        text = text.replace("%2", f"{r.rows:,}").replace("%3", f"{r.seconds:.1f}")
        self.summary.setText(text)
        self.model.set_rows(r.rejected)

    @Slot()
    def export(self) -> None:
        r = self.w.report
        if r is None:
            return
        path = self.w.ctx.prompts.save_file(
            self,
            self.tr("导出导入结果"),
            "Excel (*.xlsx)",
            self.tr("导入结果-%1.xlsx").replace("%1", r.group),
        )
        if path is None:
            return
        Op(self, lambda: C.export_report_xlsx(r, path), ops=self.w.ctx.ops).in_pool(
            "io"
        ).on_success(
            lambda _n: self.w.ctx.prompts.notify(
                self.tr("已导出"), self.tr("导入结果已保存到 %1").replace("%1", str(path))
            )
        ).run()
