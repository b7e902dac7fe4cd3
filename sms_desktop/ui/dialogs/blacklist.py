"""黑名单: every blocked number with its reason and source (manual, opt-out reply, import).

A keys-first lazy table (keys are ids), searched and sorted in SQL like the contacts; add,
remove, import from a file and export to .xlsx, each in an op. Sends skip these numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import contacts as C
from ..models.sources import (
    BLACKLIST_COLUMNS,
    BLACKLIST_WIDTHS,
    SOURCES,
    BlacklistSource,
    FilteredTableModel,
    source_label,
)
from ..ops import Op
from ..widgets.search_line import SearchLine
from ..widgets.table_view import fixed_rows, selected_rows, set_column_widths

if TYPE_CHECKING:
    from ..context import AppContext

XLSX_FILTER = "Excel (*.xlsx)"
TABLE_FILTER = "(*.xlsx *.xlsm *.xls *.ods *.csv *.txt)"


class BlacklistDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("blacklistDialog")
        self.setWindowTitle(self.tr("黑名单"))
        self.source = BlacklistSource(ctx.db)
        self.model = FilteredTableModel(self.source, ctx.ops, self)
        self.model.sort_keys = [k for k, _ in BLACKLIST_COLUMNS]
        self.model.sort_changed.connect(self._sort)
        self.model.loaded.connect(self._show_count)
        self.view = QTableView()
        self.view.setObjectName("blacklistView")
        self.view.setAccessibleName(self.tr("黑名单列表"))
        self.view.setModel(self.model)
        fixed_rows(self.view)
        sources = [source_label(s) for s in SOURCES]
        set_column_widths(self.view, BLACKLIST_WIDTHS, {2: sources})
        # newest first, as the source already sorts (enabling sorting sorts by the indicator)
        self.view.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)
        self.search = SearchLine()
        self.search.setObjectName("blacklistSearch")
        self.search.setAccessibleName(self.tr("搜索黑名单"))
        self.search.setPlaceholderText(self.tr("搜索号码或原因"))
        self.search.search.connect(self._search)
        self.count_label = QLabel()
        self.count_label.setObjectName("blacklistCount")

        def button(text: str, name: str, accessible: str, slot: object) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setAccessibleName(accessible)
            b.clicked.connect(slot)
            return b

        row = QHBoxLayout()
        row.addWidget(
            button(self.tr("添加…"), "blacklistAddButton", self.tr("添加号码到黑名单"), self.add)
        )
        row.addWidget(
            button(
                self.tr("移除"),
                "blacklistRemoveButton",
                self.tr("从黑名单移除选中的号码"),
                self.remove,
            )
        )
        row.addWidget(
            button(
                self.tr("从文件导入…"),
                "blacklistImportButton",
                self.tr("从文件导入黑名单"),
                self.import_file,
            )
        )
        row.addWidget(
            button(
                self.tr("导出…"),
                "blacklistExportButton",
                self.tr("导出黑名单为 Excel"),
                self.export,
            )
        )
        row.addStretch(1)
        row.addWidget(button(self.tr("关闭"), "blacklistCloseButton", self.tr("关闭"), self.close))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("黑名单中的号码不会收到任何短信（发送时自动跳过）。")))
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.resize(760, 520)
        ctx.changes.blacklist_changed.connect(self.model.reload)
        self.model.reload()

    # ---- filter --------------------------------------------------------------------------
    @Slot(str)
    def _search(self, text: str) -> None:
        self.source.search = text
        self.model.reload()

    @Slot(str, bool)
    def _sort(self, key: str, descending: bool) -> None:
        self.source.order, self.source.descending = key, descending
        self.model.reload()

    @Slot()
    def _show_count(self) -> None:
        self.search.finished()
        self.count_label.setText(self.tr("共 %Ln 个号码", "", self.model.rowCount()))

    def selected_ids(self) -> list[int]:
        return self.model.keys_of(selected_rows(self.view))

    # ---- actions -------------------------------------------------------------------------
    def _changed(self, message: str) -> None:
        self.ctx.prompts.notify(self.tr("黑名单"), message)

    @Slot()
    def add(self) -> None:
        phones = self.ctx.prompts.ask_text(
            self, self.tr("添加到黑名单"), self.tr("号码（可填多个，用逗号或空格分隔）：")
        )
        if not phones or not phones.strip():
            return
        reason = self.ctx.prompts.ask_text(
            self, self.tr("添加到黑名单"), self.tr("原因（可不填）：")
        )
        db = self.ctx.db
        Op(
            self,
            lambda: C.blacklist_add(db, phones, reason=(reason or "").strip(), source="manual"),
            ops=self.ctx.ops,
        ).in_pool("io").on_success(self._added).run()

    def _added(self, res: C.BlacklistResult) -> None:
        text = self.tr("已加入 %Ln 个，", "", res.added)
        text += self.tr("原已在黑名单 %Ln 个", "", res.already)
        if res.invalid:
            text += self.tr("；无效 %Ln 个", "", len(res.invalid))
            self.ctx.prompts.error(self, text, details="\n".join(res.invalid))
        self._changed(text)

    @Slot()
    def remove(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if not self.ctx.prompts.confirm(
            self,
            self.tr("移出黑名单"),
            self.tr("将 %Ln 个号码移出黑名单？之后的发送将不再跳过它们。", "", len(ids)),
        ):
            return
        db = self.ctx.db

        def work() -> int:
            entries = [e.phone for e in C.blacklist_by_ids(db, ids) if e is not None]
            return C.blacklist_remove(db, entries)

        Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(
            lambda n: self._changed(self.tr("已移出 %Ln 个号码", "", n))
        ).run()

    @Slot()
    def import_file(self) -> None:
        path = self.ctx.prompts.open_file(
            self, self.tr("导入黑名单"), self.tr("表格文件") + " " + TABLE_FILTER
        )
        if path is None:
            return
        db = self.ctx.db
        Op(self, lambda: C.blacklist_import(db, path), ops=self.ctx.ops).in_pool("io").on_success(
            self._added
        ).run()

    @Slot()
    def export(self) -> None:
        path = self.ctx.prompts.save_file(self, self.tr("导出黑名单"), XLSX_FILTER, "黑名单.xlsx")
        if path is None:
            return
        db = self.ctx.db
        Op(self, lambda: C.export_blacklist_xlsx(db, path), ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(lambda n: self._exported(path, n)).run()

    def _exported(self, path: Path, n: int) -> None:
        self.ctx.prompts.notify(
            self.tr("已导出"),
            self.tr("%Ln 个号码已保存到 %2", "", n).replace("%2", str(path)),
        )
