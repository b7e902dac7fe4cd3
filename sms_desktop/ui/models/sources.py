"""RowSources of the contacts and the blacklist, for :class:`~.lazy_table.LazyTableModel`.

Each source holds its filter (group, search text, sort column): ``keys`` runs the filter and the
sort in SQL (``contact_ids`` / ``blacklist_ids``) inside a ``query`` op; ``rows`` reads one page by
ids. Presentation (``cell``) runs on the GUI thread and touches no store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal

from ...core import contacts as C
from ..i18n import pick
from ..ops import Op
from . import states
from .lazy_table import LazyTableModel

if TYPE_CHECKING:
    from ...core.store import Database
    from ..ops import Ops

# (sort key, header): the sort key is a CONTACT_ORDERS key
CONTACT_COLUMNS: list[tuple[str, object]] = [
    ("phone", QT_TRANSLATE_NOOP("Contacts", "手机号码")),
    ("name", QT_TRANSLATE_NOOP("Contacts", "姓名")),
    ("group", QT_TRANSLATE_NOOP("Contacts", "分组")),
    ("updated_at", QT_TRANSLATE_NOOP("Contacts", "更新时间")),
    ("fields", QT_TRANSLATE_NOOP("Contacts", "其他字段")),
]
CONTACT_WIDTHS = (130, 110, 120, 150, 360)

BLACKLIST_COLUMNS: list[tuple[str, object]] = [
    ("phone", QT_TRANSLATE_NOOP("Contacts", "号码")),
    ("reason", QT_TRANSLATE_NOOP("Contacts", "原因")),
    ("source", QT_TRANSLATE_NOOP("Contacts", "来源")),
    ("created_at", QT_TRANSLATE_NOOP("Contacts", "加入时间")),
]
BLACKLIST_WIDTHS = (140, 260, 110, 160)
SOURCES: dict[str, object] = {
    "manual": QT_TRANSLATE_NOOP("Contacts", "手动添加"),
    "opt-out": QT_TRANSLATE_NOOP("Contacts", "退订回复"),
    "import": QT_TRANSLATE_NOOP("Contacts", "文件导入"),
}


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)


def _tr(text: object) -> str:
    return QCoreApplication.translate("Contacts", str(text))


def source_label(source: str) -> str:
    label = SOURCES.get(source)
    return _tr(label) if label is not None else source


def fields_text(fields: dict[str, str]) -> str:
    sep = _tr("；")  # the language's own punctuation between a user's field names and values
    return sep.join(states.colon(k) + v for k, v in fields.items() if v)[:300]


@dataclass(frozen=True)
class ContactFilter:
    """What the contacts table shows: a group (None: all), a search text, a sort."""

    group: int | None = None
    search: str = ""
    order: str = "id"
    descending: bool = False


class ContactsSource:
    """The contacts matching a :class:`ContactFilter`; keys are contact ids."""

    def __init__(self, db: Database, flt: ContactFilter) -> None:
        self.db = db
        self.filter = flt

    def column_count(self) -> int:
        return len(CONTACT_COLUMNS)

    def header(self, column: int) -> str:
        return _tr(CONTACT_COLUMNS[column][1])

    def keys(self) -> Sequence[int]:
        f = self.filter
        return C.contact_ids(self.db, f.group, f.search or None, f.order, f.descending)

    def rows(self, keys: Sequence[int]) -> Sequence[Any]:
        """The rows of a page as their cells' texts, formatted here in the op (a paint then
        only indexes a tuple)."""
        return [
            _contact_texts(c) if c is not None else None for c in C.contacts_by_ids(self.db, keys)
        ]

    def first_page(self, size: int) -> tuple[list[int], list[Any]]:
        """The keys and rows of the first ``size`` matches, from one query that stops there."""
        f = self.filter
        page = C.contact_page(self.db, f.group, f.search or None, f.order, f.descending, size)
        return [c.id for c in page], [_contact_texts(c) for c in page]

    def cell(self, row: tuple[Any, ...] | None, column: int, role: int) -> Any:
        if row is None:
            return _tr("（已删除）") if role == _DISPLAY else None
        if role == _DISPLAY or column != _UPDATED_AT:
            return row[column]  # the tooltip repeats the text (it may be elided)
        return None


_UPDATED_AT = next(i for i, (k, _) in enumerate(CONTACT_COLUMNS) if k == "updated_at")


# a contact row's last item, after its cells: the version it was read at (not shown; an edit,
# move or delete states it, so another PC's change since is not overwritten)
CONTACT_VERSION = len(CONTACT_COLUMNS)


def _contact_texts(c: C.Contact) -> tuple[Any, ...]:
    """A contact's cells, in ``CONTACT_COLUMNS`` order, then its version."""
    texts = {
        "phone": c.phone,
        "name": c.name,
        "group": c.group,
        "updated_at": c.updated_at,
        "fields": fields_text(c.fields),
    }
    return (*(texts[k] for k, _ in CONTACT_COLUMNS), c.version)


class BlacklistSource:
    """The blacklist, newest first unless sorted; keys are ids."""

    def __init__(
        self, db: Database, search: str = "", order: str = "created_at", descending: bool = True
    ) -> None:
        self.db = db
        self.search = search
        self.order = order
        self.descending = descending

    def column_count(self) -> int:
        return len(BLACKLIST_COLUMNS)

    def header(self, column: int) -> str:
        return _tr(BLACKLIST_COLUMNS[column][1])

    def keys(self) -> Sequence[int]:
        return C.blacklist_ids(self.db, self.search or None, self.order, self.descending)

    def rows(self, keys: Sequence[int]) -> Sequence[Any]:
        return C.blacklist_by_ids(self.db, keys)

    def cell(self, row: C.BlacklistEntry | None, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if row is None:
            return _tr("（已删除）")
        key = BLACKLIST_COLUMNS[column][0]
        if key == "source":
            return source_label(row.source)
        if key == "reason":  # an opt-out's reason is the core's "中文 / English"
            return pick(row.reason or "")
        return str(getattr(row, key))


class FilteredTableModel(LazyTableModel):
    """A :class:`LazyTableModel` whose source filters and sorts in SQL.

    A header click (``sort``) becomes an ``ORDER BY`` over the source's whitelisted columns,
    run as a new keys op; the rows on screen stay until the new keys arrive (stale results
    are dropped by the model's generations). Never a ``QSortFilterProxyModel``.

    A source with ``first_page(size)`` is read in two steps: the first page's keys and rows
    from one query that stops at a page (shown at once: ``loaded``), then every key, the
    count with them (``counted``; the rows past the first page are appended, the rows shown
    stay). ``partial`` is true in between; ``loading`` until both have arrived.
    """

    sort_changed = Signal(str, bool)  # sort key, descending
    counted = Signal()  # every key of the last reload is in (rowCount() is the count)
    # the sources answer only these two: a view's other roles return at once
    roles = frozenset({_DISPLAY, _TOOLTIP})

    def __init__(self, source: Any, ops: Ops, parent: Any = None, **kw: Any) -> None:
        super().__init__(source, ops, parent, **kw)
        self.sort_keys: list[str] = []  # column → sort key
        self.partial = False  # the first page is shown, the other keys are on their way

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.sort_keys)):
            return
        key = self.sort_keys[column]
        self.sort_changed.emit(key, order == Qt.SortOrder.DescendingOrder)

    def reload(self, *, in_place: bool = False) -> None:
        """The first page (keys and rows, one op, one paint with real rows: a reset shows the
        top of the list), then the other keys.

        ``in_place``: the same list changed (an edit, an import), and the view keeps its place.
        Every key then comes in one op, as one reset: a first page alone would shrink the scroll
        bar to that page, and the place down the list would be lost when the other keys came.
        """
        source = self._source
        if source is None:
            return
        self._gen += 1
        gen = self._gen
        self.loading = True
        size = self.page_size
        first_page = getattr(source, "first_page", None)
        if first_page is not None and not in_place:
            Op(self, lambda: first_page(size), ops=self._ops).in_pool("query").on_success(
                lambda result: self._got_first_page(gen, source, *result)
            ).on_failure(lambda exc: self._failed(gen, exc)).run()
            return

        def work() -> tuple[Sequence[int], Sequence[Any]]:
            keys = source.keys()
            return keys, source.rows(list(keys[:size]))

        Op(self, work, ops=self._ops).in_pool("query").on_success(
            lambda result: self._got_first(gen, *result)
        ).on_failure(lambda exc: self._failed(gen, exc)).run()

    def _got_first_page(self, gen: int, source: Any, keys: list[int], rows: Sequence[Any]) -> None:
        if gen != self._gen:
            return  # an older search: a newer one is on its way
        complete = len(keys) < self.page_size  # the first page holds every match
        self.partial = not complete
        if complete:
            self.loading = False
        self._reset_to(keys, rows)
        self.loaded.emit()
        if complete:
            self.counted.emit()
            return
        Op(self, source.keys, ops=self._ops).in_pool("query").on_success(
            lambda all_keys: self._got_keys_after_page(gen, all_keys)
        ).on_failure(lambda exc: self._failed(gen, exc)).run()

    def _got_keys_after_page(self, gen: int, keys: Sequence[int]) -> None:
        if gen != self._gen:
            return
        self.loading = self.partial = False
        shown = len(self._keys)
        if len(keys) >= shown and list(keys[:shown]) == list(self._keys):
            if len(keys) > shown:  # the rows shown stay; the others are appended
                self.beginInsertRows(QModelIndex(), shown, len(keys) - 1)
                self._keys = keys
                self.endInsertRows()
        else:  # the contacts changed between the two queries: show the newer keys
            self._reset_to(keys, None)
        self.counted.emit()

    def _reset_to(self, keys: Sequence[int], first: Sequence[Any] | None) -> None:
        self.beginResetModel()
        self._keys = keys
        self._pages.clear()
        self._stale.clear()
        self._pending.clear()
        if first is not None and len(keys):
            self._pages[0] = first
        self.endResetModel()

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._gen:
            self.partial = False
        super()._failed(gen, exc)

    def _got_first(self, gen: int, keys: Sequence[int], rows: Sequence[Any]) -> None:
        if gen != self._gen:
            return  # an older search: a newer one is on its way
        self.loading = self.partial = False
        self._reset_to(keys, rows)
        self.loaded.emit()
        self.counted.emit()

    def show_keys(self, keys: Sequence[int]) -> None:
        """Show these keys at once, without a query (an empty result known in advance)."""
        self._gen += 1
        self.partial = False
        self._got_keys(self._gen, keys)
        self.counted.emit()
