"""Settings and selection helpers for views over large keys-first models."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def fixed_rows(view: QTableView) -> None:
    """Fixed row heights and no sizing to contents: a 100k-row view stays cheap."""
    vh = view.verticalHeader()
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
