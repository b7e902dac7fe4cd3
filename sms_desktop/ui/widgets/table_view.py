"""Settings and selection helpers for views over large keys-first models."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTableView,
    QTableWidget,
)


def list_table(name: str, accessible: str, headers: Sequence[str]) -> QTableWidget:
    """A short read-only list (a few dozen rows: rules, tokens) as a table: one row selected at
    a time, no row numbers, columns as wide as their contents."""
    view = QTableWidget(0, len(headers))
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setHorizontalHeaderLabels(list(headers))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def fixed_rows(view: QTableView) -> None:
    """Fixed row heights and no sizing to contents: a 100k-row view stays cheap. Call it after
    ``setModel``.

    The column header gets a selection model of its own: with the view's, every selection
    change makes it ask, for each column, whether every row is selected, i.e. one
    ``index()`` (two Python calls) per row and column. Selecting all 100,000 rows took 3-5 s of
    GUI thread that way, 8 ms without (measured offscreen, PySide6 6.12).

    The row-number header is hidden: after a scroll, a model reset (a new search) made it ask
    ``headerData`` of every row for its width, 630,000 Python calls and 26 s at 100,000 rows;
    42 ms hidden.
    """
    vh = view.verticalHeader()
    vh.hide()  # see the docstring
    model = view.model()
    if model is not None:
        view.horizontalHeader().setSelectionModel(QItemSelectionModel(model, view))
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)


def row_ranges(view: QAbstractItemView) -> list[tuple[int, int]]:
    """The selected rows as (first, last) ranges: Ctrl+A on 100k rows is one range, not 100k
    indexes."""
    sel = view.selectionModel().selection()
    return [(sel.at(i).top(), sel.at(i).bottom()) for i in range(sel.count())]


def selected_rows(view: QAbstractItemView) -> list[int]:
    rows: set[int] = set()
    for top, bottom in row_ranges(view):
        rows.update(range(top, bottom + 1))
    return sorted(rows)


def selected_count(view: QAbstractItemView) -> int:
    """How many rows are selected (the ranges of a row selection do not overlap)."""
    return sum(bottom - top + 1 for top, bottom in row_ranges(view))


def label_width(view: QAbstractItemView, text: str, icon: bool = False, bold: bool = False) -> int:
    """The width a cell needs to show ``text`` whole: its font (``bold`` where rows can be, such
    as the inbox's unread ones), the cell's margins, and the state icon when the column draws
    one."""
    font = view.font()
    font.setBold(bold)
    style = view.style()
    margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 8
    extra = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, view) + 6 if icon else 0
    return QFontMetrics(font).horizontalAdvance(text) + margin + extra


def set_column_widths(
    view: QTableView,
    widths: Sequence[int],
    labels: Mapping[int, Iterable[str]] | None = None,
    icons: Iterable[int] = (),
    bold: bool = False,
) -> None:
    """Each column at its width from ``widths``, widened where that would clip its header's text
    (English headers are longer than Chinese ones) or the longest of the fixed labels the
    column can show (``labels``: column → its texts in the UI's language, such as the states;
    ``icons``: columns that draw a state icon before the text). Never sized to the rows."""
    header = view.horizontalHeader()
    with_icon = set(icons)
    for col, width in enumerate(widths):
        need = header.sectionSizeHint(col)
        for text in (labels or {}).get(col, ()):
            need = max(need, label_width(view, text, col in with_icon, bold))
        header.resizeSection(col, max(width, need))
