"""RowSources of the contacts and the blacklist, for :class:`~.lazy_table.LazyTableModel`.

Each source holds its filter (group, search text, sort column): ``keys`` runs the filter and the
sort in SQL (``contact_ids`` / ``blacklist_ids``) inside a ``query`` op; ``rows`` reads one page by
ids. Presentation (``cell``) runs on the GUI thread and touches no store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal

from ...core import contacts as C
from ..i18n import pick
from ..ops import Op
from . import states
from .allocation import carrier_text, region_text
from .lazy_table import LazyTableModel

if TYPE_CHECKING:
    from ...core.store import Database
    from ..ops import Ops

# (sort key, header): the sort key is a CONTACT_ORDERS key
CONTACT_COLUMNS: list[tuple[str, object]] = [
    ("phone", QT_TRANSLATE_NOOP("Contacts", "手机号码")),
    ("name", QT_TRANSLATE_NOOP("Contacts", "姓名")),
    ("carrier", QT_TRANSLATE_NOOP("Contacts", "运营商")),
    ("region", QT_TRANSLATE_NOOP("Contacts", "归属地")),
    ("group", QT_TRANSLATE_NOOP("Contacts", "分组")),
    ("updated_at", QT_TRANSLATE_NOOP("Contacts", "更新时间")),
    ("fields", QT_TRANSLATE_NOOP("Contacts", "其他字段")),
]
CONTACT_WIDTHS = (130, 110, 90, 130, 120, 150, 300)
# 运营商 and 归属地 are the number block's allocation (号段归属), never a certainty
ALLOCATION_TIP = QT_TRANSLATE_NOOP(
    "Contacts", "号段归属：号码所在号段最初分配的运营商和地区。携号转网的号码现在可能不同。"
)

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
    carrier: str | None = None  # a carrier code of core.carriers (号段归属), None: any
    province: str | None = None  # a province (号段归属), None: any

    def same_but_search(self, other: ContactFilter) -> bool:
        """Whether ``other`` differs from this one at most in its search text."""
        return (self.group, self.carrier, self.province) == (
            other.group,
            other.carrier,
            other.province,
        )


class ContactsSource:
    """The contacts matching a :class:`ContactFilter`; keys are contact ids."""

    def __init__(self, db: Database, flt: ContactFilter) -> None:
        self.db = db
        self.filter = flt

    def column_count(self) -> int:
        return len(CONTACT_COLUMNS)

    def header(self, column: int) -> str:
        return _tr(CONTACT_COLUMNS[column][1])

    def header_tip(self, column: int) -> str | None:
        return _tr(ALLOCATION_TIP) if column in _ALLOCATION_COLUMNS else None

    def keys(self) -> Sequence[int]:
        f = self.filter
        return C.contact_ids(
            self.db,
            f.group,
            f.search or None,
            f.order,
            f.descending,
            carrier=f.carrier,
            province=f.province,
        )

    def rows(self, keys: Sequence[int]) -> Sequence[Any]:
        """The rows of a page as their cells' texts, formatted here in the op (a paint then
        only indexes a tuple)."""
        return [
            _contact_texts(c) if c is not None else None for c in C.contacts_by_ids(self.db, keys)
        ]

    def cell(self, row: tuple[str, ...] | None, column: int, role: int) -> Any:
        if row is None:
            return _tr("（已删除）") if role == _DISPLAY else None
        if role == _DISPLAY or column != _UPDATED_AT:
            return row[column]  # the tooltip repeats the text (it may be elided)
        return None


_UPDATED_AT = next(i for i, (k, _) in enumerate(CONTACT_COLUMNS) if k == "updated_at")
_ALLOCATION_COLUMNS = {i for i, (k, _) in enumerate(CONTACT_COLUMNS) if k in ("carrier", "region")}


def _contact_texts(c: C.Contact) -> tuple[str, ...]:
    """A contact's cells, in ``CONTACT_COLUMNS`` order."""
    texts = {
        "phone": c.phone,
        "name": c.name,
        # a number whose block the data does not know shows nothing, not 未知 on every row
        "carrier": carrier_text(c.carrier) if c.carrier else "",
        "region": region_text(c.province, c.city),
        "group": c.group,
        "updated_at": c.updated_at,
        "fields": fields_text(c.fields),
    }
    return tuple(texts[k] for k, _ in CONTACT_COLUMNS)


class BlacklistSource:
    """The blacklist, newest first unless sorted; keys are rowids."""

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
    """

    sort_changed = Signal(str, bool)  # sort key, descending
    # the sources answer only these two: a view's other roles return at once
    roles = frozenset({_DISPLAY, _TOOLTIP})

    def __init__(self, source: Any, ops: Ops, parent: Any = None, **kw: Any) -> None:
        super().__init__(source, ops, parent, **kw)
        self.sort_keys: list[str] = []  # column → sort key

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.sort_keys)):
            return
        key = self.sort_keys[column]
        self.sort_changed.emit(key, order == Qt.SortOrder.DescendingOrder)

    def reload(self) -> None:
        """The keys, and the first page's rows with them (one op, one paint with real rows: a
        reset shows the top of the list)."""
        source = self._source
        if source is None:
            return
        self._gen += 1
        gen = self._gen
        self.loading = True
        size = self.page_size

        def work() -> tuple[Sequence[int], Sequence[Any]]:
            keys = source.keys()
            return keys, source.rows(list(keys[:size]))

        Op(self, work, ops=self._ops).in_pool("query").on_success(
            lambda result: self._got_first(gen, *result)
        ).on_failure(lambda exc: self._failed(gen, exc)).run()

    def _got_first(self, gen: int, keys: Sequence[int], rows: Sequence[Any]) -> None:
        if gen != self._gen:
            return  # an older search: a newer one is on its way
        self.loading = False
        self.beginResetModel()
        self._keys = keys
        self._pages.clear()
        self._stale.clear()
        self._pending.clear()
        if len(keys):
            self._pages[0] = rows
        self.endResetModel()
        self.loaded.emit()

    def show_keys(self, keys: Sequence[int]) -> None:
        """Show these keys at once, without a query (an empty result known in advance)."""
        self._gen += 1
        self._got_keys(self._gen, keys)
