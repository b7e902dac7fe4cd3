"""通讯录: the import wizard, sending to a group, the blacklist, and 100k rows off the GUI thread.

Sends go to the simulator over HTTP; what it received is checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from uihelpers import in_worker

from sms_desktop.core import contacts as C
from sms_desktop.core.jobs.model import JobState
from sms_desktop.demo import account_name
from sms_desktop.ui.dialogs import import_wizard as W
from sms_desktop.ui.models.sources import ContactFilter

IPYY = account_name("ipyy")
GOOD = [f"1390000{i:04d}" for i in range(6)]


def open_contacts(window, qtbot):
    page = window.page("contactsPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.model.source is not None and not tab.model.loading, timeout=10000)
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)
    return tab


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "客户名单"
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def sample_rows(blocked: str) -> list[list[object]]:
    return [
        ["手机号码", "姓名", "城市"],
        *[[p, f"客户{i}", "北京"] for i, p in enumerate(GOOD)],
        ["12345", "坏号码", "上海"],  # row 8: invalid
        [GOOD[0], "重复的", "广州"],  # row 9: a duplicate of row 2
        [blocked, "黑名单的", "深圳"],  # row 10: blacklisted
    ]


def click(qtbot, button: QPushButton) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def run_wizard(tab, qtbot, path: Path, group: str, prompts):
    prompts.open_answers.append(path)
    click(qtbot, tab.import_button)
    wizard = tab.wizard
    assert wizard.objectName() == "importWizard" and wizard.isVisible()
    click(qtbot, wizard.findChild(QPushButton, "importBrowseButton"))
    qtbot.waitUntil(lambda: wizard.table is not None, timeout=10000)
    wizard.next()
    assert wizard.currentId() == W.PAGE_COLUMNS  # one sheet: no sheet page
    wizard.next()
    assert wizard.currentId() == W.PAGE_TARGET
    wizard.target_page.group.setEditText(group)
    wizard.next()  # the commit button: the import starts
    qtbot.waitUntil(lambda: wizard.currentId() == W.PAGE_REPORT, timeout=20000)
    return wizard


def send_via_compose(window, qtbot, button: QPushButton, text: str):
    page = window.page("composePage")
    with qtbot.waitSignal(page.build().contacts_loaded, timeout=10000) as loaded:
        click(qtbot, button)
    assert window.tabs.currentWidget() is page
    compose = page.tab
    qtbot.waitUntil(lambda: compose.account_combo.count() == 4, timeout=5000)
    compose.select_account(IPYY)
    compose.editor.edit.setPlainText(text)
    qtbot.waitUntil(lambda: not compose._estimate_timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: compose.ctx.ops.in_flight == 0, timeout=10000)
    return compose, loaded.args[0]


def confirm_and_wait(window, compose, qtbot):
    click(qtbot, compose.send_button)
    qtbot.waitUntil(lambda: compose.confirm_dialog is not None, timeout=10000)
    dialog = compose.confirm_dialog
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000) as done:
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    return done.args[0]


def test_import_xlsx_through_the_wizard_then_send_to_that_group(window, qtbot, sim, tmp_path):
    ctx = window.ctx
    blocked = "13700000099"
    in_worker(lambda: C.blacklist_add(ctx.db, blocked, reason="投诉", source="manual"))
    path = write_xlsx(tmp_path / "客户.xlsx", sample_rows(blocked))
    tab = open_contacts(window, qtbot)
    tab.search.setText("某人")  # a search in the box: the import's group replaces it
    qtbot.waitUntil(lambda: not tab.search.busy and not tab.model.loading, timeout=5000)
    queries: list[ContactFilter] = []  # the filters of the queries run from now on
    keys, first_page = tab.source.keys, tab.source.first_page
    tab.source.keys = lambda: (queries.append(tab.source.filter), keys())[1]
    tab.source.first_page = lambda n: (queries.append(tab.source.filter), first_page(n))[1]
    wizard = run_wizard(tab, qtbot, path, "新客户", ctx.prompts)

    report = wizard.report
    assert report.counts == {
        "imported": 6,
        "updated": 0,
        "duplicates": 1,
        "invalid": 1,
        "empty": 0,
        "blacklisted": 1,
    }
    for key, n in report.counts.items():
        assert wizard.findChild(object, f"importCount_{key}").text() == str(n)
    rejected = wizard.report_page.model
    assert [rejected.data(rejected.index(r, 0)) for r in range(3)] == ["8", "9", "10"]
    assert "黑名单" in rejected.data(rejected.index(2, 1))
    out = tmp_path / "结果.xlsx"
    ctx.prompts.save_answers.append(out)
    click(qtbot, wizard.report_page.export_button)
    qtbot.waitUntil(out.exists, timeout=10000)
    wizard.accept()

    # the tab shows the new group, with exactly the imported contacts
    qtbot.waitUntil(lambda: tab.current_group() is not None, timeout=10000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 6 and not tab.model.loading, timeout=10000)
    assert tab.current_group().name == "新客户"
    assert tab.count_label.text() == "共 6 人"
    # one query for the new group (an import's end started three 100k-row queries, two of
    # them for filters already replaced, competing for the GIL while the report painted): its
    # first page, which holds all six (no second query for the count)
    qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=10000)
    assert queries == [ContactFilter(group=report.group_id)]

    compose, shown = send_via_compose(window, qtbot, tab.send_group_button, "您好{姓名}，新品到店")
    assert shown == 6
    assert compose.estimate.counts()["valid"] == 6  # the count in 发送 is what 通讯录 showed
    assert "新客户" in compose.recipients.file_label.text()
    summary = confirm_and_wait(window, compose, qtbot)
    assert summary.state == JobState.DONE
    sent = {m.phone: m.text for m in sim.account("ipyy", "demo").sent}
    assert sorted(sent) == sorted(GOOD)
    assert sent[GOOD[1]] == "【演示公司】您好客户1，新品到店"


def test_cancelled_import_leaves_nothing(window, qtbot, tmp_path):
    ctx = window.ctx
    path = tmp_path / "大.csv"
    path.write_text(
        "手机号码,姓名\n" + "".join(f"{13800000000 + i},n{i}\n" for i in range(30000)),
        encoding="utf-8",
    )
    tab = open_contacts(window, qtbot)
    ctx.prompts.open_answers.append(path)
    click(qtbot, tab.import_button)
    wizard = tab.wizard
    click(qtbot, wizard.findChild(QPushButton, "importBrowseButton"))
    qtbot.waitUntil(lambda: wizard.table is not None, timeout=10000)
    wizard.next()
    wizard.next()
    wizard.target_page.group.setEditText("取消的")
    page = wizard.progress_page
    original = page.start

    def start_then_cancel() -> None:  # Cancel clicked before the first chunk is written
        original()
        click(qtbot, page.cancel_button)

    page.start = start_then_cancel  # type: ignore[method-assign]
    wizard.next()
    qtbot.waitUntil(lambda: not page.running, timeout=20000)
    assert page.label.text() == "已取消：没有导入任何数据。"
    assert wizard.report is None
    assert in_worker(lambda: [g.name for g in C.groups(ctx.db)]) == []
    wizard.reject()


def test_blacklist_add_then_the_next_send_skips_it(window, qtbot, sim):
    ctx = window.ctx
    numbers = ["13600000001", "13600000002", "13600000003"]

    def setup() -> None:
        for n in numbers:
            C.add_contact(ctx.db, "老客户", n, "客户")

    in_worker(setup)
    tab = open_contacts(window, qtbot)
    gid = in_worker(lambda: C.group_id(ctx.db, "老客户"))
    tab.select_group(gid)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3 and not tab.model.loading, timeout=10000)

    dialog = tab.show_blacklist()
    assert dialog.objectName() == "blacklistDialog"
    ctx.prompts.text_answers.extend([numbers[1], "客户要求"])
    click(qtbot, dialog.findChild(QPushButton, "blacklistAddButton"))
    qtbot.waitUntil(
        lambda: dialog.model.rowCount() == 1 and dialog.model.loaded_pages, timeout=5000
    )
    model = dialog.model
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == numbers[1], timeout=5000)
    assert model.data(model.index(0, 1)) == "客户要求"
    assert model.data(model.index(0, 2)) == "手动添加"
    dialog.close()

    compose, shown = send_via_compose(window, qtbot, tab.send_group_button, "周末活动")
    assert shown == 3
    counts = compose.estimate.counts()
    assert (counts["valid"], counts["blacklisted"]) == (2, 1)
    summary = confirm_and_wait(window, compose, qtbot)
    assert summary.skipped == 1
    assert sorted(m.phone for m in sim.account("ipyy", "demo").sent) == [numbers[0], numbers[2]]


def test_groups_edit_move_and_delete(window, qtbot):
    ctx = window.ctx

    def setup() -> None:
        C.add_contact(ctx.db, "甲", "13500000001", "张三", {"城市": "北京"})
        C.add_contact(ctx.db, "甲", "13500000002", "李四")
        C.create_group(ctx.db, "乙")

    in_worker(setup)
    tab = open_contacts(window, qtbot)
    qtbot.waitUntil(lambda: tab.group_list.count() == 3, timeout=5000)
    ctx.prompts.text_answers.append("丙")
    click(qtbot, tab.findChild(QPushButton, "newGroupButton"))
    qtbot.waitUntil(lambda: tab.group_list.count() == 4, timeout=5000)
    assert tab.current_group() is not None and tab.current_group().name == "丙"

    jia = in_worker(lambda: C.group_id(ctx.db, "甲"))
    tab.select_group(jia)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and not tab.model.loading, timeout=5000)
    tab.view.selectRow(0)
    ctx.prompts.choose_answers.append([g.name for g in tab.groups if g.id != jia].index("乙"))
    click(qtbot, tab.move_button)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and not tab.model.loading, timeout=5000)
    assert [c.name for c in in_worker(lambda: C.list_contacts(ctx.db, "乙"))] == ["张三"]

    # edit the remaining contact through the dialog
    tab.view.selectRow(0)
    click(qtbot, tab.edit_button)
    qtbot.waitUntil(lambda: getattr(tab, "editor", None) is not None, timeout=5000)
    tab.editor.name.setText("李四改")
    tab.editor.add_field("职务", "经理")
    tab.editor.accept()
    qtbot.waitUntil(
        lambda: in_worker(lambda: C.list_contacts(ctx.db, "甲")[0].name) == "李四改", timeout=5000
    )
    assert in_worker(lambda: C.list_contacts(ctx.db, "甲")[0].fields) == {"职务": "经理"}

    ctx.prompts.text_answers.append("甲组")
    click(qtbot, tab.findChild(QPushButton, "renameGroupButton"))
    qtbot.waitUntil(
        lambda: in_worker(lambda: [g.name for g in C.groups(ctx.db)]).count("甲组"), timeout=5000
    )

    tab.view.selectRow(0)
    click(qtbot, tab.delete_button)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0 and not tab.model.loading, timeout=5000)
    click(qtbot, tab.findChild(QPushButton, "deleteGroupButton"))
    qtbot.waitUntil(lambda: tab.group_list.count() == 3, timeout=5000)
    assert [c.kind for c in ctx.prompts.calls].count("confirm") == 2


def test_export_and_template(window, qtbot, tmp_path):
    ctx = window.ctx
    in_worker(lambda: C.add_contact(ctx.db, "甲", "13500000001", "张三"))
    tab = open_contacts(window, qtbot)
    out, tpl = tmp_path / "全部.xlsx", tmp_path / "模板.xlsx"
    ctx.prompts.save_answers.extend([out, tpl])
    click(qtbot, tab.export_button)
    qtbot.waitUntil(out.exists, timeout=5000)
    click(qtbot, tab.template_button)
    qtbot.waitUntil(tpl.exists, timeout=5000)
    table = in_worker(lambda: C.read_table(out))
    assert table.sample[0][:2] == ["13500000001", "张三"]


def test_contacts_model_passes_qt_model_tester(window, qtbot, qtmodeltester):
    ctx = window.ctx
    in_worker(
        lambda: [C.add_contact(ctx.db, "甲", f"135000000{i:02d}", f"n{i}") for i in range(30)]
    )
    tab = open_contacts(window, qtbot)
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 30 and not tab.model.loading, timeout=5000)
    tab.model.data(tab.model.index(0, 0))
    qtbot.waitUntil(lambda: tab.model.loaded_pages == 1, timeout=5000)
    qtmodeltester.check(tab.model, force_py=True)


@pytest.fixture
def hundred_k(ctx, tmp_path, stall_guard):
    """100,000 contacts, imported through the core (in a worker; the test waits for it)."""
    path = tmp_path / "100k.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("手机号码,姓名,城市\n")
        for i in range(100_000):
            f.write(f"{13800000000 + i},{'王' if i % 10 == 0 else '李'}{i},城{i % 7}\n")
    with stall_guard.paused():
        report = in_worker(lambda: C.import_file(ctx.db, path, "十万"))
    assert report.imported == 100_000
    return report


def test_100k_search_sort_selection_stay_off_the_gui_thread(hundred_k, window, qtbot):
    tab = open_contacts(window, qtbot)
    model, view = tab.model, tab.view
    qtbot.waitUntil(lambda: model.rowCount() == 100_000, timeout=10000)
    view.scrollToBottom()  # the scroll bar is exact: the last page is fetched, nothing else
    qtbot.waitUntil(lambda: model.data(model.index(99_999, 1)) == "李99999", timeout=5000)
    assert model.loaded_pages <= 3

    qtbot.keyClicks(tab.search, "99")  # a partial number (and names)
    qtbot.waitUntil(
        lambda: tab.filter.search == "99" and not tab.search.busy and not model.loading,
        timeout=10000,
    )
    expected = in_worker(lambda: C.count_contacts(window.ctx.db, search="99"))
    assert model.rowCount() == expected > 0
    assert tab.count_label.text() == f"找到 {expected:,} 人"

    with qtbot.waitSignal(tab.searched, timeout=10000):
        view.horizontalHeader().sectionClicked.emit(0)  # sort by phone, as a click does
        model.sort(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) not in (None, "…"), timeout=5000)
    assert model.data(model.index(0, 0)) == "13800099999"

    with qtbot.waitSignal(model.counted, timeout=10000):
        tab.search.clear()
    view.selectAll()
    assert tab.send_selection_button.text() == "发送给选中的（100,000）"
    assert len(tab.selected_ids()) == 100_000
    # no QSortFilterProxyModel, no ResizeToContents
    assert view.model() is model
    from PySide6.QtWidgets import QHeaderView

    assert view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert view.verticalHeader().isHidden()  # its width costs headerData() of every row


def test_100k_a_search_shows_its_first_page_then_counts(hundred_k, window, qtbot):
    """The first page comes from a query that stops at a page and is shown at once; the count
    follows from the second query and only appends rows: the rows shown are not reset."""
    tab = open_contacts(window, qtbot)
    model = tab.model
    qtbot.waitUntil(lambda: model.rowCount() == 100_000 and not model.loading, timeout=10000)
    events: list[str] = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda _p, first, last: events.append(f"rows {first}-{last}"))
    seen: dict[str, object] = {}

    def first_page() -> None:
        seen.update(
            partial=model.partial,
            rows=model.rowCount(),
            label=tab.count_label.text(),
            send=tab.send_matching_button.text(),
            cell=model.data(model.index(0, 1)),
        )

    model.loaded.connect(first_page)
    with qtbot.waitSignal(model.counted, timeout=10000):
        tab.search.insert("李")  # as an input method commits it
    expected = in_worker(lambda: C.count_contacts(window.ctx.db, search="李"))
    assert seen == {
        "partial": True,
        "rows": 200,
        "label": "至少 200 人，正在计数…",
        "send": "发送给所有匹配的（200+）",
        "cell": "李1",  # real rows, not placeholders
    }
    assert events == ["reset", f"rows 200-{expected - 1}"]
    assert not model.partial and model.rowCount() == expected == 90_000
    assert tab.count_label.text() == "找到 90,000 人"
    assert tab.send_matching_button.text() == "发送给所有匹配的（90,000）"

    # a result that fits in one page is complete at once: no second query
    events.clear()
    with qtbot.waitSignal(model.counted, timeout=10000):
        tab.search.setText("李9999")
    assert events == ["reset"] and model.rowCount() == 10  # 李9999, 李99991 … 李99999
    assert tab.count_label.text() == "找到 10 人"


def test_deleting_a_contact_just_edited_here_is_no_conflict(window, qtbot):
    """A contact edited in this window and deleted before the table has read it back (its
    change notice not yet handled): the delete goes through, with no "changed by someone
    else" about the user's own edit."""
    ctx = window.ctx
    in_worker(lambda: C.add_contact(ctx.db, "甲", "13500000002", "李四"))
    tab = open_contacts(window, qtbot)
    gid = in_worker(lambda: C.group_id(ctx.db, "甲"))
    tab.select_group(gid)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and not tab.model.loading, timeout=5000)
    tab.view.selectRow(0)
    ctx.changes.blockSignals(True)  # the table does not hear of the edit yet
    try:
        click(qtbot, tab.edit_button)
        qtbot.waitUntil(lambda: getattr(tab, "editor", None) is not None, timeout=5000)
        tab.editor.name.setText("李四改")
        tab.editor.accept()
        qtbot.waitUntil(
            lambda: in_worker(lambda: C.list_contacts(ctx.db, "甲")[0].name) == "李四改",
            timeout=5000,
        )
        assert tab.model.rowCount() == 1  # still the row as read before the edit
        tab.view.selectRow(0)
        click(qtbot, tab.delete_button)
        qtbot.waitUntil(
            lambda: in_worker(lambda: C.list_contacts(ctx.db, "甲")) == [], timeout=5000
        )
    finally:
        ctx.changes.blockSignals(False)
    assert ctx.prompts.of("confirm")[-1].title == "删除联系人"  # no 已被他人修改 asked
    assert ctx.prompts.errors == []
