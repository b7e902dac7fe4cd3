"""通讯录: groups, a lazy table of contacts (100k rows), search, edit, import, export, send.

The table is a keys-first :class:`~..models.sources.FilteredTableModel`: the search box and a
header click change the source's filter; the ids come from one ``query`` op (filtered and sorted
in SQL), the rows by page. "Send to …" hands a :class:`ContactSelection` (the same filter, or the
selected ids) to 发送 (:meth:`ComposeTab.set_recipients_from_contacts`), so what is shown is what
is sent.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import carriers as K
from ...core import contacts as C
from ...core.contacts.queries import ContactSelection
from ..dialogs.blacklist import XLSX_FILTER, BlacklistDialog
from ..i18n import pick
from ..models import states
from ..models.allocation import carrier_text, province_text
from ..models.sources import (
    ALLOCATION_TIP,
    CONTACT_COLUMNS,
    CONTACT_VERSION,
    CONTACT_WIDTHS,
    ContactFilter,
    ContactsSource,
    FilteredTableModel,
)
from ..ops import Op
from ..widgets.search_line import SearchLine
from ..widgets.table_view import (
    fixed_rows,
    selected_count,
    selected_rows,
    set_column_widths,
)
from .base import Tab

if TYPE_CHECKING:
    from ...core.contacts import ImportReport
    from ..context import AppContext
    from ..dialogs.contact_edit import ContactInput

IMPORT_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")


class ContactsTab(Tab):
    searched = Signal(float)  # a search's result is shown: milliseconds since it started

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.groups: list[C.Group] = []
        self.total = 0
        self.filter = ContactFilter()
        self._empty_prefix: ContactFilter | None = None  # a search that found none
        self._search_started = 0.0
        self.last_search_ms = 0.0
        self._to_top = False  # the next result is a new list: show its top
        self.wizard: Any = None
        self.blacklist: BlacklistDialog | None = None
        self._own_versions: dict[int, int] = {}  # id → the version this window's edit stored
        self.setAcceptDrops(True)

        # ---- groups (left)
        self.group_list = QListWidget()
        self.group_list.setObjectName("groupList")
        self.group_list.setAccessibleName(self.tr("分组"))
        self.group_list.currentItemChanged.connect(self._group_chosen)
        group_buttons = QHBoxLayout()
        for text, name, accessible, slot in (
            (self.tr("新建"), "newGroupButton", self.tr("新建分组"), self.new_group),
            (self.tr("重命名"), "renameGroupButton", self.tr("重命名分组"), self.rename_group),
            (
                self.tr("删除"),
                "deleteGroupButton",
                self.tr("删除分组及其联系人"),
                self.delete_group,
            ),
        ):
            group_buttons.addWidget(self._button(text, name, accessible, slot))
        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(0, 0, 0, 0)
        llay.addWidget(QLabel(self.tr("分组：")))
        llay.addWidget(self.group_list, 1)
        llay.addLayout(group_buttons)
        self.blacklist_button = self._button(
            self.tr("黑名单…"), "blacklistButton", self.tr("查看和管理黑名单"), self.show_blacklist
        )
        # the template beside the blacklist, not among the search row's buttons: that row and the
        # group list's made the tab wider than the window the first time it was shown
        self.template_button = self._button(
            self.tr("导入模板…"),
            "templateButton",
            self.tr("保存导入模板（Excel）"),
            self.save_template,
        )
        files = QHBoxLayout()
        files.addWidget(self.blacklist_button)
        files.addWidget(self.template_button)
        llay.addLayout(files)

        # ---- search, import, export (top right)
        self.search = SearchLine()
        self.search.setObjectName("contactsSearch")
        self.search.setAccessibleName(self.tr("搜索联系人"))
        self.search.setPlaceholderText(self.tr("搜索姓名、号码（可输入部分）或任意字段"))
        self.search.setMinimumWidth(260)
        self.search.search.connect(self.set_search)
        self.count_label = QLabel()
        self.count_label.setObjectName("contactsCount")
        self.import_button = self._button(
            self.tr("导入…"),
            "importButton",
            self.tr("从 Excel 或 CSV 文件导入联系人"),
            self.open_import,
        )
        self.export_button = self._button(
            self.tr("导出…"), "exportContactsButton", self.tr("导出联系人为 Excel"), self.export
        )
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)

        # ---- 号段归属 filters (SQL, like the search)
        tip = QCoreApplication.translate("Contacts", str(ALLOCATION_TIP))
        self.carrier_filter = QComboBox()
        self.carrier_filter.setObjectName("carrierFilter")
        self.carrier_filter.setAccessibleName(self.tr("按运营商筛选（号段归属）"))
        self.carrier_filter.setToolTip(tip)
        self.carrier_filter.addItem(self.tr("全部运营商"), None)
        for code in K.CARRIERS:
            self.carrier_filter.addItem(carrier_text(code), code)
        self.province_filter = QComboBox()
        self.province_filter.setObjectName("provinceFilter")
        self.province_filter.setAccessibleName(self.tr("按省份筛选（号段归属）"))
        self.province_filter.setToolTip(tip)
        self.province_filter.addItem(self.tr("全部地区"), None)
        for province in K.PROVINCES:
            self.province_filter.addItem(province_text(province), province)
        self.province_filter.addItem(self.tr("未知地区"), "")
        self.province_filter.setMaxVisibleItems(16)
        self.carrier_filter.currentIndexChanged.connect(self._allocation_chosen)
        self.province_filter.currentIndexChanged.connect(self._allocation_chosen)
        allocation_label = QLabel(self.tr("号段归属："))
        allocation_label.setToolTip(tip)
        filters = QHBoxLayout()
        filters.addWidget(allocation_label)
        filters.addWidget(self.carrier_filter)
        filters.addWidget(self.province_filter)
        filters.addStretch(1)

        # ---- the table
        self.source = ContactsSource(ctx.db if ctx.is_open else None, self.filter)  # type: ignore[arg-type]
        # the source from the start (its columns size the view); its keys load in on_ready
        self.model = FilteredTableModel(self.source, ctx.ops, self)
        self.model.sort_keys = [k for k, _ in CONTACT_COLUMNS]
        self.model.sort_changed.connect(self.set_sort)
        self.model.loaded.connect(self._loaded)
        self.model.counted.connect(self._counted)
        self.view = QTableView()
        self.view.setObjectName("contactsView")
        self.view.setAccessibleName(self.tr("联系人列表"))
        self.view.setModel(self.model)
        fixed_rows(self.view)
        carrier_col = [k for k, _ in CONTACT_COLUMNS].index("carrier")
        # widened where a header would be clipped, and to the longest carrier name
        set_column_widths(
            self.view, CONTACT_WIDTHS, {carrier_col: [carrier_text(c) for c in K.CARRIERS]}
        )
        # id order until a header is clicked (enabling sorting sorts by the indicator at once)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        # ---- actions (bottom right)
        self.add_button = self._button(
            self.tr("添加…"), "addContactButton", self.tr("添加联系人"), self.add_contact
        )
        self.edit_button = self._button(
            self.tr("编辑…"), "editContactButton", self.tr("编辑选中的联系人"), self.edit_contact
        )
        self.delete_button = self._button(
            self.tr("删除"),
            "deleteContactsButton",
            self.tr("删除选中的联系人"),
            self.delete_contacts,
        )
        self.move_button = self._button(
            self.tr("移动到…"),
            "moveContactsButton",
            self.tr("把选中的联系人移动到另一个分组"),
            lambda: self.move_or_copy(move=True),
        )
        self.copy_button = self._button(
            self.tr("复制到…"),
            "copyContactsButton",
            self.tr("把选中的联系人复制到另一个分组"),
            lambda: self.move_or_copy(move=False),
        )
        self.send_group_button = self._button(
            self.tr("发送给此分组"),
            "sendGroupButton",
            self.tr("给当前分组的所有联系人发短信"),
            self.send_group,
        )
        self.send_selection_button = self._button(
            self.tr("发送给选中的"),
            "sendSelectionButton",
            self.tr("给选中的联系人发短信"),
            self.send_selection,
        )
        self.send_matching_button = self._button(
            self.tr("发送给所有匹配的"),
            "sendMatchingButton",
            self.tr("给搜索到的所有联系人发短信"),
            self.send_matching,
        )
        # two rows, editing then sending: in one row their minimum width (about 1,100 pixels in
        # English) widened the window the first time this tab was shown
        edits = QHBoxLayout()
        for b in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.move_button,
            self.copy_button,
        ):
            edits.addWidget(b)
        edits.addStretch(1)
        sends = QHBoxLayout()
        sends.addStretch(1)
        for b in (self.send_group_button, self.send_selection_button, self.send_matching_button):
            sends.addWidget(b)
        actions = QVBoxLayout()
        actions.addLayout(edits)
        actions.addLayout(sends)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addLayout(top)
        rlay.addLayout(filters)
        rlay.addWidget(self.view, 1)
        rlay.addLayout(actions)
        self.splitter = QSplitter()
        self.splitter.setObjectName("contactsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([200, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        ctx.changes.contacts_changed.connect(self.reload)
        self._update_buttons()
        self.setEnabled(False)  # until the core is open

    def _button(self, text: str, name: str, accessible: str, slot: Any) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setAccessibleName(accessible)
        b.clicked.connect(slot)
        return b

    def persisted_parts(self) -> list[QSplitter | QHeaderView]:
        return [self.splitter, self.view.horizontalHeader()]

    def on_ready(self) -> None:
        self.setEnabled(True)
        self.source.db = self.ctx.db
        self.model.reload()
        self._search_started = time.perf_counter()
        self.load_groups()

    # ---- groups --------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """Contacts, groups or the blacklist changed somewhere: fetch the keys and groups again."""
        if not self.ctx.is_open:
            return
        self._empty_prefix = None
        self.load_groups()
        self._start_query()

    def load_groups(self) -> None:
        db = self.ctx.db
        Op(self, lambda: (C.groups(db), C.count_contacts(db)), ops=self.ctx.ops).in_pool(
            "query"
        ).token("contacts-groups").on_success(self._groups_loaded).run()

    def _groups_loaded(self, result: tuple[list[C.Group], int]) -> None:
        self.groups, self.total = result
        current = self.filter.group
        self.group_list.blockSignals(True)
        self.group_list.clear()
        everyone = QListWidgetItem(self.tr("全部联系人（%1）").replace("%1", f"{self.total:,}"))
        everyone.setData(Qt.ItemDataRole.UserRole, None)
        self.group_list.addItem(everyone)
        chosen = everyone
        for g in self.groups:
            item = QListWidgetItem(states.with_note(g.name, f"{g.count:,}"))
            item.setData(Qt.ItemDataRole.UserRole, g.id)
            self.group_list.addItem(item)
            if g.id == current:
                chosen = item
        self.group_list.setCurrentItem(chosen)
        self.group_list.blockSignals(False)
        if chosen is everyone and current is not None:  # the group is gone
            self.set_group(None)
        self._update_buttons()

    def current_group(self) -> C.Group | None:
        return next((g for g in self.groups if g.id == self.filter.group), None)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _group_chosen(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        if item is not None:
            self.set_group(item.data(Qt.ItemDataRole.UserRole))

    def select_group(self, group_id: int | None) -> None:
        """Show a group (None: every contact), as a click in ``groupList`` does."""
        for i in range(self.group_list.count()):
            item = self.group_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == group_id:
                self.group_list.setCurrentItem(item)
                return
        self.set_group(group_id)

    def set_group(self, group_id: int | None) -> None:
        if group_id != self.filter.group:
            self._set_filter(replace(self.filter, group=group_id))

    @Slot()
    def new_group(self) -> None:
        name = self.ctx.prompts.ask_text(self, self.tr("新建分组"), self.tr("分组名称："))
        if not name or not name.strip():
            return
        db = self.ctx.db
        Op(self, lambda: C.create_group(db, name), ops=self.ctx.ops).in_pool("io").on_success(
            self._group_created
        ).run()

    def _group_created(self, gid: int) -> None:
        self.filter = replace(self.filter, group=gid)  # shown at the reload the change brings

    @Slot()
    def rename_group(self) -> None:
        g = self.current_group()
        if g is None:
            return
        name = self.ctx.prompts.ask_text(self, self.tr("重命名分组"), self.tr("新名称："), g.name)
        if not name or not name.strip() or name.strip() == g.name:
            return
        db = self.ctx.db
        Op(self, lambda: C.rename_group(db, g.id, name, g.version), ops=self.ctx.ops).in_pool(
            "io"
        ).on_failure(self._conflicted).run()

    @Slot()
    def delete_group(self) -> None:
        g = self.current_group()
        if g is None:
            return
        if not self.ctx.prompts.confirm(
            self,
            self.tr("删除分组"),
            self.tr("删除分组“%1”及其中的 %2 个联系人？此操作不能撤销。", "", g.count)
            .replace("%1", g.name)
            .replace("%2", f"{g.count:,}"),
            ok_text=self.tr("删除"),
        ):
            return
        db = self.ctx.db
        Op(self, lambda: C.delete_group(db, g.id), ops=self.ctx.ops).in_pool("io").run()

    # ---- filter and sort (SQL, in query ops) ---------------------------------------------
    @Slot(str)
    def set_search(self, text: str) -> None:
        self._set_filter(replace(self.filter, search=text))

    @Slot()
    def _allocation_chosen(self) -> None:
        self.set_allocation(self.carrier_filter.currentData(), self.province_filter.currentData())

    def set_allocation(self, carrier: str | None, province: str | None) -> None:
        """Show only the numbers whose block was allocated to ``carrier`` / in ``province``
        (None: any), as the two filter boxes do."""
        for box, value in ((self.carrier_filter, carrier), (self.province_filter, province)):
            i = box.findData(value)
            if i >= 0 and i != box.currentIndex():
                box.blockSignals(True)
                box.setCurrentIndex(i)
                box.blockSignals(False)
        if (carrier, province) != (self.filter.carrier, self.filter.province):
            self._set_filter(replace(self.filter, carrier=carrier, province=province))

    @Slot(str, bool)
    def set_sort(self, key: str, descending: bool) -> None:
        self._set_filter(replace(self.filter, order=key, descending=descending))

    def _set_filter(self, flt: ContactFilter) -> None:
        self.filter = flt
        self._to_top = True  # another list: it is shown from its first row
        self._start_query()

    def _start_query(self) -> None:
        self._search_started = time.perf_counter()
        self.source.filter = self.filter
        if not self.ctx.is_open:
            return
        empty = self._empty_prefix
        f = self.filter
        if (
            empty is not None
            and f.search
            and empty.same_but_search(f)
            and f.search.startswith(empty.search)
        ):
            self.model.show_keys(())  # a longer text than one that found nothing finds nothing
            return
        # a new search, group or sort opens at its top; a change of the same list keeps the place
        self.model.reload(in_place=not self._to_top)

    @Slot()
    def _loaded(self) -> None:
        """The first page of a search is shown (its count may follow: :meth:`_counted`)."""
        self._show_count()
        self.last_search_ms = (time.perf_counter() - self._search_started) * 1000
        self.searched.emit(self.last_search_ms)
        self.search.finished()  # search for what was typed meanwhile

    @Slot()
    def _counted(self) -> None:
        n = self.model.rowCount()
        f = self.filter
        # qutebrowser's empty-prefix shortcut: a longer text than this one finds nothing either
        self._empty_prefix = f if n == 0 and f.search else None
        self._show_count()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        if self.model.partial:  # the first page: more are being counted
            text = self.tr("至少 %1 人，正在计数…").replace("%1", f"{n:,}")
        elif self.filter.search:
            text = self.tr("找到 %1 人", "", n).replace("%1", f"{n:,}")
        else:
            text = self.tr("共 %1 人", "", n).replace("%1", f"{n:,}")
        self.count_label.setText(text)
        if self._to_top:
            # A model reset keeps the scroll bar's value: a new search, group or sort would
            # open in the middle of its list, far below its first matches.
            self._to_top = False
            self.view.scrollToTop()
            self.view.selectionModel().clearCurrentIndex()
        self._update_buttons()

    # ---- selection -----------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return selected_rows(self.view)

    def selected_ids(self) -> list[int]:
        """The selected contacts' ids: from the keys, without loading any row."""
        return self.model.keys_of(self.selected_rows())

    def seen_versions(self, rows: list[int]) -> dict[int, int]:
        """id → version of the selected contacts the table has read (a selection of 100,000
        holds rows never loaded: those state no version)."""
        out: dict[int, int] = {}
        for r in rows:
            row = self.model.loaded_row(r)
            if row is not None:
                key = self.model.key(r)
                # this window's own edit is not someone else's, though the table may not have
                # read it back yet
                out[key] = max(int(row[CONTACT_VERSION]), self._own_versions.get(key, 0))
        return out

    # ---- another PC changed it meanwhile --------------------------------------------------
    def _conflicted(self, exc: BaseException, reopen: int | None = None) -> None:
        """An op's failure: a conflict (another PC or window changed or deleted what was edited
        since it was read; nothing was written) offers to read it again; anything else is
        reported as usual. ``reopen``: the contact whose editor opens again, as stored now."""
        if not isinstance(exc, C.ConflictError):
            self.ctx.ops.report_error(self, exc)
            return
        if self.ctx.prompts.confirm(
            self,
            self.tr("已被他人修改"),
            pick(str(exc)),
            ok_text=self.tr("重新读取"),
            cancel_text=self.tr("关闭"),
            default=True,
        ):
            self.reload()
            if reopen is not None:
                self._open_editor(reopen, missing_ok=True)

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_: Any) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        n_sel = selected_count(self.view)
        n = self.model.rowCount()
        has_group = self.current_group() is not None
        self.send_selection_button.setText(
            self.tr("发送给选中的（%1）").replace("%1", f"{n_sel:,}")
        )
        count = f"{n:,}+" if self.model.partial else f"{n:,}"
        self.send_matching_button.setText(self.tr("发送给所有匹配的（%1）").replace("%1", count))
        for b in (
            self.send_selection_button,
            self.delete_button,
            self.move_button,
            self.copy_button,
        ):
            b.setEnabled(n_sel > 0)
        self.edit_button.setEnabled(n_sel == 1)
        self.send_matching_button.setEnabled(n > 0)
        self.send_group_button.setEnabled(has_group)
        for name in ("renameGroupButton", "deleteGroupButton"):
            button = self.findChild(QPushButton, name)
            if button is not None:
                button.setEnabled(has_group)

    # ---- edit ----------------------------------------------------------------------------
    @Slot(QModelIndex)
    def _double_clicked(self, index: QModelIndex) -> None:
        self.view.selectRow(index.row())
        self.edit_contact()

    @Slot()
    def add_contact(self) -> None:
        self._open_editor(None)

    @Slot()
    def edit_contact(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self._open_editor(ids[0])

    def _open_editor(self, contact_id: int | None, missing_ok: bool = False) -> None:
        """The editor of a contact as stored now (None: a new one). ``missing_ok``: a contact
        deleted meanwhile opens nothing (after a conflict: the list shows it gone)."""
        db = self.ctx.db

        def work() -> tuple[C.Contact | None, list[C.Group]] | None:
            contact = None
            if contact_id is not None:
                found = C.contacts_by_ids(db, [contact_id])[0]
                if found is None and missing_ok:
                    return None
                contact = found if found is not None else C.get_contact(db, contact_id)
            return contact, C.groups(db)

        Op(self, work, ops=self.ctx.ops).in_pool("query").on_success(self._show_editor).run()

    def _show_editor(self, result: tuple[C.Contact | None, list[C.Group]] | None) -> None:
        from ..dialogs.contact_edit import ContactEditDialog

        if result is None:
            return
        contact, groups = result
        dialog = ContactEditDialog(
            contact, [(g.id, g.name) for g in groups], self.filter.group, self
        )
        dialog.accepted.connect(lambda: self._save_contact(dialog.value()))
        dialog.finished.connect(dialog.deleteLater)
        self.editor = dialog
        dialog.open()

    def _save_contact(self, value: ContactInput) -> None:
        db = self.ctx.db

        def work() -> int:
            if value.contact_id is None:
                return C.add_contact(db, value.group, value.phone, value.name, value.fields)
            stored = C.update_contact(
                db,
                value.contact_id,
                phone=value.phone,
                name=value.name,
                fields=value.fields,
                group=value.group,
                version=value.version,
            )
            self._own_versions[stored.id] = stored.version  # a dict item set: atomic
            return value.contact_id

        Op(self, work, ops=self.ctx.ops).in_pool("io").on_failure(
            lambda exc: self._conflicted(exc, value.contact_id)
        ).run()

    @Slot()
    def delete_contacts(self) -> None:
        rows = self.selected_rows()
        ids = self.model.keys_of(rows)
        seen = self.seen_versions(rows)
        if not ids or not self.ctx.prompts.confirm(
            self,
            self.tr("删除联系人"),
            self.tr("删除选中的 %1 个联系人？", "", len(ids)).replace("%1", f"{len(ids):,}"),
            ok_text=self.tr("删除"),
        ):
            return
        db = self.ctx.db
        Op(self, lambda: C.delete_contacts(db, ids, seen), ops=self.ctx.ops).in_pool(
            "io"
        ).on_failure(self._conflicted).run()

    def move_or_copy(self, move: bool) -> None:
        rows = self.selected_rows()
        ids = self.model.keys_of(rows)
        seen = self.seen_versions(rows)
        targets = [g for g in self.groups if g.id != self.filter.group]
        if not ids or not targets:
            return
        title = self.tr("移动到分组") if move else self.tr("复制到分组")
        choices = [g.name for g in targets] + [self.tr("取消")]
        text = self.tr("选中的 %1 个联系人：", "", len(ids)).replace("%1", f"{len(ids):,}")
        i = self.ctx.prompts.choose(self, title, text, choices, cancel=len(targets))
        if not 0 <= i < len(targets):
            return
        target = targets[i]
        db = self.ctx.db

        def work() -> tuple[int, int]:
            if move:
                return C.move_contacts(db, ids, target.id, seen)
            return C.copy_contacts(db, ids, target.id)  # a copy overwrites nothing

        Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(
            lambda r: self._moved(move, target.name, r)
        ).on_failure(self._conflicted).run()

    def _moved(self, move: bool, group: str, result: tuple[int, int]) -> None:
        done, kept = result
        text = (
            self.tr("已移动 %1 个到“%2”", "", done)
            if move
            else self.tr("已复制 %1 个到“%2”", "", done)
        ).replace("%1", f"{done:,}")
        text = text.replace("%2", group)
        if kept:
            text += self.tr("；%1 个号码该分组已有，未变动", "", kept).replace("%1", f"{kept:,}")
        self.ctx.prompts.notify(self.tr("通讯录"), text)

    # ---- send ----------------------------------------------------------------------------
    @Slot()
    def send_group(self) -> None:
        g = self.current_group()
        if g is not None:
            label = self.tr("分组“%1”").replace("%1", g.name)
            self.send_to(ContactSelection(group=g.id, label=label))

    @Slot()
    def send_selection(self) -> None:
        ids = self.selected_ids()
        if ids:
            label = self.tr("选中的 %1 个联系人", "", len(ids)).replace("%1", f"{len(ids):,}")
            self.send_to(ContactSelection(ids=tuple(ids), label=label))

    @Slot()
    def send_matching(self) -> None:
        f = self.filter
        g = self.current_group()
        where = g.name if g is not None else self.tr("全部联系人")
        if f.search:
            label = self.tr("%1 中匹配“%2”的联系人").replace("%1", where).replace("%2", f.search)
        else:
            label = where
        if f.carrier is not None:
            label += self.tr("（%1）").replace("%1", carrier_text(f.carrier))
        if f.province is not None:
            label += self.tr("（%1）").replace(
                "%1", province_text(f.province) or self.tr("未知地区")
            )
        self.send_to(
            ContactSelection(
                group=f.group,
                search=f.search or None,
                carrier=f.carrier,
                province=f.province,
                label=label,
            )
        )

    def send_to(self, selection: ContactSelection) -> None:
        """Open 发送 with these recipients (the main window's compose page)."""
        window: Any = self.window()
        page = window.page("composePage")
        window.tabs.setCurrentWidget(page)
        page.build().set_recipients_from_contacts(selection)

    # ---- import, export, blacklist -------------------------------------------------------
    @Slot()
    def open_import(self, path: Path | None = None) -> Any:
        from ..dialogs.import_wizard import ImportWizard

        g = self.current_group()
        wizard = ImportWizard(
            self.ctx,
            self,
            path=path if isinstance(path, Path) else None,
            group=g.name if g else None,
        )
        wizard.imported.connect(self._imported)
        wizard.finished.connect(wizard.deleteLater)
        self.wizard = wizard
        wizard.show()
        return wizard

    def _imported(self, report: ImportReport) -> None:
        # show the imported group; the contacts_changed that follows runs its one query (a
        # search of its own here, and a reload, made three 100k-row queries compete for the GIL
        # while the wizard painted its report)
        self.filter = replace(self.filter, group=report.group_id, search="")
        self.search.show_text("")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_import(path)

    @staticmethod
    def _dropped_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        for url in urls:
            p = Path(url.toLocalFile())
            if url.isLocalFile() and p.suffix.lower() in IMPORT_EXTENSIONS:
                return p
        return None

    @Slot()
    def export(self) -> None:
        g = self.current_group()
        suggested = f"{g.name}.xlsx" if g else self.tr("全部联系人") + ".xlsx"
        path = self.ctx.prompts.save_file(self, self.tr("导出联系人"), XLSX_FILTER, suggested)
        if path is None:
            return
        db = self.ctx.db
        gid = g.id if g else None
        Op(self, lambda: C.export_contacts_xlsx(db, path, gid), ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(
            lambda n: self.ctx.prompts.notify(
                self.tr("已导出"),
                self.tr("%1 个联系人已保存到 %2", "", n)
                .replace("%1", f"{n:,}")
                .replace("%2", str(path)),
            )
        ).run()

    @Slot()
    def save_template(self) -> None:
        path = self.ctx.prompts.save_file(
            self, self.tr("保存导入模板"), XLSX_FILTER, self.tr("通讯录导入模板") + ".xlsx"
        )
        if path is None:
            return
        Op(self, lambda: C.write_template(path), ops=self.ctx.ops).in_pool("io").on_success(
            lambda _r: self.ctx.prompts.notify(
                self.tr("已保存"), self.tr("导入模板已保存到 %1").replace("%1", str(path))
            )
        ).run()

    @Slot()
    def show_blacklist(self) -> BlacklistDialog:
        if self.blacklist is None:
            self.blacklist = BlacklistDialog(self.ctx, self)
        self.blacklist.show()
        self.blacklist.raise_()
        return self.blacklist
