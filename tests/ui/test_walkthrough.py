"""The issue's named features, used as a user would: a file dropped on 通讯录 opens the wizard,
a workbook with two sheets asks which one, "send to the selection / all matching" give 发送
the counts the buttons showed, the inbox's unmatched-reports and date filters, the tray menu."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from test_contacts_tab import open_contacts, run_wizard, send_via_compose, write_xlsx
from uihelpers import in_worker

from sms_desktop.demo import account_name
from sms_desktop.ui.dialogs import import_wizard as W

PHONES = [f"1390000{i:04d}" for i in range(6)]


def _rows() -> list[list[object]]:
    return [["手机号码", "姓名"], *[[p, f"客户{i}"] for i, p in enumerate(PHONES)]]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # QDragEnterEvent's only constructor
def test_a_file_dropped_on_the_contacts_tab_opens_the_wizard(window, qtbot, tmp_path):
    path = write_xlsx(tmp_path / "拖进来的.xlsx", _rows())
    tab = open_contacts(window, qtbot)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a drop only inside a real drag; the handlers Qt calls, in its order:
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tab.dragEnterEvent(enter)
    assert enter.isAccepted()
    tab.dropEvent(event)
    wizard = tab.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.table is not None, timeout=10000)
    assert wizard.file_page.path.text() == str(path)
    wizard.reject()


def test_a_workbook_with_two_sheets_asks_which_sheet(window, qtbot, tmp_path):
    wb = Workbook()
    first = wb.active
    first.title = "说明"
    first.append(["这一页不是名单"])
    second = wb.create_sheet("名单")
    for r in _rows():
        second.append(r)
    path = tmp_path / "两页.xlsx"
    wb.save(path)
    tab = open_contacts(window, qtbot)
    wizard = tab.open_import(path)
    qtbot.waitUntil(lambda: wizard.table is not None, timeout=10000)
    wizard.next()
    assert wizard.currentId() == W.PAGE_SHEET
    combo = wizard.sheet_page.combo
    combo.setCurrentIndex(combo.findText("名单"))
    combo.activated.emit(combo.currentIndex())  # as a user's choice
    qtbot.waitUntil(
        lambda: wizard.table is not None and wizard.table.sheet == "名单", timeout=10000
    )
    wizard.next()
    assert wizard.currentId() == W.PAGE_COLUMNS
    wizard.next()
    wizard.target_page.group.setEditText("第二页")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == W.PAGE_REPORT, timeout=10000)
    assert wizard.report.counts["imported"] == len(PHONES)
    wizard.accept()


def test_send_to_the_selection_and_to_all_matching_give_the_counts_shown(window, qtbot, tmp_path):
    path = write_xlsx(tmp_path / "客户.xlsx", _rows())
    tab = open_contacts(window, qtbot)
    run_wizard(tab, qtbot, path, "客户", window.ctx.prompts).accept()
    qtbot.waitUntil(lambda: tab.model.rowCount() == len(PHONES) and not tab.model.loading)
    tab.search.setText("客户1")  # matches 客户1 only
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and not tab.model.loading, timeout=10000)
    assert tab.send_matching_button.text().endswith("（1）")
    compose, shown = send_via_compose(window, qtbot, tab.send_matching_button, "您好{姓名}")
    assert shown == 1 and compose.estimate.counts()["valid"] == 1
    window.tabs.setCurrentWidget(window.page("contactsPage"))
    tab.search.setText("")
    qtbot.waitUntil(lambda: tab.model.rowCount() == len(PHONES) and not tab.model.loading)
    tab.view.selectRow(0)
    tab.view.selectionModel().select(
        tab.model.index(2, 0),
        tab.view.selectionModel().SelectionFlag.Select
        | tab.view.selectionModel().SelectionFlag.Rows,
    )
    assert tab.send_selection_button.text().endswith("（2）")
    compose, shown = send_via_compose(window, qtbot, tab.send_selection_button, "您好{姓名}")
    assert shown == 2 and compose.estimate.counts()["valid"] == 2


def test_reports_from_elsewhere_stay_visible_in_their_own_filter(window, qtbot, sim):
    """A send made outside this PC (the vendor's web console, another PC): its report matches
    no message here, and 收件箱's "unmatched" list shows it; a date range excludes it."""
    ctx = window.ctx
    name = account_name("ipyy")
    gw = in_worker(lambda: ctx.accounts.gateway(name))
    in_worker(lambda: gw.send(["13912345678"], "网页后台发的【演示公司】"))
    n = window.scheduler.syncs
    window.sync_now()
    qtbot.waitUntil(lambda: window.scheduler.syncs > n, timeout=15000)
    window.tabs.setCurrentWidget(window.page("inboxPage"))
    tab = window.page("inboxPage").build()
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("unmatched"))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and not tab.model.loading, timeout=10000)
    qtbot.waitUntil(lambda: tab.model.row_at(0) is not None, timeout=5000)
    assert tab.model.index(0, 1).data() == "13912345678"
    assert tab.model.index(0, 3).data() == "无对应发送（网页后台或其他电脑）"
    tab.date_check.setChecked(True)
    tab.since_edit.setDate(tab.until_edit.date().addDays(1))  # from tomorrow: nothing
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0 and not tab.model.loading, timeout=10000)


def test_the_tray_menu_shows_pauses_and_quits(window, qtbot):
    from sms_desktop.ui.tray import Tray

    tray = Tray(window, available=True)  # offscreen has no system tray: pretend there is one
    texts = [a.text() for a in tray.menu.actions() if a.text()]
    assert texts == ["显示窗口", "暂停所有发送", "退出"]
    window.hide()
    tray.menu.actions()[0].trigger()
    assert window.isVisible()
    tray.menu.actions()[1].trigger()
    assert tray.ctx.prompts.of("notify")[-1].title == "已暂停发送"
