"""A keys-first lazy table model for large lists (design brief §4, after Anki's browser model).

The model holds only the ordered keys (ids) of the rows, fetched in one ``query`` op; the rows
themselves come in pages of :data:`PAGE_SIZE`, each fetched in its own ``query`` op the first
time :meth:`~LazyTableModel.data` needs it. Meanwhile the cells show a placeholder. So:

* ``rowCount()`` is exact from the first paint (the scroll bar never grows while scrolling);
  there is no ``canFetchMore``/``fetchMore``, and nothing is read on the GUI thread;
* at most :data:`MAX_PAGES` pages are kept; the one least recently asked for goes first (asked
  for, not arrived: pages fetched together arrive in any order, and the view's latest wish wins);
* every :meth:`~LazyTableModel.reload` and :meth:`~LazyTableModel.refresh` starts a new
  generation: pages that arrive from an older one are dropped;
* ``flags()`` (the base class's: selectable, enabled) and selections need only the keys: an action on the selection passes
  :meth:`~LazyTableModel.keys_of` to its op, never rows.

What the rows are comes from a :class:`RowSource`: two functions that run inside ops (keys,
and the rows of some keys) and the presentation of a cell, which runs on the GUI thread and
must not touch the store. The job-recipients source is in ``models/recipients.py``; part 2's
contacts and blacklist reuse the model with their own sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ..ops import Op

if TYPE_CHECKING:
    from ..ops import Ops

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
PLACEHOLDER = "…"  # shown in a cell whose page is on its way
MAX_PAGES = 50  # 10,000 rows in memory at most
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)


class RowSource(Protocol):
    """Where a :class:`LazyTableModel`'s rows come from.

    ``keys`` and ``rows`` run in ops (worker threads); the rest runs on the GUI thread.
    """

    def column_count(self) -> int: ...

    def header(self, column: int) -> str: ...

    def keys(self) -> Sequence[int]:
        """Every row's key, in display order. In an op."""
        ...

    def rows(self, keys: Sequence[int]) -> Sequence[Any]:
        """The rows of ``keys``, in the same order (``None`` for a vanished row). In an op."""
        ...

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What ``data()`` returns for a loaded row. GUI thread: no store access."""
        ...


class LazyTableModel(QAbstractTableModel):
    """See the module docstring."""

    loaded = Signal()  # the keys arrived (after reload)
    page_loaded = Signal(int)  # a page of rows arrived (its number)
    #: the roles the source answers (None: it is asked for every role); others are empty at once
    roles: frozenset[int] | None = None

    def __init__(
        self,
        source: RowSource | None,
        ops: Ops,
        parent: Any = None,
        *,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._ops = ops
        self.page_size = page_size
        self.max_pages = max_pages
        self._keys: Sequence[int] = ()
        self._pages: dict[int, Sequence[Any]] = {}
        self._asked: dict[int, int] = {}  # page: when it was last asked for (a counter)
        self._clock = 0
        self._stale: set[int] = set()  # pages shown as they were until their refresh arrives
        self._pending: set[int] = set()
        self._gen = 0
        self.fetches = 0  # page ops started (tests and benchmarks look at it)
        self.loading = False  # a keys op is running

    # ---- content -------------------------------------------------------------------------
    @property
    def source(self) -> RowSource | None:
        return self._source

    def set_source(self, source: RowSource | None) -> None:
        """Show another source (e.g. another job): empty at once, then its keys."""
        self._source = source
        self._gen += 1
        self.beginResetModel()
        self._keys = ()
        self._pages.clear()
        self._asked.clear()
        self._stale.clear()
        self._pending.clear()
        self.endResetModel()
        if source is not None:
            self.reload()

    def reload(self) -> None:
        """Fetch the keys again (a new filter, rows added or removed): a model reset."""
        source = self._source
        if source is None:
            return
        self._gen += 1
        gen = self._gen
        self.loading = True
        Op(self, source.keys, ops=self._ops).in_pool("query").on_success(
            lambda keys: self._got_keys(gen, keys)
        ).on_failure(lambda exc: self._failed(gen, exc)).run()

    def refresh(self) -> None:
        """The rows changed but not the keys (states, reports): loaded pages are fetched again;
        until they arrive they show their old values, never placeholders."""
        self._gen += 1
        self._stale.update(self._pages)
        self._pending.clear()
        for page in list(self._pages):
            self._request(page)

    def _got_keys(self, gen: int, keys: Sequence[int]) -> None:
        if gen != self._gen:
            return  # an older reload: a newer one is on its way
        self.loading = False
        self.beginResetModel()
        self._keys = keys
        self._pages.clear()
        self._asked.clear()
        self._stale.clear()
        self._pending.clear()
        self.endResetModel()
        self.loaded.emit()

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._gen:
            self.loading = False
        self._ops.report_error(self.parent() if self.parent() is not None else None, exc)

    # ---- pages ---------------------------------------------------------------------------
    def _touch(self, page: int) -> None:
        self._clock += 1
        self._asked[page] = self._clock

    def _request(self, page: int) -> None:
        source = self._source
        self._touch(page)
        if source is None or page in self._pending:
            return
        self._pending.add(page)
        start = page * self.page_size
        keys = list(self._keys[start : start + self.page_size])
        gen = self._gen
        self.fetches += 1
        Op(self, lambda: source.rows(keys), ops=self._ops).in_pool("query").on_success(
            lambda rows: self._got_page(gen, page, rows)
        ).on_failure(lambda exc: self._page_failed(gen, page, exc)).run()

    def _got_page(self, gen: int, page: int, rows: Sequence[Any]) -> None:
        if gen != self._gen:
            return  # fetched for an older generation (another job, or before a refresh)
        self._pending.discard(page)
        self._stale.discard(page)
        self._pages[page] = rows
        while len(self._pages) > self.max_pages:
            old = min(self._pages, key=lambda p: self._asked.get(p, 0))
            del self._pages[old]
            self._asked.pop(old, None)
            self._stale.discard(old)
        first = page * self.page_size
        last = min(first + len(rows), len(self._keys)) - 1
        if last >= first:
            self.dataChanged.emit(
                self.index(first, 0), self.index(last, max(0, self.columnCount() - 1))
            )
        self.page_loaded.emit(page)

    def _page_failed(self, gen: int, page: int, exc: BaseException) -> None:
        if gen != self._gen:
            return
        self._pending.discard(page)
        self._ops.report_error(None, exc)

    def row_at(self, row: int) -> Any | None:
        """The loaded row (or None while its page is on its way; this asks for it)."""
        if row < 0 or row >= len(self._keys):
            return None
        page = row // self.page_size
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        self._touch(page)
        if page in self._stale:
            self._request(page)
        i = row - page * self.page_size
        return rows[i] if i < len(rows) else None

    def loaded_row(self, row: int) -> Any | None:
        """The row if its page is in memory, else None (nothing is asked for): what the user
        was shown, for an action that states what it saw (a contact's version)."""
        if row < 0 or row >= len(self._keys):
            return None
        rows = self._pages.get(row // self.page_size)
        i = row % self.page_size
        return rows[i] if rows is not None and i < len(rows) else None

    # ---- keys ----------------------------------------------------------------------------
    def key(self, row: int) -> int:
        return int(self._keys[row])

    def keys_of(self, rows: Sequence[int]) -> list[int]:
        """The keys of some rows (a selection), without fetching any row."""
        return [int(self._keys[r]) for r in rows]

    def rows_of(self, keys: Sequence[int]) -> list[int]:
        """The rows of some keys (a selection kept through a reload); keys gone are left out."""
        found = []
        for k in keys:
            try:
                found.append(self._keys.index(k))
            except ValueError:
                pass
        return found

    @property
    def loaded_pages(self) -> int:
        return len(self._pages)

    @property
    def pending_pages(self) -> int:
        return len(self._pending)

    # ---- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._source is None:
            return 0
        return self._source.column_count()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._source is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            tip = getattr(self._source, "header_tip", None)  # an optional explanation
            return tip(section) if tip is not None else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < self._source.column_count():
                return self._source.header(section)
            return None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks each visible cell for seven roles per paint (font, alignment, colours,
        # check state, decoration, display, background): the roles the source does not answer
        # return here, before any other work.
        if self.roles is not None and role not in self.roles:
            return None
        if not index.isValid() or self._source is None:
            return None
        if not (0 <= index.row() < len(self._keys)) or not (
            0 <= index.column() < self._source.column_count()
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            if role == _DISPLAY:
                return PLACEHOLDER
            return None
        return self._source.cell(row, index.column(), role)
