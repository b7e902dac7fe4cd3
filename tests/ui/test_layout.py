"""Nothing clipped at the default window size (1280×800), in Chinese and in English.

After a day's work (a send with skipped numbers, replies with an opt-out, an import report, the
blacklist, a conversation), every visible header shows its whole text, every cell of the
columns that show fixed texts (states, outcomes, blacklist states and sources) is wide enough
for its text (icon included), and no button, single-line label or combo box is narrower than
its text.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)
from uihelpers import DAY_PAGES, days_work, open_day_page

from sms_desktop.demo import CONTACTS_FILE
from sms_desktop.ui import i18n
from sms_desktop.ui.widgets.table_view import label_width

SIZE = (1280, 800)


def clipped_headers(root: QWidget) -> list[str]:
    bad = []
    for view in root.findChildren(QTableView):
        if not view.isVisible():
            continue
        header = view.horizontalHeader()
        last = header.logicalIndex(header.count() - 1)
        for col in range(header.count()):
            if header.isSectionHidden(col) or (col == last and header.stretchLastSection()):
                continue
            if header.sectionSize(col) < header.sectionSizeHint(col):
                text = view.model().headerData(col, Qt.Orientation.Horizontal)
                bad.append(f"{view.objectName()} header {text!r}: {header.sectionSize(col)}px")
    return bad


def clipped_cells(view: QTableView, columns: dict[int, bool]) -> list[str]:
    """Cells of ``columns`` (column → drawn with an icon) whose text does not fit (in the
    cell's own font: the inbox's unread rows are bold)."""
    model, header = view.model(), view.horizontalHeader()
    bad = []
    for row in range(min(model.rowCount(QModelIndex()), 60)):
        for col, icon in columns.items():
            text = model.data(model.index(row, col))
            font = model.data(model.index(row, col), Qt.ItemDataRole.FontRole)
            bold = bool(font is not None and font.bold())
            if text and label_width(view, str(text), icon, bold) > header.sectionSize(col):
                bad.append(
                    f"{view.objectName()} [{row},{col}] {text!r}: {header.sectionSize(col)}px"
                )
    return bad


def clipped_widgets(root: QWidget) -> list[str]:
    bad = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or w.objectName().startswith("qt_"):
            continue
        single_line = isinstance(w, QLabel) and not w.wordWrap() and w.pixmap().isNull()
        text = w.text() if isinstance(w, QAbstractButton | QLabel) else ""
        wanted = w.sizeHint().width()
        if (isinstance(w, QAbstractButton) or single_line) and text and w.width() < wanted:
            bad.append(f"{type(w).__name__} {w.objectName()} {text!r}: {w.width()} < {wanted}")
        if isinstance(w, QComboBox) and not w.isEditable() and w.currentText():
            # the box's text field (between the frame and the arrow) holds the shown item
            opt = QStyleOptionComboBox()
            w.initStyleOption(opt)
            field = w.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, w
            )
            need = w.fontMetrics().horizontalAdvance(w.currentText())
            if not w.itemIcon(w.currentIndex()).isNull():
                need += w.iconSize().width() + 4
            if field.width() < need:
                bad.append(f"combo {w.objectName()} {w.currentText()!r}: {field.width()} < {need}")
        if isinstance(w, QLineEdit) and w.placeholderText() and not w.text():
            hint = w.fontMetrics().horizontalAdvance(w.placeholderText()) + 12
            if w.width() < hint + (28 if w.isClearButtonEnabled() else 0):
                bad.append(f"placeholder {w.objectName()} {w.placeholderText()!r}: {w.width()}")
    return bad


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_nothing_is_clipped_at_the_default_size(lang, qapp, make_window, qtbot, sim, stall_guard):
    from sms_desktop.ui.dialogs.import_wizard import PAGE_REPORT

    translators = i18n.install(qapp, lang)
    try:
        window = make_window()
        stall_guard.disarm()  # first paints of every tab and dialog
        window.resize(*SIZE)
        ctx = window.ctx
        days_work(window, qtbot, sim)

        def settle() -> None:
            qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=10000)
            qtbot.wait(50)

        bad: list[str] = []
        for page in DAY_PAGES:
            tab = open_day_page(window, qtbot, page)
            bad += clipped_headers(window) + clipped_widgets(window)
            if page == "historyPage":
                qtbot.waitUntil(lambda t=tab: t.detail.model.rowCount() == 3, timeout=10000)
                settle()
                bad += clipped_cells(tab.view, {3: False, 4: True})
                bad += clipped_cells(tab.detail.view, {3: True})
            if page == "inboxPage":
                bad += clipped_cells(tab.view, {3: True, 4: False})
                tab.select_row(tab.model.rowCount() - 1)
                tab.open_conversation()
                conv = tab.conversation
                qtbot.waitUntil(lambda c=conv: c.opened_ms is not None, timeout=10000)
                settle()
                bad += clipped_headers(conv) + clipped_widgets(conv)
                conv.close()
            if page == "contactsPage":
                wizard = tab.open_import(ctx.home / CONTACTS_FILE)
                qtbot.waitUntil(lambda w=wizard: w.table is not None, timeout=10000)
                wizard.next()
                wizard.next()
                wizard.target_page.group.setEditText("VIP")
                wizard.next()
                qtbot.waitUntil(lambda w=wizard: w.currentId() == PAGE_REPORT, timeout=10000)
                settle()
                view = wizard.report_page.view
                bad += clipped_headers(wizard) + clipped_widgets(wizard)
                bad += clipped_cells(view, {1: False})
                wizard.accept()
                settle()
                dialog = tab.show_blacklist()
                qtbot.waitUntil(lambda d=dialog: d.model.rowCount() >= 1, timeout=10000)
                settle()
                bad += clipped_headers(dialog) + clipped_widgets(dialog)
                bad += clipped_cells(dialog.view, {2: False})
                dialog.close()
        assert bad == [], "\n".join(bad)
    finally:
        i18n.remove(qapp, translators)
